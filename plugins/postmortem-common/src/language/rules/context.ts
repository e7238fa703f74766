import { SANCTION_PHRASES } from '../lexicon';
import { matchIndexed, phrases } from '../match';
import { isPeople, negatedBefore, Sentence } from '../parse';
import type { RuleMatch } from './types';

/**
 * Contexts that clear a sentence of blame, applied to every rule's matches
 * by the check: sanctioned acts and nobody cleared by a system cause.
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
