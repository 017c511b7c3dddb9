/**
 * Test harness for the policy pack. Builds `AnalyzedResource`s with realistic URNs and runs one
 * policy through `offline/analyzer.ts`, which builds the arguments exactly as `@pulumi/policy`'s server
 * does: props through a protobuf Struct and `unknownCheckingProxy`, `getConfig` with the schema's
 * defaults, `isType`/`asType`, `notApplicable`. Unknowns are the engine's `UNKNOWN` sentinel.
 *
 * `compliantAgent()` (from `compliant-agent.ts`, built by the components' own document builders) is
 * what an Agent component produces for one agent; policy tests start from it and change one field
 * per case.
 */
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import {
  analyzeResource,
  analyzeStack,
  normalizePolicyConfig,
  type AnalysisResult,
  type AnalyzedResource,
  type Diagnostic,
  type PackUnderTest,
  UNKNOWN,
} from '../../offline';
import type { PackConfigInput } from '../../policy-pack/lib/config';
import { boundaryDocument } from '../../components/documents';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';
import { compliantAgent } from './compliant-agent';
import { VAULT_PRINCIPAL_ARN } from './constants';
import { BOUNDARY_ARN, resource, useFixtureClock } from './resources';
import { RESOURCE_TYPES } from '../../policy-pack/lib/resource-types';

export { UNKNOWN };
export type { AnalyzedResource, Diagnostic };

export {
  BOUNDARY_ARN,
  FIXTURE_EXPIRES_ON,
  FIXTURE_NOW,
  PROJECT,
  resource,
  roleArn,
  STACK,
  useFixtureClock,
} from './resources';
export { ACCOUNT_ID, REGION, VAULT_PRINCIPAL_ARN } from './constants';
export { compliantAgent, type AgentFixtureOptions } from './compliant-agent';

/** The AgentFleet's shared resources: the component and the permissions boundary policy. */
export function compliantFleet(): AnalyzedResource[] {
  const fleet = resource(COMPONENT_TYPES.fleet, 'fleet', {});
  return [
    fleet,
    resource(
      RESOURCE_TYPES.policy,
      'fleet-boundary',
      {
        name: 'agent-boundary',
        path: '/agents/',
        arn: BOUNDARY_ARN,
        // The fleet's default boundary, as the components build it.
        policy: JSON.stringify(boundaryDocument({ allow: ['*'], deny: [] })),
      },
      { parent: fleet },
    ),
  ];
}

/** A fleet with one compliant agent per name, parented as the components parent them. */
export function compliantStack(...names: string[]): AnalyzedResource[] {
  const fleet = compliantFleet();
  return [...fleet, ...names.flatMap((n) => compliantAgent(n, { parent: fleet[0] }))];
}

/** What an AgentAuditTrail declares that the pack reads: the component and its validated trail. */
export function compliantAuditTrail(validation: unknown = true): AnalyzedResource[] {
  const component = resource(COMPONENT_TYPES.auditTrail, 'audit', {});
  return [
    component,
    resource(
      RESOURCE_TYPES.cloudTrail,
      'audit-trail',
      {
        name: 'audit',
        s3BucketName: 'audit-logs',
        enableLogFileValidation: validation,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
      },
      { parent: component },
    ),
  ];
}

/** Pack config for the fixtures: the Vault principal and an owner registry the fixtures satisfy. */
export const compliantConfig: PackConfigInput = {
  vaultPrincipalArns: [VAULT_PRINCIPAL_ARN],
  owners: { emailDomains: ['example.com'], teams: ['support', 'finance', 'platform'] },
};

/** The first resource of `type` (optionally whose Pulumi name is `name`); throws when none. */
export function find(resources: AnalyzedResource[], type: string, name?: string): AnalyzedResource {
  const found = resources.find((r) => r.type === type && (name === undefined || r.name === name));
  if (!found) throw new Error(`fixture has no ${type}${name ? ` named ${name}` : ''}`);
  return found;
}

/** A deep copy of `resources` with `mutate` applied to the props of the first resource of `type`. */
export function withProps(
  resources: AnalyzedResource[],
  type: string,
  mutate: (props: Record<string, unknown>) => void,
): AnalyzedResource[] {
  const copy = structuredClone(resources);
  mutate(find(copy, type).props);
  return copy;
}

/** The tags of the first role in `resources` (mutable). */
export function roleTags(props: Record<string, unknown>): Record<string, unknown> {
  return props.tags as Record<string, unknown>;
}

const PACK_VERSION: string = require('../../policy-pack/package.json').version; // eslint-disable-line @typescript-eslint/no-require-imports

function packOf(policy: Policy): PackUnderTest {
  return {
    name: 'agent-iam',
    version: PACK_VERSION,
    enforcementLevel: 'mandatory',
    policies: [policy],
  };
}

function configFor(policy: Policy, config: PackConfigInput | undefined) {
  return normalizePolicyConfig(packOf(policy), config ? { [policy.name]: config } : {});
}

/** The full analyzer result of one resource policy on one resource. */
export async function analyzeWithResourcePolicy(
  policy: ResourceValidationPolicy,
  target: AnalyzedResource,
  config: PackConfigInput = compliantConfig,
): Promise<AnalysisResult> {
  return analyzeResource(packOf(policy), target, configFor(policy, config));
}

/** The full analyzer result of one stack policy on `resources`. */
export async function analyzeWithStackPolicy(
  policy: StackValidationPolicy,
  resources: AnalyzedResource[],
  config: PackConfigInput = compliantConfig,
): Promise<AnalysisResult> {
  return analyzeStack(packOf(policy), resources, configFor(policy, config));
}

/** Diagnostics of one resource policy on one resource; config defaults to `compliantConfig`. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  target: AnalyzedResource,
  config?: PackConfigInput,
): Promise<Diagnostic[]> {
  return (await analyzeWithResourcePolicy(policy, target, config)).diagnostics;
}

/** Diagnostics of one stack policy on `resources`; config defaults to `compliantConfig`. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: AnalyzedResource[],
  config?: PackConfigInput,
): Promise<Diagnostic[]> {
  return (await analyzeWithStackPolicy(policy, resources, config)).diagnostics;
}

/** What a test asserts of a diagnostic: level, resource and message. */
export function verdicts(
  ds: Diagnostic[],
): { enforcementLevel: string; urn?: string; message: string }[] {
  return ds.map((d) => ({
    enforcementLevel: d.enforcementLevel,
    ...(d.urn !== undefined ? { urn: d.urn } : {}),
    message: d.message,
  }));
}

/** What a test asserts of a diagnostic (see `verdicts`). */
export type Verdict = ReturnType<typeof verdicts>[number];

/** Level, resource and message of every diagnostic of one stack policy on `resources`. */
export async function verdictsOf(
  policy: StackValidationPolicy,
  resources: AnalyzedResource[],
  config?: PackConfigInput,
): Promise<Verdict[]> {
  return verdicts(await runStackPolicy(policy, resources, config));
}

/** A violation that blocks the deployment. */
export const mandatory = (urn: string, message: string): Verdict => ({
  enforcementLevel: 'mandatory',
  urn,
  message,
});

/** A diagnostic that does not block: an unknown at preview, or an exempted violation. */
export const advisory = (urn: string, message: string): Verdict => ({
  enforcementLevel: 'advisory',
  urn,
  message,
});

/** Props of one fixture resource, as a table row's `mutate` changes them. */
export type Props = Record<string, unknown>;

/** Freezes the clock at FIXTURE_NOW around every test of the calling file. */
export function useFixtureClockInEachTest(): void {
  beforeEach(() => useFixtureClock());
  afterEach(() => jest.useRealTimers());
}

/** The URN of the compliant agent's resource of `type` (agent "ticket-triager"). */
export const compliantUrnOf = (type: string): string => find(compliantAgent(), type).urn;

/** The compliant agent with the props of its role changed: one table row's change. */
export const withRoleProps = (mutate: (props: Props) => void): AnalyzedResource[] =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, mutate);

/** The compliant agent with one role tag set to `value`, or removed when `value` is undefined. */
export const withRoleTag = (key: string, value: unknown): AnalyzedResource[] =>
  withRoleProps((p) => {
    const tags = roleTags(p);
    if (value === undefined) delete tags[key];
    else tags[key] = value;
  });

/** The compliant agent with a role tag's key renamed, its value kept. */
export const withRoleTagKey = (from: string, to: string): AnalyzedResource[] =>
  withRoleProps((p) => {
    const tags = roleTags(p);
    tags[to] = tags[from];
    delete tags[from];
  });

/**
 * The message of a value unknown at preview, as the pack words it: a mandatory violation that names
 * where the value is read (`where`: the resource and property, and what it is computed from).
 */
export function unknownAtPreview(agent: string, what: string, where: string): string {
  return `Agent "${agent}": ${what} is unknown at preview (${where}), so it cannot be judged before the resource exists, and Pulumi runs this policy on \`pulumi up\` only after every resource is created; write it from values known at preview: literal names and tags, ARNs built from names (the grants helpers, or \`arn:aws:s3:::\${name}\` from a literal bucket name), documents as objects.`;
}
