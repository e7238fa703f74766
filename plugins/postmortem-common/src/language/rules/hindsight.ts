import {
  FORESEEABILITY_IDIOMS,
  HINDSIGHT_ADVERBS,
  HINDSIGHT_IDIOMS,
  OBVIOUS_NEUTRAL_FOLLOWERS,
  PRESENTATION_WORDS,
  SYSTEM_HEADS,
} from '../lexicon';
import {
  clauseAt,
  isPeople,
  isVerb,
  kindOfHead,
  lemma,
  matchAnyPhrase,
  negatedBefore,
  Sentence,
  subjectAt,
} from '../parse';
import { peopleMentions } from '../match';
import type { Rule, RuleMatch } from './types';

const IDIOMS = HINDSIGHT_IDIOMS.map(p => p.split(' '));
const FORESEEN = FORESEEABILITY_IDIOMS.map(p => p.split(' '));
const OBVIOUS = new Set(['obvious', 'apparent', 'evident']);
const EVERYONE = new Set([
  'anyone',
  'everyone',
  'anybody',
  'everybody',
  'any',
  'all',
]);

/** "clearly" judges in hindsight when what follows is a past act or evidence. */
function clearlyJudges(s: Sentence, i: number): boolean {
  const next = s.tokens[i + 1];
  if (!next || PRESENTATION_WORDS.has(next.norm)) return false;
  for (let k = i + 1; k < Math.min(s.tokens.length, i + 4); k++) {
    const t = s.tokens[k];
    if (t.tags.has('Negative') || t.norm === 'never') return true;
    if (isVerb(t)) {
      if (PRESENTATION_WORDS.has(t.norm) && t.tags.has('PresentTense'))
        return false;
      return t.tags.has('PastTense') || isPeople(subjectAt(s, i).kind);
    }
  }
  return false;
}

function obviousJudges(s: Sentence, i: number): boolean {
  if (negatedBefore(s, i, 3)) return false;
  const next = s.tokens[i + 1];
  const after = s.tokens[i + 2];
  if (!next) {
    // "… was obvious." at the end: hindsight when about a person's view.
    return isPeople(subjectAt(s, i).kind);
  }
  if (next.norm === 'to' && after && EVERYONE.has(after.norm)) return true;
  if (next.norm === 'from' || next.norm === 'that') {
    const c = clauseAt(s, i);
    return s.tokens.slice(c.from, i).some(t => t.lemma === 'be');
  }
  if (OBVIOUS_NEUTRAL_FOLLOWERS.has(next.norm)) return false;
  // "should have been obvious", "would have been obvious".
  const before = s.tokens.slice(Math.max(0, i - 3), i).map(t => t.norm);
  return before.includes('have') && before.includes('been');
}

/**
 * Hindsight: "obviously", "clearly" about past acts or evidence, "obvious to
 * anyone", "just had to", "all she had to do", "could easily have been
 * avoided". Present-tense descriptions ("the runbook now clearly documents")
 * and quoted words are not flagged.
 */
export const hindsightRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const n = matchAnyPhrase(s, i, IDIOMS);
    // "any reasonable timeout": a judge of software, not of people.
    const after = tokens[i + n];
    if (
      n > 0 &&
      t.norm === 'any' &&
      after &&
      !after.quoted &&
      kindOfHead(after, true) === 'system' &&
      (SYSTEM_HEADS.has(after.norm) ||
        SYSTEM_HEADS.has(lemma(after.norm, SYSTEM_HEADS)))
    ) {
      i += n - 1;
      continue;
    }
    const f = n > 0 ? 0 : matchAnyPhrase(s, i, FORESEEN);
    if (
      f > 0 &&
      !negatedBefore(s, i, 5) &&
      peopleMentions(s).some(k => !['we', 'us', 'i'].includes(tokens[k].norm))
    ) {
      out.push({ rule: 'hindsight', from: i, to: i + f - 1 });
      i += f - 1;
      continue;
    }
    if (n > 0) {
      out.push({ rule: 'hindsight', from: i, to: i + n - 1 });
      i += n - 1;
      continue;
    }
    if (HINDSIGHT_ADVERBS.has(t.norm) && !negatedBefore(s, i, 2)) {
      out.push({ rule: 'hindsight', from: i, to: i });
    } else if (t.norm === 'clearly' && clearlyJudges(s, i)) {
      out.push({ rule: 'hindsight', from: i, to: i });
    } else if (OBVIOUS.has(t.norm) && obviousJudges(s, i)) {
      out.push({ rule: 'hindsight', from: i, to: i });
    }
  }
  return out;
};
