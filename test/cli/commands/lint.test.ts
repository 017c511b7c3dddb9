import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runLint, sortByName } from '../../../cli/commands/lint';
import { recordingIo } from '../../../cli/io';

const GOOD = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};
const BAD = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-lint-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const BAD_MESSAGE =
  'Statement[0] (Sid "Read") lets the agent read data from any resource with "s3:GetObject"; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").';

describe('agent-iam lint', () => {
  test('exit 0 and "ok" for a least-privilege document', async () => {
    const file = write('good.json', GOOD);
    const io = recordingIo();
    expect(await runLint([file], io)).toBe(0);
    expect(io.stdout).toEqual([
      `${file}: ok`,
      '1 document: 0 over-permissioned, 0 malformed or unreadable, 1 ok',
    ]);
    expect(io.stderr).toEqual([]);
  });

  test('exit 1 with the finding for an over-permissioned document', async () => {
    const file = write('bad.json', BAD);
    const io = recordingIo();
    expect(await runLint([file], io)).toBe(1);
    expect(io.stdout).toEqual([
      `${file}: over-permissioned (1 finding)`,
      `  high data-exfiltration: ${BAD_MESSAGE}`,
      '1 document: 1 over-permissioned, 0 malformed or unreadable, 0 ok',
    ]);
  });

  test('--json prints one object per document, recursively through folders', async () => {
    const bad = write('a/bad.json', BAD);
    const good = write('b/nested/good.json', GOOD);
    write('b/notes.txt', 'not json');
    const io = recordingIo();
    expect(await runLint(['--json', dir], io)).toBe(1);
    expect(io.stdout.map((l) => JSON.parse(l))).toEqual([
      {
        file: bad,
        overPermissioned: true,
        findings: [
          {
            category: 'data-exfiltration',
            severity: 'high',
            statement: { index: 0, sid: 'Read' },
            actions: ['s3:GetObject'],
            resources: ['*'],
            message: BAD_MESSAGE,
          },
        ],
        agentRules: [],
        problems: [],
      },
      { file: good, overPermissioned: false, findings: [], agentRules: [], problems: [] },
    ]);
  });

  test('exit 1 for a document refused for agents only: a partial wildcard "s3:Get*"', async () => {
    const file = write('partial.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::reports/*' }],
    });
    const io = recordingIo();
    expect(await runLint([file], io)).toBe(1);
    expect(io.stdout).toEqual([
      `${file}: refused for agents (1 agent rule)`,
      '  agent-no-wildcard-actions: Statement[0] allows the wildcard action "s3:Get*": "s3:Get*" is a wildcard; list the exact actions, e.g. "s3:GetObject". A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.',
      '1 document: 0 over-permissioned, 1 refused for agents, 0 malformed or unreadable, 0 ok',
    ]);
  });

  test('exit 2 for an unreadable document, naming it, while the others are still judged', async () => {
    const broken = write('a-broken.json', '{ "Statement": [');
    const bad = write('b-bad.json', BAD);
    const io = recordingIo();
    expect(await runLint([dir], io)).toBe(2);
    expect(io.stderr).toEqual([
      `${broken}: not valid JSON (Unexpected end of JSON input); fix the syntax`,
    ]);
    expect(io.stdout[0]).toBe(`${bad}: over-permissioned (1 finding)`);
    expect(io.stdout.at(-1)).toBe(
      '2 documents: 1 over-permissioned, 1 malformed or unreadable, 0 ok',
    );
  });

  test('exit 2 for a malformed statement, with the statement, field and fix', async () => {
    const file = write('malformed.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
    });
    const io = recordingIo();
    expect(await runLint([file], io)).toBe(2);
    expect(io.stdout).toEqual([
      `${file}: malformed`,
      '  error Resource: Statement[0]: has no Resource; name the resources, e.g. "arn:aws:s3:::my-bucket/*"',
      '1 document: 0 over-permissioned, 1 malformed or unreadable, 0 ok',
    ]);
  });

  test('unknown action names are warnings with the closest real name, not failures', async () => {
    const file = write('typo.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::reports/*' }],
    });
    const io = recordingIo();
    expect(await runLint([file], io)).toBe(0);
    expect(io.stdout[1]).toBe(
      '  warning Action[0]: Statement[0]: "s3:GetObjekt" is not an IAM action; did you mean "s3:GetObject"?',
    );
  });

  test('exit 2 for a missing path and for no path at all', async () => {
    const io = recordingIo();
    expect(await runLint([path.join(dir, 'nope.json')], io)).toBe(2);
    expect(io.stderr[0]).toBe(
      `agent-iam lint: ${path.join(dir, 'nope.json')}: no such file or folder; pass a policy .json file or a folder of them.`,
    );
    const none = recordingIo();
    expect(await runLint([], none)).toBe(2);
    expect(none.stderr[0]).toMatch(
      /^agent-iam lint: no PATH given; pass policy \.json files or folders\./,
    );
  });

  test('a JSON file in a folder that is not a policy is skipped; named explicitly it is malformed', async () => {
    const other = write('package.json', { name: 'x' });
    const io = recordingIo();
    expect(await runLint([dir], io)).toBe(2);
    expect(io.stderr).toEqual([`agent-iam lint: no IAM policy documents found in ${dir}.`]);
    const named = recordingIo();
    expect(await runLint([other], named)).toBe(2);
    expect(named.stdout[0]).toBe(`${other}: malformed`);
  });

  test('the binary prints exactly what the command prints, line for line, on both streams', async () => {
    write('a-broken.json', '{ "Statement": [');
    for (let i = 0; i < 40; i++)
      write(`doc-${String(i).padStart(2, '0')}.json`, i % 2 ? BAD : GOOD);
    const { spawnSync } = await import('child_process');
    const root = path.resolve(__dirname, '..', '..', '..');
    for (const args of [
      ['lint', dir],
      ['lint', '--json', dir],
    ]) {
      const io = recordingIo();
      const code = await runLint(args.slice(1), io);
      const run = spawnSync(process.execPath, [path.join(root, 'bin', 'agent-iam.js'), ...args], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(code);
      expect(run.stdout).toBe(io.stdout.map((l) => `${l}\n`).join(''));
      expect(run.stderr).toBe(io.stderr.map((l) => `${l}\n`).join(''));
    }
  });

  test('lint of a folder of plain names builds no collator (ICU collation data costs ~8 ms)', async () => {
    write('0001.json', BAD);
    write('0002.json', GOOD);
    write('0003.json', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
      ],
    });
    const { execFileSync } = await import('child_process');
    const root = path.resolve(__dirname, '..', '..', '..');
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `let n=0;const lc=String.prototype.localeCompare;String.prototype.localeCompare=function(...a){n++;return lc.apply(this,a)};const C=Intl.Collator;Intl.Collator=function(...a){n++;return new C(...a)};require('./bin/register-ts');require('./cli/main').main(['lint','--json',${JSON.stringify(dir)}],{out(){},err(){}}).then((code)=>{console.log(code,n)})`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('1 0');
  });

  test('lint never loads the Pulumi SDK', async () => {
    const file = write('good.json', GOOD);
    const { execFileSync } = await import('child_process');
    const root = path.resolve(__dirname, '..', '..', '..');
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `require('./bin/register-ts');require('./cli/main').main(['lint',${JSON.stringify(file)}],{out(){},err(){}}).then(()=>{console.log(Object.keys(require.cache).filter(k=>k.includes('@pulumi')).length)})`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('0');
  });
});

describe('sortByName', () => {
  const collator = new Intl.Collator();
  const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

  test('names of lower-case letters, digits, "." and "-" sort by code unit exactly as the collator sorts them', () => {
    const name = fc.stringMatching(/^[a-z0-9.-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), (names) => {
        const sorted = sortByName(names.map((n) => ({ name: n }))).map((e) => e.name);
        expect(sorted).toEqual([...names].sort((a, b) => sign(collator.compare(a, b))));
      }),
      { numRuns: 2000 },
    );
  });

  test('any other name sends the folder to the collator', () => {
    const names = ['b.json', 'B.json', 'a_b.json', 'a-b.json', 'a1.json', 'A.json', 'ä.json'];
    expect(sortByName(names.map((n) => ({ name: n }))).map((e) => e.name)).toEqual(
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    // Code-unit order would differ here: upper case first, "_" after the digits.
    expect([...names].sort()).not.toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
