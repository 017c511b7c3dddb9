/**
 * An example fleet: four AI agents and the resources they work on, each agent a distinct
 * identity with least-privilege permissions, an owner, an expiry and 15-minute credentials from
 * Vault. `npm start` checks it offline; `pulumi preview --policy-pack ./policy-pack` for real.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { Agent, AgentFleet, grants } from './components';

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
      permissions: [...grants.sqs.consumeMessages(tickets.name, accountId, region)],
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

export const boundaryArn = fleet.boundaryArn;
export const inventory = fleet.inventory;
