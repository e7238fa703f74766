import { isPeople, type Sentence } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  DECAY_VERBS,
  DILIGENCE_OBJECTS,
  DILIGENCE_STEMS,
  FORGOT_STEMS,
  HELPING_STEMS,
  NEGLECT_STEMS,
  RECEIVING_STEMS,
  SKIPPED_STEPS,
} from '../lexicon';
import { endsWithHead } from '../parse';
import { negationIn, verbWithStem } from './helpers';

/** Acts only people do: a subject of unknown kind that leaves them undone is a team. */
const HUMAN_DILIGENCE = [
  'eskalier',
  'informier',
  'weitergeleitet',
  'weiterleit',
  'weitergegeben',
  'weitergeb',
  'meld',
  'reagier',
  'kümmer',
  'aufgepasst',
  'aufpass',
  'benachrichtig',
  'angerufen',
  'anruf',
  'abgestimmt',
];

/** Outcomes an act avoided ("ohne die Kunden zu beeinträchtigen"): no skipped step. */
const HARMLESS_OHNE =
  /(beeinträchtig|unterbrech|verlier|stör|gefährd|verursach|auszulös|auslös|verletz|belast|schad|merken|bemerken|neustart)/;

function diligenceObjectIn(s: Sentence, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (endsWithHead(s.tokens[k].norm, DILIGENCE_OBJECTS) > 0) return true;
  }
  return false;
}

/**
 * Omissions framed as failings: a person, role or team that "hat es
 * versäumt", "hat vergessen", "hat übersehen", "hat … nicht geprüft", acted
 * "ohne Review", "hat … ablaufen lassen", or is asked "Warum hat X nicht
 * …?". Systems that forget state ("Der Cronjob hat vergessen, seine Sperre
 * freizugeben") are not flagged.
 */
export const omissionRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (const c of s.clauses) {
    const subject = c.subject;
    const people = isPeople(subject.kind);
    const human = verbWithStem(s, c.from, c.to, HUMAN_DILIGENCE);
    // "Die Beschwerden wurden nicht weitergeleitet": the subject of a
    // passive undergoes the act.
    const passive = s.tokens
      .slice(c.from, c.to)
      .some(t => /^(wurde|wurden|wird|werden|worden)$/.test(t.norm));
    const agent = people || (!!subject.guessed && human >= 0 && !passive);
    const negation = negationIn(s, c.from, c.to);
    // "Warum hat niemand vom Datenteam den Export geprüft?"
    if (c.question && subject.kind === 'negative') {
      const v = verbWithStem(s, c.from, c.to, DILIGENCE_STEMS);
      if (v >= 0) out.push({ rule: 'failed-to', from: c.from, to: v });
      continue;
    }
    // "…, ohne den Diff zu öffnen": the step the people of the clause
    // before skipped.
    const before = s.clauses[s.clauses.indexOf(c) - 1];
    if (
      tokens[c.from]?.norm === 'ohne' &&
      !tokens[c.from].quoted &&
      before &&
      isPeople(before.subject.kind) &&
      !before.subject.firstPerson
    ) {
      const zu = tokens.findIndex(
        (t, k) =>
          k > c.from &&
          k < c.to &&
          (t.norm === 'zu' || /^\p{Ll}+zu\p{Ll}+en$/u.test(t.norm)),
      );
      const verb = tokens[zu]?.norm === 'zu' ? tokens[zu + 1] : tokens[zu];
      if (zu >= 0 && verb && !HARMLESS_OHNE.test(verb.norm)) {
        out.push({ rule: 'failed-to', from: c.from, to: verb.i });
        continue;
      }
      // "…, ohne dass uns jemand Bescheid gab".
      const told = tokens.findIndex(
        (t, k) =>
          k > c.from &&
          k < c.to &&
          /^(bescheid|informiert|gefragt|angekündigt|abgestimmt)$/.test(t.norm),
      );
      if (tokens[c.from + 1]?.norm === 'dass' && told >= 0) {
        out.push({ rule: 'failed-to', from: c.from, to: told });
        continue;
      }
    }
    if (!agent) continue;
    const forgot = verbWithStem(s, c.from, c.to, FORGOT_STEMS);
    if (forgot >= 0 && !(negation >= 0 && negation < forgot)) {
      out.push({ rule: 'forgot', from: forgot, to: forgot });
      continue;
    }
    const neglect = verbWithStem(s, c.from, c.to, NEGLECT_STEMS);
    if (neglect >= 0) {
      out.push({ rule: 'failed-to', from: neglect, to: neglect });
      continue;
    }
    // "Warum hat Hannah nicht sofort eskaliert?"
    if (c.question && negation >= 0) {
      out.push({ rule: 'failed-to', from: c.from, to: c.to - 1 });
      continue;
    }
    if (
      negation >= 0 &&
      !/^(nichts|nicht)$/.test(tokens[negation + 1]?.norm ?? 'x')
    ) {
      const receiving = verbWithStem(s, c.from, c.to, RECEIVING_STEMS);
      const diligence = verbWithStem(s, negation, c.to, DILIGENCE_STEMS);
      const object = receiving < 0 && diligenceObjectIn(s, c.from, c.to);
      if (diligence >= 0 || object) {
        out.push({
          rule: 'failed-to',
          from: negation,
          to: diligence >= 0 ? diligence : negation,
        });
        continue;
      }
    }
    // "ohne Review", "ohne Lasttest", "ohne die Tests laufen zu lassen".
    const ohne = tokens.findIndex(
      (t, k) => k >= c.from && k < c.to && t.norm === 'ohne' && !t.quoted,
    );
    // "das den Restore ohne Vorwarnung übernommen hat": the step skipped
    // was someone else's; the people of the clause helped.
    const helped = verbWithStem(s, c.from, c.to, HELPING_STEMS) >= 0;
    if (ohne >= 0 && !subject.firstPerson && !helped) {
      for (let k = ohne + 1; k < Math.min(c.to, ohne + 4); k++) {
        if (endsWithHead(tokens[k].norm, SKIPPED_STEPS) > 0) {
          out.push({ rule: 'failed-to', from: ohne, to: k });
          break;
        }
      }
      if (out.length && out[out.length - 1].from === ohne) continue;
    }
    // "hat die Zertifikate ablaufen lassen".
    for (let k = c.from; k < c.to - 1; k++) {
      if (
        DECAY_VERBS.has(tokens[k].norm) &&
        /^(lassen|gelassen|ließ|ließen)$/.test(tokens[k + 1].norm)
      ) {
        out.push({ rule: 'failed-to', from: k, to: k + 1 });
        break;
      }
    }
  }
  return out;
};
