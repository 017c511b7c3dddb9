/**
 * The AWS account and region the mock providers answer for (`aws.getCallerIdentity`, every ARN),
 * and where each came from, so the report can say it: `--account`/`--region` win over the stack
 * config's `aws:allowedAccountIds` (first entry) and `aws:region`, which win over the defaults.
 */
import * as path from 'path';
import { StackConfigError } from './stack-config';

/** The account the mock providers answer for when nothing names one. */
export const MOCK_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

/** An AWS account id: twelve digits. */
export const ACCOUNT_ID = /^\d{12}$/;
/**
 * An AWS region name: `<area>[-gov|-iso|-isob]-<direction>-<n>`, as the regions and partitions
 * listed at https://docs.aws.amazon.com/general/latest/gr/rande.html (us-east-1, eu-central-2,
 * us-gov-west-1, cn-north-1, us-isob-east-1, ...).
 */
export const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export interface MockTarget {
  account: string;
  /** Where `account` came from, e.g. `aws:allowedAccountIds in Pulumi.dev.yaml`. */
  accountFrom: string;
  region: string;
  regionFrom: string;
  partition: string;
}

export interface MockTargetFlags {
  account?: string;
  region?: string;
}

/**
 * The partition of a region, as the botocore endpoint data lists them
 * (https://github.com/boto/botocore/blob/develop/botocore/data/partitions.json).
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

function allowedAccountIds(raw: string, where: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = raw;
  }
  const ids = Array.isArray(parsed) ? parsed : [parsed];
  for (const id of ids) {
    if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) {
      throw new StackConfigError(
        `${where}: aws:allowedAccountIds holds ${JSON.stringify(id)}, not an AWS account id; list 12-digit ids, e.g. ["123456789012"]`,
      );
    }
  }
  return ids as string[];
}

/**
 * The target of the mock providers. `config` is the program's (fully qualified keys), `keySources`
 * the file each key came from.
 */
export function mockTarget(
  config: Record<string, string>,
  keySources: Record<string, string>,
  flags: MockTargetFlags,
): MockTarget {
  const file = (key: string): string => path.basename(keySources[key] ?? 'the stack config');
  const rawIds = config['aws:allowedAccountIds'];
  const ids =
    rawIds === undefined
      ? []
      : allowedAccountIds(rawIds, keySources['aws:allowedAccountIds'] ?? '');
  const fromConfig =
    ids.length === 0
      ? undefined
      : ids.length === 1
        ? `aws:allowedAccountIds in ${file('aws:allowedAccountIds')}`
        : `the first of ${ids.length} aws:allowedAccountIds in ${file('aws:allowedAccountIds')}: ${ids.join(', ')}`;
  let account: string;
  let accountFrom: string;
  if (flags.account !== undefined) {
    account = flags.account;
    accountFrom =
      ids.length > 0 && ids[0] !== flags.account
        ? `--account, overriding ${ids[0]} from ${fromConfig}`
        : '--account';
  } else if (ids.length > 0) {
    account = ids[0];
    accountFrom = fromConfig as string;
  } else {
    account = MOCK_ACCOUNT;
    accountFrom = 'default: no aws:allowedAccountIds or --account';
  }

  const configRegion = config['aws:region'];
  let region: string;
  let regionFrom: string;
  if (flags.region !== undefined) {
    region = flags.region;
    regionFrom =
      configRegion !== undefined && configRegion !== flags.region
        ? `--region, overriding ${configRegion} from aws:region in ${file('aws:region')}`
        : '--region';
  } else if (configRegion !== undefined) {
    if (!REGION_NAME.test(configRegion)) {
      throw new StackConfigError(
        `${keySources['aws:region'] ?? 'stack config'}: aws:region is ${JSON.stringify(configRegion)}, not an AWS region name; use one such as us-east-1`,
      );
    }
    region = configRegion;
    regionFrom = `aws:region in ${file('aws:region')}`;
  } else {
    region = DEFAULT_REGION;
    regionFrom = 'default: no aws:region or --region';
  }
  return { account, accountFrom, region, regionFrom, partition: partitionOf(region) };
}
