/**
 * The record of what agents did, and alerts on what they must not do: a CloudTrail trail with log
 * file validation into an S3 bucket whose Object Lock (COMPLIANCE mode) keeps every log for the
 * retention set; EventBridge rules on calls denied to agents and on any call by a suspended or
 * expired agent, a CloudWatch alarm on bursts of denied calls, all to one SNS topic; and a Vault
 * audit device for the credentials side.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as vault from '@pulumi/vault';
import { AGENT_TAG_KEYS, COMPONENT_TYPES, MANAGED_BY } from '../policy-pack/lib/conventions';
import {
  ALL_MANAGEMENT_EVENTS,
  type TrailLocation,
  agentRolePrefix,
  alertTopicPolicy,
  deniedCallsFilter,
  deniedCallsPattern,
  inactiveAgentCallsPattern,
  logBucketPolicy,
  logDeliveryPolicy,
  logDeliveryTrust,
  logGroupArn,
  logGroupName,
} from './audit-trail-documents';
import {
  type AuditTrailDeclaration,
  type ValidAuditTrailDeclaration,
  validateAuditTrail,
} from './declaration/audit-trail-schema';
import { partitionOf } from './documents';
import type { AgentStatus } from './inventory';

/** An agent the trail watches: an `Agent` component is one, or write its role ARN and status. */
export interface AuditedAgent {
  readonly roleArn: pulumi.Input<string>;
  readonly status: AgentStatus;
}

export type AgentAuditTrailArgs = Omit<AuditTrailDeclaration, 'agents'> & {
  /** The agents to watch, e.g. `fleet.agents` once every agent is declared. */
  agents?: readonly AuditedAgent[];
};

/** The metric the burst alarm counts, one per trail so that two trails never add up. */
export const deniedCallsMetric = (trailName: string) =>
  ({ namespace: 'AgentIam', name: `AgentDeniedCalls-${trailName}` }) as const;

export class AgentAuditTrail extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  readonly trailArn: pulumi.Output<string>;
  readonly alertTopicArn: pulumi.Output<string>;
  readonly deniedCallsRuleArn: pulumi.Output<string>;
  /** Undefined while no watched agent is suspended or expired. */
  readonly inactiveAgentsRuleArn: pulumi.Output<string | undefined>;
  /** Undefined when `burstAlarm` is false. */
  readonly burstAlarmArn: pulumi.Output<string | undefined>;
  readonly vaultAuditPath: string;
  readonly retention: ValidAuditTrailDeclaration['retention'];

  constructor(name: string, args: AgentAuditTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, so a wrong argument leaves nothing half-created.
    const result = validateAuditTrail(name, args);
    if (!result.ok) throw result.error;
    const d = result.value;
    super(COMPONENT_TYPES.auditTrail, name, {}, opts);

    const trailName = d.trailName ?? name;
    const tags = { ...(d.tags ?? {}), [AGENT_TAG_KEYS.managedBy]: MANAGED_BY };
    const caller = aws.getCallerIdentityOutput({}, { parent: this });
    const where: pulumi.Output<TrailLocation> = pulumi
      .all([caller.arn, caller.accountId, aws.getRegionOutput({}, { parent: this }).region])
      .apply(([arn, account, region]) => ({ partition: partitionOf(arn), account, region }));
    const agentPrefix = where.apply((w) => agentRolePrefix(w.partition, w.account));
    const roleArns = pulumi.all(d.agents.map((a) => a.roleArn));
    const inactiveArns = pulumi.all(
      d.agents.filter((a) => a.status !== 'active').map((a) => a.roleArn),
    );

    // The logs: a bucket nobody can empty before the retention ends, not even the root user.
    const bucket = new aws.s3.Bucket(
      `${name}-logs`,
      { objectLockEnabled: true, tags },
      { parent: this },
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-logs-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { parent: this },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-logs-encryption`,
      {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      },
      { parent: this },
    );
    // Object Lock turns versioning on by itself (S3 User Guide, "Using S3 Object Lock").
    const lock = new aws.s3.BucketObjectLockConfiguration(
      `${name}-logs-lock`,
      {
        bucket: bucket.id,
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: 'COMPLIANCE', ...d.retention } },
      },
      { parent: this },
    );
    const bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-logs-policy`,
      {
        bucket: bucket.id,
        policy: pulumi
          .all([bucket.arn, where])
          .apply(([arn, w]) => JSON.stringify(logBucketPolicy(arn, w, trailName))),
      },
      { parent: this, dependsOn: [publicAccess] },
    );

    // The burst alarm counts denied calls in CloudWatch Logs, which the trail also writes to:
    // EventBridge matches events one at a time and cannot count them.
    const logs =
      d.burstAlarm === false ? undefined : this.logDelivery(name, trailName, where, tags);

    const trail = new aws.cloudtrail.Trail(
      `${name}-trail`,
      {
        name: trailName,
        s3BucketName: bucket.id,
        enableLogFileValidation: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        ...(logs
          ? {
              cloudWatchLogsGroupArn: pulumi.interpolate`${logs.group.arn}:*`,
              cloudWatchLogsRoleArn: logs.role.arn,
            }
          : {}),
        tags,
      },
      { parent: this, dependsOn: [bucketPolicy, lock, ...(logs ? [logs.policy] : [])] },
    );

    const topic = new aws.sns.Topic(`${name}-alerts`, { tags }, { parent: this });
    const rule = (suffix: string, description: string, pattern: pulumi.Input<string>) => {
      const created = new aws.cloudwatch.EventRule(
        `${name}-${suffix}`,
        { description, eventPattern: pattern, state: ALL_MANAGEMENT_EVENTS, tags },
        { parent: this, dependsOn: [trail] },
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${suffix}-target`,
        { rule: created.name, arn: topic.arn },
        { parent: this },
      );
      return created;
    };
    const denied = rule(
      'denied-calls',
      'Calls denied to an agent role session (AccessDenied*, *UnauthorizedOperation)',
      pulumi
        .all([agentPrefix, roleArns])
        .apply(([prefix, arns]) => JSON.stringify(deniedCallsPattern(prefix, arns))),
    );
    // Known when the program runs: an agent's status is plain data, so the rule exists exactly
    // while some watched agent is suspended or expired.
    const inactive = d.agents.some((a) => a.status !== 'active')
      ? rule(
          'inactive-agent-calls',
          'Any call by a suspended or expired agent',
          inactiveArns.apply((arns) => JSON.stringify(inactiveAgentCallsPattern(arns))),
        )
      : undefined;

    const alarm =
      logs && d.burstAlarm !== false
        ? this.burstAlarm(name, logs.group, deniedCallsMetric(trailName), {
            filter: pulumi
              .all([agentPrefix, roleArns])
              .apply(([prefix, arns]) => deniedCallsFilter(prefix, arns)),
            burst: d.burstAlarm,
            topic,
            tags,
          })
        : undefined;

    new aws.sns.TopicPolicy(
      `${name}-alerts-policy`,
      {
        arn: topic.arn,
        policy: pulumi
          .all([topic.arn, denied.arn, inactive?.arn, alarm?.arn])
          .apply(([topicArn, deniedArn, inactiveArn, alarmArn]) =>
            JSON.stringify(
              alertTopicPolicy(
                topicArn,
                [deniedArn, ...(inactiveArn === undefined ? [] : [inactiveArn])],
                alarmArn,
              ),
            ),
          ),
      },
      { parent: this },
    );

    const device = d.vaultAudit;
    new vault.Audit(
      `${name}-vault-audit`,
      {
        type: device.type,
        path: device.path,
        description: 'Every Vault request and response of the agents, HMAC-ed (agent-iam)',
        options:
          device.type === 'file'
            ? { file_path: device.filePath, format: 'json' }
            : { address: device.address, socket_type: device.socketType, format: 'json' },
      },
      { parent: this },
    );

    this.bucketName = bucket.id;
    this.trailArn = trail.arn;
    this.alertTopicArn = topic.arn;
    this.deniedCallsRuleArn = denied.arn;
    this.inactiveAgentsRuleArn = inactive ? inactive.arn : pulumi.output(undefined);
    this.burstAlarmArn = alarm ? alarm.arn : pulumi.output(undefined);
    this.vaultAuditPath = device.path;
    this.retention = d.retention;
    this.registerOutputs({
      bucketName: this.bucketName,
      trailArn: this.trailArn,
      alertTopicArn: this.alertTopicArn,
      deniedCallsRuleArn: this.deniedCallsRuleArn,
      inactiveAgentsRuleArn: this.inactiveAgentsRuleArn,
      burstAlarmArn: this.burstAlarmArn,
      vaultAuditPath: this.vaultAuditPath,
      retention: this.retention,
    });
  }

  /** The log group the trail also writes to, and the role CloudTrail writes with. */
  private logDelivery(
    name: string,
    trailName: string,
    where: pulumi.Output<TrailLocation>,
    tags: Record<string, string>,
  ) {
    // The locked bucket is the record; the log group only feeds the alarm, so it keeps 30 days.
    // A literal name, so that the delivery role's policy is known at preview.
    const groupName = logGroupName(trailName);
    const group = new aws.cloudwatch.LogGroup(
      `${name}-trail-logs`,
      { name: groupName, retentionInDays: 30, tags },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-trail-logs-role`,
      {
        description: `CloudTrail writes trail ${trailName} to its CloudWatch log group`,
        assumeRolePolicy: where.apply((w) => JSON.stringify(logDeliveryTrust(w, trailName))),
        tags,
      },
      { parent: this },
    );
    const policy = new aws.iam.RolePolicy(
      `${name}-trail-logs-policy`,
      {
        role: role.name,
        policy: where.apply((w) => JSON.stringify(logDeliveryPolicy(logGroupArn(w, groupName)))),
      },
      { parent: this },
    );
    return { group, role, policy };
  }

  /** Counts denied agent calls in the log group, and alarms at `threshold` within the period. */
  private burstAlarm(
    name: string,
    group: aws.cloudwatch.LogGroup,
    metric: { namespace: string; name: string },
    settings: {
      filter: pulumi.Output<string>;
      burst: { threshold: number; periodMinutes: number };
      topic: aws.sns.Topic;
      tags: Record<string, string>;
    },
  ): aws.cloudwatch.MetricAlarm {
    const { filter, burst, topic, tags } = settings;
    new aws.cloudwatch.LogMetricFilter(
      `${name}-denied-calls-filter`,
      {
        logGroupName: group.name,
        pattern: filter,
        metricTransformation: {
          namespace: metric.namespace,
          name: metric.name,
          value: '1',
          defaultValue: '0',
        },
      },
      { parent: this },
    );
    return new aws.cloudwatch.MetricAlarm(
      `${name}-denied-calls-burst`,
      {
        alarmDescription: `${burst.threshold} or more calls denied to agents within ${burst.periodMinutes} minutes`,
        namespace: metric.namespace,
        metricName: metric.name,
        statistic: 'Sum',
        period: burst.periodMinutes * 60,
        evaluationPeriods: 1,
        threshold: burst.threshold,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [topic.arn],
        tags,
      },
      { parent: this },
    );
  }
}
