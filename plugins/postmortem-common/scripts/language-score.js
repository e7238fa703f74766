#!/usr/bin/env node
/*
 * Prints the figures of the blameless-language check per language and
 * corpus part: precision and recall (with and without catalog names), false
 * alarms on tricky neutral sentences, rewrite coverage, re-flagged rewrites,
 * rewrites naming a person, and the time per sentence.
 *
 * Usage: yarn language:score            figures only
 *        yarn language:score --misses   also the misclassified DEV sentences
 *                                       (the test parts' misses are never
 *                                       printed: they are not for tuning)
 */

/* eslint-disable no-console */
const path = require('node:path');

// Load the TypeScript sources with sucrase, which @backstage/cli (a declared
// devDependency of this package) brings along.
const cliDir = path.dirname(require.resolve('@backstage/cli/package.json'));
require(require.resolve('sucrase/register/ts', { paths: [cliDir] }));

const fixtures = path.resolve(__dirname, '../src/language/__fixtures__');
const { evaluateCheck } = require(path.join(fixtures, 'evaluateCheck.ts'));

const showMisses = process.argv.includes('--misses');
const pct = x => `${(x * 100).toFixed(1)} %`;

const { readCorpusFile, TRAINING_PARTS, HELD_OUT_PARTS } = require(path.join(
  fixtures,
  'corpusFiles.ts',
));
const parts = {
  en: [...TRAINING_PARTS.en, ...HELD_OUT_PARTS.en],
  de: [...TRAINING_PARTS.de, ...HELD_OUT_PARTS.de],
};
for (const language of ['en', 'de']) {
  for (const part of parts[language]) {
    const corpus = readCorpusFile(language, part);
    const f = evaluateCheck(corpus);
    console.log(
      `${language} ${part.padEnd(5)} ${String(f.sentences).padStart(
        3,
      )} sentences: precision ${f.precision.toFixed(
        3,
      )}, recall ${f.recall.toFixed(
        3,
      )} (without catalog names ${f.precisionWithoutNames.toFixed(
        3,
      )} / ${f.recallWithoutNames.toFixed(
        3,
      )}); false alarms on tricky neutral ${pct(f.falseAlarmRate)} of ${
        f.trickyNeutral
      }; rewrites for ${f.rewritten} of ${f.flagged} flagged (${pct(
        f.flagged ? f.rewritten / f.flagged : 0,
      )}), re-flagged ${f.rewritesReflagged}, naming a person ${
        f.rewritesNamingPerson
      }; ${(f.microsecondsPerSentence / 1000).toFixed(2)} ms per sentence`,
    );
    if (showMisses && part === 'dev') {
      for (const s of f.falseNegatives) console.log(`    FN ${s}`);
      for (const s of f.falsePositives) console.log(`    FP ${s}`);
    }
  }
}
