/**
 * A resource passed as an input (`role: someRole`, which `@pulumi/aws` accepts) reaches the engine
 * as a resource reference. The engine marshals the properties it sends an analyzer with
 * `MarshalOptions{KeepUnknowns, KeepSecrets, SkipInternalKeys}` and without `KeepResources`
 * (pulumi/pulumi `sdk/go/common/resource/plugin/analyzer_plugin.go`, `Analyze` and
 * `AnalyzeStack`), and `MarshalPropertyValue` then writes a reference as the resource's id when it
 * has one (a custom resource; unknown while the id is), else as its URN
 * (`sdk/go/common/resource/plugin/rpc.go`). `@pulumi/policy`'s `deserializeProperties` knows no
 * resource signature, so the offline check must do the same before the pack sees them.
 */
import { specialResourceSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';

/** `value` with every resource reference replaced as the engine replaces it for an analyzer. */
export function withoutResourceReferences(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutResourceReferences);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialResourceSig) {
      return 'id' in obj && obj.id !== undefined && obj.id !== '' ? obj.id : obj.urn;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = withoutResourceReferences(v);
    return out;
  }
  return value;
}
