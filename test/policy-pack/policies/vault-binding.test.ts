import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentVaultBinding } from '../../../policy-pack/policies/vault-binding';
import {
  compliantUrnOf,
  find,
  mandatory,
  resource,
  roleArn,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type AnalyzedResource,
  type Props,
  type Verdict,
  unknownAtPreview,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const ROLE_URN = compliantUrnOf(RESOURCE_TYPES.role);
const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const ARN = roleArn('agent-ticket-triager', '/agents/');
const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';
const OUTSIDE_ARN = 'arn:aws:iam::210987654321:role/admin';

/** The compliant agent with the props of its Vault AWS role changed. */
const withVaultRole = (mutate: (p: Props) => void, resources = compliantAgent()) =>
  withProps(resources, RESOURCE_TYPES.vaultAwsRole, mutate);

/** A second role tagged with the same agent name, and its own Vault role. */
const COPY_ARN = roleArn('agent-ticket-triager-copy', '/agents/');
const copyRole = resource(RESOURCE_TYPES.role, 'copy-role', {
  ...find(compliantAgent(), RESOURCE_TYPES.role).props,
  name: 'agent-ticket-triager-copy',
  arn: COPY_ARN,
});
const copyVaultRole = resource(RESOURCE_TYPES.vaultAwsRole, 'copy-vault-role', {
  ...find(compliantAgent(), RESOURCE_TYPES.vaultAwsRole).props,
  name: 'ticket-triager-copy',
  roleArns: [COPY_ARN],
});

/** A second Vault role targeting the agent's role. */
const secondVaultRole = resource(RESOURCE_TYPES.vaultAwsRole, 'second', {
  backend: 'aws',
  name: 'second',
  credentialType: 'assumed_role',
  roleArns: [ARN],
  defaultStsTtl: 900,
  maxStsTtl: 3600,
});

/** An untagged role that is not an agent by itself. */
const SHADOW_ARN = roleArn('shadow');
const shadowRole = resource(RESOURCE_TYPES.role, 'shadow', {
  name: 'shadow',
  arn: SHADOW_ARN,
  maxSessionDuration: 3600,
});

describe('agent-vault-binding', () => {
  test.each<{ case: string; stack: () => AnalyzedResource[]; verdicts: Verdict[] }>([
    {
      case: 'an agent role no Vault role targets',
      stack: () => compliantAgent().filter((r) => r.type !== RESOURCE_TYPES.vaultAwsRole),
      verdicts: [
        mandatory(
          ROLE_URN,
          `${WHO} is targeted by no Vault AWS role, so its credentials cannot come from Vault; declare a vault.aws.SecretBackendRole with credentialType "assumed_role" and roleArns set to this role's ARN.`,
        ),
      ],
    },
    {
      case: 'two roles under one agent name',
      stack: () => [...compliantAgent(), copyRole, copyVaultRole],
      verdicts: [
        mandatory(
          ROLE_URN,
          `${WHO} shares the agent name with role "agent-ticket-triager-copy"; an agent is one identity with one role: give each role its own agent:name.`,
        ),
        mandatory(
          copyRole.urn,
          'Agent "ticket-triager": role "agent-ticket-triager-copy" shares the agent name with role "agent-ticket-triager"; an agent is one identity with one role: give each role its own agent:name.',
        ),
      ],
    },
    {
      case: 'two Vault roles targeting one agent role',
      stack: () => [...compliantAgent(), secondVaultRole],
      verdicts: [
        mandatory(
          ROLE_URN,
          `${WHO} is targeted by 2 Vault AWS roles ("ticket-triager", "second"); keep exactly one, so that credentials and the audit log are per agent.`,
        ),
      ],
    },
    {
      case: 'a Vault role that also targets an untagged role: a shadow agent',
      stack: () =>
        withVaultRole((p) => (p.roleArns = [ARN, SHADOW_ARN]), [...compliantAgent(), shadowRole]),
      verdicts: [
        mandatory(
          VAULT_URN,
          `${VAULT_ROLE} targets 2 roles ("${ARN}", "${SHADOW_ARN}"); a Vault role must target exactly one agent role, so declare one Vault role per agent.`,
        ),
        mandatory(
          VAULT_URN,
          `${VAULT_ROLE} targets role "${SHADOW_ARN}", whose tag "agent:name" is missing: a shadow agent; declare the role as an agent (tags agent:name, agent:owner, agent:expires-on) or remove it from roleArns.`,
        ),
      ],
    },
    {
      case: "max STS TTL longer than the role's max session",
      stack: () => withVaultRole((p) => (p.maxStsTtl = 7200)),
      verdicts: [
        mandatory(
          ROLE_URN,
          `${WHO}: Vault AWS role "ticket-triager" has maxStsTtl 7200 (2h), longer than the role's maxSessionDuration 3600 (1h), so STS refuses the credentials Vault promises; set maxStsTtl to at most 3600.`,
        ),
      ],
    },
    {
      case: 'matches by name and path when the role ARN is unknown at preview',
      stack: () => withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => (p.arn = UNKNOWN)),
      verdicts: [],
    },
    {
      case: 'a Vault role targeting a role outside the stack, leaving the agent role untargeted',
      stack: () => withVaultRole((p) => (p.roleArns = [OUTSIDE_ARN])),
      verdicts: [
        mandatory(
          ROLE_URN,
          `${WHO} is targeted by no Vault AWS role, so its credentials cannot come from Vault; declare a vault.aws.SecretBackendRole with credentialType "assumed_role" and roleArns set to this role's ARN.`,
        ),
        mandatory(
          VAULT_URN,
          `${VAULT_ROLE} targets "${OUTSIDE_ARN}", which is not a role in this stack, so the pack cannot judge it: a shadow agent; declare the role here as an agent, or remove it from roleArns.`,
        ),
      ],
    },
    {
      case: 'roleArns unknown at preview, traced to no role, is a violation',
      stack: () => withVaultRole((p) => (p.roleArns = [UNKNOWN])),
      verdicts: [
        mandatory(
          ROLE_URN,
          unknownAtPreview(
            'ticket-triager',
            'which Vault AWS role targets role "agent-ticket-triager" (roleArns of "ticket-triager")',
            'vault:aws/secretBackendRole:SecretBackendRole "ticket-triager-vault-role".roleArns.0',
          ),
        ),
      ],
    },
  ])('$case', async ({ stack, verdicts }) => {
    expect(await verdictsOf(agentVaultBinding, stack())).toEqual(verdicts);
  });
});
