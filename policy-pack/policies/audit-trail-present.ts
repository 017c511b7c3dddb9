import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../lib/agents';
import { COMPONENT_TYPES } from '../lib/conventions';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { readKnown } from '../lib/unknowns';
import { AgentVerdicts, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-audit-trail-present';

/** How many agent names a message lists before "and N more". */
const NAMES_SHOWN = 5;

const FIX =
  'add an AgentAuditTrail (it creates a CloudTrail trail with log file validation into an Object Lock bucket, and alerts on denied and suspended agents), or an aws.cloudtrail.Trail with enableLogFileValidation: true; if an organization trail in another stack records this account, set this policy to "disabled" in agent-iam.config.json';

function listed(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * A stack that declares agents keeps a tamper-evident record of what they did: "treat agents as
 * high-risk entities ... use immutable logs". CloudTrail's log file validation (CloudTrail User
 * Guide, "Validating CloudTrail log file integrity") makes any change to a delivered log file
 * detectable. Advisory by default: the trail may live in another stack (an organization trail),
 * which one stack cannot see.
 */
export const agentAuditTrailPresent: StackValidationPolicy = {
  name: NAME,
  description:
    'A stack that declares agents also declares a CloudTrail trail with log file validation, such as the AgentAuditTrail component, so that what the agents did is on record and cannot be altered unseen.',
  severity: 'medium',
  enforcementLevel: 'advisory',
  remediationSteps:
    'Add `new AgentAuditTrail("audit", { retention: { years: 1 }, agents: fleet.agents })` after the agents, or an aws.cloudtrail.Trail with enableLogFileValidation: true, isMultiRegionTrail: true and an Object Lock bucket. When an organization trail in another stack records the account, set this policy to "disabled" in agent-iam.config.json.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    if (agents.length === 0) return;
    if (args.resources.some((r) => r.type === COMPONENT_TYPES.auditTrail)) return;

    const trails = args.resources.filter((r) => r.type === RESOURCE_TYPES.cloudTrail);
    const validation = (r: PolicyResource) => readKnown(() => r.props.enableLogFileValidation);
    if (
      trails.some((r) => {
        const k = validation(r);
        return k.known && k.value === true;
      })
    )
      return;

    const names = [...new Set(agents.map((a) => a.agentName))].sort();
    const one = names.length === 1;
    const who = `The stack declares ${names.length} agent${one ? '' : 's'} (${listed(names)})`;
    if (trails.length === 0) {
      const what = one ? 'what it does' : 'what they do';
      v.stackFinding(`${who} but no CloudTrail trail records ${what}; ${FIX}.`);
      return;
    }
    const described = trails.map((r) => {
      const k = validation(r);
      return k.known
        ? `trail "${r.name}" has enableLogFileValidation ${k.value === undefined ? 'unset' : JSON.stringify(k.value)}`
        : `trail "${r.name}" has enableLogFileValidation unknown at preview (${k.path}), so it cannot be seen to be on`;
    });
    v.stackFinding(
      `${who} but no trail validates its log files: ${described.join('; ')}; set enableLogFileValidation: true (a literal, known at preview), or ${FIX}.`,
    );
  },
};
