/** Types for the plain-JS condition-key index generator (see build-condition-keys.js). */
export interface ConditionKeyIndex {
  source: string;
  format: number;
  /** Per service: its keys, and per action in catalogue order the indices of its keys ("0,4"). */
  services: Record<string, { keys: string[]; actions: string[] }>;
}
export const FORMAT: number;
export function buildConditionKeys(): ConditionKeyIndex;
export function build(): string;
export const GENERATED_FILE: string;
