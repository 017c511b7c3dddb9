/**
 * `agent-step-no-resource-exposure`: the rule of `agent-no-resource-exposure` at the role's own step, on the documents a role
 * tagged as an agent carries itself (see `lib/step-permissions.ts`), so that a violation blocks
 * before the role is created, under `pulumi up --skip-preview` too. Says nothing when the
 * permissions boundary is another resource: the stack policy judges that role after every step.
 */
import { agentStepPermissionsPolicy } from '../lib/step-permissions';
import { noResourceExposureRule } from './no-resource-exposure';

export const agentStepNoResourceExposure = agentStepPermissionsPolicy(
  noResourceExposureRule,
  'effective',
  "At a role's own step, before it is created, the inline and AWS managed policies of a role tagged as an agent may not change the resource policies or permissions of every resource of a kind.",
);
