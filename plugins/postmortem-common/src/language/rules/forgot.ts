import { FORGOT_PARTICIPLES, FORGOT_VERBS } from '../lexicon';
import { clauseAt, isPeople, lemma, matchPhrase, subjectAt } from '../parse';
import type { Rule, RuleMatch } from './types';

const PASSIVE_AUX = new Set([
  'was',
  'were',
  'been',
  'being',
  'is',
  'are',
  'be',
  'got',
  'get',
  'gets',
]);

/**
 * Forgetting and inattention: a person, role or team that "forgot",
 * "neglected", "overlooked" or "lost track of" something, or a step that
 * "was overlooked" with no system as the agent. Systems that forget state
 * ("the cache forgot its entries") are not flagged.
 */
export const forgotRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const base = lemma(t.norm, FORGOT_VERBS);
    const lostTrack =
      matchPhrase(s, i, ['lose', 'track']) ||
      matchPhrase(s, i, ['lost', 'track']);
    if (!FORGOT_VERBS.has(base) && !lostTrack) continue;
    const subject = subjectAt(s, i);
    const prev = tokens[i - 1];
    if (prev && PASSIVE_AUX.has(prev.norm) && FORGOT_PARTICIPLES.has(t.norm)) {
      const c = clauseAt(s, i);
      const byAgent = tokens.slice(i + 1, c.to + 3).find(x => x.norm === 'by');
      const agentKind = byAgent ? subjectAt(s, byAgent.i + 1) : undefined;
      if (!byAgent || (agentKind && isPeople(agentKind.kind))) {
        out.push({ rule: 'forgot', from: i, to: i });
      }
      continue;
    }
    if (
      isPeople(subject.kind) ||
      (subject.kind === 'none' && t.tags.has('Gerund'))
    ) {
      out.push({
        rule: 'forgot',
        from: i,
        to: lostTrack ? i + lostTrack - 1 : i,
      });
    }
  }
  return out;
};
