/**
 * A stack's deployed state as `pulumi stack export` writes it, read as the resources a policy pack
 * judges, and written from a program's registrations.
 *
 * The format is Pulumi's deployment schema, version 3 (pulumi/pulumi
 * `developer-docs/architecture/deployment-schema.md`, `sdk/go/common/apitype/core.go`
 * `UntypedDeployment`, `DeploymentV3`, `ResourceV3`): `{ version, deployment: { manifest,
 * secrets_providers, resources[], pending_operations } }`, each resource with `urn`, `custom`,
 * `delete`, `id`, `type`, `inputs`, `outputs`, `parent`, `dependencies`, `propertyDependencies` and
 * `provider`. In state, a secret is `{"<sig>": "<secret sig>", "ciphertext": ...}`, or with
 * `--show-secrets` `"plaintext"`: its value as JSON text (pulumi/pulumi
 * `pkg/resource/stack/secrets.go`); on the wire the engine sends `{"<sig>": "<secret sig>",
 * "value": ...}`, which the analyzer server decodes.
 *
 * `pulumi policy analyze` judges a snapshot so (pulumi/pulumi `pkg/resource/deploy/analyze.go`,
 * `AnalyzeSnapshot`): every resource not pending deletion, `Analyze` on its inputs and
 * `AnalyzeStack` on its outputs. Provider resources (`pulumi:providers:*`) are left out here: the
 * offline check never sees them (the mock engine registers no default provider), and no policy of
 * the pack judges one, so a state and the check of its program give the same verdicts.
 */
import { specialResourceSig, specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { z } from 'zod';
import type { RecordedResource } from './mock-runtime';
import { UNKNOWN } from './policy-internals';
import { withoutResourceReferences } from './resource-references';

/** The deployment version `pulumi stack export` writes (Pulumi CLI v3). */
export const STACK_EXPORT_VERSION = 3;

const PROVIDER_TYPE_PREFIX = 'pulumi:providers:';
const ROOT_STACK_TYPE = 'pulumi:pulumi:Stack';

const PropertyMapSchema = z.record(z.string(), z.unknown());

const StateResourceSchema = z.object({
  urn: z.string().startsWith('urn:pulumi:'),
  custom: z.boolean(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  type: z.string().min(1),
  inputs: PropertyMapSchema.optional(),
  outputs: PropertyMapSchema.optional(),
  parent: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
  provider: z.string().optional(),
});

export const StackExportSchema = z.object({
  version: z.literal(STACK_EXPORT_VERSION),
  deployment: z.object({
    manifest: z.record(z.string(), z.unknown()).optional(),
    secrets_providers: z.record(z.string(), z.unknown()).optional(),
    // An empty stack's deployment has no resources (or null).
    resources: z.array(StateResourceSchema).nullish(),
    pending_operations: z.array(z.unknown()).nullish(),
  }),
});

export type StackExport = z.output<typeof StackExportSchema>;
export type StateResource = z.output<typeof StateResourceSchema>;

/** Whether a parsed JSON document looks like `pulumi stack export` output (before validation). */
export function looksLikeStackExport(raw: unknown): boolean {
  return (
    !!raw &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    'version' in raw &&
    'deployment' in raw
  );
}

/** A secret the export holds encrypted: no policy can read it. */
export interface EncryptedSecret {
  urn: string;
  /** `inputs.x.y` or `outputs.x`. */
  path: string;
}

/** The resources of a deployed state, as the judge reads them. */
export interface DeployedState {
  project: string;
  stack: string;
  resources: RecordedResource[];
  /** Secrets exported without `--show-secrets`: read by a policy as unknown values. */
  encrypted: EncryptedSecret[];
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`: its stack, project and name. */
export function urnParts(urn: string): { stack: string; project: string; name: string } {
  const parts = urn.slice('urn:pulumi:'.length).split('::');
  return { stack: parts[0] ?? '', project: parts[1] ?? '', name: parts.slice(3).join('::') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A state value as the engine puts it on the wire for an analyzer. */
function stateToWire(value: unknown, path: string, encrypted: (path: string) => void): unknown {
  if (Array.isArray(value)) return value.map((v, i) => stateToWire(v, `${path}[${i}]`, encrypted));
  if (!isObject(value)) return value;
  if (value[specialSigKey] === specialSecretSig) {
    if (typeof value.plaintext === 'string') {
      let decoded: unknown;
      try {
        decoded = JSON.parse(value.plaintext);
      } catch {
        decoded = value.plaintext;
      }
      return { [specialSigKey]: specialSecretSig, value: stateToWire(decoded, path, encrypted) };
    }
    if ('value' in value) return value;
    encrypted(path);
    return UNKNOWN;
  }
  if (value[specialSigKey] === specialResourceSig) return withoutResourceReferences(value);
  // Assets and archives are the same in state and on the wire.
  if (typeof value[specialSigKey] === 'string') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = stateToWire(v, `${path}.${k}`, encrypted);
  return out;
}

/**
 * The resources `pulumi policy analyze` would judge, in state order: not pending deletion, and not
 * providers. Inputs and outputs are put in wire form; an encrypted secret becomes the engine's
 * unknown sentinel, so a policy that reads it cannot pass on it.
 */
export function deployedState(exported: StackExport): DeployedState {
  const state = exported.deployment.resources ?? [];
  const encrypted: EncryptedSecret[] = [];
  const resources: RecordedResource[] = [];
  for (const r of state) {
    if (r.delete === true || r.type.startsWith(PROVIDER_TYPE_PREFIX)) continue;
    const props = (which: 'inputs' | 'outputs') =>
      stateToWire(r[which] ?? {}, which, (path) => encrypted.push({ urn: r.urn, path })) as Record<
        string,
        unknown
      >;
    resources.push({
      type: r.type,
      name: urnParts(r.urn).name,
      urn: r.urn,
      ...(r.parent ? { parent: r.parent } : {}),
      custom: r.custom,
      dependencies: r.dependencies ?? [],
      propertyDependencies: r.propertyDependencies ?? {},
      inputs: props('inputs'),
      outputs: props('outputs'),
    });
  }
  const root = state.find((r) => r.type === ROOT_STACK_TYPE) ?? state[0];
  const { stack, project } = root ? urnParts(root.urn) : { stack: '', project: '' };
  return { project, stack, resources, encrypted };
}

/** A wire value as state holds it, secrets in plaintext (as `--show-secrets` writes them). */
function wireToState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireToState);
  if (!isObject(value)) return value;
  if (value[specialSigKey] === specialSecretSig) {
    return {
      [specialSigKey]: specialSecretSig,
      plaintext: JSON.stringify(wireToState(value.value)),
    };
  }
  if (typeof value[specialSigKey] === 'string') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireToState(v)]));
}

/**
 * What `pulumi stack export --show-secrets` would write after `pulumi up` of a program whose
 * registrations these are: a default provider per package, which each custom resource names, as
 * the engine adds them. For tests and fixtures: the check's own resources as a deployed state.
 */
export function stackExportOf(
  resources: readonly RecordedResource[],
  options: { stack: string; project: string; time?: string },
): StackExport & { deployment: { resources: StateResource[] } } {
  const providers = new Map<string, StateResource>();
  const providerOf = (type: string): string => {
    const pkg = type.split(':')[0];
    let provider = providers.get(pkg);
    if (!provider) {
      provider = {
        urn: `urn:pulumi:${options.stack}::${options.project}::${PROVIDER_TYPE_PREFIX}${pkg}::default`,
        custom: true,
        id: `${pkg}-default-provider`,
        type: `${PROVIDER_TYPE_PREFIX}${pkg}`,
        inputs: {},
        outputs: {},
      };
      providers.set(pkg, provider);
    }
    return `${provider.urn}::${provider.id}`;
  };
  const converted = resources.map((r): StateResource => {
    const outputs = wireToState(r.outputs) as Record<string, unknown>;
    const id = r.custom && typeof outputs.id === 'string' ? outputs.id : undefined;
    return {
      urn: r.urn,
      custom: r.custom,
      ...(id !== undefined ? { id } : {}),
      type: r.type,
      inputs: wireToState(r.inputs) as Record<string, unknown>,
      outputs,
      ...(r.parent ? { parent: r.parent } : {}),
      dependencies: [...r.dependencies],
      propertyDependencies: { ...r.propertyDependencies },
      ...(r.custom ? { provider: providerOf(r.type) } : {}),
    };
  });
  // The engine registers a default provider before the first resource that uses it.
  const root = converted.filter((r) => r.type === ROOT_STACK_TYPE);
  const rest = converted.filter((r) => r.type !== ROOT_STACK_TYPE);
  return {
    version: STACK_EXPORT_VERSION,
    deployment: {
      manifest: {
        time: options.time ?? new Date().toISOString(),
        magic: '',
        version: 'v3.248.0',
      },
      secrets_providers: { type: 'passphrase' },
      resources: [...root, ...providers.values(), ...rest],
    },
  };
}
