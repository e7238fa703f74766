import { clauseAt, type Sentence } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import { HUMAN_ERROR_PHRASES, HUMAN_ERROR_WORDS } from '../lexicon';
import { anyPhraseAt, negatedBefore } from './helpers';

/**
 * Whether the clause of token i rules human error out after naming it:
 * "Menschliches Versagen wird als Ursache ausgeschlossen", "ein
 * menschliches Versagen liegt nicht vor".
 */
function ruledOut(s: Sentence, i: number): boolean {
  const c = clauseAt(s, i);
  return s.tokens
    .slice(i + 1, c.to)
    .some(
      t =>
        !t.quoted &&
        (/^(nicht|kein|keine|keinesfalls|ausgeschlossen|auszuschließen)$/.test(
          t.norm,
        ) ||
          t.norm.startsWith('ausgeschlossen')),
    );
}

/** "Menschliches Versagen", "Bedienfehler": a person as the cause, ending the inquiry. */
export const humanErrorRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.quoted || negatedBefore(s, i, 2) || ruledOut(s, i)) continue;
    const n = anyPhraseAt(s, i, HUMAN_ERROR_PHRASES);
    if (n) {
      out.push({ rule: 'human-error', from: i, to: i + n - 1 });
      i += n - 1;
    } else if (
      [...HUMAN_ERROR_WORDS].some(w => t.norm === w || t.norm.endsWith(w))
    ) {
      out.push({ rule: 'human-error', from: i, to: i });
    }
  }
  return out;
};
