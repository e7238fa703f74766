import {
  ATTENTION_STATES,
  BLAME_IDIOMS,
  BLAME_NOUNS,
  JUDGEMENT_TECH_FOLLOWERS,
  JUDGEMENT_WORDS,
  NEGATORS,
  OUTCOME_NOUNS,
  PERSON_POSSESSIVES,
  REPORTING_VERBS,
  ROLE_HEADS,
  SYSTEM_HEADS,
  TEAM_HEADS,
  WORK_PRODUCTS,
  TECHNICAL_FAULT_FOLLOWERS,
} from '../lexicon';
import {
  clauseAt,
  isPeople,
  kindOfHead,
  lemma,
  matchAnyPhrase,
  negatedBefore,
  Sentence,
  subjectAt,
} from '../parse';
import type { Rule, RuleMatch } from './types';

const IDIOMS = BLAME_IDIOMS.map(p => p.split(' '));

/** Nouns of a person's duty ("her job to", "his responsibility to"). */
const DUTY_NOUNS = new Set(['job', 'responsibility', 'duty', 'task', 'role']);

/** First words of idioms that describe an act: only people as subjects blame. */
const ACT_IDIOM_HEADS = new Set([
  'do',
  'refuse',
  'go',
  'cover',
  'keep',
  'just',
  'simply',
  'care',
  'drop',
  'sleep',
  'cut',
  'lose',
  'own',
]);

function technicalTerm(s: Sentence, i: number): boolean {
  const next = s.tokens[i + 1];
  const t = s.tokens[i];
  if (
    t.text.includes('-') ||
    (/^\p{Lu}/u.test(t.text) && i > 0 && !t.tags.has('Adjective'))
  )
    return true;
  // "lazy loading", "lazy parsing": a technique, not a judgement.
  if (
    next &&
    (t.norm === 'lazy' || t.norm === 'lazily') &&
    /ing$/.test(next.norm) &&
    next.norm !== 'handling'
  )
    return true;
  return !!next && JUDGEMENT_TECH_FOLLOWERS.has(next.norm);
}

/** Speakers whose reported words are theirs, not the postmortem's. */
const OUTSIDE_SPEAKERS = new Set([
  'customer',
  'customers',
  'user',
  'users',
  'client',
  'clients',
  'caller',
  'callers',
  'vendor',
  'partner',
  'partners',
  'press',
  'reporter',
  'media',
]);

/** Whether token i stands in what a customer or user said or wrote. */
function reportedByOthers(s: Sentence, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = s.tokens[k];
    if (!REPORTING_VERBS.has(t.norm) && !REPORTING_VERBS.has(t.lemma)) continue;
    const subject = subjectAt(s, k);
    if (subject.to < 0) continue;
    return OUTSIDE_SPEAKERS.has(s.tokens[subject.to].norm);
  }
  return false;
}

/**
 * Whether the judgement word at token i describes software, not people:
 * "careless retries in the SDK", "the retry logic was careless about
 * idempotency". A person's work ("a careless change", "Ada's sloppy
 * edit") and people's subjects stay judged.
 */
function describesSoftware(s: Sentence, i: number): boolean {
  const { tokens } = s;
  const c = clauseAt(s, i);
  // "Ada's edit", "her change", "the decision by the release manager".
  const phraseHasPeople = (from: number, to: number) =>
    tokens
      .slice(Math.max(0, from), to + 1)
      .some(
        (w, k) =>
          w.name ||
          PERSON_POSSESSIVES.has(w.norm) ||
          (w.possessive && isPeople(kindOfHead(w, false))) ||
          (tokens[Math.max(0, from) + k - 2]?.norm === 'by' &&
            (ROLE_HEADS.has(w.norm) || TEAM_HEADS.has(w.norm))) ||
          (tokens[Math.max(0, from) + k - 3]?.norm === 'by' &&
            (ROLE_HEADS.has(w.norm) || TEAM_HEADS.has(w.norm))),
      );
  // Attributive: the next noun names software.
  const next = tokens[i + 1];
  if (
    next &&
    !next.quoted &&
    isSoftware(next.norm) &&
    !phraseHasPeople(c.from, i)
  )
    return true;
  // Predicative: the clause's subject is a known system.
  const subject = subjectAt(s, i);
  // An unknown lower-case noun is software too ("the retry loop"); an
  // unknown capitalised one may name a team ("Billing"); an outcome is no
  // software ("the outage was brought about by their carelessness").
  const head = subject.to >= 0 ? tokens[subject.to] : undefined;
  const lowerCaseHead =
    !!head &&
    head.text === head.text.toLowerCase() &&
    !OUTCOME_NOUNS.has(head.norm) &&
    !phraseHasPeople(i - 1, i - 1);
  return (
    subject.kind === 'system' &&
    (!subject.guessed || lowerCaseHead) &&
    subject.to >= 0 &&
    subject.to < i &&
    !(subject.owner && isPeople(subject.owner)) &&
    (isSoftware(tokens[subject.to].norm) ||
      (!!subject.guessed && lowerCaseHead)) &&
    !phraseHasPeople(subject.from, subject.to)
  );
}

/** A noun of software, not of a person's work ("retries", not "change"). */
function isSoftware(noun: string): boolean {
  const base = lemma(noun, SYSTEM_HEADS);
  return (
    (SYSTEM_HEADS.has(noun) || SYSTEM_HEADS.has(base)) &&
    !WORK_PRODUCTS.has(noun) &&
    !WORK_PRODUCTS.has(base)
  );
}

/**
 * Whether a blame noun at token i puts blame on people: "the blame lies with
 * the platform team", "it was Priya's fault". Not when denied ("not anyone's
 * fault", "no blame"), nor as a technical term ("fault injection", "git
 * blame").
 */
function blameAssigned(s: Sentence, i: number): boolean {
  const { tokens } = s;
  const c = clauseAt(s, i);
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (
    prev?.norm === 'git' ||
    (next && TECHNICAL_FAULT_FOLLOWERS.has(next.norm))
  )
    return false;
  for (let k = c.from; k < c.to; k++) {
    const w = tokens[k];
    if (NEGATORS.has(w.norm) || w.tags.has('Negative')) return false;
    if (w.norm === 'nobody' || w.norm === 'noone') return false;
  }
  for (let k = c.from; k < c.to; k++) {
    if (k === i) continue;
    const kind = kindOfHead(tokens[k], true);
    if (isPeople(kind) && !tokens[k].tags.has('Pronoun')) return true;
    if (tokens[k].name || tokens[k].possessive) {
      if (isPeople(kindOfHead(tokens[k], false))) return true;
    }
  }
  return false;
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
    // Idioms of blame said of a known system ("the autoscaler dropped the
    // ball") or of nobody are not about people.
    const said = subjectAt(s, i);
    const ofSystem =
      (said.kind === 'system' && !said.guessed) ||
      said.kind === 'negative' ||
      // Idioms of acts ("did nothing", "refused to") need people to act.
      (n > 0 &&
        ACT_IDIOM_HEADS.has(
          IDIOMS.find(
            p => p.length === n && matchAnyPhrase(s, i, [p]) === n,
          )?.[0] ?? '',
        ) &&
        !isPeople(said.kind));
    if (n > 0 && !ofSystem) {
      out.push({ rule: 'judgement', from: i, to: i + n - 1 });
      i += n - 1;
      continue;
    }
    // "It was Keiko's job to renew the certificate": a past duty of a
    // person, said after the fact.
    if (
      DUTY_NOUNS.has(t.norm) &&
      tokens[i + 1]?.norm === 'to' &&
      i >= 2 &&
      (tokens[i - 1].possessive ||
        PERSON_POSSESSIVES.has(tokens[i - 1].norm)) &&
      (tokens[i - 1].name ||
        PERSON_POSSESSIVES.has(tokens[i - 1].norm) ||
        isPeople(kindOfHead(tokens[i - 1], false))) &&
      tokens
        .slice(Math.max(0, i - 4), i - 1)
        .some(w => w.norm === 'was' || w.norm === 'were')
    ) {
      out.push({ rule: 'judgement', from: i - 1, to: i + 1 });
      continue;
    }
    if (BLAME_NOUNS.has(t.norm)) {
      if (blameAssigned(s, i)) out.push({ rule: 'judgement', from: i, to: i });
      continue;
    }
    // "was half asleep", "is distracted": a person's state as the cause.
    if (ATTENTION_STATES.has(t.norm) && !JUDGEMENT_WORDS.has(t.norm)) {
      const subject = subjectAt(s, i);
      const c = clauseAt(s, i);
      const copula = s.tokens
        .slice(Math.max(c.from, i - 3), i)
        .some(x => x.lemma === 'be' || x.tags.has('Copula'));
      if (
        copula &&
        isPeople(subject.kind) &&
        !subject.firstPerson &&
        !negatedBefore(s, i, 3)
      )
        out.push({ rule: 'judgement', from: i, to: i });
      continue;
    }
    if (!JUDGEMENT_WORDS.has(t.norm)) continue;
    if (technicalTerm(s, i) || describesSoftware(s, i)) continue;
    // "Nobody was negligent", "not caused by anyone's carelessness".
    if (subjectAt(s, i).kind === 'negative') continue;
    if (
      negatedBefore(s, i, 6) ||
      ['anyone', 'anybody', 'nobody', 'noone'].includes(tokens[i - 1]?.norm)
    )
      continue;
    // "Several customers said the team was incompetent": their words.
    if (reportedByOthers(s, i)) continue;
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
