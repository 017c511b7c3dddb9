/**
 * `agent-step-no-wildcard-actions`: the rule of `agent-no-wildcard-actions` at the role's own step, on the documents a role
 * tagged as an agent carries itself (see `lib/step-permissions.ts`), so that a violation blocks
 * before the role is created, under `pulumi up --skip-preview` too.
 */
import { agentStepPermissionsPolicy } from '../lib/step-permissions';
import { noWildcardActionsRule } from './no-wildcard-actions';

export const agentStepNoWildcardActions = agentStepPermissionsPolicy(
  noWildcardActionsRule,
  'as-written',
  "At a role's own step, before it is created, a role tagged as an agent may not allow wildcard actions or NotAction in its inline policies or the AWS managed policies it names.",
);
