/**
 * Wrong: AdministratorAccess reaches the agent through aws.iam.RolePolicyAttachmentsExclusive,
 * which reads like a restriction ("only these policies") but attaches every ARN it lists. Expect
 * agent-no-admin.
 */
import * as aws from '@pulumi/aws';
import { rawAgent } from '../shared/raw-agent';

const role = rawAgent('sales-exporter');
new aws.iam.RolePolicyAttachmentsExclusive('sales-exporter-only-these', {
  roleName: role.name,
  policyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
});
