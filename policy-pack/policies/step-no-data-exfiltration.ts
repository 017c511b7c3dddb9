/**
 * `agent-step-no-data-exfiltration`: the rule of `agent-no-data-exfiltration` at the role's own step, on the documents a role
 * tagged as an agent carries itself (see `lib/step-permissions.ts`), so that a violation blocks
 * before the role is created, under `pulumi up --skip-preview` too. Says nothing when the
 * permissions boundary is another resource: the stack policy judges that role after every step.
 */
import { agentStepPermissionsPolicy } from '../lib/step-permissions';
import { noDataExfiltrationRule } from './no-data-exfiltration';

export const agentStepNoDataExfiltration = agentStepPermissionsPolicy(
  noDataExfiltrationRule,
  'effective',
  "At a role's own step, before it is created, the inline and AWS managed policies of a role tagged as an agent may not read objects, parameters, secrets or decrypt with keys across a whole account.",
);
