import {
  BAD_RECORD_ADJECTIVES,
  BLAME_NOUNS,
  BAD_OBJECT_WORDS,
  ANSWERING_VERBS,
  BYPASS_VERBS,
  DUTY_VALUES,
  PREFERENCE_VERBS,
  RISK_PHRASES,
  SHIPPED_FAULTS,
  FAULT_VERBS,
  HABIT_REPROACHES,
  HARM_VERBS,
  SHIPPING_VERBS,
  CAUSATION_VERBS,
  KNOWING_VERBS,
  LET_DOWN_OBJECTS,
  DESTRUCTIVE_VERBS,
  DILIGENCE_ADJECTIVES,
  KNOWLEDGE_NOUNS,
  LAPSE_NOUNS,
  JUDGEMENT_WORDS,
  OBLIGATION_WORDS,
  ON_PEOPLE_PHRASES,
  OUTCOME_GERUNDS,
  OUTCOME_NOUNS,
  PRODUCTION_WORDS,
  REMEDY_VERBS,
  ROLE_HEADS,
  SAFEGUARD_NOUNS,
} from '../lexicon';
import {
  Clause,
  isPeople,
  kindOfPhrase,
  isVerb,
  lemma,
  negatedBefore,
  Sentence,
} from '../parse';
import {
  isForm,
  isVerbToken,
  matchIndexed,
  mentionsPeople,
  phrases,
} from '../match';
import type { Rule, RuleMatch } from './types';

const ON_PEOPLE = phrases(ON_PEOPLE_PHRASES);
const REPROACHES_OF_HABIT = phrases(HABIT_REPROACHES);
const RISKS = phrases(RISK_PHRASES);

/**
 * Whether the subject of clause `c` stands for people other than the
 * writers ("we" and "our team" are the writers; "our SRE" is one person).
 */
export function peopleSubject(s: Sentence, c: Clause): boolean {
  if (!isPeople(c.subject.kind)) return false;
  if (!c.subject.firstPerson) return true;
  const head = s.tokens[c.subject.to];
  return (
    !!head && (ROLE_HEADS.has(head.norm) || ROLE_HEADS.has(lemma(head.norm)))
  );
}

/** A purpose of remedy after token i: "… to restore service". */
function remedyAfter(s: Sentence, i: number): boolean {
  const { tokens } = s;
  for (let k = i + 1; k < tokens.length - 1; k++) {
    if (tokens[k].norm !== 'to' && tokens[k].norm !== 'so') continue;
    const v = tokens[k + 1];
    if (v && isForm(v, REMEDY_VERBS)) return true;
  }
  return false;
}

/** Whether people are mentioned in tokens from..to-1. */
function peopleIn(s: Sentence, from: number, to: number): number {
  for (let k = Math.max(0, from); k < Math.min(to, s.tokens.length); k++)
    if (mentionsPeople(s, k)) return k;
  return -1;
}

/**
 * Features of the predicate of a clause whose subject stands for people,
 * read from its structure rather than from idioms: an act done without a
 * step ("restarted the broker without draining the consumers"), a
 * safeguard taken out of the way ("disabled the fraud checks"), a
 * destructive act on data or production ("truncated the audit table"),
 * hindsight about care ("needed to be more careful"), a bad record or a
 * lack of knowledge ("has a bad track record", "has no idea").
 */
function predicateMatches(s: Sentence, c: Clause): RuleMatch[] {
  const { tokens } = s;
  const out: RuleMatch[] = [];
  const from = c.verb >= 0 ? c.verb : c.from;
  for (let i = from; i < c.to; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    // An act without a step: "without draining", "without a ticket".
    if (t.norm === 'without' && i > from) {
      const g = tokens[i + 1];
      if (
        g &&
        !g.quoted &&
        (g.tags.has('Gerund') || /ing$/.test(g.norm)) &&
        isVerbToken(g) &&
        !isForm(g, OUTCOME_GERUNDS)
      )
        out.push({ rule: 'failed-to', from: i, to: i + 1 });
    }
    const verb = isVerbToken(t) && !t.tags.has('Gerund');
    // A safeguard taken out of the way; not as a remedy, not negated.
    if (verb && isForm(t, BYPASS_VERBS) && !negatedBefore(s, i, 3)) {
      const obj = tokens
        .slice(i + 1, Math.min(c.to, i + 6))
        .find(w => !w.quoted && SAFEGUARD_NOUNS.has(w.norm));
      const particle = ['switch', 'turn', 'comment', 'rip', 'strip'].includes(
        t.lemma,
      );
      const off = tokens
        .slice(i + 1, Math.min(c.to, i + 7))
        .some(w => w.norm === 'off' || w.norm === 'out');
      if (obj && (!particle || off) && !remedyAfter(s, i))
        out.push({ rule: 'named-person', from: i, to: obj.i });
    }
    // A destructive act on data or production, not as a remedy.
    if (verb && isForm(t, DESTRUCTIVE_VERBS) && !negatedBefore(s, i, 3)) {
      const objects = tokens.slice(i + 1, Math.min(c.to, i + 6));
      // Of production, not of a test or unused object ("dropped the
      // unused index" is housekeeping).
      const hit = objects.find(w => !w.quoted && PRODUCTION_WORDS.has(w.norm));
      if (hit && !remedyAfter(s, i))
        out.push({ rule: 'named-person', from: i, to: hit.i });
    }
    // Hindsight about care: "needed to be more careful", "has to be
    // more thorough".
    if (OBLIGATION_WORDS.has(t.norm)) {
      const be = tokens
        .slice(i + 1, Math.min(c.to, i + 4))
        .find(w => w.norm === 'be' || w.norm === 'been');
      if (be) {
        let a = be.i + 1;
        while (
          ['more', 'a', 'bit', 'little', 'much', 'far'].includes(
            tokens[a]?.norm ?? '',
          )
        )
          a++;
        if (DILIGENCE_ADJECTIVES.has(tokens[a]?.norm ?? ''))
          out.push({ rule: 'counterfactual', from: i, to: a });
      }
    }
    // People as the source of an outcome: "started this whole mess",
    // "triggered the outage with their import".
    if (
      verb &&
      isForm(t, CAUSATION_VERBS) &&
      i === c.verb &&
      !negatedBefore(s, i, 3)
    ) {
      let k = i + 1;
      if (['off', 'about'].includes(tokens[k]?.norm ?? '')) k++;
      // The outcome must head the object: "started the incident call"
      // starts a call.
      let head = -1;
      for (; k < Math.min(c.to, i + 6); k++) {
        const w = tokens[k];
        if (w.quoted || w.tags.has('Preposition') || isVerbToken(w)) break;
        if (w.tags.has('Noun')) head = k;
        if (/[,;:.!?]/.test(w.post)) break;
      }
      const h = tokens[head];
      if (h && (OUTCOME_NOUNS.has(h.norm) || h.norm === 'mess'))
        out.push({ rule: 'named-person', from: i, to: head });
    }
    // Letting people down: "let the whole company down", "failed us".
    if (verb && (t.lemma === 'let' || t.lemma === 'fail')) {
      const objs = tokens.slice(i + 1, Math.min(c.to, i + 5));
      const down = objs.findIndex(w => w.norm === 'down');
      const who = objs.findIndex(w => LET_DOWN_OBJECTS.has(w.norm));
      if (
        who >= 0 &&
        (t.lemma === 'fail' ? who <= 2 : down > who) &&
        !negatedBefore(s, i, 3)
      )
        out.push({ rule: 'named-person', from: i, to: objs[who].i });
    }
    // Competence denied in the present: "still doesn't understand how DNS
    // caching works" (the past, "didn't know", is what was known then).
    if (isVerb(t) && isForm(t, KNOWING_VERBS)) {
      const aux = tokens
        .slice(Math.max(c.from, i - 4), i)
        .find(w => ['does', 'do', "doesn't", "don't"].includes(w.norm));
      if (aux && negatedBefore(s, i, 3))
        out.push({ rule: 'judgement', from: aux.i, to: i });
    }
    // Shipping a fault: "pushed a typo to prod", "merged an untested
    // change"; "wrote the bug report" ships a report.
    if (
      verb &&
      i === c.verb &&
      isForm(t, SHIPPING_VERBS) &&
      !negatedBefore(s, i, 3)
    ) {
      let head = -1;
      let bad = false;
      for (let k = i + 1; k < Math.min(c.to, i + 6); k++) {
        const w = tokens[k];
        if (
          w.quoted ||
          w.tags.has('Preposition') ||
          (isVerbToken(w) && !w.tags.has('Noun') && !w.tags.has('Adjective'))
        )
          break;
        if (BAD_OBJECT_WORDS.has(w.norm)) bad = true;
        if (w.tags.has('Noun')) head = k;
        if (/[,;:.!?]/.test(w.post)) break;
      }
      const h = tokens[head];
      if (h && (bad || LAPSE_NOUNS.has(h.norm) || SHIPPED_FAULTS.has(h.norm)))
        out.push({ rule: 'named-person', from: i, to: head });
    }
    // A risky act reproached as a habit: "pushed to main again", "merged
    // without tests as usual". Repeating a remedy ("restarted the pod
    // again") is no reproach.
    if (
      verb &&
      i === c.verb &&
      (isForm(t, SHIPPING_VERBS) ||
        isForm(t, FAULT_VERBS) ||
        isForm(t, DESTRUCTIVE_VERBS) ||
        isForm(t, HARM_VERBS)) &&
      !negatedBefore(s, i, 3)
    ) {
      const again = tokens
        .slice(i + 1, c.to)
        .find(
          (w, j) =>
            !w.quoted && matchIndexed(s, i + 1 + j, REPROACHES_OF_HABIT) > 0,
        );
      // A repetition with its time or its reason is narrative ("deployed
      // the fix again at 11:02 after the rollout timed out").
      const told = tokens.some(
        (w, j) =>
          !w.quoted &&
          (w.tags.has('Value') ||
            w.tags.has('Date') ||
            w.tags.has('Time') ||
            ['after', 'once', 'when', 'because', 'since'].includes(w.norm) ||
            (w.norm === 'as' &&
              !['usual', 'always'].includes(tokens[j + 1]?.norm ?? ''))),
      );
      if (again && !told)
        out.push({ rule: 'named-person', from: i, to: again.i });
    }
    // A preference against a duty: "chose convenience over safety",
    // "prioritised her demo over the stability of production".
    if (verb && isForm(t, PREFERENCE_VERBS) && !negatedBefore(s, i, 3)) {
      const over = tokens
        .slice(i + 1, Math.min(c.to, i + 7))
        .find(w => w.norm === 'over' || w.norm === 'before');
      if (
        over &&
        tokens
          .slice(over.i + 1, Math.min(c.to, over.i + 6))
          .some(w => DUTY_VALUES.has(w.norm))
      )
        out.push({ rule: 'judgement', from: i, to: over.i });
    }
    // Taking a risk: "gambled with customer data", "took a shortcut".
    const risk = matchIndexed(s, i, RISKS);
    if (risk && verb && !negatedBefore(s, i, 3))
      out.push({ rule: 'named-person', from: i, to: i + risk - 1 });
    // A response put off: "waited forty minutes before even looking at
    // the page" (not "waited for the vendor to respond").
    if (verb && t.lemma === 'wait') {
      const span = tokens.slice(i + 1, Math.min(c.to, i + 5));
      const long = span.some(
        w => w.tags.has('Value') || w.tags.has('Duration'),
      );
      const before = tokens
        .slice(i + 1, Math.min(tokens.length, i + 6))
        .find(w => w.norm === 'before');
      if (long && before) {
        let g = before.i + 1;
        while (tokens[g] && tokens[g].tags.has('Adverb')) g++;
        if (tokens[g] && isForm(tokens[g], ANSWERING_VERBS))
          out.push({ rule: 'named-person', from: i, to: g });
      }
    }
    // A bad record, no idea: "has a bad track record", "has no clue".
    if (isVerb(t) && (t.lemma === 'have' || t.lemma === 'show')) {
      let k = i + 1;
      if (['a', 'an', 'the'].includes(tokens[k]?.norm ?? '')) k++;
      const adj = tokens[k];
      if (
        adj &&
        BAD_RECORD_ADJECTIVES.has(adj.norm) &&
        tokens[k + 1]?.tags.has('Noun')
      )
        out.push({ rule: 'judgement', from: i, to: k + 1 });
      if (
        adj?.norm === 'no' &&
        KNOWLEDGE_NOUNS.has(tokens[k + 1]?.norm ?? '') &&
        !tokens[k + 1].quoted
      )
        out.push({ rule: 'judgement', from: i, to: k + 1 });
    }
  }
  return out;
}

/**
 * Faults and blame put on people by a copula or a preposition rather than
 * by an act: "This one is on the payments team", "Blame goes to Anya",
 * "negligence on the part of a database administrator", "an error made by
 * a member of our team".
 */
function attributionMatches(s: Sentence): RuleMatch[] {
  const { tokens } = s;
  const out: RuleMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    // "<outcome or this> is on <people>".
    if (isVerb(t) && t.lemma === 'be') {
      const n = matchIndexed(s, i + 1, ON_PEOPLE);
      const c = s.clauses[s.clauseOf[i]];
      const subj = c?.subject;
      const thing =
        !!subj &&
        (subj.kind === 'thing' ||
          (subj.kind === 'system' &&
            tokens
              .slice(Math.max(0, subj.from), subj.to + 1)
              .some(
                w =>
                  OUTCOME_NOUNS.has(w.norm) ||
                  w.norm === 'this' ||
                  w.norm === 'that',
              )));
      if (n && thing) {
        const p = peopleIn(s, i + 1 + n, i + 1 + n + 4);
        if (p >= 0) out.push({ rule: 'named-person', from: i, to: p });
      }
    }
    // "Blame goes to / lies with / falls on <people>".
    if (BLAME_NOUNS.has(t.norm) && !negatedBefore(s, i, 2)) {
      const prep = tokens
        .slice(i + 1, i + 4)
        .find(w => ['to', 'with', 'on'].includes(w.norm));
      if (prep && isVerb(tokens[i + 1])) {
        const p = peopleIn(s, prep.i + 1, prep.i + 5);
        if (p >= 0) out.push({ rule: 'named-person', from: i, to: p });
      }
    }
    // A lapse "on the part of", "made by", "committed by" people.
    if (LAPSE_NOUNS.has(t.norm) || JUDGEMENT_WORDS.has(t.norm)) {
      if (
        tokens[i + 1]?.norm === 'on' &&
        tokens[i + 2]?.norm === 'the' &&
        tokens[i + 3]?.norm === 'part' &&
        tokens[i + 4]?.norm === 'of'
      ) {
        const p = peopleIn(s, i + 5, i + 10);
        if (p >= 0) out.push({ rule: 'named-person', from: i, to: p });
      }
      const made = tokens[i + 1];
      if (
        made &&
        ['made', 'committed', 'introduced'].includes(made.norm) &&
        tokens[i + 2]?.norm === 'by'
      ) {
        const p = peopleIn(s, i + 3, i + 10);
        if (p >= 0) out.push({ rule: 'named-person', from: i, to: p });
      }
    }
  }
  return out;
}

/**
 * Questions that look for a culprit or at what people were busy with:
 * "who deleted the backups", "What was the networking team doing while
 * the links were down?".
 */
function culpritQuestions(s: Sentence): RuleMatch[] {
  const { tokens } = s;
  const out: RuleMatch[] = [];
  let k = 0;
  while (
    tokens[k] &&
    (tokens[k].tags.has('Expression') ||
      ['ok', 'okay', 'so', 'seriously', 'honestly', 'and', 'but'].includes(
        tokens[k].norm,
      ))
  )
    k++;
  const w = tokens[k];
  if (!w || w.quoted) return out;
  if (w.norm === 'who') {
    let v = k + 1;
    // "who the hell", "who on earth".
    if (
      ['the', 'on'].includes(tokens[v]?.norm ?? '') &&
      ['hell', 'heck', 'earth', 'fuck'].includes(tokens[v + 1]?.norm ?? '')
    )
      v += 2;
    const verb = tokens[v];
    if (
      verb &&
      !verb.quoted &&
      verb.tags.has('PastTense') &&
      !['be', 'have', 'do'].includes(verb.lemma) &&
      !['was', 'were', 'had', 'did'].includes(verb.norm)
    )
      out.push({ rule: 'judgement', from: k, to: v, answerable: true });
  }
  if (w.norm === 'what' && s.question) {
    const be = tokens[k + 1];
    if (be && ['was', 'were', 'is', 'are'].includes(be.norm)) {
      for (let g = k + 2; g < Math.min(tokens.length, k + 8); g++) {
        const t = tokens[g];
        // compromise reads a question's last "-ing" word as a noun.
        if (
          t.tags.has('Gerund') ||
          (/ing$/.test(t.norm) && (isVerbToken(t) || g === tokens.length - 1))
        ) {
          // The subject between "was" and the gerund: people by its head
          // ("the platform folks"), whatever the head's neighbours.
          const subject =
            g > k + 2 ? kindOfPhrase(tokens, k + 2, g - 1) : undefined;
          if (
            (peopleIn(s, k + 2, g) >= 0 ||
              (!!subject && isPeople(subject.kind))) &&
            !subject?.firstPerson &&
            !['we', 'i'].includes(tokens[k + 2].norm)
          )
            out.push({ rule: 'judgement', from: k, to: g, answerable: true });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Blame read from the structure of a clause: its subject stands for people
 * and its predicate leaves out a step, takes a safeguard away, destroys
 * data, or judges care, record or knowledge; a fault put on people by a
 * copula or preposition; a question that looks for a culprit.
 */
export const agencyRule: Rule = s => {
  const out: RuleMatch[] = [];
  for (const c of s.clauses) {
    if (!peopleSubject(s, c)) continue;
    out.push(...predicateMatches(s, c));
  }
  out.push(...attributionMatches(s), ...culpritQuestions(s));
  return out;
};
