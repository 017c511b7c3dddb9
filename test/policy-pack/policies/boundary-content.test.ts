/**
 * agent-permissions-boundary-required judges what the boundary says, not only that there is one:
 * a boundary counts when the pack can read it and it leaves boundary.requiredDenies denied. What
 * an agent's own policies allow and the boundary caps is an advisory (latent grants).
 */
import { boundaryDocument } from '../../../components/documents';
import { REQUIRED_BOUNDARY_DENY_ACTIONS } from '../../../policy-pack/lib/boundary-denies';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentPermissionsBoundaryRequired } from '../../../policy-pack/policies/permissions-boundary-required';
import {
  advisory,
  BOUNDARY_ARN,
  compliantConfig,
  compliantStack,
  find,
  mandatory,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type AnalyzedResource,
  type Props,
  type Verdict,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const stack = () => compliantStack('ticket-triager');
const ROLE_URN = find(stack(), RESOURCE_TYPES.role).urn;
const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';
const ALL_REQUIRED =
  '"iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary", "iam:CreatePolicyVersion" and 42 more (47) of boundary.requiredDenies: it leaves the agent "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary", "iam:CreatePolicyVersion" and 349 more (354)';
const NOT_CAPPING =
  "so it does not cap the agent; deny them in the boundary with a Deny statement without condition, as the AgentFleet's boundary does.";
const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };

const withBoundaryDocument = (document: unknown) =>
  withProps(stack(), RESOURCE_TYPES.policy, (p) => {
    p.policy = typeof document === 'string' ? document : JSON.stringify(document);
  });
const withRole = (mutate: (p: Props) => void) => withProps(stack(), RESOURCE_TYPES.role, mutate);
const defaultStatements = boundaryDocument({ allow: ['*'], deny: [] }).Statement;

describe('agent-permissions-boundary-required: the boundary must cap', () => {
  test.each<{ case: string; resources: () => AnalyzedResource[]; message: string }>([
    {
      case: "AWS's AdministratorAccess as the boundary",
      resources: () =>
        withRole((p) => (p.permissionsBoundary = 'arn:aws:iam::aws:policy/AdministratorAccess')),
      message: `${WHO} has permissionsBoundary "arn:aws:iam::aws:policy/AdministratorAccess" (AWS's AdministratorAccess), which does not deny ${ALL_REQUIRED}, ${NOT_CAPPING}`,
    },
    {
      case: "AWS's PowerUserAccess as the boundary (it allows sso:* and some iam:Create*)",
      resources: () =>
        withRole((p) => (p.permissionsBoundary = 'arn:aws:iam::aws:policy/PowerUserAccess')),
      message: `${WHO} has permissionsBoundary "arn:aws:iam::aws:policy/PowerUserAccess" (AWS's PowerUserAccess), which does not deny "iam:Create*", "iam:Delete*", "sso:*", "identitystore:*", "sts:GetFederationToken" and 7 more (12) of boundary.requiredDenies: it leaves the agent "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "sso:AddRegion", "sso:AssociateDirectory", "sso:AssociateProfile" and 164 more (169), ${NOT_CAPPING}`,
    },
    {
      case: 'a boundary of Allow * with no Deny',
      resources: () => withBoundaryDocument({ Version: '2012-10-17', Statement: [ALLOW_ALL] }),
      message: `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which does not deny ${ALL_REQUIRED}, ${NOT_CAPPING}`,
    },
    {
      case: 'a boundary whose denies all carry a condition (a conditional Deny may not apply)',
      resources: () =>
        withBoundaryDocument({
          Version: '2012-10-17',
          Statement: [
            ALLOW_ALL,
            {
              Effect: 'Deny',
              Action: [...REQUIRED_BOUNDARY_DENY_ACTIONS],
              Resource: '*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        }),
      message: `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which does not deny ${ALL_REQUIRED}, ${NOT_CAPPING}`,
    },
    {
      case: "the fleet's boundary without its audit-tampering deny",
      resources: () =>
        withBoundaryDocument({
          Version: '2012-10-17',
          Statement: defaultStatements.filter((s) => s.Sid !== 'DenyAuditTampering'),
        }),
      message: `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which does not deny "cloudtrail:DeleteTrail", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors" of boundary.requiredDenies: it leaves the agent "cloudtrail:DeleteTrail", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors", ${NOT_CAPPING}`,
    },
    {
      case: 'a boundary the pack cannot see (not in the stack, not AWS managed)',
      resources: () => compliantAgent(),
      message: `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which is neither an aws.iam.Policy of this stack nor an AWS managed policy, so the pack cannot see what it caps and it does not count as a boundary; declare the boundary policy in this stack (the AgentFleet component does).`,
    },
    {
      case: 'a boundary whose document is not JSON',
      resources: () => withBoundaryDocument('{not json'),
      message: `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which does not count as a boundary: the policy document of boundary:policy:fleet-boundary is not valid JSON (Expected property name or '}' in JSON at position 1); write it with JSON.stringify or aws.iam.getPolicyDocument.`,
    },
  ])('$case does not count as a boundary', async ({ resources, message }) => {
    const urn = find(resources(), RESOURCE_TYPES.role).urn;
    expect(await verdictsOf(agentPermissionsBoundaryRequired, resources())).toEqual([
      mandatory(urn, message),
    ]);
  });

  test.each<{ case: string; allow: string[]; deny: string[] }>([
    { case: 'allowing everything', allow: ['*'], deny: [] },
    { case: 'allowing a few services', allow: ['s3:*', 'sqs:*', 'dynamodb:*'], deny: [] },
    { case: 'with fleet-specific denies', allow: ['*'], deny: ['s3:DeleteBucket'] },
  ])("the fleet's default boundary, built by the components $case, caps", async (c) => {
    const resources = withBoundaryDocument(boundaryDocument({ allow: c.allow, deny: c.deny }));
    expect(await verdictsOf(agentPermissionsBoundaryRequired, resources)).toEqual([]);
  });

  test('requiredDenies is configurable: an allow-list boundary caps by not allowing', async () => {
    const config = { ...compliantConfig, boundary: { requiredDenies: ['s3:DeleteBucket'] } };
    const allowList = withBoundaryDocument({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'dynamodb:*'], Resource: '*' }],
    });
    expect(await verdictsOf(agentPermissionsBoundaryRequired, allowList, config)).toEqual([]);
    expect(await verdictsOf(agentPermissionsBoundaryRequired, stack(), config)).toEqual([
      mandatory(
        ROLE_URN,
        `${WHO} has permissionsBoundary "${BOUNDARY_ARN}", which does not deny "s3:DeleteBucket" of boundary.requiredDenies: it leaves the agent "s3:DeleteBucket", ${NOT_CAPPING}`,
      ),
    ]);
  });
});

describe('agent-permissions-boundary-required: latent grants', () => {
  const withGrant = (statement: Record<string, unknown>) =>
    withProps(stack(), RESOURCE_TYPES.rolePolicy, (p) => {
      const document = JSON.parse(p.policy as string) as { Statement: unknown[] };
      document.Statement.push(statement);
      p.policy = JSON.stringify(document);
    });

  test.each<{ case: string; resources: () => AnalyzedResource[]; verdicts: Verdict[] }>([
    {
      case: 'grants the boundary denies are declared but capped',
      resources: () =>
        withGrant({
          Effect: 'Allow',
          Action: ['iam:CreateAccessKey', 'cloudtrail:StopLogging'],
          Resource: '*',
        }),
      verdicts: [
        advisory(
          ROLE_URN,
          `${WHO}: declared but capped by the boundary: "cloudtrail:StopLogging", "iam:CreateAccessKey"; these grants do nothing today and become live the day the boundary changes; remove them from the agent's policies.`,
        ),
      ],
    },
    {
      case: 'a grant outside an allow-list boundary is declared but capped',
      resources: () => {
        const resources = withGrant({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
        return withProps(resources, RESOURCE_TYPES.policy, (p) => {
          p.policy = JSON.stringify(boundaryDocument({ allow: ['sqs:*', 'dynamodb:*'], deny: [] }));
        });
      },
      verdicts: [
        advisory(
          ROLE_URN,
          `${WHO}: declared but capped by the boundary: "s3:GetObject"; these grants do nothing today and become live the day the boundary changes; remove them from the agent's policies.`,
        ),
      ],
    },
    {
      case: "a grant the agent's own Deny removes is not latent (the boundary is not what caps it)",
      resources: () => {
        const resources = withGrant({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
        return withProps(resources, RESOURCE_TYPES.rolePolicy, (p) => {
          const document = JSON.parse(p.policy as string) as { Statement: unknown[] };
          document.Statement.push({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' });
          p.policy = JSON.stringify(document);
        });
      },
      verdicts: [],
    },
  ])('$case', async ({ resources, verdicts }) => {
    expect(await verdictsOf(agentPermissionsBoundaryRequired, resources())).toEqual(verdicts);
  });
});
