/**
 * The account and region the mock providers answer for: `--account`/`--region` over the stack
 * config's `aws:allowedAccountIds` (first) and `aws:region`, over the defaults; each says whence.
 */
import { MOCK_ACCOUNT, mockTarget, StackConfigError } from '../../offline';

const STACK = '/p/Pulumi.dev.yaml';

test('defaults, said to be defaults', () => {
  expect(mockTarget({}, {}, {})).toEqual({
    account: MOCK_ACCOUNT,
    accountFrom: 'default: no aws:allowedAccountIds or --account',
    region: 'us-east-1',
    regionFrom: 'default: no aws:region or --region',
    partition: 'aws',
  });
});

test('from the stack config, naming the file', () => {
  const config = { 'aws:allowedAccountIds': '["111122223333"]', 'aws:region': 'eu-west-1' };
  const sources = { 'aws:allowedAccountIds': STACK, 'aws:region': STACK };
  expect(mockTarget(config, sources, {})).toEqual({
    account: '111122223333',
    accountFrom: 'aws:allowedAccountIds in Pulumi.dev.yaml',
    region: 'eu-west-1',
    regionFrom: 'aws:region in Pulumi.dev.yaml',
    partition: 'aws',
  });
});

test('several allowed accounts: the first, and the output lists them', () => {
  const config = { 'aws:allowedAccountIds': '["111122223333","444455556666"]' };
  expect(mockTarget(config, { 'aws:allowedAccountIds': STACK }, {}).accountFrom).toBe(
    'the first of 2 aws:allowedAccountIds in Pulumi.dev.yaml: 111122223333, 444455556666',
  );
});

test('flags override the stack config, and the output says so', () => {
  const config = { 'aws:allowedAccountIds': '["111122223333"]', 'aws:region': 'eu-west-1' };
  const sources = { 'aws:allowedAccountIds': STACK, 'aws:region': STACK };
  const target = mockTarget(config, sources, { account: '999988887777', region: 'cn-north-1' });
  expect(target).toEqual({
    account: '999988887777',
    accountFrom: '--account, overriding 111122223333 from aws:allowedAccountIds in Pulumi.dev.yaml',
    region: 'cn-north-1',
    regionFrom: '--region, overriding eu-west-1 from aws:region in Pulumi.dev.yaml',
    partition: 'aws-cn',
  });
});

test.each([
  { region: 'us-gov-west-1', partition: 'aws-us-gov' },
  { region: 'us-isob-east-1', partition: 'aws-iso-b' },
  { region: 'ap-southeast-4', partition: 'aws' },
])('region $region is in partition $partition', ({ region, partition }) => {
  expect(mockTarget({}, {}, { region }).partition).toBe(partition);
});

test.each<{ case: string; config: Record<string, string>; message: string }>([
  {
    case: 'an allowed account id that is not 12 digits',
    config: { 'aws:allowedAccountIds': '["12345"]' },
    message:
      '/p/Pulumi.dev.yaml: aws:allowedAccountIds holds "12345", not an AWS account id; list 12-digit ids, e.g. ["123456789012"]',
  },
  {
    case: 'a region that is not a region name',
    config: { 'aws:region': 'Ireland' },
    message:
      '/p/Pulumi.dev.yaml: aws:region is "Ireland", not an AWS region name; use one such as us-east-1',
  },
])('$case in the stack config is refused', ({ config, message }) => {
  const sources = { 'aws:allowedAccountIds': STACK, 'aws:region': STACK };
  expect(() => mockTarget(config, sources, {})).toThrow(StackConfigError);
  expect(() => mockTarget(config, sources, {})).toThrow(message);
});
