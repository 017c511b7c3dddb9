/**
 * Wrong: an agent's role with AdministratorAccess attached "just for now". Expect agent-no-admin.
 */
import * as aws from '@pulumi/aws';
import { rawAgent } from '../shared/raw-agent';

const role = rawAgent('incident-responder');

new aws.iam.RolePolicyAttachment('incident-responder-admin', {
  role: role.name,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});
