import type { Rule, RuleMatch } from '../../rules/types';
import { HUMAN_ERROR_PHRASES, HUMAN_ERROR_WORDS } from '../lexicon';
import { anyPhraseAt, negatedBefore } from './helpers';

/** "Menschliches Versagen", "Bedienfehler": a person as the cause, ending the inquiry. */
export const humanErrorRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.quoted || negatedBefore(s, i, 2)) continue;
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
