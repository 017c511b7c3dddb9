/**
 * A Resource pattern read as IAM reads it: policy variables are tokens (`${aws:PrincipalAccount}`
 * holds a colon that is not an ARN separator), replaced by what they can stand for before the ARN
 * is split into its parts.
 */
import {
  LITERAL_CHARACTER_VARIABLES,
  PRINCIPAL_IDENTITY_VARIABLES,
} from './rules/policy-variables';

/**
 * Stands for a variable that names the caller itself: a literal no written name contains, so the
 * pattern is as narrow as a literal name.
 */
export const PRINCIPAL_NAME = '\u0003';
/** Stands for `${*}`, `${?}`, `${$}`: a literal character, never a wildcard. */
const LITERAL_CHARACTER = '\u0004';

const VARIABLE = /\$\{([^}]*)\}/g;

/** The pattern with each variable replaced: by `*` (it narrows nothing), or by a literal. */
export function withVariablesResolved(pattern: string): string {
  if (!pattern.includes('${')) return pattern;
  return pattern.replace(VARIABLE, (_whole, inner: string) => {
    // `${aws:username, 'default'}`: a default value does not change what the variable is.
    const name = inner.split(',')[0].trim().toLowerCase();
    if (LITERAL_CHARACTER_VARIABLES.has(name)) return LITERAL_CHARACTER;
    if (PRINCIPAL_IDENTITY_VARIABLES.has(name)) return PRINCIPAL_NAME;
    return '*';
  });
}

export interface ArnPattern {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, colons included. */
  resource: string;
}

/** The parts of an ARN pattern with its variables resolved, or undefined when it has fewer than six. */
export function parseArnPattern(resolved: string): ArnPattern | undefined {
  const parts = resolved.split(':');
  if (parts.length < 6 || parts[0].toLowerCase() !== 'arn') return undefined;
  return {
    partition: parts[1],
    service: parts[2].toLowerCase(),
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(':'),
  };
}
