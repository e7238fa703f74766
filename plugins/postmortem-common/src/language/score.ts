import { checkBlamelessLanguage } from './blamelessCheck';

/**
 * The result of {@link scoreCorpus}.
 *
 * @public
 */
export interface BlamelessCorpusScore {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when nothing was predicted blameful. */
  precision: number;
  /** TP / (TP + FN); 1 when the corpus has no blameful sentence. */
  recall: number;
  /** The misclassified sentences, in corpus order. */
  misses: string[];
}

/**
 * Scores {@link checkBlamelessLanguage} on a labelled corpus. A sentence is
 * predicted blameful when the check returns at least one finding for it.
 *
 * @param corpus - labelled sentences
 * @param personNames - names passed to the check as `personNames`
 * @public
 */
export function scoreCorpus(
  corpus: ReadonlyArray<{ sentence: string; blameful: boolean }>,
  personNames: string[] = [],
): BlamelessCorpusScore {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  const misses: string[] = [];
  for (const { sentence, blameful } of corpus) {
    const predicted =
      checkBlamelessLanguage(sentence, { personNames }).length > 0;
    if (predicted && blameful) truePositives++;
    else if (predicted) falsePositives++;
    else if (blameful) falseNegatives++;
    else trueNegatives++;
    if (predicted !== blameful) misses.push(sentence);
  }
  const predictedPositives = truePositives + falsePositives;
  const actualPositives = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    precision:
      predictedPositives === 0 ? 1 : truePositives / predictedPositives,
    recall: actualPositives === 0 ? 1 : truePositives / actualPositives,
    misses,
  };
}
