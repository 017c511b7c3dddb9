/** From detected findings to the verdict: each finding's severity, listing and message, in order. */
import type { Detection } from './detection';
import { messageOf } from './messages';
import type { DocumentProblem, Finding, FindingCategory, PolicyVerdict, Severity } from './types';

/** Findings list at most this many actions; `totalActions` gives the full count. */
const MAX_LISTED_ACTIONS = 100;

const SEVERITY: Record<FindingCategory, Severity> = {
  admin: 'critical',
  'privilege-escalation': 'critical',
  'credentials-exposure': 'high',
  'resource-exposure': 'high',
  'data-exfiltration': 'high',
  'wildcard-action': 'medium',
  'wildcard-resource-write': 'medium',
};

const CATEGORY_ORDER: FindingCategory[] = [
  'admin',
  'privilege-escalation',
  'credentials-exposure',
  'resource-exposure',
  'data-exfiltration',
  'wildcard-resource-write',
  'wildcard-action',
];

function toFinding(detection: Detection): Finding {
  const { category, statement, actions, resources } = detection;
  const privescMethod =
    detection.category === 'privilege-escalation' ? detection.privescMethod : undefined;
  const escalationPath = 'escalationPath' in detection ? detection.escalationPath : undefined;
  const listed =
    actions.length > MAX_LISTED_ACTIONS ? actions.slice(0, MAX_LISTED_ACTIONS) : actions.slice();
  return {
    category,
    // A known escalation path is more than an unscoped write, though not one of the methods.
    severity: escalationPath ? 'high' : SEVERITY[category],
    statement: {
      index: statement.index,
      ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      ...(statement.source !== undefined ? { source: statement.source } : {}),
    },
    actions: listed,
    resources,
    message: messageOf(detection),
    ...(privescMethod ? { privescMethod } : {}),
    ...(escalationPath ? { escalationPath } : {}),
    ...(listed.length < actions.length ? { totalActions: actions.length } : {}),
  };
}

/**
 * `localeCompare`, without it for equal sources (one document's statements have the same, none):
 * its first call loads ICU's collation data, about 8 ms of `lint`'s start.
 */
function bySource(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

export function verdictOf(
  detections: readonly Detection[],
  problems: DocumentProblem[],
): PolicyVerdict {
  const findings = detections.map(toFinding);
  findings.sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      bySource(a.statement.source ?? '', b.statement.source ?? '') ||
      a.statement.index - b.statement.index,
  );
  return { overPermissioned: findings.length > 0, findings, problems };
}
