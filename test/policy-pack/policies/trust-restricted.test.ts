import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentTrustRestricted } from '../../../policy-pack/policies/trust-restricted';
import {
  compliantConfig,
  compliantUrnOf,
  mandatory,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withRoleProps,
  unknownAtPreview,
} from '../../support/harness';
import { VAULT_PRINCIPAL_ARN } from '../../support/constants';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const ROLE_URN = compliantUrnOf(RESOURCE_TYPES.role);
const WHO = 'Agent "ticket-triager": trust policy of role "agent-ticket-triager"';
const ONLY = `allow only "${VAULT_PRINCIPAL_ARN}".`;
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/other';
type Statement = Record<string, unknown>;
/** The compliant agent's one trust statement. */
const vaultStatement = (): Statement => ({
  Sid: 'VaultIssuesAgentCredentials',
  Effect: 'Allow',
  Principal: { AWS: VAULT_PRINCIPAL_ARN },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
  Condition: { StringEquals: { 'aws:RequestTag/agent': 'ticket-triager' } },
});
const withTrust = (statements: Statement[]) =>
  withRoleProps((p) => {
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
      statements: [vaultStatement(), extra({ AWS: OTHER_ROLE })],
      message: `${WHO}: "arn:aws:iam::123456789012:role/other" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo); ${ONLY}`,
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
      case: 'Vault not trusted at all: another role is, and Vault cannot assume it',
      statements: [extra({ AWS: OTHER_ROLE })],
      message: `${WHO}: "${OTHER_ROLE}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo); ${ONLY}`,
      also: `${WHO} does not let the Vault principal assume the role, so Vault cannot issue its credentials; allow "${VAULT_PRINCIPAL_ARN}" to call sts:AssumeRole and sts:TagSession.`,
    },
    {
      case: 'Vault allowed "sts:Assume*" without the session tag',
      statements: [
        vaultStatement(),
        { Effect: 'Allow', Principal: { AWS: VAULT_PRINCIPAL_ARN }, Action: 'sts:Assume*' },
      ],
      message: `${WHO}: Statement[1] lets Vault assume the role without requiring the "agent" session tag; add the condition StringEquals "aws:RequestTag/agent": "ticket-triager".`,
    },
    {
      case: 'NotPrincipal, without calling the principal it excludes trusted',
      statements: [
        vaultStatement(),
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::123456789012:user/bob' },
          Action: 'sts:AssumeRole',
        },
      ],
      message: `${WHO}: NotPrincipal trusts every principal it does not list; ${ONLY}`,
    },
  ])('$case is a violation', async ({ statements, message, also }) => {
    expect(await verdictsOf(agentTrustRestricted, withTrust(statements))).toEqual(
      [message, ...(also ? [also] : [])].map((m) => mandatory(ROLE_URN, m)),
    );
  });

  test('a declared delegation may assume the agent role', async () => {
    const delegate = 'arn:aws:iam::123456789012:role/agents/agent-orchestrator';
    const ds = await verdictsOf(
      agentTrustRestricted,
      withTrust([vaultStatement(), extra({ AWS: delegate })]),
      {
        ...compliantConfig,
        delegations: [{ agent: 'ticket-triager', principals: [delegate] }],
      },
    );
    expect(ds).toEqual([]);
  });

  test('a trust policy unknown at preview is a violation, not a silent pass', async () => {
    const resources = withRoleProps((p) => (p.assumeRolePolicy = UNKNOWN));
    expect(await verdictsOf(agentTrustRestricted, resources)).toEqual([
      mandatory(
        ROLE_URN,
        unknownAtPreview(
          'ticket-triager',
          'the trust policy (assumeRolePolicy)',
          'aws:iam/role:Role "ticket-triager-role".assumeRolePolicy',
        ),
      ),
    ]);
  });

  test('without configured Vault principals the policy says what to configure', async () => {
    const ds = await verdictsOf(agentTrustRestricted, compliantAgent(), { vaultPrincipalArns: [] });
    expect(ds.map((d) => d.message)).toEqual([
      `${WHO}: "${VAULT_PRINCIPAL_ARN}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo); allow only the Vault principal (set vaultPrincipalArns in the policy-pack config).`,
      `${WHO} cannot be checked: no Vault principal is configured; set vaultPrincipalArns in the policy-pack config to the IAM principal Vault's AWS secrets engine uses.`,
    ]);
  });
});
