/**
 * The labelled corpus (../shared/corpus/iam-policies): `agent-iam lint --json` must flag every
 * over-permissioned policy in exactly its labelled categories, and no good one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runLint } from '../../../cli/commands/lint';
import { recordingIo } from '../../../cli/io';
import { CORPUS_DIR, corpusLabels, describeWithCorpus } from '../../support/corpus';

interface LintLine {
  file: string;
  overPermissioned: boolean;
  findings: { category: string; privescMethod?: string }[];
  problems: { severity?: string }[];
}

describeWithCorpus('labelled corpus', () => {
  const labels = corpusLabels();
  const lines = new Map<string, LintLine>();
  let exitCode = -1;
  let stdout: string[] = [];

  beforeAll(async () => {
    const io = recordingIo();
    exitCode = await runLint(['--json', CORPUS_DIR], io);
    stdout = io.stdout;
    for (const line of io.stdout) {
      const parsed = JSON.parse(line) as LintLine;
      lines.set(path.basename(parsed.file, '.json'), parsed);
    }
  });

  test('lint judges every labelled document and exits 1 (some are over-permissioned)', () => {
    expect([...lines.keys()].sort()).toEqual(Object.keys(labels).sort());
    expect(exitCode).toBe(1);
  });

  test.each(Object.entries(labels).map(([id, label]) => ({ id, label })))(
    '$id: over-permissioned $label.overPermissioned, categories $label.categories',
    ({ id, label }) => {
      const line = lines.get(id);
      expect(line).toBeDefined();
      expect(line?.overPermissioned).toBe(label.overPermissioned);
      const categories = [...new Set(line?.findings.map((f) => f.category))].sort();
      expect(categories).toEqual([...label.categories].sort());
      const methods = (line?.findings ?? []).flatMap((f) =>
        f.privescMethod ? [f.privescMethod] : [],
      );
      expect(methods.sort()).toEqual([...(label.privescMethods ?? [])].sort());
      expect(line?.problems.filter((p) => p.severity === 'error')).toEqual([]);
    },
  );

  /**
   * The golden output: the complete `lint --json` of the corpus, paths made relative. It pins the
   * engine's judgement through refactors; regenerate with `UPDATE_GOLDEN=1` only when a change of
   * judgement is intended (and the labels still pass above).
   */
  test('golden lint --json of the corpus', () => {
    const file = path.join(__dirname, '..', '..', 'fixtures', 'golden', 'lint-corpus.jsonl');
    const actual = `exit ${exitCode}\n${stdout.map((l) => l.split(CORPUS_DIR).join('<corpus>')).join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, actual);
    }
    expect(actual).toBe(fs.readFileSync(file, 'utf8'));
  });
});
