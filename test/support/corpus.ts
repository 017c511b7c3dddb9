import * as fs from 'fs';
import * as path from 'path';

/** The labelled corpus lives in `../shared`, beside the checkout, on developers' machines and CI. */
export const CORPUS_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'corpus',
  'iam-policies',
);

export const corpusAvailable = fs.existsSync(path.join(CORPUS_DIR, 'labels.json'));

export interface CorpusLabel {
  overPermissioned: boolean;
  categories: string[];
  privescMethods?: string[];
  notes?: string;
  tags?: string[];
  source?: string;
}

export function corpusLabels(): Record<string, CorpusLabel> {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'labels.json'), 'utf8'));
}

/**
 * `describe` when the corpus is there. Otherwise the suite's body is not run at all (it would read
 * the missing files) and one skipped test says why, so the run shows it and stays green.
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusAvailable) {
    describe(name, body);
    return;
  }
  const reason = `corpus not found at ${CORPUS_DIR}: clone with ../shared beside the checkout to run these tests`;
  console.warn(`Skipping "${name}": ${reason}.`);
  // eslint-disable-next-line no-restricted-properties -- the one sanctioned skip: the corpus is outside the repo
  describe.skip(name, () => test(reason, () => undefined));
}
