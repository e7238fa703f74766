/**
 * Figures of the blameless-language check on one corpus part: precision and
 * recall (with and without the catalog's names), false alarms on tricky
 * neutral sentences, rewrite coverage and quality, and speed.
 */
import { performance } from 'node:perf_hooks';
import {
  checkBlamelessLanguage,
  keepsFacts,
  namesPerson,
} from '../blamelessCheck';
import type { CorpusFile } from './corpusFiles';

export interface CheckFigures {
  sentences: number;
  precision: number;
  recall: number;
  /** Recall when the check is given no person names. */
  recallWithoutNames: number;
  precisionWithoutNames: number;
  trickyNeutral: number;
  /** Tricky neutral sentences flagged, as a share of all tricky ones. */
  falseAlarmRate: number;
  flagged: number;
  rewritten: number;
  /** Rewrites that the check flags again: must be 0. */
  rewritesReflagged: number;
  /** Rewrites that still name a person of the catalog: must be 0. */
  rewritesNamingPerson: number;
  /** Rewrites that lose a number or time of the original: must be 0. */
  rewritesLosingFacts: number;
  microsecondsPerSentence: number;
  falseNegatives: string[];
  falsePositives: string[];
}

export function evaluateCheck(corpus: CorpusFile): CheckFigures {
  const { language, names, entries } = corpus;
  const run = (personNames: string[]) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let trickyFlagged = 0;
    const falseNegatives: string[] = [];
    const falsePositives: string[] = [];
    let flagged = 0;
    let rewritten = 0;
    let reflagged = 0;
    let naming = 0;
    let losing = 0;
    for (const e of entries) {
      const findings = checkBlamelessLanguage(e.sentence, {
        personNames,
        language,
      });
      const predicted = findings.length > 0;
      if (predicted && e.blameful) tp++;
      else if (predicted) {
        fp++;
        falsePositives.push(e.sentence);
        if (e.tricky) trickyFlagged++;
      } else if (e.blameful) {
        fn++;
        falseNegatives.push(e.sentence);
      }
      if (!predicted) continue;
      flagged++;
      const { rewrite, sentenceStart, sentenceEnd } = findings[0];
      if (!rewrite) continue;
      rewritten++;
      if (checkBlamelessLanguage(rewrite, { personNames, language }).length > 0)
        reflagged++;
      if (namesPerson(rewrite, personNames)) naming++;
      // A line may hold several sentences; the rewrite is of one of them.
      const original = e.sentence.slice(sentenceStart, sentenceEnd);
      if (!keepsFacts(original, rewrite)) losing++;
    }
    return {
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
      trickyFlagged,
      falseNegatives,
      falsePositives,
      flagged,
      rewritten,
      reflagged,
      naming,
      losing,
    };
  };
  const started = performance.now();
  const withNames = run(names);
  const elapsed = performance.now() - started;
  const withoutNames = run([]);
  const tricky = entries.filter(e => e.tricky).length;
  return {
    sentences: entries.length,
    precision: withNames.precision,
    recall: withNames.recall,
    recallWithoutNames: withoutNames.recall,
    precisionWithoutNames: withoutNames.precision,
    trickyNeutral: tricky,
    falseAlarmRate: tricky === 0 ? 0 : withNames.trickyFlagged / tricky,
    flagged: withNames.flagged,
    rewritten: withNames.rewritten,
    rewritesReflagged: withNames.reflagged,
    rewritesNamingPerson: withNames.naming,
    rewritesLosingFacts: withNames.losing,
    // Each flagged sentence is checked twice (the sentence, its rewrite).
    microsecondsPerSentence:
      (elapsed * 1000) / (entries.length + withNames.rewritten),
    falseNegatives: withNames.falseNegatives,
    falsePositives: withNames.falsePositives,
  };
}
