/**
 * `agent-iam lint` and the pack's `agent-no-wildcard-actions` share one definition of a wildcard
 * action: on each row, lint refuses the document for agents exactly when the policy refuses it
 * in an agent's RolePolicy, with the same message.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recordingIo } from '../../../../cli/io';
import { runLint } from '../../../../cli/commands/lint';
import {
  WILDCARD_ACTIONS_POLICY,
  classifyActionPattern,
  type ActionPatternKind,
} from '../../../../policy-pack/engine/rules/wildcard-actions';
import { agentNoWildcardActions } from '../../../../policy-pack/policies/no-wildcard-actions';
import { verdictsOf } from '../../../support/harness';
import { withRolePolicy, type Statement } from '../../policies/permission-fixtures';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:support-tickets';
const BUCKET = 'arn:aws:s3:::acme-reports/*';

interface Row {
  case: string;
  statement: Statement;
  refused: boolean;
}

const rows: Row[] = [
  {
    case: 'a partial wildcard "s3:Get*"',
    statement: { Effect: 'Allow', Action: 's3:Get*', Resource: BUCKET },
    refused: true,
  },
  {
    case: 'a partial wildcard "s3:*Object"',
    statement: { Effect: 'Allow', Action: 's3:*Object', Resource: BUCKET },
    refused: true,
  },
  {
    case: 'the full wildcard "*"',
    statement: { Effect: 'Allow', Action: '*', Resource: BUCKET },
    refused: true,
  },
  {
    case: 'NotAction',
    statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: BUCKET },
    refused: true,
  },
  {
    case: 'exact actions',
    statement: { Effect: 'Allow', Action: ['sqs:ReceiveMessage'], Resource: QUEUE },
    refused: false,
  },
  {
    case: 'a wildcard in a Deny, which only restricts',
    statement: { Effect: 'Deny', Action: 's3:*', Resource: BUCKET },
    refused: false,
  },
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-wildcards-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function lintAgentRules(statement: Statement): Promise<{ exit: number; messages: string[] }> {
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));
  const io = recordingIo();
  const exit = await runLint(['--json', file], io);
  const record = JSON.parse(io.stdout[0]) as {
    overPermissioned: boolean;
    agentRules: { policy: string; message: string }[];
  };
  expect(record.agentRules.every((r) => r.policy === WILDCARD_ACTIONS_POLICY)).toBe(true);
  return {
    exit: record.overPermissioned ? -1 : exit,
    messages: record.agentRules.map((r) => r.message),
  };
}

describe('lint and agent-no-wildcard-actions agree', () => {
  test.each(rows)('$case: refused $refused', async ({ statement, refused }) => {
    const lint = await lintAgentRules(statement);
    const pack = await verdictsOf(agentNoWildcardActions, withRolePolicy(statement));
    // The pack names the document (`rolePolicy:<name> Statement[0]`); lint names the file.
    const packMessages = pack.map((v) =>
      v.message.replace(/^Agent "ticket-triager": rolePolicy:ticket-triager-policy /, ''),
    );
    expect(lint.messages).toEqual(packMessages);
    expect(lint.messages.length > 0).toBe(refused);
    // Refused for agents alone exits 1; an over-permissioned document does anyway (-1 here).
    if (lint.exit !== -1) expect(lint.exit).toBe(refused ? 1 : 0);
  });
});

describe('classifyActionPattern', () => {
  test.each<[string, ActionPatternKind]>([
    ['s3:GetObject', 'exact'],
    ['s3:Get*', 'partial-wildcard'],
    ['s3:*Object', 'partial-wildcard'],
    ['s3:GetObjec?', 'partial-wildcard'],
    ['s3:*', 'service-wildcard'],
    ['s3*:*', 'service-wildcard'],
    ['*', 'full-wildcard'],
    ['*:*', 'full-wildcard'],
  ])('%s is %s', (pattern, kind) => {
    expect(classifyActionPattern(pattern)).toBe(kind);
  });
});
