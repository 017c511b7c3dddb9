import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentTrustRestricted } from '../../../policy-pack/policies/trust-restricted';
import {
  compliantAgent,
  compliantConfig,
  find,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  VAULT_PRINCIPAL_ARN,
  verdicts,
  withProps,
} from '../harness';

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const ROLE_URN = find(compliantAgent(), RESOURCE_TYPES.role).urn;
const WHO = 'Agent "ticket-triager": trust policy of role "agent-ticket-triager"';
const ONLY = `allow only "${VAULT_PRINCIPAL_ARN}".`;
type Statement = Record<string, unknown>;
const vaultStatement = (): Statement => ({
  Sid: 'VaultIssuesAgentCredentials',
  Effect: 'Allow',
  Principal: { AWS: VAULT_PRINCIPAL_ARN },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
  Condition: { StringEquals: { 'aws:RequestTag/agent': 'ticket-triager' } },
});
const withTrust = (statements: Statement[]) =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
    p.assumeRolePolicy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  });
const extra = (principal: unknown): Statement => ({
  Effect: 'Allow',
  Principal: principal,
  Action: 'sts:AssumeRole',
});

describe('agent-trust-restricted', () => {
  test.each([
    {
      case: 'Principal "*"',
      statements: [vaultStatement(), extra('*')],
      message: `${WHO}: Principal "*" lets any AWS principal assume the role; ${ONLY}`,
    },
    {
      case: 'AWS "*"',
      statements: [vaultStatement(), extra({ AWS: '*' })],
      message: `${WHO}: Principal "*" lets any AWS principal assume the role; ${ONLY}`,
    },
    {
      case: 'a whole account by :root',
      statements: [vaultStatement(), extra({ AWS: 'arn:aws:iam::123456789012:root' })],
      message: `${WHO}: the whole account "arn:aws:iam::123456789012:root" may assume the role, i.e. any principal in it that its own policies allow; ${ONLY}`,
    },
    {
      case: 'a whole account by bare id',
      statements: [vaultStatement(), extra({ AWS: '210987654321' })],
      message: `${WHO}: the whole account "210987654321" may assume the role, i.e. any principal in it that its own policies allow; ${ONLY}`,
    },
    {
      case: 'a service principal',
      statements: [vaultStatement(), extra({ Service: 'lambda.amazonaws.com' })],
      message: `${WHO}: the service principal "lambda.amazonaws.com" may assume the role; agents are assumed only by Vault; ${ONLY}`,
    },
    {
      case: 'a federated principal',
      statements: [
        vaultStatement(),
        {
          ...extra({
            Federated:
              'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          }),
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      ],
      message: `${WHO}: the federated principal "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" may assume the role; agents are assumed only by Vault; ${ONLY}`,
    },
    {
      case: 'an undeclared role',
      statements: [vaultStatement(), extra({ AWS: 'arn:aws:iam::123456789012:role/other' })],
      message: `${WHO}: "arn:aws:iam::123456789012:role/other" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor a declared delegation (delegations); ${ONLY}`,
    },
    {
      case: 'no sts:TagSession',
      statements: [{ ...vaultStatement(), Action: 'sts:AssumeRole' }],
      message: `${WHO} does not allow sts:TagSession for the Vault principal, so sessions cannot carry the "agent" tag; add "sts:TagSession" to the statement's actions.`,
    },
    {
      case: 'no agent session-tag condition',
      statements: [{ ...vaultStatement(), Condition: undefined }],
      message: `${WHO}: statement "VaultIssuesAgentCredentials" lets Vault assume the role without requiring the "agent" session tag; add the condition StringEquals "aws:RequestTag/agent": "ticket-triager".`,
    },
    {
      case: 'session tag for another agent',
      statements: [
        {
          ...vaultStatement(),
          Condition: { StringEquals: { 'aws:RequestTag/agent': 'report-reader' } },
        },
      ],
      message: `${WHO}: statement "VaultIssuesAgentCredentials" requires the "agent" session tag to be "report-reader", not the agent's name; require StringEquals "aws:RequestTag/agent": "ticket-triager".`,
    },
    {
      case: 'wildcard session tag',
      statements: [
        { ...vaultStatement(), Condition: { StringLike: { 'aws:RequestTag/agent': '*' } } },
      ],
      message: `${WHO}: statement "VaultIssuesAgentCredentials" lets Vault assume the role without requiring the "agent" session tag; add the condition StringEquals "aws:RequestTag/agent": "ticket-triager".`,
    },
    {
      case: 'Vault not trusted at all',
      statements: [extra({ AWS: 'arn:aws:iam::123456789012:role/other' })],
      message: `${WHO}: "arn:aws:iam::123456789012:role/other" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor a declared delegation (delegations); ${ONLY}`,
    },
  ])('$case', async ({ statements, message }) => {
    const ds = verdicts(await runStackPolicy(agentTrustRestricted, withTrust(statements)));
    expect(ds[0]).toEqual({ enforcementLevel: 'mandatory', urn: ROLE_URN, message });
  });

  test('a role trusting only another role, but tagged as agent, also says Vault cannot assume it', async () => {
    const ds = verdicts(
      await runStackPolicy(
        agentTrustRestricted,
        withTrust([extra({ AWS: 'arn:aws:iam::123456789012:role/other' })]),
      ),
    );
    expect(ds.map((d) => d.message)).toEqual([
      `${WHO}: "arn:aws:iam::123456789012:role/other" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor a declared delegation (delegations); ${ONLY}`,
      `${WHO} does not let the Vault principal assume the role, so Vault cannot issue its credentials; allow "${VAULT_PRINCIPAL_ARN}" to call sts:AssumeRole and sts:TagSession.`,
    ]);
  });

  test('a declared delegation may assume the agent role', async () => {
    const delegate = 'arn:aws:iam::123456789012:role/agents/agent-orchestrator';
    const ds = await runStackPolicy(
      agentTrustRestricted,
      withTrust([vaultStatement(), extra({ AWS: delegate })]),
      {
        ...compliantConfig,
        delegations: [{ agent: 'ticket-triager', principals: [delegate] }],
      },
    );
    expect(ds).toEqual([]);
  });

  test('a trust policy unknown at preview is an advisory, not a silent pass', async () => {
    const resources = withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
      p.assumeRolePolicy = UNKNOWN;
    });
    expect(verdicts(await runStackPolicy(agentTrustRestricted, resources))).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: ROLE_URN,
        message:
          'Agent "ticket-triager": the trust policy (assumeRolePolicy) is unknown at preview (.assumeRolePolicy); it will be verified at update.',
      },
    ]);
  });

  test('without configured Vault principals the policy says what to configure', async () => {
    const ds = verdicts(
      await runStackPolicy(agentTrustRestricted, compliantAgent(), { vaultPrincipalArns: [] }),
    );
    expect(ds.map((d) => d.message)).toEqual([
      `${WHO}: "${VAULT_PRINCIPAL_ARN}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor a declared delegation (delegations); allow only the Vault principal (set vaultPrincipalArns in the policy-pack config).`,
      `${WHO} cannot be checked: no Vault principal is configured; set vaultPrincipalArns in the policy-pack config to the IAM principal Vault's AWS secrets engine uses.`,
    ]);
  });
});
