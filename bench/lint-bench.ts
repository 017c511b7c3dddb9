/**
 * `npm run bench -- lint`: lints 1,000 documents (the labelled corpus repeated, in a temp folder)
 * with the real binary, as a user would, and prints the wall time and the time to the first
 * verdict (first stdout line) of each run and their medians. The first run also fills the TS
 * transpile cache of bin/register-ts.js, so it is reported but usually the slowest.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CORPUS_DIR = path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'iam-policies');
const DOCUMENTS = 1000;
const RUNS = 5;

interface Timing {
  wallMs: number;
  firstVerdictMs: number;
  lines: number;
  exitCode: number | null;
}

function lintOnce(dir: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(
      process.execPath,
      [path.resolve(__dirname, '..', 'bin', 'agent-iam.js'), 'lint', '--json', dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let firstVerdictMs = -1;
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (firstVerdictMs < 0 && chunk.includes(10)) firstVerdictMs = elapsed();
      for (const byte of chunk) if (byte === 10) lines++;
    });
    child.on('error', reject);
    child.on('close', (exitCode) =>
      resolve({ wallMs: elapsed(), firstVerdictMs, lines, exitCode }),
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  if (!fs.existsSync(path.join(CORPUS_DIR, 'labels.json'))) {
    console.log(`lint bench: skipped, corpus not found at ${CORPUS_DIR}`);
    return;
  }
  const sources = fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'labels.json')
    .sort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-lint-bench-'));
  try {
    for (let i = 0; i < DOCUMENTS; i++) {
      const source = sources[i % sources.length];
      fs.copyFileSync(
        path.join(CORPUS_DIR, source),
        path.join(dir, `${String(i).padStart(4, '0')}-${source}`),
      );
    }
    console.log(
      `lint bench: ${DOCUMENTS} documents (${sources.length} corpus documents repeated), ${RUNS} runs of \`node bin/agent-iam.js lint --json <dir>\``,
    );
    const timings: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await lintOnce(dir);
      timings.push(t);
      console.log(
        `  run ${i + 1}${i === 0 ? ' (warms the TS transpile cache)' : ''}: wall ${t.wallMs.toFixed(0)} ms, first verdict ${t.firstVerdictMs.toFixed(0)} ms, ${t.lines} verdicts, exit ${t.exitCode}`,
      );
    }
    const warm = timings.slice(1);
    console.log(
      `  median of warm runs: wall ${median(warm.map((t) => t.wallMs)).toFixed(0)} ms (goal < 2000), first verdict ${median(warm.map((t) => t.firstVerdictMs)).toFixed(0)} ms (goal < 300)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
