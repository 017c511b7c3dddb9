/**
 * A finding as detection sees it: the facts, without prose. `messages.ts` turns it into text,
 * `verdict.ts` into the public `Finding`.
 */
import type { ActionIds } from './action-set';
import type { ParsedStatement } from './statement';

interface DetectionFacts {
  statement: ParsedStatement;
  /** Every action concerned, canonical ids in catalogue order (or in the method's order). */
  actions: ActionIds;
  resources: string[];
}

export type Detection =
  | (DetectionFacts & {
      category: 'admin';
      /** How many catalogue actions the role is granted on any resource, of `catalogueSize`. */
      grantedCount: number;
      catalogueSize: number;
    })
  | (DetectionFacts & { category: 'privilege-escalation'; privescMethod: string })
  | (DetectionFacts & {
      category:
        | 'credentials-exposure'
        | 'resource-exposure'
        | 'data-exfiltration'
        | 'wildcard-resource-write';
    })
  /** Writes on any resource that together make a known escalation path (FURTHER_ESCALATION_PATHS). */
  | (DetectionFacts & {
      category: 'wildcard-resource-write';
      escalationPath: string;
      how: string;
      example: string;
    })
  /** An Action wildcard such as `s3:*`, as written. */
  | (DetectionFacts & { category: 'wildcard-action'; pattern: string })
  /** A NotAction: everything but its patterns. */
  | (DetectionFacts & { category: 'wildcard-action'; exceptNotAction: readonly string[] });
