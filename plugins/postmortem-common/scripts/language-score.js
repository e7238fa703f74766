#!/usr/bin/env node
/*
 * Prints the precision and recall of the blameless-language check on the
 * labelled corpus, and lists the misclassified sentences.
 *
 * Usage: yarn language:score
 */

/* eslint-disable no-console */
const path = require('node:path');

// Load the TypeScript sources with sucrase, which @backstage/cli (a declared
// devDependency of this package) brings along.
const cliDir = path.dirname(require.resolve('@backstage/cli/package.json'));
require(require.resolve('sucrase/register/ts', { paths: [cliDir] }));

const src = path.resolve(__dirname, '../src/language');
const fixtures = path.join(src, '__fixtures__');
const { BLAMELESS_CORPUS, BLAMELESS_CORPUS_PERSON_NAMES } = require(path.join(
  fixtures,
  'corpus.ts',
));
const { scoreCorpus } = require(path.join(src, 'score.ts'));

const score = scoreCorpus(BLAMELESS_CORPUS, BLAMELESS_CORPUS_PERSON_NAMES);
const labels = new Map(BLAMELESS_CORPUS.map(e => [e.sentence, e.blameful]));

console.log(
  `blameless-language corpus: ${BLAMELESS_CORPUS.length} sentences, ` +
    `precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(
      2,
    )} ` +
    `(TP ${score.truePositives} FP ${score.falsePositives} ` +
    `TN ${score.trueNegatives} FN ${score.falseNegatives})`,
);
for (const sentence of score.misses) {
  const kind = labels.get(sentence) ? 'FN (missed blame)' : 'FP (neutral)';
  console.log(`  ${kind}: ${sentence}`);
}
