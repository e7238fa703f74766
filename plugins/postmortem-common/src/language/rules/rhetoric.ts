import {
  CONSEQUENCE_VERDICTS,
  KNOWN_CULPRIT_PHRASES,
  PERSON_POSSESSIVES,
  STAFFING_VERBS,
  DESTRUCTIVE_VERBS,
  FRUSTRATION_WORDS,
  HARM_VERBS,
  IRONY_PHRASES,
  OUTCOME_NOUNS,
  PRAISE_ADJECTIVES,
  PRAISE_NOUNS,
  PRAISE_OPENERS,
  RHETORICAL_PHRASES,
  RHETORICAL_WORDS,
  TYPICAL_MARKERS,
  GRATITUDE_OPENERS,
  SOUR_CUES,
  SARCASTIC_VERDICTS,
} from '../lexicon';
import {
  isForm,
  isVerbToken,
  matchIndexed,
  peopleMentions,
  phrases,
} from '../match';
import { isPeople, isVerb, Sentence } from '../parse';
import type { Rule, RuleMatch } from './types';

const PRAISE = phrases(PRAISE_OPENERS);
const IRONY = phrases(IRONY_PHRASES);
const RHETORICAL = phrases(RHETORICAL_PHRASES);
const TYPICAL = phrases(TYPICAL_MARKERS);
const GRATITUDE = phrases(GRATITUDE_OPENERS);
const VERDICTS = phrases(SARCASTIC_VERDICTS);
const CONSEQUENCES = phrases(CONSEQUENCE_VERDICTS);
const KNOWN_CULPRITS = phrases(KNOWN_CULPRIT_PHRASES);

/** Demonstratives that point a verdict at the incident ("this is what …"). */
const VERDICT_POINTERS = new Set(['this', 'that', 'thats']);

/**
 * Length of an opener of praise ("Well done", "Oh great,", "Fantastic work
 * by"), or 0.
 */
function praiseOpener(s: Sentence): number {
  const { tokens } = s;
  if (!tokens[0] || tokens[0].quoted) return 0;
  const listed = matchIndexed(s, 0, PRAISE);
  if (listed) return listed;
  const k = tokens[0].norm === 'oh' || tokens[0].norm === 'really' ? 1 : 0;
  if (!PRAISE_ADJECTIVES.has(tokens[k]?.norm ?? '')) return 0;
  if (PRAISE_NOUNS.has(tokens[k + 1]?.norm ?? '')) return k + 2;
  // "Nice to see the DBAs finally reading their alerts".
  if (tokens[k + 1]?.norm === 'to' && tokens[k + 2]?.lemma === 'see')
    return k + 3;
  // "Oh great, …": the adjective alone, then a pause.
  return /[,:!]/.test(tokens[k].post) ? k + 1 : 0;
}

/**
 * Sarcasm, irony, stereotypes, frustration and rhetorical questions about
 * people, read over the whole sentence: "Well done, platform team, another
 * outage", "… always works out so well", "Classic ops:", "ugh rosa again",
 * "Why on earth did Selin restart …?", "So Ines just decided …?". A
 * why-question that the next sentence answers is marked `answerable`.
 */
export const rhetoricRule: Rule = s => {
  const { tokens } = s;
  const out: RuleMatch[] = [];
  const people = peopleMentions(s);
  // "Well done, platform team, another outage": praise before a fault.
  const opener = praiseOpener(s);
  if (opener) {
    const fault = tokens
      .slice(opener)
      .some(
        t =>
          !t.quoted &&
          ((OUTCOME_NOUNS.has(t.norm) && !/^incidents?$/.test(t.norm)) ||
            t.norm === 'again' ||
            t.norm === 'another' ||
            t.norm === 'production' ||
            t.norm === 'prod' ||
            t.norm === 'down' ||
            isForm(t, HARM_VERBS) ||
            (isVerbToken(t) && isForm(t, DESTRUCTIVE_VERBS))),
      );
    if (fault && people.length > 0)
      out.push({ rule: 'judgement', from: 0, to: opener - 1 });
  }
  // "ugh rosa again", "smh the dbas": frustration at named people.
  if (
    tokens.some(t => FRUSTRATION_WORDS.has(t.norm) && !t.quoted) &&
    people.length > 0
  )
    out.push({ rule: 'judgement', from: 0, to: people[0] });
  // "Classic ops: …", "Typical DBA team.": a people stereotype.
  if (
    ['classic', 'typical'].includes(tokens[0]?.norm ?? '') &&
    !tokens[0].quoted &&
    people.some(p => p <= 3)
  )
    out.push({ rule: 'judgement', from: 0, to: people[0] });
  // "How many times do we have to tell …", "let Pablo anywhere near …".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, RHETORICAL);
    if (n && people.length > 0)
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
  }
  // "Another brilliant deploy by Ivan": praise of a repeated act by people.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (
      tokens[i].norm === 'another' &&
      !tokens[i].quoted &&
      PRAISE_ADJECTIVES.has(tokens[i + 1].norm)
    ) {
      const by = tokens
        .slice(i + 2, i + 6)
        .find(w => w.norm === 'by' || w.norm === 'from');
      const p = by && people.find(k => k > by.i && k <= by.i + 3);
      if (p !== undefined) out.push({ rule: 'judgement', from: i, to: p });
    }
  }
  // "Another Friday, another outage from the payments team".
  const anothers = tokens.filter(t => t.norm === 'another' && !t.quoted);
  if (
    anothers.length >= 2 &&
    tokens[0]?.norm === 'another' &&
    people.length > 0 &&
    tokens.some(t => OUTCOME_NOUNS.has(t.norm))
  )
    out.push({ rule: 'judgement', from: 0, to: anothers[1].i });
  // "Infra, as usual, took a day to answer", "The DBAs once again …": an
  // act called typical of the people who did it reproaches them, whatever
  // the act. Not of systems ("once again the nightly batch overran"), nor a
  // custom of the calendar ("as usual for a Monday, traffic rose").
  if (people.length > 0)
    for (let i = 0; i < tokens.length; i++) {
      const n = matchIndexed(s, i, TYPICAL);
      if (!n || tokens[i + n]?.norm === 'for') continue;
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
      break;
    }
  // "Nice of the DBAs to join us two hours in", "Thanks, Kwame, for the
  // 3 a.m. wake-up call", "Shout-out to Ravi for the "quick fix" that …":
  // thanks for lateness, damage or nothing, or for a scare-quoted act, are
  // sarcasm at the people thanked ("Thanks to Sofia for the quick fix").
  const thanksAt = tokens[0]?.norm === '-' ? 1 : 0;
  const thanks = matchIndexed(s, thanksAt, GRATITUDE);
  if (thanks && people.some(p => p >= thanksAt + thanks)) {
    const rest = tokens.slice(thanksAt + thanks);
    const sour = rest.some(
      (t, k) =>
        (!t.quoted &&
          (SOUR_CUES.has(t.norm) ||
            (isVerbToken(t) && isForm(t, HARM_VERBS)) ||
            (t.norm === 'wait' && rest[k - 1]?.norm === 'oh') ||
            (t.norm === 'took' && rest[k - 1]?.norm === 'only') ||
            // "two hours in", "50 min in": joining late.
            (t.norm === 'in' &&
              /^(hours?|min|mins|minutes?)$/.test(rest[k - 1]?.norm ?? '')))) ||
        // A scare-quoted act: 'for the "quick fix"'.
        (t.quoted && !rest[k - 1]?.quoted && rest[k - 1]?.norm === 'the'),
    );
    if (sour)
      out.push({
        rule: 'judgement',
        from: thanksAt,
        to: thanksAt + thanks - 1,
      });
  }
  // "Interesting choice by Ada to reindex at noon", "which genius set the
  // timeout to zero": a verdict that praises only in irony, with people
  // (the "genius" is one).
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, VERDICTS);
    if (!n) continue;
    if (people.length > 0 || tokens[i + n - 1].norm === 'genius') {
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
      break;
    }
  }
  // "… always works out so well".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, IRONY);
    if (n) out.push({ rule: 'judgement', from: i, to: i + n - 1 });
  }
  // Rhetorical questions about people: "Why on earth did Selin restart …?",
  // "What made Oliver think …?", "Is it really so hard for support to …?".
  if (s.question && people.length > 0) {
    // "So Ines just decided production was a good place to test?": a
    // statement about people asked back in disbelief.
    const c0 = s.clauses[0];
    const declarative =
      !!c0 &&
      !c0.question &&
      isPeople(c0.subject.kind) &&
      !c0.subject.firstPerson &&
      !!tokens[0] &&
      !isVerb(tokens[0]) &&
      !tokens[0].tags.has('QuestionWord') &&
      !['why', 'how', 'who', 'what', 'when', 'where', 'which'].includes(
        tokens[0].norm,
      );
    if (declarative)
      out.push({
        rule: 'judgement',
        from: 0,
        to: c0.subject.to,
        answerable: true,
      });
    // "Why …", and "Can someone explain why Selin …": a why over people.
    const whyAt = tokens.findIndex(
      (t, k) =>
        !t.quoted && (t.norm === 'why' || (k === 0 && t.norm === 'how')),
    );
    // People after a verb or a preposition are its object ("why did the
    // job not page anyone"), except what "it took" them ("why did it take
    // the on-call forty minutes").
    const tookThem = tokens.some(
      (t, k) =>
        t.norm === 'it' &&
        tokens[k + 1] &&
        ['take', 'took'].includes(tokens[k + 1].norm),
    );
    const objectOf = (p: number) => {
      let k = p - 1;
      while (
        k >= 0 &&
        (tokens[k].tags.has('Determiner') || tokens[k].tags.has('Adjective'))
      )
        k--;
      const before = tokens[k];
      if (!before) return false;
      if (before.tags.has('Preposition')) return true;
      return isVerbToken(before) && !(tookThem && before.lemma === 'take');
    };
    // "Didn't anyone think to test …?": a negated auxiliary opens it.
    const negatedOpening =
      !!tokens[0] && isVerb(tokens[0]) && !!tokens[1]?.tags.has('Negative');
    const why = whyAt >= 0 || negatedOpening;
    const rhetorical = tokens.some(
      t => !t.quoted && RHETORICAL_WORDS.has(t.norm),
    );
    // The person must come before the first full verb after the auxiliary.
    let mainVerb = tokens.findIndex(
      (t, k) =>
        k > 1 &&
        isVerbToken(t) &&
        !t.tags.has('Auxiliary') &&
        !isForm(t, new Set(['do', 'be', 'have'])),
    );
    if (mainVerb < 0) mainVerb = tokens.length;
    // In a why-question, people anywhere but after a preposition ("why
    // did it take the on-call forty minutes …?").
    const early = people.some(
      p =>
        (whyAt <= 0 && p < mainVerb) ||
        (whyAt > 0 && p > whyAt) ||
        (why && !objectOf(p)),
    );
    // "Why did the job not page anyone?": a system asked about.
    const asked = s.clauses[0]?.question ? s.clauses[0].subject : undefined;
    const systemAsked =
      !!asked &&
      (asked.kind === 'system' || asked.kind === 'thing') &&
      !asked.guessed &&
      !tookThem;
    if ((why && early && !systemAsked) || (rhetorical && people.length > 0))
      out.push({
        answerable: why && !rhetorical,
        rule: 'judgement',
        from: 0,
        to: Math.max(0, people[0]),
      });
  }
  // "this is what happens when we let interns write retry logic",
  // "that's what you get when the contractors …": the outcome blamed on
  // people being let near the work. Not of systems ("this is what happens
  // when the cache expires") nor a test ("we saw what happens when …").
  for (let i = 1; i < tokens.length; i++) {
    const n = matchIndexed(s, i, CONSEQUENCES);
    if (!n) continue;
    const pointed = tokens
      .slice(Math.max(0, i - 3), i)
      .some(t => VERDICT_POINTERS.has(t.norm.replace(/'/g, '')));
    if (!pointed) continue;
    const rest = tokens.slice(i + n);
    const blamed =
      people.some(p => p >= i + n) ||
      rest.some(
        (t, k) =>
          !t.quoted &&
          (PERSON_POSSESSIVES.has(t.norm) ||
            (t.norm === 'we' && isForm(rest[k + 1] ?? t, STAFFING_VERBS))),
      );
    if (blamed) out.push({ rule: 'judgement', from: i, to: i + n - 1 });
    break;
  }
  // "We all know who ran the migration", "guess who merged without
  // review": the culprit named by hint.
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, KNOWN_CULPRITS);
    if (!n) continue;
    // "guess who" needs an act after it ("guess who merged …", not "guess
    // who is on call this weekend").
    if (tokens[i].norm === 'guess' && !tokens[i + n]?.tags.has('PastTense'))
      continue;
    out.push({ rule: 'judgement', from: i, to: i + n - 1 });
    break;
  }
  return out;
};
