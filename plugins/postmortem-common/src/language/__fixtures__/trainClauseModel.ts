/**
 * Trains the clause model of the blameless-language check
 * (`clauseModel.ts`) on the corpus parts of `TRAINING_PARTS`.
 *
 * A logistic regression over the clause features, trained by stochastic
 * gradient descent in a fixed order, so the same corpus and features give
 * the same weights. Both cut-offs come from five-fold cross-validation on
 * the training parts: the threshold is the lowest at which the model on its
 * own flags at most 1.5 % of the tricky neutral sentences (a third of the
 * check's 5 % budget); the veto is the probability below which 2 % of the
 * blameful sentences fall. The held-out parts are never read here.
 */
import { clauseFeatures, type ClauseModel } from '../clauseModel';
import { parseSentenceDe } from '../de/parse';
import { buildNameIndex, parseSentence } from '../parse';
import {
  type CorpusLanguage,
  readCorpusFile,
  TRAINING_PARTS,
} from './corpusFiles';

const PARSERS = { en: parseSentence, de: parseSentenceDe };
const EPOCHS = 30;
const LEARNING_RATE = 0.02;
const L2 = 1e-4;
const FOLDS = 5;
/**
 * The share of tricky neutral sentences the model may flag on its own. The
 * German rules clear more tricky sentences (the writers' "wir", sanctions,
 * system reasons), so the German model may spend more of the check's 5 %.
 */
const MAX_FALSE_ALARMS: Record<CorpusLanguage, number> = {
  en: 0.015,
  de: 0.025,
};
/** The share of blameful sentences the model may veto. */
const MAX_VETOED_BLAME = 0.02;
/** Weights this small change no decision; leaving them out keeps the model small. */
const MIN_WEIGHT = 0.1;

interface Example {
  /** Cross-validation fold, from the sentence: adding one moves no other. */
  fold: number;
  blameful: boolean;
  tricky: boolean;
  features: string[];
}

interface Weights {
  weights: Map<string, number>;
  bias: number;
}

export interface TrainedClauseModel {
  model: ClauseModel;
  sentences: number;
  /** Cross-validated figures of the model on its own, at its threshold. */
  crossValidated: { precision: number; recall: number; falseAlarms: number };
}

function examples(language: CorpusLanguage): Example[] {
  return TRAINING_PARTS[language].flatMap(part => {
    const corpus = readCorpusFile(language, part);
    const names = buildNameIndex(corpus.names);
    return corpus.entries.map(e => ({
      fold: fnv1a(e.sentence) % FOLDS,
      blameful: e.blameful,
      tricky: e.tricky,
      features: clauseFeatures(
        PARSERS[language](e.sentence, 0, names),
        language,
      ),
    }));
  });
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function probability(w: Weights, features: string[]): number {
  let z = w.bias;
  for (const f of features) z += w.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

function fit(data: Example[]): Weights {
  const w: Weights = { weights: new Map(), bias: 0 };
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    // A fixed permutation per epoch: reproducible, yet not the file order.
    for (let k = order.length - 1; k > 0; k--) {
      const j = (k * 7919 + epoch * 104729) % (k + 1);
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const i of order) {
      const e = data[i];
      const gradient = (e.blameful ? 1 : 0) - probability(w, e.features);
      w.bias += LEARNING_RATE * gradient;
      for (const f of e.features) {
        const v = w.weights.get(f) ?? 0;
        w.weights.set(f, v + LEARNING_RATE * (gradient - L2 * v));
      }
    }
  }
  return w;
}

const round = (x: number) => Number(x.toFixed(3));

export function trainClauseModel(language: CorpusLanguage): TrainedClauseModel {
  const data = examples(language);
  const p = new Array<number>(data.length);
  for (let k = 0; k < FOLDS; k++) {
    const w = fit(data.filter(e => e.fold !== k));
    data.forEach((e, i) => {
      if (e.fold === k) p[i] = probability(w, e.features);
    });
  }
  const blameful = data
    .flatMap((e, i) => (e.blameful ? [p[i]] : []))
    .sort((a, b) => a - b);
  const veto = round(blameful[Math.floor(MAX_VETOED_BLAME * blameful.length)]);
  const tricky = data.filter(e => e.tricky).length;
  let threshold = 0.995;
  for (let t = 0.8; t < 0.9975; t += 0.005) {
    if (
      data.filter((e, i) => e.tricky && p[i] > t).length <=
      MAX_FALSE_ALARMS[language] * tricky
    ) {
      threshold = round(t);
      break;
    }
  }
  const flagged = data.filter((_, i) => p[i] > threshold);
  const right = flagged.filter(e => e.blameful).length;
  const w = fit(data);
  const weights: Record<string, number> = {};
  for (const [f, v] of [...w.weights].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (Math.abs(v) >= MIN_WEIGHT) weights[f] = round(v);
  return {
    model: { language, threshold, veto, bias: round(w.bias), weights },
    sentences: data.length,
    crossValidated: {
      precision: right / flagged.length,
      recall: right / blameful.length,
      falseAlarms: flagged.filter(e => e.tricky).length / tricky,
    },
  };
}
