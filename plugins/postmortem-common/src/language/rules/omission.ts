import {
  BOTHER_WORDS,
  DECAY_VERBS,
  DILIGENCE_NOUNS,
  DILIGENCE_OBJECTS,
  DILIGENCE_PARTICIPLES,
  DILIGENCE_VERBS,
  HUMAN_DILIGENCE_VERBS,
  LEFT_STATES,
  PRODUCTION_WORDS,
  RECEIVING_VERBS,
  SYSTEM_HEADS,
  WITHOUT_DILIGENCE,
} from '../lexicon';
import {
  clauseAt,
  isPeople,
  isVerb,
  lemma,
  Sentence,
  Subject,
  subjectAt,
  Token,
} from '../parse';
import type { Rule, RuleMatch } from './types';

const NEGATING_AUX = new Set([
  'do',
  'did',
  'does',
  'have',
  'has',
  'had',
  'was',
  'were',
  'could',
  'would',
  'can',
  'will',
  'be',
]);

/** The next verb after token i in its clause, skipping adverbs and "to". */
function nextVerb(s: Sentence, i: number): number {
  const c = clauseAt(s, i);
  for (let k = i + 1; k < Math.min(c.to + 2, s.tokens.length, i + 5); k++) {
    const t = s.tokens[k];
    if (t.norm === 'to' || t.tags.has('Adverb') || t.tags.has('Negative'))
      continue;
    if (
      isVerb(t) ||
      DILIGENCE_VERBS.has(t.lemma) ||
      DILIGENCE_VERBS.has(lemma(t.norm, DILIGENCE_VERBS))
    )
      return k;
    return -1;
  }
  return -1;
}

const isDiligence = (w: string) =>
  DILIGENCE_VERBS.has(w) || DILIGENCE_VERBS.has(lemma(w, DILIGENCE_VERBS));

const isHumanDiligence = (w: string) =>
  HUMAN_DILIGENCE_VERBS.has(w) ||
  HUMAN_DILIGENCE_VERBS.has(lemma(w, HUMAN_DILIGENCE_VERBS));

/** Verbs of perceiving: not perceiving is no omission when the system hid the signal. */
const PERCEPTION_VERBS = new Set(['see', 'notice', 'hear', 'spot', 'get']);

/** Verbs whose gerund after "without" names a skipped step ("without running the tests"). */
const WITHOUT_GERUNDS = new Set([
  ...DILIGENCE_VERBS,
  ...HUMAN_DILIGENCE_VERBS,
  'run',
  'wait',
  'consult',
  'get',
  'use',
]);

/** A subject that stands for people, or one whose noun is unknown and whose act only people do. */
const actsAsPeople = (subject: Subject, verb: string) =>
  isPeople(subject.kind) || (!!subject.guessed && isHumanDiligence(verb));

/** Whether one of the (up to `max`) words after token i is a diligence object. */
function diligenceObject(s: Sentence, i: number, max = 4): boolean {
  const c = clauseAt(s, i);
  for (let k = i + 1; k < Math.min(c.to, i + 1 + max); k++) {
    const t = s.tokens[k];
    if (t.tags.has('Preposition') && t.norm !== 'to' && t.norm !== 'at') break;
    if (DILIGENCE_OBJECTS.has(t.norm)) return true;
  }
  return false;
}

/** Words of a duty ("needed to", "was expected to", "had to"). */
const OBLIGATION_WORDS = new Set([
  'needed',
  'expected',
  'meant',
  'required',
  'had',
  'asked',
  'told',
]);

/**
 * Whether a later clause of the sentence only says the act was not done
 * ("… and didn't", "… but never did", "… and did not").
 */
function unmetAfter(s: Sentence, i: number): boolean {
  const ci = s.clauseOf[i];
  return s.clauses.slice(ci + 1).some(c => {
    const words = s.tokens
      .slice(c.from, c.to)
      .filter(w => !['and', 'but', 'then', 'yet'].includes(w.norm));
    return (
      words.length > 0 &&
      words.length <= 3 &&
      words.some(w => w.tags.has('Negative') || w.norm === 'never') &&
      words.every(
        w =>
          w.tags.has('Negative') ||
          ['never', 'did', 'do', 'does', 'so', 'it', 'this', 'that'].includes(
            w.norm,
          ),
      )
    );
  });
}

/**
 * Omissions framed as a person's failing: a person, role or team that
 * "failed to" act, "did not check", "never tested", "didn't bother", acted
 * "without testing", or is asked "why didn't X …?".
 */
export const omissionRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const subject = subjectAt(s, i);
    const people = isPeople(subject.kind);
    // "failed to <verb>", "failure to <verb>" (not "failed over").
    if (
      (t.lemma === 'fail' || t.norm === 'failure' || t.norm === 'failing') &&
      tokens[i + 1]?.norm === 'to'
    ) {
      const v = tokens[i + 2];
      if (!v) continue;
      if (t.norm === 'failure') {
        const owner = tokens[i - 1];
        if (
          owner?.possessive &&
          (owner.name || isPeople(subject.owner ?? 'none'))
        ) {
          let from = i - 1;
          while (from > 0 && tokens[from - 1].name) from--;
          out.push({ rule: 'failed-to', from, to: i + 1 });
        }
        continue;
      }
      if (actsAsPeople(subject, v.norm))
        out.push({ rule: 'failed-to', from: i, to: i + 1 });
      continue;
    }
    // Not bothering, in any form, is a judgement of motive.
    if (
      (BOTHER_WORDS.has(t.norm) || t.lemma === 'bother') &&
      !(subject.kind === 'system' && !subject.guessed)
    ) {
      const prev = tokens.slice(Math.max(0, i - 3), i);
      const negated = prev.some(
        p => p.tags.has('Negative') || p.norm === 'not' || p.norm === 'never',
      );
      const byNobody =
        subject.kind === 'negative' || subject.kind === 'indefinite';
      if (
        negated ||
        byNobody ||
        tokens[i - 1]?.norm === 'who' ||
        tokens[i + 1]?.norm === 'to'
      ) {
        const from = prev.findIndex(
          p => p.tags.has('Negative') || p.norm === 'not' || p.norm === 'never',
        );
        out.push({
          rule: 'failed-to',
          from: from >= 0 ? i - prev.length + from : i,
          to: i,
        });
      }
      continue;
    }
    // "X did not check", "X never tested", "why didn't X roll back".
    if (t.tags.has('Negative') || t.norm === 'not' || t.norm === 'never') {
      const c = clauseAt(s, i);
      if (!people && !subject.guessed) continue;
      // "could not have known": an exculpation, not an omission.
      const prevNorm = tokens[i - 1]?.norm;
      if (
        (prevNorm === 'could' || prevNorm === 'can') &&
        tokens[i + 1]?.norm === 'have'
      )
        continue;
      const prev = tokens[i - 1];
      const auxBefore =
        prev && (NEGATING_AUX.has(prev.lemma) || NEGATING_AUX.has(prev.norm));
      const inQuestion = c.question;
      if (!auxBefore && t.norm !== 'never' && !inQuestion) continue;
      if (
        prev &&
        (prev.lemma === 'be' || prev.norm === 'was' || prev.norm === 'were') &&
        !inQuestion
      ) {
        // "wasn't watching the dashboards": attention, undone; other
        // copulas describe states ("was not on call").
        const next = nextVerb(s, i);
        const watching =
          next >= 0 &&
          /ing$/.test(tokens[next].norm) &&
          isDiligence(lemma(tokens[next].norm, DILIGENCE_VERBS)) &&
          people;
        if (watching) out.push({ rule: 'failed-to', from: i, to: next });
        continue;
      }
      const v = inQuestion && c.verb > i ? c.verb : nextVerb(s, i);
      if (v < 0) continue;
      const verb = tokens[v];
      if (verb.lemma === 'have' || verb.lemma === 'be') continue;
      if (!people && !isHumanDiligence(verb.norm)) continue;
      // "We don't think anyone could …": belief, not a skipped thought.
      if (
        (verb.lemma === 'think' || verb.lemma === 'believe') &&
        !['about', 'through', 'of', 'twice', 'ahead'].includes(
          tokens[v + 1]?.norm ?? '',
        )
      )
        continue;
      const receiving =
        RECEIVING_VERBS.has(verb.lemma) ||
        RECEIVING_VERBS.has(lemma(verb.norm, RECEIVING_VERBS));
      // "didn't see the alert because it went to the old channel": what
      // people could not perceive, explained by the system, blames nobody.
      if (
        PERCEPTION_VERBS.has(verb.lemma) &&
        s.clauses.some(
          x =>
            x !== c &&
            x.from > v &&
            ['because', 'since', 'as'].includes(x.marker ?? '') &&
            !isPeople(x.subject.kind),
        )
      )
        continue;
      // "didn't even run it": the reproach is in "even".
      const even = s.tokens
        .slice(Math.max(c.from, i - 2), Math.min(c.to, v + 4))
        .some(x => x.norm === 'even');
      // "never" with a person as subject blames whatever the verb.
      if (
        inQuestion ||
        t.norm === 'never' ||
        isDiligence(verb.norm) ||
        (!receiving && (diligenceObject(s, v) || even))
      ) {
        out.push({ rule: 'failed-to', from: inQuestion ? c.from : i, to: v });
      }
      continue;
    }
    // "needed to drain the node first and didn't", "was expected to roll
    // back and did not": a duty, then a clause that only says it was not done.
    if (
      OBLIGATION_WORDS.has(t.norm) &&
      tokens[i + 1]?.norm === 'to' &&
      people &&
      unmetAfter(s, i)
    ) {
      out.push({ rule: 'failed-to', from: i, to: i + 1 });
      continue;
    }
    // "was supposed to monitor the rollout": an expectation, unmet.
    if (
      t.norm === 'supposed' &&
      tokens[i + 1]?.norm === 'to' &&
      people &&
      tokens[i - 1]?.lemma === 'be'
    ) {
      out.push({ rule: 'failed-to', from: i - 1, to: i + 1 });
      continue;
    }
    // "without testing", "without a review" after a person's action.
    if (t.norm === 'without' && people) {
      let k = i + 1;
      while (
        k < tokens.length &&
        (tokens[k].tags.has('Determiner') ||
          tokens[k].tags.has('Adjective') ||
          tokens[k].tags.has('Adverb'))
      )
        k++;
      // "without any load testing": the step may follow a noun modifier.
      let w = tokens[k];
      const stepAt = (x: Token | undefined) =>
        !!x &&
        !x.quoted &&
        (WITHOUT_DILIGENCE.has(x.norm) ||
          DILIGENCE_NOUNS.has(x.norm) ||
          ((x.tags.has('Gerund') || /ing$/.test(x.norm)) &&
            WITHOUT_GERUNDS.has(lemma(x.norm, WITHOUT_GERUNDS))));
      if (!stepAt(w) && stepAt(tokens[k + 1]) && tokens[k]?.tags.has('Noun'))
        w = tokens[k + 1];
      if (stepAt(w)) {
        // Not when the clause's actor is a system ("the pipeline ran without a check").
        const c = clauseAt(s, i);
        const actorIsSystem =
          subject.kind === 'system' ||
          SYSTEM_HEADS.has(tokens[c.from]?.norm ?? '');
        if (!actorIsSystem) out.push({ rule: 'failed-to', from: i, to: w.i });
      }
      continue;
    }
    // "Nobody checked the canary": no one did a step of diligence.
    if (
      (subject.kind === 'negative' && subject.to === i - 1) ||
      (subject.kind === 'negative' &&
        tokens[i - 1] &&
        subject.to < i &&
        isVerb(t) &&
        clauseAt(s, i).verb === i)
    ) {
      if (
        isDiligence(t.norm) &&
        t.lemma !== 'do' &&
        !t.tags.has('Modal') &&
        tokens[i + 1]?.norm !== 'been'
      ) {
        const c = clauseAt(s, i);
        const passive = tokens.slice(c.from, i).some(x => x.lemma === 'be');
        if (!passive)
          out.push({ rule: 'failed-to', from: subject.from, to: i });
      }
      continue;
    }
    const c = clauseAt(s, i);
    // "Why did nobody on the SRE team look at the report?"
    if (
      c.question &&
      c.verb === i &&
      subject.kind === 'negative' &&
      isDiligence(t.norm)
    ) {
      out.push({ rule: 'failed-to', from: c.from, to: i });
      continue;
    }
    const agent = people && !subject.firstPerson;
    // "let the certificate lapse", "let the regression slip through".
    const letAgent =
      agent ||
      (subject.owner !== undefined &&
        isPeople(subject.owner) &&
        !subject.firstPerson);
    if (letAgent && t.lemma === 'let' && isVerb(t)) {
      for (let k = i + 1; k < Math.min(c.to, i + 7); k++) {
        const d = tokens[k];
        if (
          DECAY_VERBS.has(d.norm) ||
          DECAY_VERBS.has(lemma(d.norm, DECAY_VERBS)) ||
          (d.norm === 'into' && PRODUCTION_WORDS.has(tokens[k + 1]?.norm ?? ''))
        ) {
          out.push({ rule: 'failed-to', from: i, to: k });
          break;
        }
      }
      continue;
    }
    // "left the maintenance mode on overnight".
    if (agent && t.lemma === 'leave' && isVerb(t)) {
      for (let k = i + 2; k < Math.min(c.to, i + 7); k++) {
        const w = tokens[k];
        const end =
          k + 1 >= c.to ||
          /^(overnight|for|until|all)$/.test(tokens[k + 1].norm);
        if (LEFT_STATES.has(w.norm) && (w.norm !== 'on' || end)) {
          out.push({ rule: 'failed-to', from: i, to: k });
          break;
        }
      }
      continue;
    }
    // "sat on the tickets all morning".
    if (
      agent &&
      t.lemma === 'sit' &&
      tokens[i + 1]?.norm === 'on' &&
      diligenceObject(s, i + 1, 3)
    ) {
      out.push({ rule: 'failed-to', from: i, to: i + 1 });
      continue;
    }
    // "silenced the alert instead of investigating it".
    const insteadAgent =
      c.from === i && s.clauseOf[i] > 0
        ? s.clauses[s.clauseOf[i] - 1].subject
        : subject;
    if (
      t.norm === 'instead' &&
      tokens[i + 1]?.norm === 'of' &&
      isPeople(insteadAgent.kind) &&
      !insteadAgent.firstPerson
    ) {
      const g = tokens[i + 2];
      if (g && (g.tags.has('Gerund') || /ing$/.test(g.norm)))
        out.push({ rule: 'failed-to', from: i, to: i + 2 });
      continue;
    }
    // "applied the migration before it had been reviewed".
    if (t.norm === 'before' && c.marker === 'before' && c.from === i) {
      const main = s.clauses[s.clauseOf[i] - 1];
      if (!main || !isPeople(main.subject.kind) || main.subject.firstPerson)
        continue;
      for (let k = i + 1; k < c.to - 1; k++) {
        if (
          ['been', 'was', 'were'].includes(tokens[k].norm) &&
          DILIGENCE_PARTICIPLES.has(tokens[k + 1].norm)
        ) {
          out.push({ rule: 'failed-to', from: i, to: k + 1 });
          break;
        }
      }
    }
  }
  return out;
};
