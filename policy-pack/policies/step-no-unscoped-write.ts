/**
 * `agent-step-no-unscoped-write`: the rule of `agent-no-unscoped-write` at the role's own step, on the documents a role
 * tagged as an agent carries itself (see `lib/step-permissions.ts`), so that a violation blocks
 * before the role is created, under `pulumi up --skip-preview` too. Says nothing when the
 * permissions boundary is another resource: the stack policy judges that role after every step.
 */
import { agentStepPermissionsPolicy } from '../lib/step-permissions';
import { noUnscopedWriteRule } from './no-unscoped-write';

export const agentStepNoUnscopedWrite = agentStepPermissionsPolicy(
  noUnscopedWriteRule,
  'effective',
  "At a role's own step, before it is created, the inline and AWS managed policies of a role tagged as an agent may not allow write or permissions-management actions on every resource of a kind.",
);
