/**
 * A resource's tag scopes a statement only while the principal cannot set that tag itself
 * (self-tagging.ts): with a tagging action of the service on every resource, in the same document
 * or another policy of the role, `aws:ResourceTag/<key>` limits nothing. Tagging limited to other
 * keys, other resource types, other services, named resources, creation, or denied, leaves it.
 */
import { judgeEffectivePermissions, judgePolicy } from '../../../policy-pack/engine';
import type { PolicyVerdict } from '../../../policy-pack/engine/types';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const doc = (...Statement: Statement[]): object => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[], Condition?: object) =>
  ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }) as Statement;

const USERS = 'arn:aws:iam::123456789012:user/*';
const teamTag = { StringEquals: { 'aws:ResourceTag/team': 'dev' } };
/** Creates access keys only for users tagged team=dev: scoped, unless it can tag users. */
const keysForTeam = allow('iam:CreateAccessKey', USERS, teamTag);
const restartTagged = allow(
  ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'],
  'arn:aws:ec2:*:*:instance/*',
  { StringEquals: { 'ec2:ResourceTag/owner': 'agent-7' } },
);
const readTaggedSecrets = allow('secretsmanager:GetSecretValue', '*', {
  StringEquals: { 'secretsmanager:ResourceTag/app': 'billing' },
});

function summary(verdict: PolicyVerdict): string[] {
  return [...new Set(verdict.findings.map((f) => f.privescMethod ?? f.category))].sort();
}

describe('a resource tag the principal can set itself scopes nothing', () => {
  test.each([
    {
      case: 'iam:TagUser on "*" beside keys for team=dev users (CloudGoat key rotation)',
      document: doc(keysForTeam, allow('iam:TagUser', '*')),
      includes: ['CreateAccessKey', 'credentials-exposure'],
    },
    {
      case: 'iam:Tag* on user/* and the iam:ResourceTag spelling',
      document: doc(
        allow('iam:CreateAccessKey', USERS, {
          StringEquals: { 'iam:ResourceTag/team': 'dev' },
        }),
        allow('iam:Tag*', USERS),
      ),
      includes: ['CreateAccessKey', 'credentials-exposure'],
    },
    {
      case: 'tagging allowed for exactly that key (aws:TagKeys, odd case)',
      document: doc(
        keysForTeam,
        allow('IAM:taguser', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['TEAM'] } }),
      ),
      includes: ['CreateAccessKey'],
    },
    {
      case: 'tagging allowed for a key pattern that covers it (aws:RequestTag/te*)',
      document: doc(
        keysForTeam,
        allow('iam:TagUser', '*', { StringLike: { 'aws:RequestTag/te*': '*' } }),
      ),
      includes: ['CreateAccessKey'],
    },
    {
      case: 'ec2:CreateTags on "*" beside a restart of instances tagged owner=agent-7',
      document: doc(restartTagged, allow('ec2:CreateTags', '*')),
      includes: ['ModifyEC2InstanceUserDataThenRestart'],
    },
    {
      case: 'secretsmanager:TagResource on "*" beside reads of secrets tagged app=billing',
      document: doc(readTaggedSecrets, allow('secretsmanager:TagResource', '*')),
      includes: ['data-exfiltration'],
    },
    {
      case: 'a Deny of tagging on other resources only',
      document: doc(keysForTeam, allow('iam:TagUser', '*'), {
        Effect: 'Deny',
        Action: 'iam:TagUser',
        Resource: 'arn:aws:iam::123456789012:user/admin',
      }),
      includes: ['CreateAccessKey'],
    },
  ])('$case', ({ document, includes }) => {
    expect(summary(judgePolicy(document))).toEqual(expect.arrayContaining(includes));
  });

  test('the tagging permission may come from another policy of the role', () => {
    const verdict = judgeEffectivePermissions({
      policies: [
        { source: 'keys', document: doc(keysForTeam) },
        { source: 'tags', document: doc(allow('iam:TagUser', '*')) },
      ],
    });
    expect(summary(verdict)).toEqual(expect.arrayContaining(['CreateAccessKey']));
  });
});

describe('a resource tag the principal cannot set still scopes', () => {
  test.each([
    { case: 'no tagging permission', document: doc(keysForTeam) },
    {
      case: 'tagging limited to another key (aws:TagKeys costcenter)',
      document: doc(
        keysForTeam,
        allow('iam:TagUser', '*', {
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['costcenter'] },
        }),
      ),
    },
    {
      case: 'tagging one named user only',
      document: doc(keysForTeam, allow('iam:TagUser', 'arn:aws:iam::123456789012:user/alice')),
    },
    {
      case: 'tagging roles, not users',
      document: doc(keysForTeam, allow('iam:TagRole', '*')),
    },
    {
      case: 'tagging in another service',
      document: doc(keysForTeam, allow(['s3:PutBucketTagging', 'ec2:CreateTags'], '*')),
    },
    {
      case: 'tagging sessions, not users (sts:TagSession, sts:TagGetWebIdentityToken)',
      document: doc(keysForTeam, allow(['sts:TagSession', 'sts:TagGetWebIdentityToken'], '*')),
    },
    {
      case: 'tagging only users already tagged team=dev',
      document: doc(
        keysForTeam,
        allow('iam:TagUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'dev' } }),
      ),
    },
    {
      case: 'an explicit Deny of the tagging on "*"',
      document: doc(keysForTeam, allow('iam:TagUser', '*'), {
        Effect: 'Deny',
        Action: 'iam:Tag*',
        Resource: '*',
      }),
    },
    {
      case: 'a tagging statement whose condition can never hold',
      document: doc(
        keysForTeam,
        allow('iam:TagUser', '*', {
          DateLessThan: { 'aws:TokenIssueTime': '2015-01-01T00:00:00Z' },
        }),
      ),
    },
  ])('$case: no privilege escalation, no credentials exposure', ({ document }) => {
    const found = summary(judgePolicy(document));
    expect(found).not.toContain('CreateAccessKey');
    expect(found).not.toContain('credentials-exposure');
  });

  test('ec2:CreateTags only when creating (ec2:CreateAction) leaves the owner tag scoping', () => {
    const document = doc(
      restartTagged,
      allow('ec2:CreateTags', '*', { StringEquals: { 'ec2:CreateAction': 'RunInstances' } }),
    );
    expect(summary(judgePolicy(document))).not.toContain('ModifyEC2InstanceUserDataThenRestart');
  });

  test('assuming roles tagged project=abc stays scoped beside sts:TagSession on "*"', () => {
    const document = doc(
      allow('sts:AssumeRole', '*', { StringEquals: { 'iam:ResourceTag/project': 'abc' } }),
      allow('sts:TagSession', '*'),
    );
    expect(summary(judgePolicy(document))).not.toContain('credentials-exposure');
  });

  test('reads of tagged secrets stay scoped without secretsmanager:TagResource', () => {
    const document = doc(
      readTaggedSecrets,
      allow(
        'secretsmanager:UntagResource',
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf',
      ),
    );
    expect(summary(judgePolicy(document))).not.toContain('data-exfiltration');
  });
});
