import { clauseAt, isPeople, type Sentence } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  BLAME_IDIOMS,
  BLAME_NOUNS,
  JUDGEMENT_STEMS,
  JUDGEMENT_WORDS,
  PERSON_POSSESSIVES,
} from '../lexicon';
import { kindOfHeadDe } from '../parse';
import { anyPhraseAt, negatedBefore, negationIn } from './helpers';

/** Whether the clause of token i names people (a name, a role, a team). */
function namesPeople(s: Sentence, i: number): boolean {
  const c = clauseAt(s, i);
  for (let k = c.from; k < c.to; k++) {
    if (k === i) continue;
    const t = s.tokens[k];
    if (t.quoted) continue;
    const kind = kindOfHeadDe(t);
    if (
      (kind === 'role' || kind === 'team' || kind === 'person') &&
      !t.tags.has('Pronoun')
    )
      return true;
  }
  return isPeople(c.subject.kind);
}

/** Whether token i's clause is about a system and names no people. */
function aboutSystem(s: Sentence, i: number): boolean {
  const c = clauseAt(s, i);
  const { subject } = c;
  if (subject.kind !== 'system' || subject.owner) return false;
  const head = s.tokens[subject.to];
  if (subject.guessed && !/^[\p{Lu}\d-]{2,}$/u.test(head?.text ?? ''))
    return false;
  return !namesPeople(s, i);
}

/**
 * Judgements of competence or motive: "schlampig", "fahrlässig",
 * "Nachlässigkeit", "hat gepennt", idioms ("keinen Bock", "nicht die Mühe
 * gemacht", "kann man nicht vertrauen", "ohne nachzudenken") and blame
 * itself ("ist schuld an dem Ausfall"). Not when quoted, negated ("keine
 * leichtsinnige Änderung") or said of nobody ("Kein Mitarbeiter hat
 * fahrlässig gehandelt").
 */
export const judgementRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const c = clauseAt(s, i);
    if (c.subject.kind === 'negative') continue;
    const n = anyPhraseAt(s, i, BLAME_IDIOMS);
    if (n && !aboutSystem(s, i)) {
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
      i += n - 1;
      continue;
    }
    // "hat ihren Job nicht gemacht": the person's duty, undone.
    if (
      /^(job|arbeit|aufgabe|pflicht)$/.test(t.norm) &&
      PERSON_POSSESSIVES.has(tokens[i - 1]?.norm ?? '') &&
      negationIn(s, i, c.to) >= 0
    ) {
      out.push({ rule: 'judgement', from: i - 1, to: i });
      continue;
    }
    if (BLAME_NOUNS.has(t.norm)) {
      // "nicht um die Frage, wer schuld ist": talk about blame.
      const asked =
        /^(wer|ob)$/.test(tokens[c.from]?.norm ?? '') &&
        /^(frage|diskussion|debatte|suche)$/.test(
          tokens[c.from - 1]?.norm ?? '',
        );
      if (!asked && negationIn(s, c.from, c.to) < 0 && namesPeople(s, i))
        out.push({ rule: 'judgement', from: i, to: i });
      continue;
    }
    const judging =
      JUDGEMENT_WORDS.has(t.norm) ||
      JUDGEMENT_STEMS.some(stem => t.norm.startsWith(stem));
    if (!judging || negatedBefore(s, i, 2)) continue;
    // "Der Loadbalancer war zu faul", "Das SDK hat nachlässig gerechnet":
    // a system's behaviour, not a person's.
    if (aboutSystem(s, i)) continue;
    out.push({ rule: 'judgement', from: i, to: i });
  }
  return out;
};
