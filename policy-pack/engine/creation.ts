/**
 * Create actions on what they create: `ec2:RunInstances` on `instance/*` is how every policy
 * launches an instance, since it has no name before it exists. Such a grant is limited by the
 * pre-existing resources the same statement names for the action (its image, subnet, security
 * group): they are judged on their own.
 */
import { ActionSet } from './action-set';
import { lookupAction } from './catalogue';
import { lazy } from './memo';
import { parseArnPattern, withVariablesResolved } from './resource-pattern';
import { CREATE_ACTIONS } from './rules/create-actions';
import { isUnconstrainedResource } from './scope';
import type { ParsedStatement } from './statement';

/** The lower-case resource part of an ARN pattern of `service`, or undefined. */
function resourcePartIn(resource: string, service: string): string | undefined {
  const arn = parseArnPattern(withVariablesResolved(resource.trim()));
  return arn && arn.service === service ? arn.resource.toLowerCase() : undefined;
}

function names(resourcePart: string, types: readonly string[]): boolean {
  return types.some((type) => resourcePart.startsWith(type));
}

/** The create actions of the table that the catalogue knows, looked up once. */
const createActions = lazy(() =>
  [...CREATE_ACTIONS].flatMap(([id, create]) => {
    const action = lookupAction(id);
    return action ? [[action, create] as const] : [];
  }),
);

/**
 * The create actions among `actions` for which `resource` names only what they create, while the
 * statement names, constrained, a pre-existing resource of the action's service.
 */
export function creationGrants(
  statement: ParsedStatement,
  resource: string,
  actions: ActionSet,
): ActionSet {
  const out = ActionSet.empty();
  if (statement.resources.length < 2) return out;
  for (const [action, create] of createActions()) {
    if (!actions.has(action)) continue;
    const part = resourcePartIn(resource, action.service);
    if (part === undefined || !names(part, create.creates)) continue;
    const namesExisting = statement.resources.some((other) => {
      const otherPart = resourcePartIn(other, action.service);
      return (
        otherPart !== undefined && names(otherPart, create.uses) && !isUnconstrainedResource(other)
      );
    });
    if (namesExisting) out.add(action);
  }
  return out;
}
