/**
 * Effective permissions follow every path: roles the agent can assume (chains, cycles) and
 * resource policies of the stack that grant its role.
 */
import { RESOURCE_TYPES } from '../../../../policy-pack/lib/resource-types';
import { agentNoAdmin } from '../../../../policy-pack/policies/no-admin';
import { agentNoWildcardActions } from '../../../../policy-pack/policies/no-wildcard-actions';
import { assumedRoles } from '../../../../policy-pack/lib/permissions';
import { gatherRolePermissions } from '../../../../policy-pack/lib/permissions';
import { discoverAgents } from '../../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../../policy-pack/lib/config';
import {
  ACCOUNT_ID,
  compliantAgent,
  compliantConfig,
  compliantFleet,
  resource,
  roleArn,
  runStackPolicy,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../../support/harness';
import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';

useFixtureClockInEachTest();

const AGENT_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-triager`;
const doc = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], res: string | string[]) => ({
  Effect: 'Allow',
  Action: action,
  Resource: res,
});
const trusting = (principal: string) =>
  doc([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }]);

function role(name: string, trust: string, statements: object[]): AnalyzedResource {
  return resource(RESOURCE_TYPES.role, name, {
    name,
    path: '/',
    arn: roleArn(name),
    assumeRolePolicy: trust,
    inlinePolicies: [{ name: `${name}-policy`, policy: doc(statements) }],
  });
}

/** The compliant agent, also allowed `sts:AssumeRole` on `target`. */
function agentThatAssumes(target: string): AnalyzedResource[] {
  return compliantAgent().map((r) =>
    r.type === RESOURCE_TYPES.rolePolicy
      ? {
          ...r,
          props: {
            ...r.props,
            policy: doc([
              allow('sqs:ReceiveMessage', `arn:aws:sqs:us-east-1:${ACCOUNT_ID}:support-tickets`),
              allow('sts:AssumeRole', target),
            ]),
          },
        }
      : r,
  );
}

/** Runs `read` on the stack as a stack policy sees it (through the analyzer, as the server does). */
async function onStack<T>(stack: AnalyzedResource[], read: (r: PolicyResource[]) => T): Promise<T> {
  let result: T | undefined;
  const probe: StackValidationPolicy = {
    name: 'agent-probe',
    description: 'Reads the stack.',
    enforcementLevel: 'advisory',
    validateStack: (args) => {
      result = read(args.resources);
    },
  };
  await runStackPolicy(probe, stack);
  return result as T;
}

function reachedLabels(stack: AnalyzedResource[]): Promise<string[][]> {
  return onStack(stack, (resources) => {
    const [agent] = discoverAgents(resources, PackConfigSchema.parse(compliantConfig));
    return assumedRoles(resources, agent, gatherRolePermissions(resources, agent)).map(
      (r) => r.path,
    );
  });
}

describe('reach through sts:AssumeRole', () => {
  test('a two-hop chain to an admin role is the agent’s admin, with the path', async () => {
    const stack = [
      ...compliantFleet(),
      ...agentThatAssumes(roleArn('hop')),
      role('hop', trusting(AGENT_ARN), [allow('sts:AssumeRole', roleArn('admin'))]),
      role('admin', trusting(roleArn('hop')), [allow('*', '*')]),
    ];
    expect(await reachedLabels(stack)).toEqual([
      ['agent-ticket-triager', 'hop'],
      ['agent-ticket-triager', 'hop', 'admin'],
    ]);
    const verdicts = await verdictsOf(agentNoAdmin, stack);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].enforcementLevel).toBe('mandatory');
    expect(verdicts[0].message).toMatch(
      /^Agent "ticket-triager": through sts:AssumeRole into role "admin" \(agent-ticket-triager → hop → admin\): /,
    );
  });

  test('a cycle ends: each role is reached once', async () => {
    const stack = [
      ...compliantFleet(),
      ...agentThatAssumes(roleArn('a')),
      role('a', trusting(AGENT_ARN), [allow('sts:AssumeRole', [roleArn('b'), AGENT_ARN])]),
      role('b', trusting(roleArn('a')), [allow('sts:AssumeRole', roleArn('a'))]),
    ];
    expect(await reachedLabels(stack)).toEqual([
      ['agent-ticket-triager', 'a'],
      ['agent-ticket-triager', 'a', 'b'],
    ]);
  });

  test('a role whose trust does not let the agent in is not reached, whatever the agent may call', async () => {
    const stack = [
      ...compliantFleet(),
      ...agentThatAssumes('*'),
      role('admin', trusting('arn:aws:iam::999999999999:role/other'), [allow('*', '*')]),
    ];
    expect(await reachedLabels(stack)).toEqual([]);
  });

  test('a trust of the whole account lets the agent in when its policy allows the call', async () => {
    const stack = [
      ...compliantFleet(),
      ...agentThatAssumes(`arn:aws:iam::${ACCOUNT_ID}:role/*`),
      role('admin', trusting(`arn:aws:iam::${ACCOUNT_ID}:root`), [allow('*', '*')]),
    ];
    expect(await reachedLabels(stack)).toEqual([['agent-ticket-triager', 'admin']]);
  });

  test('without sts:AssumeRole on the role, nothing is reached', async () => {
    const stack = [
      ...compliantFleet(),
      ...compliantAgent(),
      role('admin', trusting(AGENT_ARN), [allow('*', '*')]),
    ];
    expect(await reachedLabels(stack)).toEqual([]);
  });
});

describe('reach through resource policies', () => {
  const bucketPolicy = (statement: object) =>
    resource('aws:s3/bucketPolicy:BucketPolicy', 'data-policy', {
      bucket: 'data',
      policy: doc([statement]),
    });
  const everything = {
    Effect: 'Allow',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
  };

  test('a bucket policy naming the agent’s role adds its grant, named by its source', async () => {
    const stack = [
      ...compliantFleet(),
      ...compliantAgent(),
      bucketPolicy({ ...everything, Principal: { AWS: AGENT_ARN } }),
    ];
    const verdicts = await verdictsOf(agentNoWildcardActions, stack);
    expect(verdicts.map((v) => v.enforcementLevel)).toEqual(['mandatory']);
    expect(verdicts[0].message).toContain('bucket policy "data-policy"');
    expect(verdicts[0].message).toMatch(/^Agent "ticket-triager": /);
  });

  test('a wildcard principal limited to the agent’s account grants it too', async () => {
    const stack = [
      ...compliantFleet(),
      ...compliantAgent(),
      bucketPolicy({
        ...everything,
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT_ID } },
      }),
    ];
    const verdicts = await verdictsOf(agentNoWildcardActions, stack);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].message).toContain('bucket policy "data-policy"');
  });

  test.each([
    [
      'a role of another account',
      { Principal: { AWS: 'arn:aws:iam::999999999999:role/agents/agent-ticket-triager' } },
    ],
    [
      'a wildcard principal limited to another account',
      { Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '999999999999' } } },
    ],
    [
      'the account root, which only delegates',
      { Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` } },
    ],
    ['a service', { Principal: { Service: 'lambda.amazonaws.com' } }],
  ])('%s is not a grant to this agent', async (_case, principal) => {
    const stack = [
      ...compliantFleet(),
      ...compliantAgent(),
      bucketPolicy({ ...everything, ...principal }),
    ];
    expect(await verdictsOf(agentNoWildcardActions, stack)).toEqual([]);
  });

  test('a key policy’s "*" resource is the key itself, not every resource', async () => {
    const key = resource('aws:kms/key:Key', 'agent-key', {
      arn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234`,
      policy: doc([
        { Effect: 'Allow', Principal: { AWS: AGENT_ARN }, Action: 'kms:Decrypt', Resource: '*' },
      ]),
    });
    const granted = await onStack([...compliantFleet(), ...compliantAgent(), key], (resources) => {
      const [agent] = discoverAgents(resources, PackConfigSchema.parse(compliantConfig));
      return gatherRolePermissions(resources, agent).permissions.policies.find(
        (p) => p.source === 'key policy "agent-key"',
      );
    });
    expect(granted?.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: [`arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234`],
        },
      ],
    });
  });
});
