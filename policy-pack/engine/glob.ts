/** IAM globbing, for action patterns and resource ARNs alike. */
import { memoize } from './memo';

/** @internal IAM globbing: `*` any run of characters, `?` one character, case-insensitive. */
export function globToRegExp(pattern: string): RegExp {
  return globs(pattern);
}

function compileGlob(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** Bounded: documents are open-ended input, and a fleet check sees the same few patterns. */
const globs = memoize(compileGlob, { limit: 10_000 });
