/**
 * Judging what a policy document, or a role's set of documents, really allows: its effective
 * permissions, the findings detected in them, and the verdict that words and orders them.
 */
import {
  documentPermissions,
  rolePermissions,
  type EffectivePermissions,
} from './effective-permissions';
import { detectFindings } from './findings';
import type { PolicyVerdict, RolePermissions } from './types';
import { verdictOf } from './verdict';

function judge(permissions: () => EffectivePermissions): PolicyVerdict {
  try {
    const { reaches, problems } = permissions();
    return verdictOf(detectFindings(reaches), problems);
  } catch (err) {
    // Never throw out of the engine, and never pass silently: an engine failure is a problem.
    return {
      overPermissioned: false,
      findings: [],
      problems: [
        {
          field: 'document',
          value: undefined,
          severity: 'error',
          message: `the engine could not judge this document (${err instanceof Error ? err.message : String(err)}); report this as a bug`,
        },
      ],
    };
  }
}

/** Judges one identity-policy document. Never throws: malformed input becomes `problems`. */
export function judgePolicy(document: unknown): PolicyVerdict {
  return judge(() => documentPermissions(document));
}

/**
 * Judges what a role can really do: the union of its policies, minus every explicit Deny (from any
 * of them or the boundary), intersected with its permissions boundary. Never throws.
 */
export function judgeEffectivePermissions(role: RolePermissions): PolicyVerdict {
  return judge(() => rolePermissions(role));
}
