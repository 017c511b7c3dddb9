/**
 * An example fleet: seven AI agents and the resources they work on, each agent a distinct
 * identity with least-privilege permissions, an owner and an expiry. Five run outside AWS with
 * 15-minute credentials from Vault; two run on AWS (Bedrock AgentCore, a Bedrock agent). The
 * triager hands off to the notifier, which can do nothing the triager cannot. `npm start` checks
 * it offline; `pulumi preview --policy-pack ./policy-pack` for real.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { Agent, AgentAuditTrail, AgentFleet, grants } from './components';

const config = new pulumi.Config();
const region = new pulumi.Config('aws').require('region');
const accountId = aws.getCallerIdentityOutput().accountId;

/**
 * Expiry dates relative to today keep this example valid on any day. A real stack writes the
 * literal date agreed with the owner (e.g. `expiresOn: '2026-03-31'`), so a review sees it.
 */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// What the agents work on.
const tickets = new aws.sqs.Queue('support-tickets', {
  name: 'support-tickets',
  messageRetentionSeconds: 345_600,
});
const notices = new aws.sns.Topic('ticket-notices', { name: 'ticket-notices' });
const reports = new aws.s3.Bucket('finance-reports', {
  bucket: `agent-iam-example-finance-reports-${pulumi.getStack()}`,
});
const calendar = new aws.dynamodb.Table('team-calendar', {
  name: 'team-calendar',
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'team',
  rangeKey: 'startsAt',
  attributes: [
    { name: 'team', type: 'S' },
    { name: 'startsAt', type: 'S' },
  ],
});

const fleet = new AgentFleet('agents', {
  vaultPrincipalArn: config.require('vaultPrincipalArn'),
  awsSecretsEngine: {
    mode: 'workload-identity',
    path: config.get('awsMountPath') ?? 'aws-agents',
    identityTokenAudience: config.require('identityTokenAudience'),
    roleArn: config.require('vaultPrincipalArn'),
  },
  appRoleAuth: { mode: 'create', path: config.get('appRoleMountPath') ?? 'agents' },
  credentials: { ttl: '15m', maxTtl: '1h' },
  maxLifetimeDays: 90,
  tags: { 'cost-center': 'ai-platform' },
  agents: [
    {
      name: 'ticket-triager',
      owner: 'team:support',
      purpose: 'Reads new support tickets from the queue and routes them to the right team',
      expiresOn: daysFromToday(60),
      permissions: [
        ...grants.sqs.consumeMessages(tickets.name, accountId, region),
        ...grants.sns.publish(notices.name, { account: accountId, region }),
      ],
      // It hands each routed ticket to the notifier, on behalf of the ticket's requester.
      delegatesTo: ['ticket-notifier'],
    },
    {
      name: 'ticket-notifier',
      owner: 'team:support',
      purpose: 'Tells requesters where the ticket triager routed their ticket',
      expiresOn: daysFromToday(60),
      permissions: [...grants.sns.publish(notices.name, { account: accountId, region })],
    },
    {
      name: 'calendar-scheduler',
      owner: 'maria.lopez@example.com',
      purpose: 'Books and moves team meetings in the shared calendar table',
      expiresOn: daysFromToday(30),
      permissions: [
        ...grants.dynamodb.readItems(calendar.name, accountId, region),
        ...grants.dynamodb.writeItems(calendar.name, accountId, region),
      ],
      credentials: { ttl: '15m', maxTtl: '30m' },
    },
    {
      name: 'finance-report-reader',
      owner: 'team:finance',
      purpose: 'Summarises the monthly finance reports for the leadership digest',
      expiresOn: daysFromToday(85),
      permissions: [...grants.s3.readObjects(reports.bucket, { prefix: 'monthly/' })],
      tags: { 'data-classification': 'confidential' },
    },
  ],
});

// An agent can also be declared on its own, next to the code that uses it.
new Agent('digest-writer', {
  fleet,
  owner: 'ops-lead@example.com',
  purpose: 'Writes the weekly leadership digest to the reports bucket',
  expiresOn: daysFromToday(14),
  permissions: [...grants.s3.writeObjects(reports.bucket, { prefix: 'digests/' })],
});

// Agents AWS runs: the service assumes their roles, so they have no Vault credentials; the trust
// admits only that service, pinned to this account. Pass `agent.roleArn` to the runtime.
const helpdesk = new Agent('helpdesk-runtime', {
  fleet,
  runtime: 'agentcore-runtime',
  owner: 'team:support',
  purpose: 'Answers employee IT questions in chat on Bedrock AgentCore',
  expiresOn: daysFromToday(45),
  permissions: [
    {
      sid: 'InvokeOneModel',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: [
        pulumi.interpolate`arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0`,
      ],
    },
    ...grants.sqs.consumeMessages(tickets.name, accountId, region),
  ],
});
new aws.bedrock.AgentcoreAgentRuntime('helpdesk-runtime', {
  agentRuntimeName: 'helpdesk_runtime',
  agentRuntimeArtifact: {
    containerConfiguration: {
      containerUri: pulumi.interpolate`${accountId}.dkr.ecr.${region}.amazonaws.com/helpdesk:1.4.0`,
    },
  },
  networkConfiguration: { networkMode: 'PUBLIC' },
  roleArn: helpdesk.roleArn,
});

const faq = new Agent('faq-assistant', {
  fleet,
  runtime: 'bedrock-agent',
  owner: 'team:finance',
  purpose: 'Answers questions about expense policy as an Amazon Bedrock agent',
  expiresOn: daysFromToday(60),
  permissions: [
    {
      sid: 'InvokeItsModel',
      actions: ['bedrock:InvokeModel'],
      resources: [
        pulumi.interpolate`arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0`,
      ],
    },
  ],
});
new aws.bedrock.AgentAgent('faq-assistant', {
  agentName: 'faq-assistant',
  agentResourceRoleArn: faq.roleArn,
  foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  instruction: 'Answer questions about the expense policy, citing the policy section.',
});

// What the agents do, on record: a validated CloudTrail trail kept a year under Object Lock, alerts
// on calls denied to agents and on any call by a suspended or expired one, and Vault's audit log.
// Declared last, so that `fleet.agents` holds every agent.
const audit = new AgentAuditTrail('agent-audit', {
  retention: { years: 1 },
  agents: fleet.agents,
});

export const boundaryArn = fleet.boundaryArn;
export const auditAlertTopicArn = audit.alertTopicArn;
export const inventory = fleet.inventory;
