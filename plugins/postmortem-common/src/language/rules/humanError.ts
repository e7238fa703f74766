import {
  HUMAN_ERROR_NOUNS,
  HUMAN_ERROR_PREFIXES,
  TECHNICAL_ERROR_FOLLOWERS,
} from '../lexicon';
import type { Rule } from './types';

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
    out.push({ rule: 'human-error', from: i, to: i + 1 });
  }
  return out;
};
