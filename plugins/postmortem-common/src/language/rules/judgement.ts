import {
  BLAME_IDIOMS,
  JUDGEMENT_TECH_FOLLOWERS,
  JUDGEMENT_WORDS,
} from '../lexicon';
import { matchAnyPhrase, Sentence } from '../parse';
import type { Rule, RuleMatch } from './types';

const IDIOMS = BLAME_IDIOMS.map(p => p.split(' '));

function technicalTerm(s: Sentence, i: number): boolean {
  const next = s.tokens[i + 1];
  const t = s.tokens[i];
  if (
    t.text.includes('-') ||
    (/^\p{Lu}/u.test(t.text) && i > 0 && !t.tags.has('Adjective'))
  )
    return true;
  return !!next && JUDGEMENT_TECH_FOLLOWERS.has(next.norm);
}

/**
 * Judgements of competence or motive: judgemental words ("careless",
 * "sloppy") unless quoted or part of a technical term ("sloppy quorum",
 * "lazy loading"), and idioms of blame ("dropped the ball", "poor
 * judgement", "cannot be trusted", "not paying attention").
 */
export const judgementRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const n = matchAnyPhrase(s, i, IDIOMS);
    if (n > 0) {
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
      i += n - 1;
      continue;
    }
    if (!JUDGEMENT_WORDS.has(t.norm)) continue;
    if (technicalTerm(s, i)) continue;
    const prev = tokens[i - 1];
    if (
      prev &&
      (prev.norm === 'not' ||
        prev.norm === 'never' ||
        prev.tags.has('Negative'))
    )
      continue;
    out.push({ rule: 'judgement', from: i, to: i });
  }
  return out;
};
