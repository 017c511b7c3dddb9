/**
 * `npm run bench -- adversarial`: input built to make a backtracking matcher or a quadratic
 * tokenizer blow up (issue 9), from test/support/adversarial-documents.ts:
 * - the engine judges any IAM document of at most 100 KB in under 100 ms: each family is judged
 *   at its largest size five times, each time with fresh names so no cache helps, after a warm-up;
 * - the Vault policy reader reads each 200 KB policy in under 100 ms.
 * The figure is the fastest run's CPU time of this process, so that another process scheduled on
 * a busy machine counts as little as it can.
 */
import * as os from 'os';
import { judgePolicy } from '../policy-pack/engine';
import { parseVaultPolicy } from '../policy-pack/lib/vault-policy';
import {
  ADVERSARIAL_FAMILIES,
  ADVERSARIAL_VAULT_POLICIES,
  adversarialDocument,
  fittingSize,
} from '../test/support/adversarial-documents';

const GOAL_MS = 100;
const RUNS = 5;

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function fastest(family: string): { ms: number; bytes: number } {
  const build = ADVERSARIAL_FAMILIES[family];
  const size = fittingSize(build, 100_000);
  let ms = Infinity;
  let bytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const bucket = `b${run}${Math.random().toString(36).slice(2, 8)}`;
    const document = adversarialDocument(build, bucket, size);
    bytes = Math.max(bytes, JSON.stringify(document).length);
    ms = Math.min(
      ms,
      cpuMs(() => judgePolicy(document)),
    );
  }
  return { ms, bytes };
}

export async function run(): Promise<void> {
  const families = Object.keys(ADVERSARIAL_FAMILIES);
  for (const family of families) {
    judgePolicy(adversarialDocument(ADVERSARIAL_FAMILIES[family], 'warm', 2_000));
  }
  let worst = 0;
  for (const family of families) {
    const { ms, bytes } = fastest(family);
    worst = Math.max(worst, ms);
    console.log(`adversarial IAM: ${family}, ${bytes} bytes: ${ms.toFixed(1)} ms CPU`);
  }
  let worstVault = 0;
  for (const { case: name, build } of ADVERSARIAL_VAULT_POLICIES) {
    let ms = Infinity;
    for (let run = 0; run < RUNS; run++) {
      const text = build();
      ms = Math.min(
        ms,
        cpuMs(() => parseVaultPolicy(text)),
      );
    }
    worstVault = Math.max(worstVault, ms);
    console.log(`adversarial Vault: ${name}, 200 KB: ${ms.toFixed(1)} ms CPU`);
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const verdict = (ms: number): string => (ms < GOAL_MS ? 'meets the goal' : 'MISSES the goal');
  console.log(
    `adversarial IAM documents (≤ 100 KB, ${families.length} families): slowest ${worst.toFixed(1)} ms (goal < ${GOAL_MS} ms): ${verdict(worst)} (load ${load})`,
  );
  console.log(
    `adversarial Vault policies (200 KB, ${ADVERSARIAL_VAULT_POLICIES.length} shapes): slowest ${worstVault.toFixed(1)} ms (goal < ${GOAL_MS} ms): ${verdict(worstVault)}`,
  );
}
