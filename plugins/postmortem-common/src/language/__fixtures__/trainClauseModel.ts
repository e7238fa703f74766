/**
 * Trains the clause model of the blameless-language check
 * (`clauseModel.ts`) on the corpus parts of `TRAINING_PARTS`.
 *
 * A logistic regression over the clause features, trained by stochastic
 * gradient descent in a fixed order, so the same corpus and features give
 * the same weights. Both cut-offs come from cross-validation by corpus part
 * on the training parts: the veto is the probability below which 2 % of the
 * blameful sentences the rules found fall; the threshold is then the lowest
 * at which the check (rules, veto and model) flags at most 3 % of the
 * tricky neutral sentences. The held-out parts are never read here.
 */
import { byWording, modelMayFlag, ruleFindings } from '../blamelessCheck';
import { clauseFeatures, type ClauseModel, logistic } from '../clauseModel';
import { parseSentenceDe } from '../de/parse';
import { buildNameIndex, parseSentence } from '../parse';
import {
  type CorpusLanguage,
  readCorpusFile,
  TRAINING_PARTS,
} from './corpusFiles';

const PARSERS = { en: parseSentence, de: parseSentenceDe };
/** 15 passes: cross-validated AUC as with 30 (en 0.953, de 0.949), in half the time. */
const EPOCHS = 15;
const LEARNING_RATE = 0.02;
const L2 = 1e-4;
/**
 * The share of tricky neutral sentences the check may flag in
 * cross-validation: well below the 5 % it may flag at most. The rules and
 * guards were written from these parts' false alarms, so cross-validation
 * flatters them; parts first read at a 4 % budget had 1.5 to 6 %.
 */
const MAX_FALSE_ALARMS = 0.03;
/** The share of the blameful sentences the rules found that the model may veto. */
const MAX_VETOED_BLAME = 0.02;
/** Weights this small change no decision; leaving them out keeps the model small. */
const MIN_WEIGHT = 0.1;

interface Example {
  /**
   * Cross-validation fold: the corpus part, so that each fold is judged by a
   * model that never saw its author's wording, as a new author's text is.
   */
  fold: number;
  blameful: boolean;
  tricky: boolean;
  /** Flagged whatever the model says ("human error", hindsight). */
  byWording: boolean;
  /** Flagged by a rule, unless the model vetoes it. */
  byRules: boolean;
  /** Where no rule flags it, the model may (`modelMayFlag`). */
  modelMayFlag: boolean;
  features: string[];
}

interface Weights {
  weights: Map<string, number>;
  bias: number;
}

export interface TrainedClauseModel {
  model: ClauseModel;
  sentences: number;
  /** Cross-validated figures of the check, at the model's threshold. */
  crossValidated: { precision: number; recall: number; falseAlarms: number };
}

function examples(language: CorpusLanguage): Example[] {
  return TRAINING_PARTS[language].flatMap((part, fold) => {
    const corpus = readCorpusFile(language, part);
    const names = buildNameIndex(corpus.names);
    return corpus.entries.map(e => {
      const sentence = PARSERS[language](e.sentence, 0, names);
      const findings = ruleFindings(language, sentence);
      return {
        fold,
        blameful: e.blameful,
        tricky: e.tricky,
        byWording: findings.some(byWording),
        byRules: findings.length > 0,
        modelMayFlag: !!modelMayFlag(language, sentence),
        features: clauseFeatures(sentence, language),
      };
    });
  });
}

function probability(w: Weights, features: string[]): number {
  return logistic(w.bias, f => w.weights.get(f), features);
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
  for (let k = 0; k < TRAINING_PARTS[language].length; k++) {
    const w = fit(data.filter(e => e.fold !== k));
    data.forEach((e, i) => {
      if (e.fold === k) p[i] = probability(w, e.features);
    });
  }
  const caught = data
    .flatMap((e, i) => (e.blameful && e.byRules ? [p[i]] : []))
    .sort((a, b) => a - b);
  const veto = round(caught[Math.floor(MAX_VETOED_BLAME * caught.length)]);
  const flaggedAt = (t: number) =>
    data.filter(
      (e, i) =>
        e.byWording || (e.byRules ? p[i] >= veto : e.modelMayFlag && p[i] > t),
    );
  const tricky = data.filter(e => e.tricky).length;
  let threshold = 0.995;
  for (let t = 0.5; t < 0.9975; t += 0.005) {
    if (
      flaggedAt(t).filter(e => e.tricky).length <=
      MAX_FALSE_ALARMS * tricky
    ) {
      threshold = round(t);
      break;
    }
  }
  const flagged = flaggedAt(threshold);
  const right = flagged.filter(e => e.blameful).length;
  const blameful = data.filter(e => e.blameful);
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
