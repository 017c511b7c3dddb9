/** Types for the plain-JS condition-key index generator (see build-condition-keys.js). */
export interface ConditionKeyIndex {
  source: string;
  services: Record<string, { keys: string[]; actions: Record<string, string> }>;
}
export function buildConditionKeys(): ConditionKeyIndex;
export function build(): string;
export const GENERATED_FILE: string;
