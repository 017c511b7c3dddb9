import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import {
  aiAgentResources,
  type AiResourceUse,
  aiResourceUses,
  readString,
  readTag,
  trustsAiService,
} from '../lib/agents';
import { modelInvokeGrants } from '../lib/ai-workloads';
import { gatherRolePermissions, userGrants } from '../lib/permissions';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { readKnown } from '../lib/unknowns';
import { NATIVE_RUNTIMES } from '../lib/runtimes';
import { type AgentSubject, AgentVerdicts, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-ai-workload-declared';

const DECLARE =
  'declare it through the Agent component (`runtime` says where it runs) and pass `agent.roleArn` to the resource, or tag the role with agent:name, agent:owner, agent:purpose and agent:expires-on so the pack judges it as an agent';

/**
 * Shadow AI: a role an AI-agent resource runs with, that trusts an AI service, or that can invoke
 * models, but that nobody declared as an agent. A stack policy: the resource that runs with a role
 * and the attachments that grant it are other resources of the stack.
 */
export const agentAiWorkloadDeclared: StackValidationPolicy = {
  name: NAME,
  description:
    'Every AI workload (a role an AI-agent resource runs with, that trusts an AI service, or that can invoke models) is declared as an agent.',
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps: `Declare the workload as an agent: ${DECLARE}. A role that calls models but is not an agent goes under knownModelCallers in the policy-pack config, with a reason.`,
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const uses = aiResourceUses(args.resources);
    for (const role of args.resources.filter((r) => r.type === RESOURCE_TYPES.role)) {
      const name = readString(role, 'name');
      const label = name.known && name.value ? name.value : role.name;
      const subject: AgentSubject = {
        agentName: label,
        urn: role.urn,
        resource: role,
        ...(name.known && name.value ? { roleName: name.value } : {}),
      };
      v.judge(subject, () => judgeRole(v, subject, role, args.resources, uses.get(role) ?? []));
    }
    // An AI-agent resource that runs with a role this stack does not declare: an agent nobody
    // can see, however well the stack's own roles are declared.
    const used = new Set([...uses.values()].flat().map((u) => u.resource));
    for (const use of aiAgentResources(args.resources)) {
      if (used.has(use.resource)) continue;
      judgeOutsideRole(v, use);
    }
    // An IAM user that can invoke models is an AI workload with long-lived credentials (access
    // keys, a password) that no Agent declares: never an agent, so never excused as one.
    for (const user of args.resources.filter((r) => r.type === RESOURCE_TYPES.user)) {
      const name = readString(user, 'name');
      const label = name.known && name.value ? name.value : user.name;
      const subject: AgentSubject = { agentName: label, urn: user.urn, resource: user };
      v.judge(subject, () => judgeUser(v, subject, user, args.resources));
    }
  },
};

function judgeUser(
  v: AgentVerdicts,
  subject: AgentSubject,
  user: PolicyResource,
  resources: PolicyResource[],
): void {
  const { policies, unseen } = userGrants(resources, user);
  const grants = modelInvokeGrants(policies);
  if (grants.length > 0) {
    return v.violation(
      subject,
      `IAM user "${subject.agentName}" is an undeclared AI workload with long-lived credentials: it can invoke models (${[...new Set(grants.map((g) => `${g.pattern} in ${g.source}`))].join(', ')}). Run it as an agent instead: a role declared through the Agent component, with short-lived credentials from Vault; then remove the model grants from the user, or delete the user.`,
    );
  }
  if (unseen.length > 0) {
    v.advisory(
      subject,
      `IAM user "${subject.agentName}": whether it can invoke models is unknown at preview (${unseen.join(', ')}); write its policies as objects or from names known at preview so the gate sees them before the user exists.`,
    );
  }
}

function judgeOutsideRole(v: AgentVerdicts, use: AiResourceUse): void {
  const { resource, runtime, argument, title } = use;
  const subject: AgentSubject = { agentName: resource.name, urn: resource.urn, resource };
  v.judge(subject, () => {
    // Read as written, not as a string: a role given as anything else is quoted as given.
    const value = readKnown(() => resource.props[argument] as unknown);
    if (!value.known) {
      return v.unknown(
        subject,
        `the role ${title} "${resource.name}" runs with (${argument})`,
        value.path,
        resource,
      );
    }
    // Given no role (the argument is optional for a browser and a code interpreter), the resource
    // assumes none: it has no AWS identity of its own for anyone to own or scope.
    const given = value.value;
    if (given === undefined || given === null || given === '') return;
    const declare = runtime
      ? `new Agent(name, { fleet, runtime: "${runtime}", owner, purpose, expiresOn, permissions }) and ${NATIVE_RUNTIMES[runtime].wiring}`
      : `an aws.iam.Role tagged agent:name, agent:owner, agent:purpose and agent:expires-on, trusting only the service that runs it, passed as ${argument}`;
    return v.violation(
      subject,
      `${title} "${resource.name}" runs with role ${JSON.stringify(given)} (${argument}), which this stack does not declare, so the pack cannot see who owns it or what it can do; declare its role here: ${declare}.`,
    );
  });
}

function judgeRole(
  v: AgentVerdicts,
  subject: AgentSubject,
  role: PolicyResource,
  resources: PolicyResource[],
  uses: AiResourceUse[],
): void {
  const tag = readTag(role, v.config.tagKeys.name);
  const declared = tag.known && typeof tag.value === 'string' && tag.value.trim() !== '';
  if (declared) return;

  // Evidence that cannot be excused: an AI-agent resource runs with the role, or it trusts an AI
  // service, so it is an agent.
  const agentEvidence = uses.map(
    (u) => `${u.title} "${u.resource.name}" runs with it (${u.argument})`,
  );
  for (const service of trustsAiService(role)) {
    agentEvidence.push(`its trust policy admits ${service}`);
  }
  const { permissions, unverifiable } = gatherRolePermissions(resources, {
    role,
    ...(subject.roleName ? { roleName: subject.roleName } : {}),
  });
  const grants = modelInvokeGrants(permissions.policies);
  const known = v.config.knownModelCallers.find(
    (c) =>
      subject.roleName !== undefined && c.role.toLowerCase() === subject.roleName.toLowerCase(),
  );
  const callEvidence =
    grants.length === 0
      ? []
      : [
          `it can invoke models (${[...new Set(grants.map((g) => `${g.pattern} in ${g.source}`))].join(', ')})`,
        ];

  if (agentEvidence.length === 0 && callEvidence.length > 0 && known) {
    v.advisory(
      subject,
      `Role "${subject.agentName}" invokes models and is listed under knownModelCallers as not an agent: ${known.reason}.`,
    );
    return;
  }
  const evidence = [...agentEvidence, ...callEvidence];
  if (evidence.length > 0) {
    if (!tag.known) {
      // Tagged, but the name is computed: it may well be declared; say what cannot be seen.
      return v.unknown(
        subject,
        `the ${v.config.tagKeys.name} tag of an AI workload`,
        tag.path,
        role,
      );
    }
    const runtime = uses.find((u) => u.runtime !== undefined)?.runtime;
    const how = runtime
      ? `new Agent(name, { fleet, runtime: "${runtime}", owner, purpose, expiresOn, permissions }) and ${NATIVE_RUNTIMES[runtime].wiring}`
      : DECLARE;
    return v.violation(
      subject,
      `Role "${subject.agentName}" is an undeclared AI workload: ${evidence.join('; ')}. Declare it: ${how}.${agentEvidence.length === 0 ? ' If it calls models but is not an agent, list it under knownModelCallers in the policy-pack config with a reason.' : ''}`,
    );
  }
  // Preview unknowns only: a boundary never grants, and a policy outside the program is never seen.
  const unseen = unverifiable.filter((u) => u.resolvesAtUpdate && !u.kind.endsWith('boundary'));
  if (unseen.length > 0) {
    v.advisory(
      subject,
      `Role "${subject.agentName}": whether it can invoke models is unknown at preview (${unseen.map((u) => u.what).join(', ')}); write its policies as objects or from names known at preview so the gate sees them before the role exists.`,
    );
  }
}
