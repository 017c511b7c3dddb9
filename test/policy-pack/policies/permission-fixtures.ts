/**
 * Fixtures shared by the tests of the permission policies: one change each to a compliant agent's
 * grants, written as raw `aws.iam.*` resources the way a program would declare them.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import {
  BOUNDARY_ARN,
  find,
  resource,
  roleArn,
  UNKNOWN,
  type AnalyzedResource,
  unknownAtPreview,
} from '../../support/harness';
import { ACCOUNT_ID } from '../../support/constants';
import { compliantAgent } from '../../support/compliant-agent';

export const AGENT = 'ticket-triager';
export const ROLE_NAME = `agent-${AGENT}`;
export const ROLE_ARN = roleArn(ROLE_NAME, '/agents/');
export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const CUSTOMER_POLICY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/agents/ticket-extra`;

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource: string | string[];
  Sid?: string;
  Condition?: Record<string, unknown>;
}

export const documentOf = (...statements: Statement[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allow = (action: string | string[], res: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: res,
});

export const deny = (action: string | string[], res: string | string[] = '*'): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: res,
});

/** The compliant agent's stack (the Agent component's resources), as at update. */
export const agentStack = (): AnalyzedResource[] => compliantAgent(AGENT);

export const roleOf = (resources: AnalyzedResource[]): AnalyzedResource =>
  find(resources, RESOURCE_TYPES.role);

export const rolePolicyOf = (resources: AnalyzedResource[]): AnalyzedResource =>
  find(resources, RESOURCE_TYPES.rolePolicy);

/** The agent's stack with one more resource (or several). */
export const plus = (...extra: AnalyzedResource[]): AnalyzedResource[] => [
  ...agentStack(),
  ...extra,
];

/** The agent's stack with the role's props changed. */
export function withRole(mutate: (props: Record<string, unknown>) => void): AnalyzedResource[] {
  const resources = agentStack();
  mutate(roleOf(resources).props);
  return resources;
}

/** The agent's stack with its RolePolicy's document replaced. */
export function withRolePolicy(...statements: Statement[]): AnalyzedResource[] {
  const resources = agentStack();
  rolePolicyOf(resources).props.policy = documentOf(...statements);
  return resources;
}

export const rolePolicyAttachment = (
  name: string,
  policyArn: string,
  role: string = ROLE_NAME,
): AnalyzedResource => resource(RESOURCE_TYPES.rolePolicyAttachment, name, { role, policyArn });

export const policyAttachment = (
  name: string,
  policyArn: string,
  roles: string[] = [ROLE_NAME],
): AnalyzedResource => resource(RESOURCE_TYPES.policyAttachment, name, { name, roles, policyArn });

export const customerPolicy = (
  name: string,
  document: string,
  props: Record<string, unknown> = {},
): AnalyzedResource =>
  resource(RESOURCE_TYPES.policy, name, {
    name,
    path: '/agents/',
    arn: `arn:aws:iam::${ACCOUNT_ID}:policy/agents/${name}`,
    policy: document,
    ...props,
  });

/** A permissions boundary policy in the stack, set on the agent's role. */
export function withBoundary(...statements: Statement[]): AnalyzedResource[] {
  const boundary = customerPolicy('agent-boundary', documentOf(...statements));
  const resources = [...agentStack(), boundary];
  roleOf(resources).props.permissionsBoundary = boundary.props.arn;
  return resources;
}

/**
 * A raw role written without the components: no tags at all; it is an agent only because a Vault
 * AWS role targets it.
 */
export function rawVaultTargetedRole(...grants: AnalyzedResource[]): AnalyzedResource[] {
  const name = 'legacy-reporter';
  const arn = roleArn(name);
  return [
    resource(RESOURCE_TYPES.role, name, {
      name,
      path: '/',
      arn,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
    resource(RESOURCE_TYPES.vaultAwsRole, `${name}-vault`, {
      backend: 'aws',
      name,
      credentialType: 'assumed_role',
      roleArns: [arn],
    }),
    ...grants,
  ];
}

/** A grant case: the stack, and the source and agent the engine's finding will name. */
export interface GrantCase {
  case: string;
  stack: () => AnalyzedResource[];
  source: string;
  agent: string;
  urn: string;
  /** Said after each finding: the compliant agent's boundary lives in the fleet, not its stack. */
  note: string;
}

/** The note on findings of the compliant agent alone: its boundary is the fleet's, outside. */
export const BOUNDARY_NOTE = ` The permissions boundary ${BOUNDARY_ARN} is neither in this stack nor AWS managed, so this was judged without it.`;

const AGENT_URN = roleOf(agentStack()).urn;
const RAW_URN = roleOf(rawVaultTargetedRole()).urn;

/**
 * The ways a risky statement reaches the agent's role, one per case: inline, RolePolicy, a
 * customer-managed policy attached three ways, and a raw untagged role that a Vault role targets.
 */
export function grantCases(risky: Statement): GrantCase[] {
  const extra = () => customerPolicy('ticket-extra', documentOf(risky));
  const ours = { agent: AGENT, urn: AGENT_URN, note: BOUNDARY_NOTE };
  return [
    {
      case: "in the role's inlinePolicies",
      stack: () =>
        withRole((p) => (p.inlinePolicies = [{ name: 'extra', policy: documentOf(risky) }])),
      source: 'inline:extra',
      ...ours,
    },
    {
      case: 'in a RolePolicy',
      stack: () => withRolePolicy(risky),
      source: 'rolePolicy:ticket-triager-policy',
      ...ours,
    },
    {
      case: 'in a customer-managed policy attached by RolePolicyAttachment',
      stack: () => plus(extra(), rolePolicyAttachment('extra', CUSTOMER_POLICY_ARN)),
      source: 'policy:ticket-extra',
      ...ours,
    },
    {
      case: 'in a customer-managed policy attached by PolicyAttachment',
      stack: () => plus(extra(), policyAttachment('extra', CUSTOMER_POLICY_ARN)),
      source: 'policy:ticket-extra',
      ...ours,
    },
    {
      case: 'in a customer-managed policy listed in managedPolicyArns',
      stack: () => {
        const resources = plus(extra());
        roleOf(resources).props.managedPolicyArns = [CUSTOMER_POLICY_ARN];
        return resources;
      },
      source: 'policy:ticket-extra',
      ...ours,
    },
    {
      case: 'in a RolePolicy of a raw untagged role that a Vault role targets',
      stack: () =>
        rawVaultTargetedRole(
          resource(RESOURCE_TYPES.rolePolicy, 'legacy-policy', {
            role: 'legacy-reporter',
            policy: documentOf(risky),
          }),
        ),
      source: 'rolePolicy:legacy-policy',
      agent: 'legacy-reporter',
      urn: RAW_URN,
      note: '',
    },
  ];
}

/** The ways AdministratorAccess is attached to the agent's role. */
export const adminAttachments: { case: string; stack: () => AnalyzedResource[] }[] = [
  {
    case: 'AdministratorAccess attached by RolePolicyAttachment',
    stack: () => plus(rolePolicyAttachment('admin', ADMIN_ARN)),
  },
  {
    case: 'AdministratorAccess attached by PolicyAttachment',
    stack: () => plus(policyAttachment('admin', ADMIN_ARN)),
  },
  {
    // It attaches what it lists (and detaches the rest): a grant, not only a restriction.
    case: 'AdministratorAccess listed in RolePolicyAttachmentsExclusive',
    stack: () =>
      plus(
        resource(RESOURCE_TYPES.rolePolicyAttachmentsExclusive, 'exclusive', {
          roleName: ROLE_NAME,
          policyArns: [ADMIN_ARN],
        }),
      ),
  },
  {
    case: 'AdministratorAccess listed in managedPolicyArns',
    stack: () => withRole((p) => (p.managedPolicyArns = [ADMIN_ARN])),
  },
];

/** The stack with the risky statement and something that removes it, or a preview unknown. */
export function neutralisedCases(
  risky: Statement,
): { case: string; stack: () => AnalyzedResource[] }[] {
  const actions = risky.Action ?? [];
  return [
    {
      case: 'a Deny of the same actions cancels it',
      stack: () => withRolePolicy(risky, deny(actions)),
    },
    {
      case: 'a permissions boundary that does not allow those actions removes it',
      stack: () => {
        const resources = withBoundary(
          allow([
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'dynamodb:GetItem',
            'dynamodb:PutItem',
          ]),
        );
        rolePolicyOf(resources).props.policy = documentOf(risky);
        return resources;
      },
    },
  ];
}

/** The risky statement inline while the RolePolicy's document is unknown at preview. */
export function unknownDocumentStack(risky: Statement): AnalyzedResource[] {
  const resources = withRole(
    (p) => (p.inlinePolicies = [{ name: 'extra', policy: documentOf(risky) }]),
  );
  rolePolicyOf(resources).props.policy = UNKNOWN;
  return resources;
}

export const UNKNOWN_DOCUMENT_VIOLATION = {
  enforcementLevel: 'mandatory',
  urn: AGENT_URN,
  message: unknownAtPreview(
    'ticket-triager',
    'the policy document of rolePolicy:ticket-triager-policy',
    'aws:iam/rolePolicy:RolePolicy "ticket-triager-policy".policy',
  ),
};
