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

/** `describe` when the corpus is there; otherwise skipped, saying why. */
export const describeWithCorpus: jest.Describe = corpusAvailable
  ? describe
  : (() => {
      console.warn(
        `Skipping corpus tests: ${CORPUS_DIR} not found. Clone with ../shared beside the checkout to run them.`,
      );
      // eslint-disable-next-line no-restricted-properties -- the one sanctioned skip: the corpus is outside the repo
      return describe.skip;
    })();
