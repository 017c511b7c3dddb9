/**
 * The documents an `AgentAuditTrail` writes, as pure functions: the log bucket's policy, the alert
 * topic's policy, the EventBridge patterns of its alerts and the CloudWatch Logs filter of its
 * burst alarm. The component only wires them to resources.
 */
import { AGENT_ROLE_PATH } from './documents';

/** A resource or trust policy as these documents write it (IAM JSON policy reference). */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: {
    Sid?: string;
    Effect: 'Allow' | 'Deny';
    Principal?: '*' | { Service: string };
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
  }[];
}

/**
 * The error codes of a call refused for want of permission. The same set as the CIS AWS
 * Foundations Benchmark's "unauthorized API calls" metric filter (v3.0.0, control 4.1:
 * `($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")`), which covers
 * `AccessDenied` (S3, IAM, STS), `AccessDeniedException` (JSON services: DynamoDB, KMS, Lambda,
 * Bedrock, ...) and EC2's `Client.UnauthorizedOperation`.
 */
export const DENIED_ERROR_CODES = { prefix: 'AccessDenied', suffix: 'UnauthorizedOperation' };

/** The `detail-type` of every event CloudTrail delivers to EventBridge (EventBridge User Guide). */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/**
 * The rule state that also matches read-only management events (Get, List, Describe): without it
 * EventBridge leaves them out, and a denied read is what an agent probing for access produces
 * first (EventBridge User Guide, "Receiving read-only management events from AWS services").
 */
export const ALL_MANAGEMENT_EVENTS = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface TrailLocation {
  partition: string;
  region: string;
  account: string;
}

/** The ARN of a trail in its home region (CloudTrail API Reference, `Trail.TrailARN`). */
export function trailArn(where: TrailLocation, trailName: string): string {
  return `arn:${where.partition}:cloudtrail:${where.region}:${where.account}:trail/${trailName}`;
}

/** Where every role the Agent component creates lives: `arn:aws:iam::<account>:role/agents/`. */
export function agentRolePrefix(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:role${AGENT_ROLE_PATH}`;
}

/**
 * The log bucket's policy, as the CloudTrail User Guide gives it ("Amazon S3 bucket policy for
 * CloudTrail"): CloudTrail may read the bucket's ACL and write under `AWSLogs/<account>/`, only
 * for this trail (`aws:SourceArn`), and only handing the objects to the bucket owner. Requests
 * without TLS are denied.
 */
export function logBucketPolicy(
  bucketArn: string,
  where: TrailLocation,
  trail: string,
): PolicyDocument {
  const sourceArn = trailArn(where, trail);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': sourceArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/${where.account}/*`,
        Condition: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': sourceArn },
        },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

/**
 * The alert topic's policy: EventBridge may publish only for the trail's rules, and CloudWatch
 * only for its alarm (`aws:SourceArn`: SNS Developer Guide, "Amazon SNS topic policies for
 * EventBridge" and "... for CloudWatch alarms").
 */
export function alertTopicPolicy(
  topicArn: string,
  ruleArns: string[],
  alarmArn: string | undefined,
): PolicyDocument {
  const publish = (
    sid: string,
    service: string,
    sources: string[],
  ): PolicyDocument['Statement'][number] => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'sns:Publish',
    Resource: topicArn,
    Condition: { ArnEquals: { 'aws:SourceArn': sources.length === 1 ? sources[0] : sources } },
  });
  return {
    Version: '2012-10-17',
    Statement: [
      publish('EventBridgePublishesAgentAlerts', 'events.amazonaws.com', ruleArns),
      ...(alarmArn === undefined
        ? []
        : [publish('CloudWatchPublishesBurstAlarm', 'cloudwatch.amazonaws.com', [alarmArn])]),
    ],
  };
}

/** One value of an EventBridge pattern: a literal, or a prefix or suffix match. */
type PatternValue = string | { prefix: string } | { suffix: string };

const byIssuer = (arns: PatternValue[]) => ({
  userIdentity: { sessionContext: { sessionIssuer: { arn: arns } } },
});

/** Role ARNs other than those under the agents' prefix (which it already covers), once each. */
function outside(prefix: string, roleArns: readonly string[]): string[] {
  return [...new Set(roleArns)].filter((arn) => !arn.startsWith(prefix)).sort();
}

/**
 * Calls refused to an agent: the session was issued by a role under `/agents/` (every agent the
 * Agent component creates) or by one of `roleArns`, and failed with a denied error code.
 */
export function deniedCallsPattern(agentPrefix: string, roleArns: readonly string[]): object {
  return {
    'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      errorCode: [{ prefix: DENIED_ERROR_CODES.prefix }, { suffix: DENIED_ERROR_CODES.suffix }],
      ...byIssuer([{ prefix: agentPrefix }, ...outside(agentPrefix, roleArns)]),
    },
  };
}

/**
 * Any call, allowed or not, in a session of a suspended or expired agent's role. Undefined when
 * there is none: EventBridge refuses a pattern with an empty list.
 */
export function inactiveAgentCallsPattern(roleArns: readonly string[]): object | undefined {
  const arns = [...new Set(roleArns)].sort();
  if (arns.length === 0) return undefined;
  return { 'detail-type': [CLOUDTRAIL_DETAIL_TYPE], detail: byIssuer(arns) };
}

/**
 * The CloudWatch Logs filter of the burst alarm: the same calls as `deniedCallsPattern`, in the
 * filter syntax, where `*` is a wildcard inside a quoted string (CloudWatch Logs User Guide,
 * "Filter pattern syntax for JSON log events").
 */
export function deniedCallsFilter(agentPrefix: string, roleArns: readonly string[]): string {
  const issuer = [`${agentPrefix}*`, ...outside(agentPrefix, roleArns)]
    .map((arn) => `$.userIdentity.sessionContext.sessionIssuer.arn = "${arn}"`)
    .join(' || ');
  const denied = `$.errorCode = "${DENIED_ERROR_CODES.prefix}*" || $.errorCode = "*${DENIED_ERROR_CODES.suffix}"`;
  return `{ (${issuer}) && (${denied}) }`;
}

/** The log group the trail also writes to, for the burst alarm. */
export function logGroupName(trailName: string): string {
  return `/aws/cloudtrail/${trailName}`;
}

/** A log group's ARN (CloudWatch Logs, "Resource types" in the Service Authorization Reference). */
export function logGroupArn(where: TrailLocation, name: string): string {
  return `arn:${where.partition}:logs:${where.region}:${where.account}:log-group:${name}`;
}

/** What the CloudTrail → CloudWatch Logs delivery role may do (CloudTrail User Guide). */
export function logDeliveryPolicy(logGroupArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DeliverTrailToLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${logGroupArn}:log-stream:*`,
      },
    ],
  };
}

/** CloudTrail may assume the delivery role, for this trail only. */
export function logDeliveryTrust(where: TrailLocation, trail: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn(where, trail) } },
      },
    ],
  };
}
