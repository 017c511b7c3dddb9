/** Types for the plain-JS catalogue generator (see build-catalogue.js). */
export type AccessLevelCode = 'R' | 'L' | 'W' | 'T' | 'P';
export interface CompactCatalogue {
  source: string;
  format: number;
  /** Sorted; the catalogue lists their actions in turn. */
  services: string[];
  /** Per service, how many actions it has. */
  counts: number[];
  /** Every action's id ("s3:GetObject"), by service then name, joined by ",". */
  ids: string;
  /** Per action, its `AccessLevelCode`; in lower case when it has no resource type. */
  levels: string;
  /** Per action, its resource types joined by ","; the actions' lists joined by "|". */
  types: string;
  resourcePrefixes: Record<string, string[]>;
  /** Resource parts of each type's ARN, each variable replaced by TEMPLATE_SLOT. */
  resourceTemplates: Record<string, string[]>;
}
export const TEMPLATE_SLOT: string;
export const FORMAT: number;
export function buildCatalogue(): CompactCatalogue;
/** @internal every action as [service, name, level code, resource types], in catalogue order. */
export function compactActions(
  compact: CompactCatalogue,
): [service: string, name: string, level: AccessLevelCode, resourceTypes: string[]][];
export function iamDataVersion(): string;
export function writeGenerated(file: string, value: unknown): void;
export function readGenerated(file: string): unknown;
export const GENERATED_FILE: string;
export function build(): string;
