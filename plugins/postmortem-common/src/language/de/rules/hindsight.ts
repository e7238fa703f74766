import { clauseAt, isPeople } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import { HINDSIGHT_WORDS, VISIBILITY_WORDS } from '../lexicon';
import { negatedBefore } from './helpers';

/**
 * Hindsight: "offensichtlich", "selbstverständlich" about what people should
 * have seen. Not when it says when something became visible ("Der Anstieg
 * war nach wenigen Sekunden im Dashboard offensichtlich"), nor when negated
 * or quoted.
 */
export const hindsightRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.quoted || !HINDSIGHT_WORDS.has(t.norm) || negatedBefore(s, i, 2))
      continue;
    const c = clauseAt(s, i);
    const clause = s.tokens.slice(c.from, c.to);
    const copula = clause.some(x =>
      /^(war|ist|wurde|wird|waren|sind)$/.test(x.norm),
    );
    const visibility = clause.some(x => VISIBILITY_WORDS.has(x.norm));
    if (copula && visibility && !isPeople(c.subject.kind)) continue;
    // "Im Nachhinein wirkt der Zusammenhang offensichtlich": the writer
    // names the hindsight as such.
    if (
      clause.some(x => /^(wirkt|wirken|wirkte|erscheint|scheint)$/.test(x.norm))
    )
      continue;
    out.push({ rule: 'hindsight', from: i, to: i });
  }
  return out;
};
