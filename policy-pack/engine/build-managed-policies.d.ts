/** Types for the plain-JS managed-policy index generator (see build-managed-policies.js). */
export interface ManagedPolicyIndex {
  source: string;
  policies: Record<string, object>;
}
export function buildManagedPolicies(): ManagedPolicyIndex;
export function managedPoliciesVersion(): string;
export function build(): string;
export const GENERATED_FILE: string;
