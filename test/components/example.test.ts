/**
 * The example program (repo root `index.ts`) under mocks, with its `Pulumi.dev.yaml` config: it
 * declares four least-privilege agents and exports their inventory.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { actionNameProblem } from '../../policy-pack/engine';
import type { AgentInventoryEntry } from '../../components';
import { installMocks, recorded, settled, valueOf } from '../support/pulumi-mocks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const ROOT = path.join(__dirname, '../..');
let program: {
  inventory: pulumi.Output<AgentInventoryEntry[]>;
  boundaryArn: pulumi.Output<string>;
};

beforeAll(async () => {
  const project = (
    yaml.load(fs.readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as { name: string }
  ).name;
  const stack = yaml.load(fs.readFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), 'utf8')) as {
    config: Record<string, string>;
  };
  await installMocks(project, 'dev');
  pulumi.runtime.setAllConfig(stack.config);
  program = await import('../../index');
  await valueOf(program.inventory);
  await settled();
});

describe('example fleet', () => {
  test('declares seven agents with distinct owners and runtimes and exports their inventory', async () => {
    const inventory = await valueOf(program.inventory);
    expect(inventory.map((e) => [e.name, e.owner, e.runtime])).toEqual([
      ['ticket-triager', 'team:support', 'vault'],
      ['ticket-notifier', 'team:support', 'vault'],
      ['calendar-scheduler', 'maria.lopez@example.com', 'vault'],
      ['finance-report-reader', 'team:finance', 'vault'],
      ['digest-writer', 'ops-lead@example.com', 'vault'],
      ['helpdesk-runtime', 'team:support', 'agentcore-runtime'],
      ['faq-assistant', 'team:finance', 'bedrock-agent'],
    ]);
  });

  test("the AgentCore runtime and the Bedrock agent run with their agents' roles, trusting only their service", () => {
    const runtime = recorded.find(
      (r) => r.type === 'aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime',
    )!;
    expect(runtime.inputs.roleArn).toBe(
      'arn:aws:iam::123456789012:role/agents/agent-helpdesk-runtime',
    );
    const bedrock = recorded.find((r) => r.type === 'aws:bedrock/agentAgent:AgentAgent')!;
    expect(bedrock.inputs.agentResourceRoleArn).toBe(
      'arn:aws:iam::123456789012:role/agents/agent-faq-assistant',
    );
    const trust = JSON.parse(
      recorded.find((r) => r.name === 'faq-assistant-role')!.inputs.assumeRolePolicy as string,
    );
    expect(trust.Statement).toEqual([
      {
        Sid: 'ServiceRunsAgent',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: ['sts:AssumeRole'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': '123456789012' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:us-east-1:123456789012:agent/*' },
          DateLessThan: {
            'aws:CurrentTime': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
          },
        },
      },
    ]);
    expect(recorded.filter((r) => r.name.startsWith('faq-assistant-vault'))).toEqual([]);
  });

  test('grants only exact actions on named resources, never a wildcard action or resource "*"', async () => {
    const statements = (await valueOf(program.inventory)).flatMap((e) => e.statements);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of statement.actions)
        expect([action, actionNameProblem(action)]).toEqual([action, undefined]);
      expect(statement.resources).not.toContain('*');
    }
  });

  test('reads the Vault principal from the stack config', () => {
    const role = recorded.find((r) => r.name === 'ticket-triager-role')!;
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal).toEqual({
      AWS: 'arn:aws:iam::123456789012:role/vault-secrets-engine',
    });
    const engine = recorded.find((r) => r.type === 'vault:aws/secretBackend:SecretBackend')!;
    expect(engine.inputs.identityTokenAudience).toBe('vault-aws-secrets');
  });

  test('records what its agents do with an AgentAuditTrail that watches all seven', () => {
    const named = (name: string) => recorded.find((r) => r.name === name)!;
    expect(named('agent-audit').type).toBe('agent-iam:index:AgentAuditTrail');
    expect(named('agent-audit-trail').inputs.enableLogFileValidation).toBe(true);
    expect(named('agent-audit-logs-lock').inputs.rule).toEqual({
      defaultRetention: { mode: 'COMPLIANCE', years: 1 },
    });
    // Every agent is active: only the denied-calls rule exists, for the /agents/ path.
    expect(recorded.filter((r) => r.type === 'aws:cloudwatch/eventRule:EventRule')).toEqual([
      expect.objectContaining({ name: 'agent-audit-denied-calls' }),
    ]);
  });

  test('declares the bucket, table and queue the agents work on', () => {
    expect(
      recorded
        // The audit trail's log bucket is not one of them.
        .filter((r) => r.name !== 'agent-audit-logs')
        .filter((r) =>
          ['aws:s3/bucket:Bucket', 'aws:dynamodb/table:Table', 'aws:sqs/queue:Queue'].includes(
            r.type,
          ),
        )
        .map((r) => r.type)
        .sort(),
    ).toEqual(['aws:dynamodb/table:Table', 'aws:s3/bucket:Bucket', 'aws:sqs/queue:Queue']);
  });
});
