/**
 * Rewrites by the act, for flagged sentences the structural rewrites of
 * `rewrite.ts` do not cover: the act the sentence blames (done, or left
 * out) is restated without its agent, around its object ("the consumers
 * were not drained") or as the act itself ("deploying during peak hours
 * went ahead, and nothing in the process stopped it"). Times, numbers,
 * systems and the words after the act are kept; judgement words are
 * dropped; the check runs again on the result.
 */
import nlp from 'compromise';
import {
  ACT_REWRITE_TAILS,
  ATTRIBUTION_REWRITE_TAIL,
  ATTRIBUTION_VERBS,
  ATTRIBUTION_WORDS,
  CAUSE_LINKS,
  JUDGEMENT_WORDS,
  OUTCOME_NOUNS,
  PERSON_EVALUATIONS,
  LAPSE_NOUNS,
  DEMEANOUR_VERBS,
  MIND_VERBS,
  OMISSION_FRAME_VERBS,
  PERSON_POSSESSIVES,
  ROLE_HEADS,
  TEAM_HEADS,
} from './lexicon';
import { peopleClause } from './clauseModel';
import { mentionsPeople } from './match';
import {
  buildNameIndex,
  Clause,
  isPeople,
  isVerb,
  lemma,
  type NameIndex,
  parseSentence,
  Sentence,
  type Token,
} from './parse';
import { droppable, participle, rewriteSentence } from './rewrite';
import { RULES } from './rules';
import type { RuleMatch } from './rules/types';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function gerund(base: string): string {
  const conj = (
    nlp(`they ${base}`).verbs().conjugate() as Array<{ Gerund?: string }>
  )[0];
  if (conj?.Gerund && !conj.Gerund.includes(' ')) return conj.Gerund;
  if (/[^aeiou]e$/.test(base)) return `${base.slice(0, -1)}ing`;
  return `${base}ing`;
}

const INDEFINITE_OBJECTS = new Set([
  'anyone',
  'anybody',
  'someone',
  'everyone',
  'nobody',
  'anything',
  'something',
  'everything',
  'nothing',
  'it',
  'this',
  'that',
]);
const MODAL_PAST = new Set(['should', 'ought', 'must']);
const MODAL_POSSIBLE = new Set(['could', 'would', 'might', 'can']);
const NEGATIONS = new Set(['not', 'never', "n't", 'no']);

/** Words of tokens from..to-1, people's possessives made "the". */
function text(s: Sentence, from: number, to: number, skip: Set<number>) {
  const out: string[] = [];
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (skip.has(k) || !t.text) continue;
    let w = t.text;
    const ownedByPeople =
      !t.quoted &&
      ((PERSON_POSSESSIVES.has(t.norm) && t.norm !== 'our') ||
        (t.possessive && mentionsPeople(s, k)));
    if (ownedByPeople) {
      // The owner's whole noun phrase goes ("the integrations team's").
      let j = k - 1;
      while (
        j >= from &&
        out.length > 0 &&
        !/[,;:]/.test(s.tokens[j].post) &&
        (s.tokens[j].tags.has('Noun') ||
          s.tokens[j].tags.has('Adjective') ||
          s.tokens[j].tags.has('Determiner')) &&
        !s.tokens[j].tags.has('Preposition') &&
        !isVerb(s.tokens[j])
      ) {
        out.pop();
        j--;
      }
      w = 'the';
      // "on his own" goes; "her own pull request" → "the pull request".
      if (s.tokens[k + 1]?.norm === 'own') {
        k++;
        if (out[out.length - 1] === 'on') {
          out.pop();
          continue;
        }
      }
    }
    out.push(w + (k < to - 1 ? t.post.replace(/\s+$/, '') : ''));
  }
  return out
    .join(' ')
    .replace(/\s+([,;:.!?])/g, '$1')
    .trim();
}

interface Act {
  verb: number;
  omitted: boolean;
}

/** Verbs that pass the act on to the verb after "to" ("chose to ignore"). */
const CATENATIVE = new Set([
  'choose',
  'decide',
  'try',
  'opt',
  'want',
  'need',
  'attempt',
  'start',
  'continue',
  'tend',
  'go',
  'have',
  'manage',
]);

/** Verbs that link a state, as "be" does: no act ("have become a rubber stamp"). */
const LINKING_VERBS = new Set(['become', 'remain', 'seem', 'appear']);

/** The act of clause `c`: the verb it is about and whether it was left out. */
function findAct(s: Sentence, c: Clause): Act | undefined {
  const { tokens } = s;
  let omitted = c.subject.kind === 'negative';
  let hindsight = false;
  let possible = false;
  let copula = false;
  const start = Math.max(c.verb, c.subject.to + 1, c.from);
  // A question's auxiliary and negation stand before its subject.
  for (let k = c.from; k < Math.min(start, c.subject.from); k++) {
    if (NEGATIONS.has(tokens[k].norm) || tokens[k].tags.has('Negative'))
      omitted = !omitted;
    if (['is', 'are', 'was', 'were'].includes(tokens[k].norm)) copula = true;
  }
  for (let k = start; k < c.to; k++) {
    const t = tokens[k];
    if (t.quoted) return undefined;
    if (NEGATIONS.has(t.norm) || t.tags.has('Negative')) {
      omitted = !omitted;
      continue;
    }
    if (MODAL_PAST.has(t.norm)) hindsight = true;
    if (MODAL_POSSIBLE.has(t.norm)) possible = true;
    // "failed to page", "didn't bother checking", "was supposed to".
    if (
      (OMISSION_FRAME_VERBS.has(t.lemma) ||
        OMISSION_FRAME_VERBS.has(lemma(t.norm, OMISSION_FRAME_VERBS)) ||
        t.norm === 'supposed') &&
      (isVerb(t) || t.norm === 'supposed')
    ) {
      omitted = true;
      continue;
    }
    // "acted recklessly by removing", "too busy to notice", "negligent in
    // maintaining": the act is the verb after the frame.
    if (t.norm === 'by' || t.norm === 'in' || t.norm === 'to') {
      const g = tokens[k + 1];
      const frame = tokens.slice(start, k).some(w => w.norm === 'too');
      if (g && t.norm !== 'to' && (g.tags.has('Gerund') || /ing$/.test(g.norm)))
        return { verb: k + 1, omitted: t.norm === 'in' || possible || omitted };
      if (g && t.norm === 'to' && isVerb(g)) {
        if (frame) return { verb: k + 1, omitted: true };
        continue;
      }
      return undefined;
    }
    if (
      ['be', 'is', 'am', 'are', 'was', 'were', 'been', 'being'].includes(t.norm)
    ) {
      copula = true;
      continue;
    }
    if (t.tags.has('Adverb') || t.tags.has('Auxiliary') || t.tags.has('Modal'))
      continue;
    if (!isVerb(t)) {
      // "was negligent in …", "was too busy to …": a judgement before the act.
      if (copula && (t.tags.has('Adjective') || t.norm === 'too')) continue;
      return undefined;
    }
    if (t.tags.has('Copula') || t.lemma === 'be') {
      copula = true;
      continue;
    }
    if (
      t.lemma === 'have' &&
      ['been', 'to'].includes(tokens[k + 1]?.norm ?? '')
    )
      continue;
    if (t.lemma === 'have' && isVerb(tokens[k + 1])) continue;
    if (
      tokens[k + 1]?.norm === 'to' &&
      (CATENATIVE.has(t.lemma) || CATENATIVE.has(lemma(t.norm, CATENATIVE)))
    ) {
      // "needed to look closer": said of the past, what was not done.
      if (t.norm === 'needed') omitted = true;
      continue;
    }
    // "decided on his own to bypass …": a phrase between the catenative
    // verb and its "to".
    if (CATENATIVE.has(t.lemma) || CATENATIVE.has(lemma(t.norm, CATENATIVE))) {
      const to = tokens
        .slice(k + 2, Math.min(c.to, k + 6))
        .find(w => w.norm === 'to' && isVerb(tokens[w.i + 1]));
      if (
        to &&
        tokens[k + 1].tags.has('Preposition') &&
        !tokens.slice(k + 1, to.i).some(w => isVerb(w))
      ) {
        k = to.i;
        continue;
      }
    }
    // "acted recklessly by removing the node": the act is the gerund.
    for (let b = k + 1; b < Math.min(c.to - 1, k + 4); b++)
      if (tokens[b].norm === 'by' && tokens[b + 1].tags.has('Gerund'))
        return { verb: b + 1, omitted: possible || omitted };
    // "should stop deploying": a habit judged, not an act.
    const after = tokens[k + 2];
    if (
      tokens[k + 1]?.tags.has('Gerund') &&
      !(after && (after.tags.has('Noun') || /^[A-Z]{2,}/.test(after.text)))
    )
      return undefined;
    if (DEMEANOUR_VERBS.has(t.lemma) || LINKING_VERBS.has(t.lemma))
      return undefined;
    // A passive or a state ("was told", "is allowed", "was overwhelmed")
    // states no act of the subject's.
    if (copula) return undefined;
    if (MIND_VERBS.has(t.lemma)) return undefined;
    if (possible) return undefined;
    return { verb: k, omitted: hindsight ? !omitted : omitted };
  }
  return undefined;
}

/** The object after the verb: a noun phrase, or nothing. */
function objectAfter(s: Sentence, v: number, c: Clause): [number, number] {
  const { tokens } = s;
  let k = v + 1;
  if (
    ['up', 'down', 'out', 'over', 'off', 'back'].includes(tokens[k]?.norm ?? '')
  )
    k++;
  const from = k;
  while (k < c.to) {
    const t = tokens[k];
    const next = tokens[k + 1];
    // A noun read as a verb ends a compound ("the error message", "the
    // safety check"); a participle before a noun modifies it ("the
    // missing WHERE clause").
    const compound =
      k > from &&
      !t.tags.has('PastTense') &&
      !t.tags.has('Gerund') &&
      (!next ||
        k + 1 >= c.to ||
        next.tags.has('Preposition') ||
        next.tags.has('Conjunction') ||
        /[,;:.!?]/.test(t.post));
    const modifier =
      k > from &&
      (t.tags.has('Gerund') || t.tags.has('PastTense')) &&
      !!next &&
      k + 1 < c.to &&
      (next.tags.has('Noun') || /^[A-Z]{2,}/.test(next.text));
    // "the engineers' concerns".
    const ownerPlural = /s$/.test(t.text) && /^['\u2019]/.test(t.post);
    const np =
      compound ||
      modifier ||
      t.tags.has('Determiner') ||
      t.tags.has('Adjective') ||
      t.tags.has('Noun') ||
      t.tags.has('Value') ||
      t.possessive ||
      ownerPlural ||
      PERSON_POSSESSIVES.has(t.norm) ||
      /^[A-Z0-9]/.test(t.text);
    if (!np || t.tags.has('Pronoun') || t.tags.has('Preposition')) break;
    if (
      isVerb(t) &&
      !t.tags.has('Noun') &&
      !t.tags.has('Adjective') &&
      !compound &&
      !modifier &&
      !ownerPlural
    )
      break;
    k++;
    if (/[,;:]/.test(t.post)) break;
  }
  const first = tokens[from];
  // "anything", "it": no object to put first.
  if (first && INDEFINITE_OBJECTS.has(first.norm) && k === from + 1)
    return [from, from];
  // A bare singular word is no object ("went rogue", "walked out halfway").
  if (
    k === from + 1 &&
    first &&
    !first.tags.has('Plural') &&
    !first.tags.has('Value') &&
    !/^[A-Z]/.test(first.text) &&
    !PERSON_POSSESSIVES.has(first.norm)
  )
    return [from, from];
  if (
    k === from ||
    !first ||
    !(
      first.tags.has('Determiner') ||
      first.tags.has('Noun') ||
      first.tags.has('Adjective') ||
      first.tags.has('Value') ||
      PERSON_POSSESSIVES.has(first.norm) ||
      first.possessive
    )
  )
    return [from, from];
  return [from, k];
}

/** The clause `c` restated around its act, from the act to `end`. */
function restate(
  s: Sentence,
  c: Clause,
  end: number,
  skip: Set<number>,
  alone: boolean,
): string | undefined {
  const { tokens } = s;
  const act = findAct(s, c);
  if (!act) return undefined;
  const v = tokens[act.verb];
  const base = v.lemma && !v.lemma.includes(' ') ? v.lemma : lemma(v.norm);
  if (!/^[a-z-]+$/.test(base) || MIND_VERBS.has(base)) return undefined;
  const [objFrom, objTo] = objectAfter(s, act.verb, c);
  const particle =
    objFrom > act.verb + 1 ? ` ${tokens[act.verb + 1].text}` : '';
  // People named in the words kept would still be the agents.
  if (
    tokens
      .slice(objTo, end)
      .some(
        t => !t.quoted && ['he', 'she', 'they', 'him', 'them'].includes(t.norm),
      )
  )
    return undefined;
  const rest = text(s, objTo, end, skip).replace(/[,;:]$/, '');
  // A second verb group or quoted words mean the structure was not read.
  if (
    /\b(didn't|did not|doesn't|don't|wasn't|weren't|isn't)\b/i.test(rest) ||
    tokens.slice(act.verb, end).some(t => t.quoted)
  )
    return undefined;
  if (objTo > objFrom) {
    const object = text(s, objFrom, objTo, skip);
    const head = tokens[objTo - 1];
    const plural =
      head.tags.has('Plural') ||
      (/[^s]s$/.test(head.norm) && !head.tags.has('Singular'));
    return `${object} ${plural ? 'were' : 'was'}${
      act.omitted ? ' not' : ''
    } ${participle(base)}${particle}${rest ? ` ${rest}` : ''}`;
  }
  // An act of no object needs words after it, in one piece, and a
  // sentence of its own.
  if (!alone || (!act.omitted && (!rest || /,/.test(rest)))) return undefined;
  // A verb group of its own, a comment or the agent's own pronoun left in
  // the act ("… should be ashamed", "… and now checkout is dead", ", which
  // is not surprising", "taking it upon herself") means the act was not
  // read whole.
  if (
    /\b(should|will|would|herself|himself|themselves)\b|\band now\b|, which\b|\bas if\b/i.test(
      rest,
    )
  )
    return undefined;
  const tail = act.omitted ? ACT_REWRITE_TAILS.omitted : ACT_REWRITE_TAILS.done;
  return `${gerund(base)}${particle}${rest ? ` ${rest}` : ''} ${tail}`;
}

/** Markers of a clause coordinated with the act's. */
const COORDINATED = new Set(['and', 'but', 'or', 'so', 'yet']);

const GERUND_MARKERS = new Set([
  'before',
  'after',
  'while',
  'when',
  'until',
  'without',
  'instead',
]);

/**
 * Rewrites a flagged sentence around the act it blames, or returns
 * undefined when it states no act (a judgement of a person alone).
 * Acts joined to it with the same agent ("ignored the runbook and
 * improvised a fix") are restated too; a reason given of people
 * ("because she was in a hurry") goes.
 */
export function rewriteByAct(
  s: Sentence,
  matches: RuleMatch[],
): string | undefined {
  const rewrite =
    rewriteAfterLead(s) ?? rewriteActDirect(s, matches) ?? rewriteNormalised(s);
  return rewrite && articles(rewrite);
}

/** "an broken configuration" → "a broken configuration", once words went. */
function articles(sentence: string): string {
  return sentence
    .replace(/\b([Aa])n (?=[bcdfgjklmnpqrstvwxz][a-z])/g, '$1 ')
    .replace(/\b([Aa]) (?=[aei][a-z])/g, '$1n ');
}

function rewriteActDirect(
  s: Sentence,
  matches: RuleMatch[],
): string | undefined {
  if (matches.length === 0) return undefined;
  const { tokens } = s;
  const skip = droppable(s);
  // A lapse owned by people acts for them ("Kwame's recklessness took
  // down the payment gateway"), except as a mere cause ("caused the leak").
  const lapseOfPeople = (c: Clause) =>
    !!c.subject.owner &&
    isPeople(c.subject.owner) &&
    c.verb >= 0 &&
    !ATTRIBUTION_VERBS.has(tokens[c.verb].lemma) &&
    c.subject.to >= 0 &&
    (LAPSE_NOUNS.has(tokens[c.subject.to].norm) ||
      JUDGEMENT_WORDS.has(tokens[c.subject.to].norm));
  const people = (c: Clause) =>
    (isPeople(c.subject.kind) && !c.subject.firstPerson) ||
    c.subject.kind === 'negative' ||
    lapseOfPeople(c);
  const asked = questionClause(s);
  if (asked) {
    const body = restate(s, asked.clause, tokens.length, skip, true);
    if (body) {
      s.tokens[asked.verb].tags = asked.tags;
      return `${capitalise(body.replace(/[.!?]+$/, ''))}.`;
    }
    s.tokens[asked.verb].tags = asked.tags;
  }
  const first = s.clauses[s.clauseOf[matches[0].from]];
  const candidates = [
    ...(first && people(first) ? [first] : []),
    ...s.clauses.filter(d => d !== first && people(d)),
  ];
  const c = candidates.find(d => findAct(s, d));
  const agentless = withoutPassiveAgent(s, skip);
  if (agentless) return agentless;
  const decided = decisionOfPeople(s, skip);
  if (decided) return decided;
  if (!c)
    return (
      (candidates.length
        ? undefined
        : dropFrame(s, matches, skip) ?? withoutOwners(s, skip)) ??
      rewriteAttribution(s, skip)
    );
  // Conditionals are the structural rewrite's ("If the plan had been followed").
  if (c.marker === 'if' || tokens[c.from]?.norm === 'had') return undefined;
  // The clauses after it: the same agent's acts, joined by "and", are
  // restated; a gerund clause ("before sending the report") stays as it
  // is; a reason of people's goes; any other clause of people's stops
  // the rewrite.
  const parts: string[] = [];
  let from = c;
  let end = tokens.length;
  const ci = s.clauses.indexOf(c);
  // A coordinated clause with its own subject ("… and the document should
  // say so") ends the act and stays as it is.
  let coda = '';
  for (let k = ci + 1; k < s.clauses.length; k++) {
    const d = s.clauses[k];
    const shared = d.subject === c.subject;
    if (
      !shared &&
      !people(d) &&
      d.subject.from >= d.from &&
      d.verb >= 0 &&
      (COORDINATED.has(d.marker ?? '') ||
        (!d.marker && /;/.test(tokens[d.from - 1]?.post ?? '')))
    ) {
      // Words of people in it ("so this one is on him") or quoted words
      // ("and the comment \"trust me\"") keep the blame.
      if (
        tokens
          .slice(d.from)
          .some(
            t =>
              t.quoted ||
              t.name ||
              PERSON_POSSESSIVES.has(t.norm) ||
              ['he', 'she', 'they', 'him', 'her', 'them'].includes(t.norm),
          )
      )
        return undefined;
      end = d.from;
      coda = text(s, d.from, tokens.length, skip).replace(/[.!?]+$/, '');
      if (/,/.test(tokens[d.from - 1].post)) coda = `, ${coda}`;
      break;
    }
    if (!shared && !(people(d) && d.subject.from >= d.from)) continue;
    const g = tokens[d.from + (d.marker ? 1 : 0)];
    if (
      shared &&
      GERUND_MARKERS.has(d.marker ?? tokens[d.from].norm) &&
      g &&
      (g.tags.has('Gerund') || /ing$/.test(g.norm) || g.norm === 'of')
    )
      continue;
    // A reason or purpose of people's goes ("so that he could catch his
    // train", "because she was in a hurry").
    if (
      ['because', 'since', 'as'].includes(d.marker ?? '') ||
      (d.marker === 'so' && tokens[d.from + 1]?.norm === 'that')
    ) {
      end = d.from;
      break;
    }
    if (shared && ['and', 'then', 'but'].includes(d.marker ?? '')) {
      const part = restate(s, from, d.from, skip, false);
      if (!part) return undefined;
      parts.push(part.replace(/[,;:]$/, ''));
      from = d;
      continue;
    }
    return undefined;
  }
  const last = restate(s, from, end, skip, parts.length === 0);
  if (!last) return undefined;
  parts.push(last);
  // Words before the clause stay when they are a phrase of their own
  // ("At 10:05, …") that names nobody; "It was Julia who …" goes.
  let lead = '';
  const cleft =
    tokens[0]?.norm === 'it' &&
    tokens[1]?.lemma === 'be' &&
    ['who', 'that'].includes(c.marker ?? '');
  if (c.from > 0 && !cleft) {
    if (
      tokens.slice(0, c.from).some((_, k) => mentionsPeople(s, k)) ||
      !/[,;:]/.test(tokens[c.from - 1].post)
    )
      return undefined;
    lead = text(s, 0, c.from, skip).replace(
      /^(if|why|how|and|but|so)\b\s*/i,
      '',
    );
  }
  const body = parts
    .join(' and ')
    .replace(/[.!?,;:]+(?= (went|did|was|were) |$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let joined = body;
  if (/^,?\s*(and|but|or|so|yet)\b/i.test(coda))
    joined = `${body}${coda.startsWith(',') ? '' : ' '}${coda}`;
  else if (coda) joined = `${body}; ${coda}`;
  const colon = c.from > 0 && /:/.test(tokens[c.from - 1].post);
  const sentence = lead
    ? `${lead.replace(/[,;:]?$/, colon ? ':' : ',')} ${joined}`
    : joined;
  return `${capitalise(sentence.replace(/^[,;:\s]+/, ''))}.`;
}

/** Nouns of a choice whose content is an act ("her decision to skip …"). */
const DECISION_NOUNS = new Set([
  'decision',
  'choice',
  'call',
  'attempt',
  'plan',
]);

/**
 * A person's decision judged ("Noah's decision to skip the canary was
 * reckless"): the act decided is restated without its agent and the
 * judgement goes ("The canary was skipped.").
 */
function decisionOfPeople(s: Sentence, skip: Set<number>): string | undefined {
  const { tokens } = s;
  for (let i = 1; i + 2 < tokens.length; i++) {
    const owner = tokens[i - 1];
    if (
      !DECISION_NOUNS.has(tokens[i].norm) ||
      tokens[i + 1].norm !== 'to' ||
      !isVerb(tokens[i + 2]) ||
      !(
        (owner.possessive && mentionsPeople(s, i - 1)) ||
        (PERSON_POSSESSIVES.has(owner.norm) && owner.norm !== 'our')
      )
    )
      continue;
    // The owner must open the sentence ("Noah's decision …").
    if (tokens.slice(0, i - 1).some(w => !w.name && !w.tags.has('Determiner')))
      return undefined;
    const v = tokens[i + 2];
    const base = v.lemma && !v.lemma.includes(' ') ? v.lemma : lemma(v.norm);
    if (!/^[a-z-]+$/.test(base)) return undefined;
    const c = s.clauses[s.clauseOf[i + 2]];
    const [objFrom, objTo] = objectAfter(s, i + 2, c);
    if (objTo <= objFrom) return undefined;
    // Up to the verb that judges the decision ("was reckless", "caused …").
    let end = objTo;
    while (
      end < c.to &&
      !isVerb(tokens[end]) &&
      !tokens[end].tags.has('Copula')
    )
      end++;
    const object = text(s, objFrom, objTo, skip);
    const rest = text(s, objTo, end, skip).replace(/[,;:]$/, '');
    const head = tokens[objTo - 1];
    const plural = head.tags.has('Plural');
    return `${capitalise(object)} ${plural ? 'were' : 'was'} ${participle(
      base,
    )}${rest ? ` ${rest}` : ''}.`;
  }
  return undefined;
}

/**
 * A sentence whose blame sits in a verbless frame around facts stated of a
 * system ("Thanks to Samuel, the whole region went down for an hour"):
 * the frame goes, the facts stay.
 */
function dropFrame(
  s: Sentence,
  matches: RuleMatch[],
  skip: Set<number>,
): string | undefined {
  const frame = s.clauses[s.clauseOf[matches[0].from]];
  if (!frame || frame.verb >= 0) return undefined;
  const others = s.clauses.filter(d => d !== frame);
  if (!others.some(d => d.verb >= 0 && !isPeople(d.subject.kind)))
    return undefined;
  const kept = others
    .map(d => text(s, d.from, d.to, skip))
    .join(' ')
    .replace(/^[,;:\s]+/, '')
    .replace(/[.!?]+$/, '');
  if (LAPSE_NOUNS.has(s.tokens[0]?.norm ?? '')) return undefined;
  return kept ? `${capitalise(kept)}.` : undefined;
}

/**
 * A fault put on people with no act of theirs ("The outage is on the data
 * platform team", "Beatriz's carelessness led to the leak", "The failed
 * migration was Ines's responsibility"): the outcome stays, with its
 * conditions as the subject of inquiry. Every other noun of the sentence
 * that is no person and no word of blame must be in the outcome, or no
 * rewrite is made.
 */
function rewriteAttribution(
  s: Sentence,
  skip: Set<number>,
): string | undefined {
  const { tokens } = s;
  // An act stated in the sentence would be lost ("was dropped by Mei").
  if (
    tokens.some(
      t =>
        !t.quoted &&
        isVerb(t) &&
        !t.tags.has('Auxiliary') &&
        !t.tags.has('Modal') &&
        !t.tags.has('Copula') &&
        !ATTRIBUTION_VERBS.has(t.lemma) &&
        !CAUSE_LINKS.has(t.norm),
    )
  )
    return undefined;
  // Inside a noun phrase of people ("the data platform team").
  const ofPeople = (k: number): boolean => {
    let e = k;
    while (
      e < tokens.length &&
      !mentionsPeople(s, e) &&
      (tokens[e].tags.has('Noun') || tokens[e].tags.has('Adjective')) &&
      !/[,;:.!?]/.test(tokens[e].post)
    )
      e++;
    return e < tokens.length && mentionsPeople(s, e);
  };
  const nounPhrase = (at: number): [number, number] => {
    let from = at;
    while (
      from > 0 &&
      !/[,;:]/.test(tokens[from - 1].post) &&
      (tokens[from - 1].tags.has('Adjective') ||
        tokens[from - 1].tags.has('Determiner') ||
        tokens[from - 1].tags.has('Value') ||
        tokens[from - 1].tags.has('Noun')) &&
      !mentionsPeople(s, from - 1) &&
      !ATTRIBUTION_WORDS.has(tokens[from - 1].norm) &&
      !tokens[from - 1].possessive &&
      !isVerb(tokens[from - 1])
    )
      from--;
    let to = at + 1;
    while (
      to < tokens.length &&
      !/[,;:.!?]/.test(tokens[to - 1].post) &&
      !mentionsPeople(s, to) &&
      !ofPeople(to) &&
      !(isVerb(tokens[to]) && !tokens[to].tags.has('Noun')) &&
      !(
        tokens[to].tags.has('Preposition') &&
        !['of', 'in', 'on', 'at', 'during', 'for'].includes(tokens[to].norm)
      )
    )
      to++;
    while (to > at + 1 && tokens[to - 1].tags.has('Preposition')) to--;
    return [from, to];
  };
  // The outcome: the object of "responsible for", "to blame for"; else
  // the subject of a clause that puts it on people; else an outcome noun.
  let span: [number, number] | undefined;
  const forAt = tokens.findIndex(
    (t, k) =>
      t.norm === 'for' &&
      k > 0 &&
      ['responsible', 'blame', 'accountable', 'reason'].includes(
        tokens[k - 1].norm,
      ),
  );
  if (forAt >= 0) {
    let h = forAt + 1;
    while (h + 1 < tokens.length && !tokens[h].tags.has('Noun')) h++;
    const [f, t] = nounPhrase(h);
    span = [forAt + 1, Math.max(t, h + 1)];
    if (f < forAt + 1) span = [forAt + 1, t];
  } else {
    const c0 = s.clauses[0];
    if (
      c0 &&
      !isPeople(c0.subject.kind) &&
      c0.subject.from >= 0 &&
      !c0.subject.owner &&
      !tokens
        .slice(c0.subject.from, c0.subject.to + 1)
        .some(t => LAPSE_NOUNS.has(t.norm) || JUDGEMENT_WORDS.has(t.norm)) &&
      c0.verb >= 0 &&
      tokens[c0.verb].lemma === 'be'
    )
      span = [c0.subject.from, c0.subject.to + 1];
    else {
      // After a link of cause: "led to the outage", "stems from".
      const link = tokens.findIndex(t => !t.quoted && CAUSE_LINKS.has(t.norm));
      const at = tokens.findIndex(
        (t, k) =>
          k > link &&
          !t.quoted &&
          OUTCOME_NOUNS.has(t.norm) &&
          !LAPSE_NOUNS.has(t.norm),
      );
      if (link >= 0 && at >= 0) span = nounPhrase(at);
    }
  }
  if (!span) return undefined;
  const [from, to] = span;
  const outcome = text(s, from, to, skip);
  if (
    !outcome ||
    /^(this|that|it)$/i.test(outcome) ||
    /^another\b/i.test(outcome) ||
    ATTRIBUTION_WORDS.has(tokens[to - 1].norm) ||
    tokens[to - 1].tags.has('Pronoun')
  )
    return undefined;
  const kept = new Set(outcome.toLowerCase().split(/[^\p{L}\d-]+/u));
  const lost = tokens.some(
    (t, k) =>
      !t.quoted &&
      (k < from || k >= to) &&
      t.tags.has('Noun') &&
      !t.tags.has('Pronoun') &&
      !mentionsPeople(s, k) &&
      !ofPeople(k) &&
      !ATTRIBUTION_WORDS.has(t.norm) &&
      !LAPSE_NOUNS.has(t.norm) &&
      !JUDGEMENT_WORDS.has(t.norm) &&
      !PERSON_EVALUATIONS.has(t.norm) &&
      !kept.has(t.norm),
  );
  if (lost) return undefined;
  const body = /^(the|a|an|this|that|our)\b/i.test(outcome)
    ? outcome.replace(/^(this|that|our)\b/i, 'the')
    : `the ${outcome}`;
  return `${capitalise(body)} ${ATTRIBUTION_REWRITE_TAIL}.`;
}

/**
 * A passive with people as its agent loses the agent: "The production
 * database was dropped by Mei" → "The production database was dropped".
 */
function withoutPassiveAgent(
  s: Sentence,
  skip: Set<number>,
): string | undefined {
  const { tokens } = s;
  const BE = ['was', 'were', 'is', 'are', 'been', 'being', 'be'];
  for (let b = 2; b < tokens.length - 1; b++) {
    if (tokens[b].norm !== 'by' || tokens[b].quoted) continue;
    let p = b - 1;
    while (p > 0 && tokens[p].tags.has('Adverb')) p--;
    const done = tokens[p];
    if (!done.tags.has('PastTense') && !done.tags.has('Participle')) continue;
    if (
      !BE.includes(tokens[p - 1]?.norm ?? '') &&
      tokens[p - 1]?.norm !== 'not'
    )
      continue;
    // The agent: up to its first word that stands for people, and the
    // rest of a name.
    let e = b + 1;
    while (e < Math.min(tokens.length, b + 6) && !mentionsPeople(s, e)) {
      if (isVerb(tokens[e]) || /[,;:]/.test(tokens[e].post)) break;
      e++;
    }
    if (e >= tokens.length || !mentionsPeople(s, e)) continue;
    while (e + 1 < tokens.length && tokens[e + 1].name) e++;
    if (tokens[e].possessive) continue;
    // "by whoever was on call": a clause of people, no agent to drop.
    if (isVerb(tokens[e + 1]) && !tokens[e + 1].tags.has('Gerund'))
      return undefined;
    // "caused by an engineer entering a command": the act stays.
    const by = tokens[e + 1]?.tags.has('Gerund') ? 'by ' : '';
    const before = text(s, 0, b, skip);
    const after = by + text(s, e + 1, tokens.length, skip);
    const body = `${before}${
      after && !/^[,;:.!?]/.test(after) ? ' ' : ''
    }${after}`
      .replace(/[.!?]+$/, '')
      .trim();
    return body ? `${capitalise(body)}.` : undefined;
  }
  return undefined;
}

/**
 * People only as owners ("Aiko's hasty change to the proxy config caused
 * the 502 errors"): the owner and the judgement words go, the rest stays.
 */
function withoutOwners(s: Sentence, skip: Set<number>): string | undefined {
  const { tokens } = s;
  const owners = tokens.filter(
    (t, k) =>
      !t.quoted &&
      ((t.possessive && mentionsPeople(s, k)) ||
        (PERSON_POSSESSIVES.has(t.norm) && t.norm !== 'our')),
  );
  if (owners.length === 0) return undefined;
  const others = tokens.some(
    (t, k) =>
      !t.quoted &&
      mentionsPeople(s, k) &&
      !t.possessive &&
      !PERSON_POSSESSIVES.has(t.norm) &&
      !tokens[k + 1]?.possessive,
  );
  if (others) return undefined;
  const body = text(s, 0, tokens.length, skip).replace(/[.!?]+$/, '');
  // The judgement was the predicate: nothing is left to say.
  if (!body || /\b(was|is|were|are|be)$/i.test(body)) return undefined;
  // A judgement left without its owner is still a judgement.
  if (
    body
      .toLowerCase()
      .split(/[^a-z-]+/)
      .some(w => PERSON_EVALUATIONS.has(w) || JUDGEMENT_WORDS.has(w))
  )
    return undefined;
  return `${capitalise(body)}.`;
}

const QUESTION_AUX = new Set([
  'did',
  'does',
  'do',
  'would',
  'could',
  'was',
  'were',
  'is',
  'are',
]);

/**
 * The clause of a question about people's act ("Why on earth did Selin
 * restart the primary …?", "why didn't tariq page the db team?"): its
 * subject runs from after the auxiliary to the act, which is read as a
 * verb whatever its tag (the tags are restored by the caller).
 */
function questionClause(
  s: Sentence,
): { clause: Clause; verb: number; tags: Set<string> } | undefined {
  const { tokens } = s;
  if (!s.question || !['why', 'how'].includes(tokens[0]?.norm ?? ''))
    return undefined;
  const a = tokens.findIndex(
    (t, k) => k > 0 && k < 5 && QUESTION_AUX.has(t.norm),
  );
  if (a < 0) return undefined;
  let from = a + 1;
  while (tokens[from]?.tags.has('Negative')) from++;
  let k = from;
  while (k < tokens.length && !mentionsPeople(s, k)) {
    if (isVerb(tokens[k])) return undefined;
    k++;
  }
  if (k >= tokens.length || k > from + 4) return undefined;
  while (
    k + 1 < tokens.length &&
    (tokens[k + 1].name ||
      TEAM_HEADS.has(tokens[k + 1].norm) ||
      ROLE_HEADS.has(tokens[k + 1].norm))
  )
    k++;
  let v = k + 1;
  while (
    v < tokens.length &&
    (tokens[v].tags.has('Adverb') || tokens[v].tags.has('Negative'))
  )
    v++;
  const verb = tokens[v];
  if (!verb || verb.tags.has('Preposition') || verb.tags.has('Determiner'))
    return undefined;
  const tags = verb.tags;
  verb.tags = new Set([...tags, 'Verb', 'Infinitive']);
  return {
    clause: {
      from: 0,
      to: tokens.length,
      subject: {
        kind: tokens
          .slice(from, k + 1)
          .some(t => ['nobody', 'noone', 'none'].includes(t.norm))
          ? 'negative'
          : 'person',
        from,
        to: k,
      },
      verb: k + 1,
      question: true,
    },
    verb: v,
    tags,
  };
}

// ---------------------------------------------------------------------------
// Normalised restatements: wording around the act that the rewrites above
// do not read ("goofed and restarted …", "kept postponing …", "was supposed
// to … but never did", "a more careful engineer would have …") is first
// restated plainly, with the same facts; the plain sentence is parsed again
// and rewritten as above.

/**
 * Acts that only judge, said before the act that happened ("goofed and
 * restarted", "went rogue and bypassed"). Kept here, not in the lexicon,
 * whose sets are features of the clause model.
 */
const PHRASAL_PARTICLES = new Set([
  'up',
  'down',
  'out',
  'back',
  'off',
  'over',
  'around',
  'away',
]);
const JUDGED_ACTS = new Set(['goof', 'panic', 'blunder']);
/** Verbs that judge with their particle ("went rogue", "messed up"). */
const JUDGED_PHRASAL: Record<string, string[]> = {
  go: ['rogue', 'cowboy'],
  get: ['lazy', 'sloppy', 'careless'],
  mess: ['up'],
  screw: ['up'],
  slip: ['up'],
  freak: ['out'],
};

/** A replacement of tokens from..to-1 by `by`. */
interface Edit {
  from: number;
  to: number;
  by: string;
}

/** The sentence's text with the edits made (in order, not overlapping). */
function applyEdits(s: Sentence, edits: Edit[]): string {
  const { tokens } = s;
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    const first = tokens[e.from];
    const last = tokens[e.to - 1];
    if (!first || !last) continue;
    const start = first.start - s.start;
    if (start < at) continue;
    out += s.text.slice(at, start) + e.by;
    at = last.end - s.start;
    // A removal takes the space after it.
    if (!e.by) while (/\s/.test(s.text.charAt(at))) at++;
  }
  return out + s.text.slice(at);
}

const pastOf = (base: string): string => {
  const conj = (
    nlp(`they ${base}`).verbs().conjugate() as Array<{ PastTense?: string }>
  )[0];
  return conj?.PastTense && !conj.PastTense.includes(' ')
    ? conj.PastTense
    : participle(base);
};

const baseOf = (t: Token): string =>
  t.lemma && !t.lemma.includes(' ') && t.lemma !== t.norm
    ? t.lemma
    : lemma(t.norm);

/**
 * "Keiko goofed and restarted the wrong region": an act that only judges
 * ("goofed", "panicked", "went rogue") before the act that happened goes.
 */
function dropJudgedAct(s: Sentence): Edit[] {
  const { tokens } = s;
  for (const c of s.clauses) {
    if (!isPeople(c.subject.kind) || c.verb < 0 || c.verb >= c.to) continue;
    const v = tokens[c.verb];
    const base = baseOf(v);
    let k = c.verb + 1;
    const particles = JUDGED_PHRASAL[base];
    if (particles) {
      if (!particles.includes(tokens[k]?.norm ?? '')) continue;
      k++;
    } else if (!JUDGED_ACTS.has(base)) continue;
    if (/[;:.!?]/.test(tokens[k - 1].post)) continue;
    const and = tokens[k];
    if (!and || and.norm !== 'and' || !isVerb(tokens[k + 1])) continue;
    return [{ from: c.verb, to: k + 1, by: '' }];
  }
  return [];
}

/**
 * "kept postponing the patch", "has been ignoring the alerts": a habit or
 * a stretch of time stated as the act done ("postponed the patch").
 */
function plainTense(s: Sentence): Edit[] {
  const { tokens } = s;
  const edits: Edit[] = [];
  for (let k = 1; k + 1 < tokens.length; k++) {
    const t = tokens[k];
    const g = tokens[k + 1];
    if (t.quoted || !mentionsPeople(s, k - 1)) continue;
    // "kept pushing back the rotation": the particle would be lost.
    const particle = (at: number) =>
      PHRASAL_PARTICLES.has(tokens[at]?.norm ?? '') ||
      tokens.slice(at).some(w => w.quoted);
    if (
      ['kept', 'keeps', 'keep'].includes(t.norm) &&
      g.tags.has('Gerund') &&
      !particle(k + 2)
    ) {
      edits.push({ from: k, to: k + 2, by: pastOf(baseOf(g)) });
      k++;
      continue;
    }
    const h = tokens[k + 2];
    if (
      ['has', 'have', 'had'].includes(t.norm) &&
      g.norm === 'been' &&
      h?.tags.has('Gerund') &&
      !particle(k + 3)
    ) {
      edits.push({ from: k, to: k + 3, by: pastOf(baseOf(h)) });
      k += 2;
    }
  }
  return edits;
}

/**
 * "the manual steps he used for the failover" → "the manual steps used for
 * the failover": the person of a relative clause after a noun goes.
 */
function reducedRelative(s: Sentence): Edit[] {
  const { tokens } = s;
  const edits: Edit[] = [];
  for (let k = 1; k + 1 < tokens.length; k++) {
    const noun = tokens[k - 1];
    const who = tokens[k];
    const v = tokens[k + 1];
    const after = tokens[k + 2];
    if (
      who.quoted ||
      !['he', 'she', 'they'].includes(who.norm) ||
      !noun.tags.has('Noun') ||
      noun.tags.has('Pronoun') ||
      /[,;:.!?]/.test(noun.post) ||
      !v.tags.has('PastTense') ||
      ['have', 'be', 'do', 'get'].includes(baseOf(v)) ||
      !after?.tags.has('Preposition') ||
      after.norm === 'by' ||
      /[,;:.!?]/.test(v.post)
    )
      continue;
    edits.push({ from: k, to: k + 2, by: participle(baseOf(v)) });
  }
  return edits;
}

/**
 * "Carlos was supposed to update the runbook but never did" → "Carlos did
 * not update the runbook".
 */
function supposedButNot(s: Sentence): Edit[] {
  const { tokens } = s;
  const at = tokens.findIndex(
    (t, k) =>
      ['was', 'were'].includes(t.norm) &&
      tokens[k + 1]?.norm === 'supposed' &&
      tokens[k + 2]?.norm === 'to' &&
      isVerb(tokens[k + 3]),
  );
  if (at < 1 || !mentionsPeople(s, at - 1)) return [];
  let end = tokens.length;
  while (end > 0 && !tokens[end - 1].text) end--;
  let k = end - 1;
  if (tokens[k]?.norm !== 'did' && tokens[k]?.norm !== 'not') return [];
  if (tokens[k].norm === 'not') k--;
  if (tokens[k]?.norm !== 'did') return [];
  k--;
  if (tokens[k]?.norm === 'never' || tokens[k]?.tags.has('Negative')) k--;
  while (k > at && tokens[k].tags.has('Adverb')) k--;
  if (!['but', 'and'].includes(tokens[k]?.norm ?? '')) return [];
  // The tail goes with the comma before it.
  return [
    { from: at, to: at + 3, by: 'did not' },
    { from: k, to: end, by: '' },
  ];
}

/**
 * "A more careful engineer would have checked the host", "Any competent
 * engineer would not have restarted the primary": what the imagined person
 * would have done is what did not happen, and the other way round.
 */
function imaginedAgent(s: Sentence): Edit[] {
  const { tokens } = s;
  const first = tokens[0];
  if (!first || !['a', 'an', 'any', 'anyone', 'anybody'].includes(first.norm))
    return [];
  const would = tokens.findIndex(t => t.norm === 'would');
  if (would < 1 || would > 12) return [];
  // The imagined person is the head of the subject ("a more careful
  // release manager", "anyone with basic experience"), not a word that
  // follows the head ("a quick look at the logs by the on-call").
  let h = 0;
  if (!['anyone', 'anybody'].includes(first.norm)) {
    h = 1;
    while (
      h < would &&
      !ROLE_HEADS.has(tokens[h].norm) &&
      !TEAM_HEADS.has(tokens[h].norm) &&
      (tokens[h].tags.has('Adjective') ||
        tokens[h].tags.has('Adverb') ||
        tokens[h].tags.has('Comparative') ||
        tokens[h].tags.has('Noun'))
    )
      h++;
    if (
      h >= would ||
      (!ROLE_HEADS.has(tokens[h].norm) && !TEAM_HEADS.has(tokens[h].norm))
    )
      return [];
  }
  const next = tokens[h + 1];
  if (
    h + 1 < would &&
    !['who', 'that', 'with', 'on', 'in'].includes(next?.norm ?? '') &&
    !next?.tags.has('Gerund')
  )
    return [];
  let k = would + 1;
  let negated = false;
  if (['not', 'never'].includes(tokens[k]?.norm ?? '')) {
    negated = true;
    k++;
  }
  if (tokens[k]?.norm !== 'have') return [];
  const v = tokens[k + 1];
  if (!v || !(v.tags.has('PastTense') || v.tags.has('Participle'))) return [];
  // "would have been …": a state, no act.
  if (v.norm === 'been') return [];
  return [
    {
      from: 0,
      to: k + 2,
      by: `The engineer ${
        negated ? pastOf(baseOf(v)) : `did not ${baseOf(v)}`
      }`,
    },
  ];
}

/**
 * "should have known better than to run a schema change at peak" → "ran a
 * schema change at peak".
 */
function knewBetter(s: Sentence): Edit[] {
  const { tokens } = s;
  const at = tokens.findIndex(
    (t, k) =>
      t.norm === 'should' &&
      tokens[k + 1]?.norm === 'have' &&
      tokens[k + 2]?.norm === 'known' &&
      tokens[k + 3]?.norm === 'better' &&
      tokens[k + 4]?.norm === 'than' &&
      tokens[k + 5]?.norm === 'to' &&
      isVerb(tokens[k + 6]),
  );
  if (at < 0) return [];
  return [{ from: at, to: at + 7, by: pastOf(baseOf(tokens[at + 6])) }];
}

/**
 * "@kwame.mensah committed the key": a chat handle as the subject is a
 * person ("The engineer committed the key").
 */
function handleAsPerson(s: Sentence): Edit[] {
  return s.clauses.flatMap(c => {
    const t = s.tokens[c.subject.from];
    return t &&
      c.subject.from === c.subject.to &&
      /^@[\p{L}\d._-]+$/u.test(t.text) &&
      c.verb > c.subject.to
      ? [
          {
            from: t.i,
            to: t.i + 1,
            by: t.i === 0 ? 'The engineer' : 'the engineer',
          },
        ]
      : [];
  });
}

const NORMALISERS = [
  handleAsPerson,
  imaginedAgent,
  knewBetter,
  supposedButNot,
  dropJudgedAct,
  plainTense,
  reducedRelative,
];

/**
 * Whether a candidate of a normalised sentence reads well and has no
 * person as an agent: no clause cut off after a semicolon ("…; that was
 * found on a forum"), no pronoun or gerund left dangling ("It worse was
 * made", "was not noticed filling up"), no act stated only as possible.
 */
function plainEnough(candidate: string, names: NameIndex): boolean {
  if (
    /;\s*(that|which|who|back|as)\b/i.test(candidate) ||
    /\b(was|were) had\b|'s (was|were)\b|\bthe own\b|\binstead of\b|\bon on\b/i.test(
      candidate,
    ) ||
    /\b(was|were) (not )?\w+ed \w+ing\b/i.test(candidate) ||
    /^\w, /.test(candidate) ||
    candidate.includes(ACT_REWRITE_TAILS.done) ||
    /^\w+ing (why|that|whether|how)\b/i.test(candidate) ||
    /^\w+ing did not happen\b/i.test(candidate) ||
    /\b(worse|better) (was|were)\b/i.test(candidate) ||
    /^[A-Z][a-z]+ (was|were) (not )?\w+ \d/.test(candidate) ||
    /\b(he|she|him|his|her|hers|himself|herself)\b/i.test(candidate) ||
    (candidate.match(/"/g) ?? []).length % 2 === 1
  )
    return false;
  // Each part after a semicolon is a clause of its own ("…; again" is not).
  for (const part of candidate.split(/;\s*/).slice(1)) {
    const p = parseSentence(part, 0, names);
    const head = p.tokens[0];
    if (
      !head ||
      head.tags.has('Adverb') ||
      head.tags.has('Expression') ||
      !p.clauses.some(d => d.subject.from >= 0 && d.verb > d.subject.to)
    )
      return false;
  }
  const c = parseSentence(candidate, 0, names);
  // A statement needs a subject and its verb ("Wiping the fix." has none).
  if (!c.clauses.some(d => d.subject.from >= 0 && d.verb > d.subject.to))
    return false;
  const [t0, t1] = c.tokens;
  if (
    ['it', 'this', 'that', 'these', 'those'].includes(t0?.norm ?? '') &&
    (!t1 || !t1.tags.has('Noun') || t1.tags.has('Preposition'))
  )
    return false;
  return (
    !c.tokens.some(t => t.name) &&
    !c.clauses.some(
      d =>
        d.subject.from >= 0 &&
        !d.subject.firstPerson &&
        (isPeople(d.subject.kind) || d.subject.kind === 'indefinite'),
    )
  );
}

/** The names of the sentence's people, as an index for parsing again. */
const namesOf = (s: Sentence): NameIndex =>
  buildNameIndex(s.tokens.filter(t => t.name).map(t => t.text));

/** The sentence restated by the normalisers, or itself when none applies. */
function normalised(s: Sentence, names: NameIndex): Sentence {
  let current = s;
  for (const normalise of NORMALISERS) {
    const edits = normalise(current);
    if (edits.length === 0) continue;
    const next = applyEdits(current, edits);
    if (next === current.text) continue;
    current = parseSentence(next, 0, names);
  }
  return current;
}

/** A plain sentence rewritten as above, when the rewrite reads well. */
function rewritePlain(current: Sentence, names: NameIndex): string | undefined {
  const matches = RULES.flatMap(rule => rule(current));
  const clause = peopleClause(current);
  const found = matches.length > 0 || !clause ? matches : [clause];
  if (found.length === 0) return undefined;
  const candidates = [
    () => rewriteSentence(parseSentence(current.text, 0, names), found),
    () => rewriteActDirect(parseSentence(current.text, 0, names), found),
  ];
  for (const make of candidates) {
    const candidate = make();
    if (candidate && plainEnough(candidate, names)) return candidate;
  }
  return undefined;
}

/**
 * The sentence restated plainly by the normalisers, and rewritten as a
 * plain sentence is; undefined when no normaliser applies.
 */
function rewriteNormalised(s: Sentence): string | undefined {
  const names = namesOf(s);
  const current = normalised(s, names);
  return current === s ? undefined : rewritePlain(current, names);
}

/**
 * The words before a sentence's statement: a label ("Root cause:",
 * "Contributing factor:") or a time of a timeline ("15:40 —", "09:14").
 * Returns the index of the statement's first token, or -1.
 */
function leadEnd(s: Sentence): number {
  const { tokens } = s;
  for (let k = 0; k < Math.min(tokens.length - 3, 6); k++) {
    const t = tokens[k];
    if (t.quoted || t.name || mentionsPeople(s, k) || isVerb(t)) {
      // A label has no verb and names nobody; a time may stand alone.
      if (!(k === 0 && /^\d{1,2}:\d{2}$/.test(t.text))) return -1;
    }
    if (/^\s*:\s+$/.test(t.post)) return k + 1;
    if (/^\d{1,2}:\d{2}$/.test(t.text)) {
      if (k > 0 && !/^\s*[\u2014\u2013-]\s+$/.test(tokens[k - 1].post))
        return -1;
      if (/^\s+([\u2014\u2013-]\s+)?$/.test(t.post)) return k + 1;
    }
    if (!/^\s+$/.test(t.post) && !/^\s*[\u2014\u2013-]\s+$/.test(t.post))
      return -1;
  }
  return -1;
}

/**
 * "Root cause: Kim pushed the key to a public repo", "15:40 — Kim ignores
 * the canary": the statement after the lead is rewritten as a sentence of
 * its own, and the lead stays.
 */
function rewriteAfterLead(s: Sentence): string | undefined {
  const from = leadEnd(s);
  if (from <= 0) return undefined;
  const names = namesOf(s);
  const at = s.tokens[from].start - s.start;
  const lead = s.text.slice(0, at).trimEnd();
  const statement = s.text.slice(at);
  // "whoever wrote it has never …": a person judged, no act to restate.
  if (/^(whoever|whatever|who)\b/i.test(statement)) return undefined;
  const parsed = parseSentence(
    capitalise(statement.replace(/^\s+/, '')),
    0,
    names,
  );
  const plain = normalised(parsed, names);
  const body =
    rewritePlain(plain, names) ??
    (plain === parsed ? undefined : rewritePlain(parsed, names));
  // The act alone as the subject ("Reflecting on … did not happen") reads
  // badly after a lead.
  if (!body || body.includes(ACT_REWRITE_TAILS.omitted)) return undefined;
  // After a colon the statement keeps its case ("Root cause: the key …").
  const lower =
    /:$/.test(lead) &&
    !/^\p{Lu}/u.test(statement) &&
    /^\p{Lu}\p{Ll}/u.test(body);
  return `${lead} ${
    lower ? body.charAt(0).toLowerCase() + body.slice(1) : body
  }`;
}
