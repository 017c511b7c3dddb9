/**
 * Parsing an identity-policy document into statements the judge can use, collecting every
 * problem (statement, Sid, field, value, fix) instead of throwing.
 */
import { duplicateKeyProblem } from './duplicate-keys';
import { canonicalElements, isRecord } from './element-names';
import { describe, where } from './problem-text';
import { parseStatement, type ParsedStatement } from './statement';
import type { DocumentProblem, PolicySource } from './types';

export interface ParsedDocument {
  statements: ParsedStatement[];
  problems: DocumentProblem[];
}

const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'];

export function parseDocument(document: unknown, source?: string): ParsedDocument {
  const problems: DocumentProblem[] = [];
  const statements: ParsedStatement[] = [];
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (err) {
      problems.push({
        field: 'document',
        value: document,
        severity: 'error',
        message: `the document is not valid JSON (${(err as Error).message})`,
      });
      return { statements, problems };
    }
    const duplicate = duplicateKeyProblem(document as string);
    if (duplicate !== undefined) {
      problems.push({
        field: 'document',
        value: document,
        severity: 'error',
        message: `the document ${duplicate}`,
      });
      return { statements, problems };
    }
  }
  if (!isRecord(doc)) {
    problems.push({
      field: 'document',
      value: doc,
      severity: 'error',
      message: `a policy document must be a JSON object with a Statement, got ${describe(doc)}`,
    });
    return { statements, problems };
  }
  const root = canonicalElements(doc, DOCUMENT_ELEMENTS, {}, problems);
  if (
    root.Version !== undefined &&
    root.Version !== '2012-10-17' &&
    root.Version !== '2008-10-17'
  ) {
    problems.push({
      field: 'Version',
      value: root.Version,
      severity: 'error',
      message: `Version must be "2012-10-17", got ${describe(root.Version)}`,
    });
  }
  const raw = root.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw];
  if (!list) {
    problems.push({
      field: 'Statement',
      value: raw,
      severity: 'error',
      message: 'the document has no Statement; add a Statement object or array',
    });
    return { statements, problems };
  }
  const sids = new Map<string, number>();
  list.forEach((entry, index) => {
    const statement = parseStatement(entry, index, problems, source);
    if (!statement) return;
    if (statement.sid !== undefined && statement.sid !== '') {
      const first = sids.get(statement.sid);
      if (first !== undefined) {
        problems.push({
          statement: index,
          sid: statement.sid,
          field: 'Sid',
          value: statement.sid,
          severity: 'warning',
          message: `${where({ statement: index, sid: statement.sid })}: Sid "${statement.sid}" is also used by Statement[${first}]; give each statement a unique Sid`,
        });
      } else sids.set(statement.sid, index);
    }
    statements.push(statement);
  });
  return { statements, problems };
}

/** A role's document: its statements, its problems added to `problems` with their source. */
export function parsePolicySource(
  policy: PolicySource,
  problems: DocumentProblem[],
): ParsedStatement[] {
  const parsed = parseDocument(policy.document, policy.source);
  for (const problem of parsed.problems) problems.push({ ...problem, source: policy.source });
  return parsed.statements;
}
