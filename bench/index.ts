/**
 * `npm run bench`: wall-clock figures for the targets the issues set. Timed here, not in tests,
 * because these machines are noisy. Each part prints its own lines.
 */
async function bench(): Promise<void> {
  const parts = process.argv.slice(2);
  const all = parts.length === 0;
  if (all || parts.includes('lint')) await (await import('./lint-bench')).run();
  if (all || parts.includes('check')) await (await import('./check-bench')).run();
  if (all || parts.includes('adversarial')) await (await import('./adversarial-bench')).run();
}

bench().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
