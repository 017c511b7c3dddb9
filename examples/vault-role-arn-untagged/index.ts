/**
 * Wrong: a Vault AWS role hands out credentials for a role that is not declared as an agent (no
 * agent tags, trusting an arbitrary principal), and targets it through `role.arn`, which is
 * unknown at preview. The pack traces the ARN to the role through `propertyDependencies` and judges
 * it as the agent it is. Expect agent-vault-binding (a shadow agent) and agent-owner-required.
 */
import * as aws from '@pulumi/aws';
import * as vault from '@pulumi/vault';

const role = new aws.iam.Role('report-bot', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:role/vault-secrets-engine' },
        Action: ['sts:AssumeRole'],
      },
    ],
  }),
});
new aws.iam.RolePolicyAttachment('report-bot-admin', {
  role,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});
new vault.aws.SecretBackendRole('report-bot', {
  backend: 'aws-agents',
  name: 'report-bot',
  credentialType: 'assumed_role',
  roleArns: [role.arn],
  defaultStsTtl: 900,
  maxStsTtl: 3600,
});
