/* eslint-disable no-console */
import { checkBlamelessLanguage, namesPerson } from './blamelessCheck';
import {
  BLAMELESS_CORPUS,
  BLAMELESS_CORPUS_PERSON_NAMES,
} from './__fixtures__/corpus';
import { HELD_OUT_CORPUS, HELD_OUT_PERSON_NAMES } from './__fixtures__/heldOut';
import type { LabelledSentence } from './__fixtures__/types';
import {
  CorpusLanguage,
  CorpusPart,
  HELD_OUT_PARTS,
  readCorpusFile,
  TRAINING_PARTS,
} from './__fixtures__/corpusFiles';
import { evaluateCheck } from './__fixtures__/evaluateCheck';
import { scoreCorpus } from './score';

const sets: Array<[string, LabelledSentence[], string[]]> = [
  ['development corpus', BLAMELESS_CORPUS, BLAMELESS_CORPUS_PERSON_NAMES],
  ['held-out set', HELD_OUT_CORPUS, HELD_OUT_PERSON_NAMES],
];

describe('evaluation', () => {
  it('has a held-out set of at least 150 sentences, about half blameful', () => {
    expect(HELD_OUT_CORPUS.length).toBeGreaterThanOrEqual(150);
    const ratio =
      HELD_OUT_CORPUS.filter(e => e.blameful).length / HELD_OUT_CORPUS.length;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    const all = [...BLAMELESS_CORPUS, ...HELD_OUT_CORPUS].map(e => e.sentence);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(sets)(
    'scores precision and recall of at least 0.9 on the %s, with and without catalog names',
    (name, corpus, names) => {
      const withNames = scoreCorpus(corpus, names);
      const withoutNames = scoreCorpus(corpus, []);
      console.log(
        `${name}: ${
          corpus.length
        } sentences; precision ${withNames.precision.toFixed(
          3,
        )}, recall ${withNames.recall.toFixed(
          3,
        )}; without catalog names precision ${withoutNames.precision.toFixed(
          3,
        )}, recall ${withoutNames.recall.toFixed(3)}`,
      );
      expect(withNames.precision).toBeGreaterThanOrEqual(0.9);
      expect(withNames.recall).toBeGreaterThanOrEqual(0.9);
      expect(withoutNames.precision).toBeGreaterThanOrEqual(0.9);
      expect(withoutNames.recall).toBeGreaterThanOrEqual(0.85);
    },
  );

  it.each(sets)(
    'offers rewrites on the %s that pass the check and name nobody',
    (name, corpus, names) => {
      let flagged = 0;
      let rewritten = 0;
      let reflagged = 0;
      let naming = 0;
      for (const { sentence } of corpus) {
        const findings = checkBlamelessLanguage(sentence, {
          personNames: names,
        });
        if (findings.length === 0) continue;
        flagged++;
        const rewrite = findings[0].rewrite;
        if (!rewrite) continue;
        rewritten++;
        for (const f of findings) expect(f.rewrite).toBe(rewrite);
        if (checkBlamelessLanguage(rewrite, { personNames: names }).length > 0)
          reflagged++;
        if (namesPerson(rewrite, names)) naming++;
      }
      console.log(
        `${name}: rewrites for ${rewritten} of ${flagged} flagged sentences; re-flagged ${reflagged}, naming a person ${naming}`,
      );
      expect(reflagged).toBe(0);
      expect(naming).toBe(0);
      expect(rewritten / flagged).toBeGreaterThanOrEqual(0.65);
    },
  );

  // The corpus parts written apart from the rules: figures on the test
  // parts are printed and guarded, their misses never listed.
  const floors: Array<
    [
      CorpusLanguage,
      CorpusPart,
      {
        precision: number;
        recall: number;
        falseAlarms: number;
        rewrites: number;
      },
    ]
  > = [
    [
      'en',
      'dev',
      { precision: 0.985, recall: 0.975, falseAlarms: 0.015, rewrites: 0.53 },
    ],
    // Written for the clause model by engineers who had read neither the
    // rules nor the other parts: training data.
    [
      'en',
      'dev2',
      { precision: 0.985, recall: 0.805, falseAlarms: 0.01, rewrites: 0.35 },
    ],
    [
      'en',
      'dev3',
      { precision: 0.97, recall: 0.86, falseAlarms: 0.025, rewrites: 0.35 },
    ],
    [
      'en',
      'dev4',
      { precision: 0.98, recall: 0.75, falseAlarms: 0.02, rewrites: 0.32 },
    ],
    [
      'en',
      'dev5',
      { precision: 0.98, recall: 0.855, falseAlarms: 0.02, rewrites: 0.31 },
    ],
    [
      'en',
      'dev6',
      { precision: 0.97, recall: 0.855, falseAlarms: 0.03, rewrites: 0.32 },
    ],
    [
      'en',
      'dev7',
      { precision: 0.975, recall: 0.73, falseAlarms: 0.02, rewrites: 0.3 },
    ],
    // Mostly people doing ordinary work in words that sound like blame.
    [
      'en',
      'dev8',
      { precision: 0.925, recall: 0.745, falseAlarms: 0.045, rewrites: 0.36 },
    ],
    // Blame without trigger words (9); tricky neutral in many kinds (10).
    [
      'en',
      'dev9',
      { precision: 0.96, recall: 0.65, falseAlarms: 0.035, rewrites: 0.32 },
    ],
    [
      'en',
      'dev10',
      { precision: 0.98, recall: 0.815, falseAlarms: 0.015, rewrites: 0.24 },
    ],
    // The natural mix, with understatement, procedure language and blame
    // of outsiders.
    [
      'en',
      'dev11',
      { precision: 0.975, recall: 0.705, falseAlarms: 0.025, rewrites: 0.23 },
    ],
    [
      'en',
      'dev12',
      { precision: 0.955, recall: 0.58, falseAlarms: 0.03, rewrites: 0.22 },
    ],
    [
      'en',
      'dev13',
      { precision: 0.99, recall: 0.7, falseAlarms: 0.01, rewrites: 0.26 },
    ],
    [
      'en',
      'dev14',
      { precision: 0.98, recall: 0.705, falseAlarms: 0.02, rewrites: 0.17 },
    ],
    [
      'en',
      'test',
      { precision: 0.94, recall: 0.93, falseAlarms: 0.06, rewrites: 0.61 },
    ],
    // Each written afterwards by an engineer who had read neither the rules
    // nor the other parts and measured one round of rules on unseen wording;
    // since the clause model, training data.
    [
      'en',
      'test2',
      { precision: 0.98, recall: 0.915, falseAlarms: 0.025, rewrites: 0.49 },
    ],
    [
      'en',
      'test3',
      { precision: 0.98, recall: 0.925, falseAlarms: 0.025, rewrites: 0.44 },
    ],
    [
      'en',
      'test4',
      { precision: 0.99, recall: 0.89, falseAlarms: 0.01, rewrites: 0.42 },
    ],
    // Written without reading the rules or other parts before the clause
    // model; held out: never tuned or trained on.
    [
      'en',
      'test5',
      { precision: 0.97, recall: 0.72, falseAlarms: 0.035, rewrites: 0.27 },
    ],
    // Written without reading the rules or other parts after the clause
    // model was built, and measured once at the end: held out.
    [
      'en',
      'test6',
      { precision: 0.98, recall: 0.865, falseAlarms: 0.025, rewrites: 0.33 },
    ],
    // Written after the clause model was built, without reading the rules
    // or other parts, and first measured with the model trained without
    // them (English 7: 0.871 / 0.568 / 10.9 %; German 4: 0.932 / 0.373 /
    // 3.4 %): held out.
    [
      'en',
      'test7',
      { precision: 0.93, recall: 0.755, falseAlarms: 0.07, rewrites: 0.25 },
    ],
    // Written for this session's round without reading the rules or other
    // parts, first measured with the model trained without them (English 8:
    // 0.961 / 0.613 / 3.0 %; German 5: 0.969 / 0.534 / 1.0 %): held out.
    [
      'en',
      'test8',
      { precision: 0.945, recall: 0.72, falseAlarms: 0.05, rewrites: 0.19 },
    ],
    [
      'de',
      'dev',
      { precision: 0.99, recall: 0.99, falseAlarms: 0.01, rewrites: 0.55 },
    ],
    [
      'de',
      'dev2',
      { precision: 0.99, recall: 0.88, falseAlarms: 0.01, rewrites: 0.2 },
    ],
    [
      'de',
      'dev3',
      { precision: 0.98, recall: 0.88, falseAlarms: 0.02, rewrites: 0.16 },
    ],
    [
      'de',
      'dev4',
      { precision: 0.99, recall: 0.875, falseAlarms: 0.01, rewrites: 0.25 },
    ],
    [
      'de',
      'dev5',
      { precision: 0.99, recall: 0.88, falseAlarms: 0.01, rewrites: 0.11 },
    ],
    [
      'de',
      'dev6',
      { precision: 0.99, recall: 0.88, falseAlarms: 0.01, rewrites: 0.1 },
    ],
    // Mostly people doing ordinary work in words that sound like blame.
    [
      'de',
      'dev7',
      { precision: 0.97, recall: 0.91, falseAlarms: 0.025, rewrites: 0.25 },
    ],
    // Blame without trigger words (8); tricky neutral in many kinds (9).
    [
      'de',
      'dev8',
      { precision: 0.965, recall: 0.68, falseAlarms: 0.03, rewrites: 0.01 },
    ],
    [
      'de',
      'dev9',
      { precision: 0.98, recall: 0.825, falseAlarms: 0.02, rewrites: 0.1 },
    ],
    // The natural mix, with dialect, understatement, procedure language and
    // blame of outsiders.
    [
      'de',
      'dev10',
      { precision: 0.99, recall: 0.765, falseAlarms: 0.01, rewrites: 0.03 },
    ],
    [
      'de',
      'dev11',
      { precision: 0.965, recall: 0.805, falseAlarms: 0.035, rewrites: 0.01 },
    ],
    [
      'de',
      'dev12',
      { precision: 0.98, recall: 0.825, falseAlarms: 0.02, rewrites: 0.06 },
    ],
    [
      'de',
      'dev13',
      { precision: 0.98, recall: 0.61, falseAlarms: 0.02, rewrites: 0.06 },
    ],
    [
      'de',
      'test',
      { precision: 0.97, recall: 0.99, falseAlarms: 0.03, rewrites: 0.44 },
    ],
    [
      'de',
      'test2',
      { precision: 0.915, recall: 0.605, falseAlarms: 0.085, rewrites: 0.17 },
    ],
    [
      'de',
      'test3',
      { precision: 0.955, recall: 0.645, falseAlarms: 0.03, rewrites: 0.14 },
    ],
    [
      'de',
      'test4',
      { precision: 0.975, recall: 0.76, falseAlarms: 0.025, rewrites: 0.11 },
    ],
    [
      'de',
      'test5',
      { precision: 0.95, recall: 0.65, falseAlarms: 0.035, rewrites: 0.07 },
    ],
  ];

  it.each(floors)(
    'scores the %s %s part of the corpus',
    (language, part, floor) => {
      const corpus = readCorpusFile(language, part);
      expect(corpus.entries.length).toBeGreaterThanOrEqual(
        language === 'en' ? 200 : 90,
      );
      const f = evaluateCheck(corpus);
      console.log(
        `${language} ${part}: ${
          f.sentences
        } sentences; precision ${f.precision.toFixed(
          3,
        )}, recall ${f.recall.toFixed(3)}; false alarms on tricky neutral ${(
          f.falseAlarmRate * 100
        ).toFixed(1)} % of ${f.trickyNeutral}; rewrites for ${f.rewritten} of ${
          f.flagged
        } flagged`,
      );
      expect(f.precision).toBeGreaterThanOrEqual(floor.precision);
      expect(f.recall).toBeGreaterThanOrEqual(floor.recall);
      expect(f.falseAlarmRate).toBeLessThanOrEqual(floor.falseAlarms);
      expect(f.rewritesReflagged).toBe(0);
      expect(f.rewritesNamingPerson).toBe(0);
      expect(f.rewritesLosingFacts).toBe(0);
      expect(f.rewritten / f.flagged).toBeGreaterThanOrEqual(floor.rewrites);
    },
  );

  it('keeps the training and held-out parts apart, and every part read', () => {
    for (const language of ['en', 'de'] as const) {
      const parts = [...TRAINING_PARTS[language], ...HELD_OUT_PARTS[language]];
      expect(new Set(parts).size).toBe(parts.length);
      expect(
        floors
          .filter(([l]) => l === language)
          .map(([, p]) => p)
          .sort(),
      ).toEqual([...parts].sort());
      const seen = new Set<string>();
      for (const part of parts) {
        const entries = readCorpusFile(language, part).entries;
        expect(entries.filter(e => seen.has(e.sentence))).toEqual([]);
        entries.forEach(e => seen.add(e.sentence));
      }
    }
  });
});
