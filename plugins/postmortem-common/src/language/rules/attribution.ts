import {
  BAD_OBJECT_WORDS,
  BLAME_TOWARD_PHRASES,
  CARELESS_ACT_ADJECTIVES,
  DECAY_VERBS,
  DELAY_VERBS,
  DESTRUCTIVE_VERBS,
  DILIGENCE_NOUNS,
  DILIGENCE_QUALITIES,
  FAULT_VERBS,
  HARM_VERBS,
  LAPSE_NOUNS,
  OUTCOME_NOUNS,
  SILENCING_VERBS,
} from '../lexicon';
import {
  isForm,
  matchIndexed,
  mentionsPeople,
  PASSIVE_AUX,
  peopleAgent,
  peopleMentions,
  phrases,
} from '../match';
import { isVerb, negatedBefore } from '../parse';
import type { Rule, RuleMatch } from './types';

const BLAME_TOWARD = phrases(BLAME_TOWARD_PHRASES);
/** Verbs of a bad act, which a passive with a person as agent blames. */
const BAD_ACTS = new Set([
  ...HARM_VERBS,
  ...DELAY_VERBS,
  ...SILENCING_VERBS,
  ...DESTRUCTIVE_VERBS,
  ...FAULT_VERBS,
]);
BAD_ACTS.delete('acknowledge');
BAD_ACTS.delete('ack');

/**
 * Faults and lapses attributed to people who need not be the subject: the
 * agent of a passive ("the cluster was taken down by Oliver's script"), a
 * lapse by or of people ("a mistake by the platform team", "Yuki's
 * doing"), "down to", "on" and "traced back to" people, the result of a
 * person's decision, hindsight from people ("a bit more diligence from the
 * QA team would have …") and blame toward people ("cleaning up after
 * Kwame").
 */
export const attributionRule: Rule = s => {
  const { tokens } = s;
  const out: RuleMatch[] = [];
  const people = peopleMentions(s);
  // Passives with people as the agent of a bad act: "the cluster was taken
  // down by Oliver's script", "the escalation was delayed by the support lead".
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || !PASSIVE_AUX.has(tokens[i - 1].norm)) continue;
    const phrasal =
      ['take', 'bring', 'knock', 'let', 'mess', 'screw'].includes(t.lemma) &&
      ['down', 'out', 'up', 'over'].includes(tokens[i + 1]?.norm ?? '');
    const leftTo = t.lemma === 'leave' && tokens[i + 1]?.norm === 'to';
    // "the cert was allowed to expire by the platform team".
    const allowedTo =
      t.lemma === 'allow' &&
      tokens[i + 1]?.norm === 'to' &&
      !!tokens[i + 2] &&
      isForm(tokens[i + 2], DECAY_VERBS);
    // "the wrong firmware was flashed by the vendor's technician".
    const { subject } = s.clauses[s.clauseOf[i]];
    const wrongObject =
      subject.from >= 0 &&
      tokens
        .slice(subject.from, subject.to + 1)
        .some(w => BAD_OBJECT_WORDS.has(w.norm));
    if (
      !isForm(t, BAD_ACTS) &&
      !phrasal &&
      !leftTo &&
      !allowedTo &&
      !wrongObject
    )
      continue;
    const agent = peopleAgent(s, i);
    if (agent >= 0) out.push({ rule: 'named-person', from: i, to: agent });
  }
  // Attribution of a fault to people: "stems from a mistake by the platform
  // team", "is down to the networking team", "was Yuki's doing".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    // compromise may read "Yuki's doing" as "Yuki is doing": the
    // possessor stands before an implicit "is".
    const owner =
      tokens[i - 1]?.text === '' && tokens[i - 1]?.norm === 'is'
        ? i - 2
        : i - 1;
    if (
      (LAPSE_NOUNS.has(t.norm) || t.norm === 'doing') &&
      tokens[owner]?.possessive &&
      mentionsPeople(s, owner) &&
      !tokens
        .slice(0, owner)
        .some(
          w => w.tags.has('Negative') || w.norm === 'not' || w.norm === 'no',
        )
    )
      out.push({ rule: 'named-person', from: owner, to: i });
    // "Maya's rushed rollback": a careless act, named by its author.
    if (
      CARELESS_ACT_ADJECTIVES.has(t.norm) &&
      tokens[owner]?.possessive &&
      mentionsPeople(s, owner) &&
      tokens[i + 1]?.tags.has('Noun')
    )
      out.push({ rule: 'judgement', from: owner, to: i + 1 });
    if (
      LAPSE_NOUNS.has(t.norm) &&
      tokens[i + 1]?.norm === 'by' &&
      !negatedBefore(s, i, 6)
    ) {
      const p = people.find(k => k > i + 1 && k <= i + 5);
      if (p !== undefined) out.push({ rule: 'named-person', from: i, to: p });
    }
    if (
      t.norm === 'down' &&
      tokens[i + 1]?.norm === 'to' &&
      tokens
        .slice(0, i)
        .some(w => OUTCOME_NOUNS.has(w.norm) || w.norm === 'this')
    ) {
      const p = people.find(k => k > i + 1 && k <= i + 5);
      if (p !== undefined) out.push({ rule: 'named-person', from: i, to: p });
    }
  }
  // "can be traced back to Pablo's shortcut", "put down to the DBA".
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || t.norm !== 'to') continue;
    const attributing = tokens
      .slice(Math.max(0, i - 3), i)
      .some(w =>
        ['trace', 'attribute', 'chalk', 'pin', 'blame'].includes(w.lemma),
      );
    // "does not assign blame to any individual": denied.
    if (!attributing || negatedBefore(s, i, 5)) continue;
    const p = people.find(k => k > i && k <= i + 6);
    if (p !== undefined) out.push({ rule: 'named-person', from: i, to: p });
  }
  // "This mess is entirely on the DBA team", "the outage is on Fatima".
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || t.norm !== 'on') continue;
    let k = i - 1;
    while (k > 0 && tokens[k].tags.has('Adverb')) k--;
    if (!(isVerb(tokens[k]) && tokens[k].lemma === 'be')) continue;
    const said = s.clauses[s.clauseOf[k]].subject;
    const of = said.to >= 0 ? tokens[said.to] : undefined;
    const fault =
      !!of &&
      (OUTCOME_NOUNS.has(of.norm) || ['this', 'it', 'that'].includes(of.norm));
    const p = people.find(q => q > i && q <= i + 4);
    if (fault && p !== undefined)
      out.push({ rule: 'named-person', from: k, to: p });
  }
  // "the direct result of Kwame's decision".
  for (let i = 0; i < tokens.length - 1; i++) {
    if (
      ['result', 'consequence', 'product'].includes(tokens[i].norm) &&
      tokens[i + 1].norm === 'of' &&
      !tokens[i].quoted
    ) {
      const p = people.find(q => q > i + 1 && q <= i + 4);
      if (p !== undefined && tokens[p].possessive)
        out.push({ rule: 'named-person', from: i, to: p });
    }
  }
  // "A bit more diligence from the QA team would have caught it".
  const hindsightModal = tokens.some(
    (t, k) =>
      ['would', 'could', 'might'].includes(t.norm) &&
      tokens[k + 1]?.norm === 'have',
  );
  for (let i = 0; i < tokens.length && hindsightModal; i++) {
    if (
      tokens[i].norm === 'more' &&
      DILIGENCE_QUALITIES.has(tokens[i + 1]?.norm ?? '') &&
      people.length > 0
    )
      out.push({ rule: 'counterfactual', from: i, to: i + 1 });
    // "A quick look at the logs by the on-call would have revealed it".
    if (
      (DILIGENCE_NOUNS.has(tokens[i].norm) ||
        ['look', 'glance'].includes(tokens[i].norm)) &&
      i <= 3
    ) {
      const by = tokens
        .slice(i + 1, i + 8)
        .find(w => w.norm === 'by' || w.norm === 'from');
      const p = by && people.find(q => q > by.i && q <= by.i + 3);
      if (p !== undefined) out.push({ rule: 'counterfactual', from: i, to: p });
    }
  }
  // "cleaning up after Kwame", "we expect better from the platform team".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, BLAME_TOWARD);
    const p = n ? people.find(q => q >= i + n && q <= i + n + 3) : undefined;
    if (p !== undefined) out.push({ rule: 'judgement', from: i, to: p });
  }
  return out;
};
