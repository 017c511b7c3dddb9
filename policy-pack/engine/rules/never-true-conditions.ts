/**
 * Condition keys whose value only grows with time, so an upper bound in the past can never be met
 * again: the statement grants nothing. IAM User Guide, "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * `aws:CurrentTime` and `aws:EpochTime` are in every request; `aws:TokenIssueTime` is in requests
 * signed with temporary credentials, whose tokens live at most 36 hours (AWS STS
 * `GetSessionToken`, https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html).
 * Operators: "Condition operators", date and numeric
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 */

export interface TimeKey {
  /** How far before now the key's value can be, in milliseconds. */
  maxAgeMs: number;
  /** Whether every request carries it (then `…IfExists` changes nothing). */
  alwaysPresent: boolean;
}

const HOURS = 3_600_000;

/** Lower-case key names. */
export const TIME_KEYS: ReadonlyMap<string, TimeKey> = new Map([
  ['aws:currenttime', { maxAgeMs: 0, alwaysPresent: true }],
  ['aws:epochtime', { maxAgeMs: 0, alwaysPresent: true }],
  ['aws:tokenissuetime', { maxAgeMs: 36 * HOURS, alwaysPresent: false }],
]);

/** Operators that hold only while the key's value is below the bound (lower case). */
export const UPPER_BOUND_OPERATORS: ReadonlySet<string> = new Set([
  'datelessthan',
  'datelessthanequals',
  'numericlessthan',
  'numericlessthanequals',
]);
