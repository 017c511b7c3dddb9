/** Types for the plain-JS catalogue generator (see build-catalogue.js). */
export type AccessLevelCode = 'R' | 'L' | 'W' | 'T' | 'P';
export type CompactAction = [name: string, level: AccessLevelCode, resourceTypes: string];
export interface CompactCatalogue {
  source: string;
  services: Record<string, CompactAction[]>;
  resourcePrefixes: Record<string, string[]>;
  /** Resource parts of each type's ARN, each variable replaced by TEMPLATE_SLOT. */
  resourceTemplates: Record<string, string[]>;
}
export const TEMPLATE_SLOT: string;
export function buildCatalogue(): CompactCatalogue;
export function iamDataVersion(): string;
export function writeGenerated(file: string, value: unknown): void;
export const GENERATED_FILE: string;
export function build(): string;
