/**
 * Helpers of the German rules: stems, verb forms, negation and the people
 * of a clause.
 */
import { clauseAt, isPeople, type Sentence, type Subject } from '../../parse';
import type { Token } from '../../parse';
import { NEGATORS, NEGATIVE_PEOPLE } from '../lexicon';

/** Whether a word contains one of the stems as a verb would ("geprüft", "überprüft"). */
export function hasStem(norm: string, stems: string[]): boolean {
  return stems.some(
    stem =>
      norm.startsWith(stem) ||
      norm.startsWith(`ge${stem}`) ||
      (stem.length >= 4 && norm.includes(stem)),
  );
}

/**
 * A verb form: German capitalises nouns, so a verb is lower case unless it
 * opens the sentence (chat-like text is all lower case; then the tags
 * decide).
 */
export function isVerbForm(t: Token): boolean {
  if (t.quoted) return false;
  if (t.i === 0 || t.text === t.text.toLowerCase())
    return !t.tags.has('Determiner') && !t.tags.has('Preposition');
  return false;
}

/** The verb forms of token i's clause with one of the stems. */
export function verbWithStem(
  s: Sentence,
  from: number,
  to: number,
  stems: string[],
): number {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (isVerbForm(t) && hasStem(t.norm, stems)) return k;
  }
  return -1;
}

/** Whether a negation ("nicht", "nie", "kein …") stands in the range. */
export function negationIn(s: Sentence, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (!t.quoted && NEGATORS.has(t.norm) && t.norm !== 'ohne') return k;
  }
  return -1;
}

/** Whether a negation stands within `window` words before token i, in its clause. */
export function negatedBefore(s: Sentence, i: number, window = 3): boolean {
  const c = clauseAt(s, i);
  for (let k = i - 1; k >= Math.max(c.from, i - window); k--) {
    const n = s.tokens[k].norm;
    if (NEGATORS.has(n) || NEGATIVE_PEOPLE.has(n)) return true;
  }
  return false;
}

/** A person, role or team, or something a person owns ("Pauls Änderung"). */
export function blameable(subject: Subject): boolean {
  return (
    isPeople(subject.kind) ||
    (subject.owner !== undefined &&
      isPeople(subject.owner) &&
      !subject.firstPerson)
  );
}

/** Matches a lower-case phrase (`*` any word) at token i; its length or 0. */
export function phraseAt(s: Sentence, i: number, phrase: string[]): number {
  for (let k = 0; k < phrase.length; k++) {
    const t = s.tokens[i + k];
    if (!t || t.quoted) return 0;
    if (phrase[k] !== '*' && t.norm !== phrase[k]) return 0;
  }
  return phrase.length;
}

export function anyPhraseAt(
  s: Sentence,
  i: number,
  phrases: string[][],
): number {
  for (const p of phrases) {
    const n = phraseAt(s, i, p);
    if (n) return n;
  }
  return 0;
}
