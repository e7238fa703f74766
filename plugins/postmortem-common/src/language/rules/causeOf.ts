import { CAUSE_PREPOSITIONS, OUTCOME_NOUNS, SANCTION_VERBS } from '../lexicon';
import {
  isPeople,
  kindOfPhrase,
  lemma,
  matchAnyPhrase,
  Sentence,
  subjectAt,
} from '../parse';
import type { Rule, RuleMatch } from './types';

const CAUSES = CAUSE_PREPOSITIONS.map(p => [...p]);

/** What a person is removed from as a sanction. */
const SANCTIONED_FROM = new Set([
  'rotation',
  'on-call',
  'oncall',
  'team',
  'project',
  'role',
  'position',
  'duty',
  'schedule',
  'production',
]);

/** Whether the sentence tells of a bad outcome ("went down", "the outage"). */
function badOutcome(s: Sentence): boolean {
  return s.tokens.some(
    (t, k) =>
      OUTCOME_NOUNS.has(t.norm) ||
      (['go', 'went', 'gone'].includes(t.norm) &&
        s.tokens[k + 1]?.norm === 'down') ||
      t.lemma === 'break' ||
      t.lemma === 'fail' ||
      t.norm === 'broke',
  );
}

/**
 * People as the cause or the culprit: "due to Aiko", "because of the
 * intern", "thanks to Samuel, the region went down", and sanctions that
 * single a person out ("has been removed from the rotation", "should be
 * retrained"). A person's act as a cause ("thanks to Samuel's quick
 * rollback") is not flagged.
 */
export const causeOfRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const n = matchAnyPhrase(s, i, CAUSES);
    if (n > 0) {
      let e = i + n;
      while (
        e < tokens.length &&
        !tokens[e].tags.has('Preposition') &&
        !tokens[e].tags.has('Verb') &&
        !/[,;:.]/.test(
          tokens[e - 1].post.trim() === '' ? '' : tokens[e - 1].post,
        )
      )
        e++;
      if (e === i + n) continue;
      const agent = kindOfPhrase(tokens, i + n, e - 1);
      const ownsAct = tokens.slice(i + n, e).some(x => x.possessive);
      // "Thanks to Lukas for catching the issue": gratitude, not a cause.
      const gratitude =
        tokens[e]?.norm === 'for' || tokens[e - 1]?.norm === 'for';
      const thanks = t.norm === 'thanks';
      if (thanks && gratitude) {
        i = e - 1;
        continue;
      }
      if (
        isPeople(agent.kind) &&
        !agent.firstPerson &&
        !ownsAct &&
        (!thanks || badOutcome(s)) &&
        (agent.kind !== 'person' ||
          tokens.slice(i + n, e).some(x => x.name || x.tags.has('Person')))
      ) {
        out.push({ rule: 'named-person', from: i, to: e - 1 });
      }
      i = e - 1;
      continue;
    }
    // "Samuel is the reason the backups were never tested".
    if (t.norm === 'reason' && tokens[i - 1]?.norm === 'the') {
      const subject = subjectAt(s, i);
      const be = tokens[i - 2];
      const why = tokens.slice(i + 1);
      const bad =
        why.some(x => x.tags.has('Negative') || x.norm === 'never') ||
        badOutcome({ ...s, tokens: why });
      if (
        be &&
        (be.lemma === 'be' || be.tags.has('Copula')) &&
        isPeople(subject.kind) &&
        !subject.firstPerson &&
        bad
      )
        out.push({ rule: 'named-person', from: i - 2, to: i });
      continue;
    }
    // Sanctions: "was removed from the rotation", "should be retrained".
    const prev = tokens[i - 1];
    if (
      prev &&
      ['be', 'been', 'was', 'were', 'is', 'got', 'get'].includes(prev.norm) &&
      (SANCTION_VERBS.has(t.lemma) ||
        SANCTION_VERBS.has(lemma(t.norm, SANCTION_VERBS))) &&
      /(ed|en)$/.test(t.norm)
    ) {
      const subject = subjectAt(s, i);
      // "removed from the rotation" sanctions; "removed from the email
      // thread" does not.
      const sanction =
        t.lemma !== 'remove' && lemma(t.norm, SANCTION_VERBS) !== 'remove'
          ? true
          : tokens[i + 1]?.norm === 'from' &&
            tokens.slice(i + 2, i + 5).some(x => SANCTIONED_FROM.has(x.norm));
      if (isPeople(subject.kind) && !subject.firstPerson && sanction)
        out.push({ rule: 'judgement', from: i - 1, to: i });
    }
  }
  return out;
};
