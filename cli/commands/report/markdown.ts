/**
 * The review as Markdown for a pull request or an access review: a table of agents, then per
 * agent its role, reach, delegations, one row per statement and its violations in a `<details>`
 * block, then a Mermaid diagram of the fleet and the notes that ask for action.
 */
import { describeDaysLeft } from '../../expiry';
import { plural } from '../../output';
import { mermaidFlowchart } from './mermaid';
import {
  type AccessReview,
  type AgentReview,
  KNOWN_AFTER_APPLY,
  type ReviewViolation,
  shownValue,
} from './review';
import { cell, code, statementTable } from './statements';

export function daysLeftCell(a: AgentReview): string {
  if (a.expiry === 'unknown') return KNOWN_AFTER_APPLY;
  return describeDaysLeft({
    status: a.expiry,
    ...(a.daysLeft === null ? {} : { daysLeft: a.daysLeft }),
  });
}

/** Text outside a table: `<` would open an HTML tag on GitHub and hide the rest of the line. */
function prose(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function agentTitle(a: { name: string; declaredBy?: 'hand' }): string {
  return a.declaredBy === 'hand' ? `\`${a.name}\` (hand-written)` : `\`${a.name}\``;
}

function summaryTable(agents: readonly AgentReview[]): string[] {
  return [
    '| Agent | Owner | Purpose | Runtime | Status | Expires on | Days left | TTL | Max TTL | Mandatory | Advisory |',
    '| --- | --- | --- | --- | --- | --- | ---: | --- | --- | ---: | ---: |',
    ...agents.map((a) => {
      const cells = [
        a.declaredBy === 'hand' ? `${cell(a.name)} (hand-written)` : cell(a.name),
        cell(shownValue(a.owner)),
        cell(shownValue(a.purpose)),
        cell(a.runtime ?? ''),
        a.status ?? '',
        cell(shownValue(a.expiresOn)),
        daysLeftCell(a),
        cell(shownValue(a.ttl)),
        cell(shownValue(a.maxTtl)),
        String(a.violations.mandatory),
        String(a.violations.advisory),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/**
 * A list item per violation, continuation lines indented under it. Several policies can say the
 * same of one resource (a document unknown at preview): said once, naming every policy.
 */
function violationItems(findings: readonly ReviewViolation[]): string[] {
  const groups = new Map<string, { first: ReviewViolation; policies: string[] }>();
  for (const f of findings) {
    const key = JSON.stringify([f.enforcementLevel, f.resource, f.message]);
    const group = groups.get(key);
    if (group) group.policies.push(f.policy);
    else groups.set(key, { first: f, policies: [f.policy] });
  }
  return [...groups.values()].map(({ first: f, policies }) => {
    const [head, ...rest] = prose(f.message).split('\n');
    return [
      `- **${f.enforcementLevel}** ${code(policies)} on \`${f.resource}\`: ${head}`,
      ...rest.map((l) => `  ${l}`),
    ].join('\n');
  });
}

function violationDetails(
  findings: readonly ReviewViolation[],
  counts: { mandatory: number; advisory: number },
): string[] {
  if (findings.length === 0) return ['No violations.'];
  return [
    `<details><summary>${plural(findings.length, 'violation')}: ${counts.mandatory} mandatory, ${counts.advisory} advisory</summary>`,
    '',
    ...violationItems(findings),
    '',
    '</details>',
  ];
}

function identityLine(a: AgentReview): string | undefined {
  const parts: string[] = [];
  if (a.roleArn !== undefined)
    parts.push(`Role: ${a.roleArn === null ? KNOWN_AFTER_APPLY : `\`${a.roleArn}\``}.`);
  if (a.vaultPath !== undefined) parts.push(`Vault path: \`${shownValue(a.vaultPath)}\`.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function reachLine(a: AgentReview): string | undefined {
  if (a.reach.length === 0) return undefined;
  const items = a.reach.map((r) =>
    r.kind === 'assumed-role'
      ? `role \`${r.name}\` by sts:AssumeRole (${(r.path ?? []).map((p) => `\`${p}\``).join(' → ')})`
      : prose(r.name),
  );
  return `Also reaches: ${items.join('; ')}.`;
}

function agentSection(a: AgentReview): string[] {
  const lines = [`### ${agentTitle(a)}`, ''];
  const about = [
    identityLine(a),
    reachLine(a),
    a.delegatesTo.length > 0 ? `Delegates to: ${code(a.delegatesTo)}.` : undefined,
  ].filter((l): l is string => l !== undefined);
  if (about.length > 0) lines.push(about.join('\n'), '');
  if (a.statementsKnownAfterApply)
    lines.push(
      `Statements: ${KNOWN_AFTER_APPLY}: they name resources this change creates; \`agent-iam check --update\` shows them.`,
    );
  else if (a.statements.length === 0) lines.push('No statements.');
  else lines.push(...statementTable(a.statements));
  lines.push('', ...violationDetails(a.findings, a.violations), '');
  return lines;
}

function notes(review: AccessReview): string[] {
  const out: string[] = [];
  for (const a of review.agents) {
    if (a.expiry === 'expired')
      out.push(
        `- **${cell(a.name)}** expired on ${a.expiresOn}: retire it or recertify it with a new date.`,
      );
    else if (a.expiry === 'soon')
      out.push(
        `- **${cell(a.name)}** expires on ${a.expiresOn}, in ${plural(a.daysLeft ?? 0, 'day')}: recertify or retire it.`,
      );
    else if (a.expiry === 'invalid')
      out.push(
        `- **${cell(a.name)}** has an invalid expiry date "${cell(a.expiresOn)}"; set a YYYY-MM-DD date.`,
      );
  }
  for (const u of review.unlisted) {
    out.push(
      `- **${cell(u.name)}** is not in the inventory (a raw IAM role, not an Agent component) and has ${u.violations.mandatory} mandatory and ${u.violations.advisory} advisory violations.`,
    );
  }
  const { mandatory, advisory } = review.unattributed;
  if (mandatory + advisory > 0) {
    out.push(`- ${mandatory} mandatory and ${advisory} advisory violations name no agent.`);
  }
  for (const warning of review.warnings) out.push(`- Warning from the check: ${prose(warning)}`);
  return out;
}

export function formatMarkdown(review: AccessReview): string[] {
  const lines = [
    `## Agent access review: ${review.project}/${review.stack} (${plural(review.agents.length, 'agent')}, as of ${review.asOf})`,
    '',
  ];
  if (review.agents.length === 0) lines.push('No agents in the inventory.', '');
  else lines.push(...summaryTable(review.agents), '', ...review.agents.flatMap(agentSection));
  for (const u of review.unlisted) {
    lines.push(
      `### ${agentTitle(u)}: not in the inventory`,
      '',
      ...violationDetails(u.findings, u.violations),
      '',
    );
  }
  if (review.unattributedFindings.length > 0) {
    lines.push(
      '### Violations that name no agent',
      '',
      ...violationDetails(review.unattributedFindings, review.unattributed),
      '',
    );
  }
  if (review.agents.length > 0)
    lines.push('### Fleet diagram', '', ...mermaidFlowchart(review.agents), '');
  const actions = notes(review);
  if (actions.length > 0) lines.push(...actions);
  while (lines.at(-1) === '') lines.pop();
  return lines;
}
