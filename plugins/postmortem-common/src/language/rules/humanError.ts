import {
  HUMAN_ERROR_NOUNS,
  HUMAN_ERROR_PREFIXES,
  TECHNICAL_ERROR_FOLLOWERS,
} from '../lexicon';
import type { Token } from '../parse';
import type { Rule } from './types';

/** The act called human error ("calling this human error …"). */
const BARE = new Set(['this', 'it', 'that']);

/** What calling something human error would do to the inquiry. */
const HIDING = new Set([
  'hide',
  'obscure',
  'miss',
  'wrong',
  'unfair',
  'misleading',
  'stop',
  'end',
]);

/**
 * "The cause was not human error", "Human error is not a root cause": the
 * term denied as a cause, which is what blameless writing does; "not just
 * human error" still names it.
 */
function denied(tokens: Token[], i: number): boolean {
  const before = tokens.slice(Math.max(0, i - 2), i);
  const limiting = (t: Token | undefined) =>
    !!t && ['just', 'only', 'merely', 'simply', 'solely'].includes(t.norm);
  if (before.some(t => t.tags.has('Negative') || t.norm === 'never'))
    return !limiting(tokens[i - 1]);
  // "was not caused by human error", "We do not consider this a case of
  // human error": the negation further back in the same clause.
  for (let k = i - 1; k >= Math.max(0, i - 7); k--) {
    const t = tokens[k];
    if (/[,;:.!?]/.test(t.post) || t.quoted) break;
    if (t.tags.has('Negative') || t.norm === 'never')
      return !limiting(tokens[i - 1]);
  }
  // "Calling this human error would hide the finding".
  if (
    tokens[i - 2]?.lemma === 'call' &&
    BARE.has(tokens[i - 1]?.norm ?? '') &&
    tokens
      .slice(i + 2, i + 6)
      .some(t => HIDING.has(t.lemma) || HIDING.has(t.norm))
  )
    return true;
  const verb = tokens[i + 2];
  const neg = tokens[i + 3];
  return (
    !!verb &&
    ['is', 'was', "isn't", "wasn't"].includes(verb.norm) &&
    !!neg &&
    (neg.tags.has('Negative') || neg.norm === 'never') &&
    !limiting(tokens[i + 4]) &&
    !/[,;:]/.test(tokens[i + 1].post)
  );
}

/** "Human error", "operator error": a person as the cause, ending the inquiry. */
export const humanErrorRule: Rule = s => {
  const out: ReturnType<Rule> = [];
  const { tokens } = s;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a.quoted || b.quoted) continue;
    if (!HUMAN_ERROR_PREFIXES.has(a.norm) || !HUMAN_ERROR_NOUNS.has(b.norm))
      continue;
    const next = tokens[i + 2];
    if (next && TECHNICAL_ERROR_FOLLOWERS.has(next.norm)) continue;
    if (denied(tokens, i)) continue;
    out.push({ rule: 'human-error', from: i, to: i + 1 });
  }
  return out;
};
