/**
 * The prose of findings, apart from their detection (as parliament keeps its titles in data): one
 * template per category that turns a detected finding into its message, saying where, what, and
 * the fix.
 */
import type { ActionIds } from './action-set';
import type { Detection } from './detection';
import type { ParsedStatement } from './statement';
import type { FindingCategory } from './types';

type Template<C extends FindingCategory> = (detection: Detection & { category: C }) => string;

const MESSAGES: { [C in FindingCategory]: Template<C> } = {
  admin: (d) =>
    `${where(d.statement)} gives administrator access: ${d.grantedCount} of ${d.catalogueSize} actions on any resource, all of IAM included; grant only the exact actions the agent needs, on named resources.`,
  'privilege-escalation': (d) =>
    `${where(d.statement)} allows privilege escalation (${d.privescMethod}): ${quoteList(d.actions, 6)} on any resource; ${passesRole(d.actions) ? 'limit iam:PassRole to the named roles the agent must pass, and ' : ''}scope these actions to named resources, or drop one of them.`,
  'credentials-exposure': (d) =>
    `${where(d.statement)} lets the agent obtain credentials of any identity or resource with ${quoteList(d.actions)}; name the exact roles, users or databases in Resource, or drop these actions.`,
  'resource-exposure': (d) =>
    onlyPassesRoles(d.actions)
      ? `${where(d.statement)} lets the agent pass any role to an AWS service with "iam:PassRole" (an ingredient of privilege escalation: the service then acts with that role); name the roles the agent must pass in Resource, e.g. "${EXAMPLE_ARNS.iam}".`
      : `${where(d.statement)} lets the agent change permissions or resource policies on any resource with ${quoteList(d.actions)}; name the one resource it manages in Resource, or drop these actions.`,
  'data-exfiltration': (d) =>
    `${where(d.statement)} lets the agent read data from any resource with ${quoteList(d.actions)}; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").`,
  'wildcard-resource-write': (d) =>
    'escalationPath' in d
      ? `${where(d.statement)} allows a known privilege-escalation path (pathfinding.cloud ${d.escalationPath}): ${quoteList(d.actions)} on any resource ${d.how}; name the resources in Resource instead, e.g. "${d.example}".`
      : `${where(d.statement)} allows ${d.actions.length} write action${d.actions.length === 1 ? '' : 's'} (${quoteList(d.actions)}) on any resource (${quoteList(d.resources, 3)}); name the resources in Resource instead, e.g. "${exampleResourceArn(d.actions.slice(0, 1)[0])}".`,
  'wildcard-action': (d) =>
    'pattern' in d
      ? `${where(d.statement)} uses the wildcard "${d.pattern}" (${d.actions.length} actions); list the exact actions the agent needs, e.g. "${d.actions.find((id) => /:(Get|Describe)/.test(id)) ?? d.actions.slice(0, 1)[0]}".`
      : `${where(d.statement)} allows every action except NotAction ${quoteList(d.exceptNotAction)} (${d.actions.length} actions); use Action with the exact actions the agent needs.`,
};

/** The message of a detected finding. */
export function messageOf(detection: Detection): string {
  const template = MESSAGES[detection.category] as Template<FindingCategory>;
  return template(detection);
}

function where(statement: ParsedStatement): string {
  const sid = statement.sid ? ` (Sid "${statement.sid}")` : '';
  const source = statement.source ? `${statement.source} ` : '';
  return `${source}Statement[${statement.index}]${sid}`;
}

function quoteList(list: ActionIds, max = 5): string {
  const shown = list.slice(0, max).map((a) => `"${a}"`);
  return list.length > max ? `${shown.join(', ')} and ${list.length - max} more` : shown.join(', ');
}

function passesRole(actions: ActionIds): boolean {
  return actions.some((a) => a.toLowerCase() === 'iam:passrole');
}

/** `iam:PassRole` changes no permission by itself: it lets a service act with a role. */
function onlyPassesRoles(actions: ActionIds): boolean {
  return actions.length > 0 && actions.every((a) => a.toLowerCase() === 'iam:passrole');
}

/**
 * An example ARN in the service of `action`, so the fix a finding suggests reads like the policy
 * the user is writing. Common services have a real shape; others get the generic ARN layout.
 */
const EXAMPLE_ARNS: Record<string, string> = {
  s3: 'arn:aws:s3:::my-bucket/my-prefix/*',
  dynamodb: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
  sqs: 'arn:aws:sqs:us-east-1:123456789012:my-queue',
  sns: 'arn:aws:sns:us-east-1:123456789012:my-topic',
  lambda: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
  iam: 'arn:aws:iam::123456789012:role/my-role',
  kms: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  secretsmanager: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:my-secret-AbCdEf',
  ssm: 'arn:aws:ssm:us-east-1:123456789012:parameter/my-app/*',
  logs: 'arn:aws:logs:us-east-1:123456789012:log-group:/my-app/*',
  ec2: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0',
  ecr: 'arn:aws:ecr:us-east-1:123456789012:repository/my-repo',
  states: 'arn:aws:states:us-east-1:123456789012:stateMachine:my-state-machine',
  events: 'arn:aws:events:us-east-1:123456789012:event-bus/my-bus',
  kinesis: 'arn:aws:kinesis:us-east-1:123456789012:stream/my-stream',
  bedrock: 'arn:aws:bedrock:us-east-1::foundation-model/my-model',
};

function exampleResourceArn(action: string): string {
  const service = action.split(':')[0].toLowerCase();
  return (
    EXAMPLE_ARNS[service] ?? `arn:aws:${service}:us-east-1:123456789012:<resource-type>/<name>`
  );
}
