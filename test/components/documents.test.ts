import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  DEFAULT_BOUNDARY_DENIES,
  agentRoleArn,
  agentRoleName,
  agentSessionTags,
  agentTags,
  boundaryDocument,
  credentialsPath,
  entityMetadata,
  partitionOf,
  permissionsDocument,
  trustPolicyDocument,
  vaultCredentialsPolicy,
} from '../../components/documents';
import { expandActionPattern } from '../../policy-pack/engine';
import { AGENT_NAME_MAX_LENGTH, agentNameProblem } from '../../policy-pack/lib/conventions';

const FIXTURES = path.join(__dirname, '../fixtures/components');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));

const agentNames = fc
  .array(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join('-'))
  .filter((name) => agentNameProblem(name) === undefined);

describe('names and ARNs', () => {
  test('role names fit IAM’s 64 characters for every valid agent name', () => {
    fc.assert(
      fc.property(agentNames, (name) => {
        expect(agentRoleName(name)).toBe(`agent-${name}`);
        expect(agentRoleName(name).length).toBeLessThanOrEqual(6 + AGENT_NAME_MAX_LENGTH);
      }),
    );
  });

  test('the role ARN carries partition, account, path and name', () => {
    expect(agentRoleArn('aws-us-gov', '123456789012', 'triager')).toBe(
      'arn:aws-us-gov:iam::123456789012:role/agents/agent-triager',
    );
  });

  test.each([
    ['arn:aws:iam::123456789012:role/vault', 'aws'],
    ['arn:aws-cn:iam::123456789012:role/vault', 'aws-cn'],
    ['not-an-arn', 'aws'],
  ])('partition of %s is %s', (arn, partition) => {
    expect(partitionOf(arn)).toBe(partition);
  });

  test('credentials are read from the STS endpoint of the agent’s Vault role', () => {
    expect(credentialsPath('aws-agents', 'triager')).toBe('aws-agents/sts/triager');
  });
});

describe('trust policy', () => {
  test('trusts one principal for AssumeRole and TagSession, requiring the agent session tag', () => {
    expect(trustPolicyDocument('arn:aws:iam::123456789012:role/vault', 'triager')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VaultIssuesTaggedSessions',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/vault' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:RequestTag/agent': 'triager' } },
        },
      ],
    });
  });
});

describe('permissions document', () => {
  test('maps statements to Allow statements, keeping Sid and conditions only when given', () => {
    expect(
      permissionsDocument([
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] },
        {
          sid: 'List',
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::b'],
          conditions: { StringLike: { 's3:prefix': ['r/*'] } },
        },
      ]),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] },
        {
          Sid: 'List',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['arn:aws:s3:::b'],
          Condition: { StringLike: { 's3:prefix': ['r/*'] } },
        },
      ],
    });
  });
});

describe('permissions boundary', () => {
  test('the default boundary is the reviewed golden document', () => {
    expect(boundaryDocument({ allow: ['*'], deny: [] })).toEqual(fixture('boundary.default.json'));
  });

  test('every default deny pattern matches real IAM actions (no typo silently denies nothing)', () => {
    for (const group of DEFAULT_BOUNDARY_DENIES) {
      for (const action of group.actions) {
        expect([action, expandActionPattern(action).length > 0]).toEqual([action, true]);
      }
    }
  });

  test('denies every IAM action that writes, tags or manages permissions', () => {
    const denied = new Set(
      DEFAULT_BOUNDARY_DENIES.flatMap((g) => g.actions).flatMap((a) =>
        expandActionPattern(a).map((action) => action.id),
      ),
    );
    const iamChanges = expandActionPattern('iam:*').filter(
      (a) => a.accessLevel !== 'Read' && a.accessLevel !== 'List',
    );
    expect(iamChanges.length).toBeGreaterThan(50);
    expect(iamChanges.map((a) => a.id).filter((id) => !denied.has(id))).toEqual([]);
  });

  test('names boundary removal, access keys, federation and Organizations explicitly', () => {
    const all = DEFAULT_BOUNDARY_DENIES.flatMap((g) => g.actions);
    expect(all).toEqual(
      expect.arrayContaining([
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:CreateAccessKey',
        'sts:GetFederationToken',
        'organizations:*',
      ]),
    );
  });

  test('extra denies become one more Deny statement; allow narrows the Allow', () => {
    const document = boundaryDocument({ allow: ['s3:*'], deny: ['s3:DeleteBucket'] });
    expect(document.Statement[0]).toEqual({
      Sid: 'AllowAgentWork',
      Effect: 'Allow',
      Action: ['s3:*'],
      Resource: ['*'],
    });
    expect(document.Statement.at(-1)).toEqual({
      Sid: 'DenyFleetSpecific',
      Effect: 'Deny',
      Action: ['s3:DeleteBucket'],
      Resource: ['*'],
    });
    expect(document.Statement).toHaveLength(DEFAULT_BOUNDARY_DENIES.length + 2);
  });

  test('fits the 6,144-character limit of a managed policy', () => {
    expect(JSON.stringify(boundaryDocument({ allow: ['*'], deny: [] })).length).toBeLessThan(6144);
  });
});

describe('Vault policy', () => {
  test('is the golden document: read/update on this agent’s sts and creds paths only', () => {
    expect(JSON.parse(vaultCredentialsPolicy('aws-agents', 'ticket-triager'))).toEqual(
      fixture('vault-policy.ticket-triager.json'),
    );
  });
});

describe('tags and metadata', () => {
  const agent = {
    name: 'triager',
    owner: 'team:support',
    purpose: 'Triages tickets',
    expiresOn: '2030-01-31',
  };

  test('agent tags use the pack’s keys and win over user tags', () => {
    expect(agentTags(agent, { team: 'support', 'agent:owner': 'spoofed' })).toEqual({
      team: 'support',
      'agent:runtime': 'vault',
      'agent:name': 'triager',
      'agent:owner': 'team:support',
      'agent:purpose': 'Triages tickets',
      'agent:expires-on': '2030-01-31',
      'agent:managed-by': 'agent-iam',
    });
  });

  test('session tags carry agent and owner', () => {
    expect(agentSessionTags(agent)).toEqual({ agent: 'triager', owner: 'team:support' });
  });

  test('entity metadata names owner, purpose and expiry', () => {
    expect(entityMetadata(agent)).toEqual({
      agent: 'triager',
      owner: 'team:support',
      purpose: 'Triages tickets',
      'expires-on': '2030-01-31',
      'managed-by': 'agent-iam',
    });
  });
});
