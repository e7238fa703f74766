import { SANCTION_PHRASES } from '../lexicon';
import { matchIndexed, phrases } from '../match';
import { isPeople, negatedBefore, Sentence } from '../parse';
import type { RuleMatch } from './types';

/**
 * Contexts that clear a sentence of blame, applied to every rule's matches
 * by the check: sanctioned acts, nobody cleared by a system cause, a
 * person's own account and the writer's.
 */

const SANCTIONS = phrases(SANCTION_PHRASES);

/** An act the sentence calls sanctioned: "as planned", "as the runbook allows". */
export function sanctioned(s: Sentence): boolean {
  return s.tokens.some(
    (t, i) =>
      !t.quoted &&
      matchIndexed(s, i, SANCTIONS) > 0 &&
      // "did not follow the runbook" is no sanction, nor "failed to" or
      // "instead of" following it: only ", following the procedure".
      !negatedBefore(s, i, 3) &&
      (t.lemma !== 'follow' ||
        (t.norm === 'following' &&
          (i === 0 || /,/.test(s.tokens[i - 1].post)))),
  );
}

/**
 * Whether the sentence clears nobody-subjects by a system cause: "Nobody
 * checked their phones because the venue had no signal" is no blame.
 */
export function exculpated(s: Sentence, m: RuleMatch): boolean {
  const c = s.clauses[s.clauseOf[m.from]];
  if (c?.subject.kind !== 'negative') return false;
  return s.clauses.some(
    d =>
      d !== c &&
      (d.marker === 'because' || d.marker === 'since') &&
      !isPeople(d.subject.kind) &&
      d.subject.kind !== 'none',
  );
}

/** Verbs by which people give their own account ("Lukas admitted he …"). */
const ACCOUNT_VERBS = new Set([
  'admit',
  'say',
  'explain',
  'mention',
  'recall',
  'note',
  'tell',
  'write',
  'report',
  'describe',
  'acknowledge',
  'confirm',
]);

/**
 * The writer's own account, in the first person singular: "I misread the
 * trace", "I should have asked for help sooner", "ich habe den falschen
 * Kontext gewählt" reflect on oneself and blame nobody else.
 */
export function writersOwn(s: Sentence, m: RuleMatch): boolean {
  const c = s.clauses[s.clauseOf[m.from]];
  return (
    !!c &&
    c.subject.from >= 0 &&
    c.subject.from === c.subject.to &&
    ['i', 'ich'].includes(s.tokens[c.subject.from].norm)
  );
}

/**
 * Whether the match stands in a person's own account of what they did:
 * "Lukas admitted he had misread the graph", "Zara said she restarted the
 * wrong pod". What someone says of another person stays blame.
 */
export function ownAccount(s: Sentence, m: RuleMatch): boolean {
  const { tokens } = s;
  const c = s.clauses[s.clauseOf[m.from]];
  const from = Math.min(c?.from ?? 0, m.from);
  // "<speaker> admitted (that) he …" before the flagged words.
  for (let k = m.from; k > from; k--) {
    if (!['he', 'she', 'they', 'i'].includes(tokens[k].norm)) continue;
    let v = k - 1;
    if (tokens[v]?.norm === 'that') v--;
    const verb = tokens[v];
    if (!verb || !ACCOUNT_VERBS.has(verb.lemma)) continue;
    const speaker = s.clauses[s.clauseOf[v]].subject;
    return isPeople(speaker.kind) && speaker.kind !== 'indefinite';
  }
  // "… , he said" after them.
  return false;
}
