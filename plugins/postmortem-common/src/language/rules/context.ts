import {
  CREDIT_PHRASES,
  PRAISE_PHRASES,
  PRAISE_SPOILERS,
  SOUR_CUES,
  DENIABLE_BLAME,
  DENIABLE_BLAME_NOUNS,
  DENIAL_PHRASES,
  PERSON_POSSESSIVES,
  PERSON_PRONOUNS,
  SANCTION_PHRASES,
} from '../lexicon';
import { matchIndexed, phrases } from '../match';
import {
  Clause,
  isPeople,
  isVerb,
  kindOfHead,
  kindOfPhrase,
  negatedBefore,
  Sentence,
  SubjectKind,
} from '../parse';
import type { RuleMatch } from './types';

/**
 * Contexts that clear a sentence of blame, applied to every rule's matches
 * by the check: sanctioned acts, nobody cleared by a system cause, a
 * person's own account and the writer's.
 */

const SANCTIONS = phrases(SANCTION_PHRASES);

/** Words that negate a sanction inside its phrase ("after nobody agreed"). */
const NO_WORDS = new Set(['no', 'not', 'nobody', 'never', 'none', 'without']);

/** An act the sentence calls sanctioned: "as planned", "as the runbook allows". */
export function sanctioned(s: Sentence): boolean {
  return s.tokens.some((t, i) => {
    const n = t.quoted ? 0 : matchIndexed(s, i, SANCTIONS);
    return (
      n > 0 &&
      // "did not follow the runbook" is no sanction, nor "failed to" or
      // "instead of" following it: only ", following the procedure".
      !negatedBefore(s, i, 3) &&
      // "once again the ops side signs off …" tells no condition.
      !(
        t.norm === 'once' && /^(again|more)$/.test(s.tokens[i + 1]?.norm ?? '')
      ) &&
      // "after nobody approved it", "which the policy does not allow".
      !s.tokens
        .slice(i, i + n)
        .some(w => w.tags.has('Negative') || NO_WORDS.has(w.norm)) &&
      (t.lemma !== 'follow' ||
        (t.norm === 'following' && (i === 0 || /,/.test(s.tokens[i - 1].post))))
    );
  });
}

/**
 * Whether the sentence clears people: it denies their blame (see
 * {@link blameDenied}), or clears nobody-subjects by a system cause: "Nobody
 * checked their phones because the venue had no signal" is no blame.
 */
export function exculpated(s: Sentence, m: RuleMatch): boolean {
  if (blameDenied(s)) return true;
  const c = s.clauses[s.clauseOf[m.from]];
  if (c?.subject.kind !== 'negative') return false;
  return s.clauses.some(
    d =>
      d !== c &&
      (d.marker === 'because' || d.marker === 'since') &&
      !isPeople(d.subject.kind) &&
      d.subject.kind !== 'none',
  );
}

/** A reason about a system, a document, a process or a tool. */
const systemKind = (k: SubjectKind) => k === 'system' || k === 'thing';

/** Words after "as" that make no reason clause ("as well", "as soon as"). */
const NOT_REASON_AS = new Set(['well', 'soon', 'long', 'much', 'far', 'if']);

/** A reason told as the person saw it ("because the change looked small"). */
const SEEMING_VERBS = new Set(['look', 'seem', 'feel', 'appear', 'sound']);

/** Pronouns and demonstratives that stand for the act's own object. */
const BARE_SUBJECTS = new Set(['it', 'this', 'that', 'these', 'those']);

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/** Words of the writers themselves. */
const FIRST_PERSON_WORDS = new Set(['i', 'we', 'us', 'our', 'my', 'me']);

/**
 * Other people in words `from..to`: "it mattered more to him", "his tests",
 * and with `heads` also names, roles and teams ("after Kwame"), though not
 * as modifiers ("the team channel").
 */
function mentionsPeople(
  s: Sentence,
  from: number,
  to: number,
  heads = false,
): boolean {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (FIRST_PERSON_WORDS.has(t.norm)) continue;
    if (PERSON_PRONOUNS.has(t.norm) || PERSON_POSSESSIVES.has(t.norm))
      return true;
    if (!heads) continue;
    const modifier =
      !t.possessive &&
      !/\S/.test(t.post) &&
      !!s.tokens[k + 1]?.tags.has('Noun');
    if ((t.name || isPeople(kindOfHead(t, true))) && !modifier) return true;
  }
  return false;
}

/**
 * Whether clause `d` gives a reason about a system, a document, a process or
 * a tool ("the severity matrix said P3", "it was posted in the team
 * channel"), not about the person or as the person judged it ("it looked
 * small", "it was embarrassing", "his local tests were slow").
 */
function systemReasonClause(s: Sentence, d: Clause | undefined): boolean {
  if (!d || d.verb < 0 || d.subject.from < 0) return false;
  if (!systemKind(d.subject.kind)) return false;
  const { tokens } = s;
  const head = tokens[d.subject.to];
  if (tokens.slice(d.from, d.to).some(t => t.quoted)) return false;
  // "Billing sat on the incident": an unknown name without a determiner
  // may be a team.
  if (
    d.subject.guessed &&
    !tokens
      .slice(d.subject.from, d.subject.to)
      .some(t => t.tags.has('Determiner') || t.possessive)
  )
    return false;
  if (mentionsPeople(s, d.from, d.to)) return false;
  const verbs = tokens.slice(d.verb, d.to);
  if (verbs.some(t => SEEMING_VERBS.has(t.lemma))) return false;
  // "it was posted in the team channel" clears; "it was right there",
  // "it had been noisy before" judge the act's object.
  if (d.subject.from === d.subject.to && BARE_SUBJECTS.has(head.norm)) {
    // "it needs the signing key holder": a standing condition.
    const v = tokens[d.verb];
    if (
      v.tags.has('PresentTense') &&
      !v.tags.has('Copula') &&
      !BE.has(v.norm) &&
      !v.tags.has('Auxiliary')
    )
      return true;
    let k = d.verb;
    while (
      k < d.to &&
      (tokens[k].tags.has('Auxiliary') ||
        tokens[k].tags.has('Modal') ||
        tokens[k].tags.has('Negative')) &&
      !BE.has(tokens[k].norm)
    )
      k++;
    if (!BE.has(tokens[k]?.norm ?? '')) return false;
    k++;
    while (
      k < d.to &&
      (BE.has(tokens[k].norm) || tokens[k].tags.has('Negative'))
    )
      k++;
    const done = tokens[k];
    // compromise tags some participles as adjectives ("was printed").
    if (
      !done ||
      !(
        done.tags.has('PastTense') ||
        done.tags.has('Participle') ||
        /ed$/.test(done.norm)
      )
    )
      return false;
  }
  return true;
}

/**
 * Whether an omission or fault of a person is cleared by a reason whose
 * subject is a system, a document, a process or a tool: "Kofi didn't
 * escalate because the severity matrix said P3", "Ada hadn't seen the
 * message; notifications for that channel were off by default", "The
 * dashboard was down, so Liam didn't check it". A reason about the person
 * ("because she assumed it was a false positive") clears nothing.
 */
export function systemReason(s: Sentence, m: RuleMatch): boolean {
  const ci = s.clauseOf[m.from];
  const c = s.clauses[ci];
  if (!c || m.rule === 'judgement') return false;
  const { tokens } = s;
  // "… because / since the matrix said P3", anywhere after the act.
  for (let k = ci + 1; k < s.clauses.length; k++) {
    const d = s.clauses[k];
    if (
      (d.marker === 'because' || d.marker === 'since') &&
      systemReasonClause(s, d)
    )
      return true;
  }
  // "Because the page never arrived, …" and "The page never arrived, so …"
  // before the act.
  const prev = s.clauses[ci - 1];
  if (
    prev &&
    (((prev.marker === 'because' || prev.marker === 'since') && !c.marker) ||
      c.marker === 'so') &&
    systemReasonClause(s, prev)
  )
    return true;
  // "… as the pager was muted": "as" is no clause marker of the parse.
  for (let k = m.to + 1; k < c.to - 1; k++) {
    if (tokens[k].norm !== 'as' || tokens[k].quoted) continue;
    if (NOT_REASON_AS.has(tokens[k + 1].norm)) continue;
    if (tokens[k - 1]?.norm === 'such' || tokens[k - 1]?.norm === 'as')
      continue;
    let v = k + 1;
    while (v < c.to && !isVerb(tokens[v])) v++;
    if (v >= c.to || v === k + 1) continue;
    const subject = kindOfPhrase(tokens, k + 1, v - 1);
    const d: Clause = { ...c, from: k + 1, to: c.to, subject, verb: v };
    if (systemReasonClause(s, d)) return true;
  }
  // "…; it was posted in the team channel": the clause after ";" or ":"
  // clears an omission, or a hindsight passive with no person as agent
  // ("The call should have been escalated; our rules did not cover it").
  // A fault stays: "…; the disk filled on Saturday" tells its outcome.
  // A person's act negated ("Ada never saw the warning", "did not make a
  // mistake") is an omission too.
  const negatedAct =
    m.rule === 'named-person' &&
    c.verb >= 0 &&
    tokens
      .slice(c.subject.to + 1, Math.min(c.to, c.verb + 3))
      .some(t => t.tags.has('Negative'));
  const omission =
    m.rule === 'failed-to' ||
    m.rule === 'forgot' ||
    negatedAct ||
    (m.rule === 'counterfactual' &&
      c.subject.from >= 0 &&
      !isPeople(c.subject.kind) &&
      c.subject.kind !== 'negative' &&
      !tokens.slice(m.to + 1, c.to).some(t => t.norm === 'by'));
  if (!omission && m.rule !== 'counterfactual') return false;
  for (let k = ci + 1; k < s.clauses.length; k++) {
    const d = s.clauses[k];
    // "should have renewed the cert, but its cron had been removed": what
    // was expected, and the system that kept it from happening.
    if (m.rule === 'counterfactual' && d.marker === 'but')
      return systemReasonClause(s, d);
    if (!omission) continue;
    // "…; it was posted in the team channel", "…, it needs the key holder".
    const separator = tokens[d.from - 1]?.post ?? '';
    const spliced =
      /,/.test(separator) &&
      k === ci + 1 &&
      !c.marker &&
      (m.rule === 'failed-to' || m.rule === 'forgot');
    if (/[;:]/.test(separator) || spliced)
      return !d.marker && systemReasonClause(s, d);
  }
  return false;
}

/** Verbs of an inquiry that the writers disclaim ("we are not asking who …"). */
const INQUIRY_WORDS = new Set([
  'ask',
  'look',
  'seek',
  'hunt',
  'interested',
  'about',
  'question',
  'try',
]);

/** Documents that speak for the writers ("this review is not about who …"). */
const REVIEW_HEADS = new Set([
  'review',
  'postmortem',
  'retro',
  'retrospective',
  'document',
  'report',
]);

/**
 * Blame the writers disclaim as their question: "We are not asking
 * whether Ada should have done something differently", "This review is
 * not about who should have known".
 */
export function disclaimed(s: Sentence, m: RuleMatch): boolean {
  const { tokens } = s;
  for (let k = 1; k <= m.to; k++) {
    if (!INQUIRY_WORDS.has(tokens[k].lemma) || !negatedBefore(s, k, 3))
      continue;
    const { subject } = s.clauses[s.clauseOf[k]];
    const head = subject.to >= 0 ? tokens[subject.to].norm : '';
    if (!subject.firstPerson && !REVIEW_HEADS.has(head)) continue;
    if (
      tokens
        .slice(k + 1, Math.max(m.from, k + 5))
        .some(t => ['who', 'whether', 'if', 'whose', 'what'].includes(t.norm))
    )
      return true;
  }
  return false;
}

/** Verbs by which people give their own account ("Lukas admitted he …"). */
const ACCOUNT_VERBS = new Set([
  'admit',
  'say',
  'explain',
  'mention',
  'recall',
  'note',
  'tell',
  'write',
  'report',
  'describe',
  'acknowledge',
  'confirm',
]);

/**
 * The writer's own account, in the first person singular: "I misread the
 * trace", "I should have asked for help sooner", "ich habe den falschen
 * Kontext gewählt" reflect on oneself and blame nobody else.
 */
export function writersOwn(s: Sentence, m: RuleMatch): boolean {
  const c = s.clauses[s.clauseOf[m.from]];
  if (!c) return false;
  const head = soleSubjectWord(s, m);
  if (head === 'i' || head === 'ich') return true;
  // "we never tested its failure mode", "what any of us would have done";
  // not "we spent the morning cleaning up after Kwame".
  return (
    (head === 'we' ||
      // "no linter we run would have flagged it": what the writers run.
      (c.subject.firstPerson &&
        c.subject.to > c.subject.from &&
        s.tokens[c.subject.to].norm === 'we') ||
      writersGroupBefore(s, m.from)) &&
    !mentionsPeople(
      s,
      Math.max(c.subject.to + 1, c.from),
      Math.max(c.to, m.to + 1),
      true,
    )
  );
}

/**
 * The subject of the match's clause when it is one word ("i", "wir"), or ''.
 */
export function soleSubjectWord(s: Sentence, m: RuleMatch): string {
  const c = s.clauses[s.clauseOf[m.from]];
  return c && c.subject.from >= 0 && c.subject.from === c.subject.to
    ? s.tokens[c.subject.from].norm
    : '';
}

/**
 * "what any of us would have done", "none of us would have …": the
 * writers' own group right before the flagged words.
 */
function writersGroupBefore(s: Sentence, i: number): boolean {
  let k = i - 1;
  while (
    k >= 0 &&
    (s.tokens[k].tags.has('Adverb') ||
      s.tokens[k].tags.has('Negative') ||
      s.tokens[k].tags.has('Modal'))
  )
    k--;
  const t = s.tokens[k];
  if (!t) return false;
  if (t.norm === 'we') return true;
  return t.norm === 'us' && s.tokens[k - 1]?.norm === 'of';
}

/**
 * Whether the match stands in a person's own account of what they did:
 * "Lukas admitted he had misread the graph", "Zara said she restarted the
 * wrong pod". What someone says of another person stays blame.
 */
export function ownAccount(s: Sentence, m: RuleMatch): boolean {
  const { tokens } = s;
  const c = s.clauses[s.clauseOf[m.from]];
  const from = Math.min(c?.from ?? 0, m.from);
  // "<speaker> admitted (that) he …" before the flagged words.
  for (let k = m.from; k > from; k--) {
    if (!['he', 'she', 'they', 'i'].includes(tokens[k].norm)) continue;
    let v = k - 1;
    if (tokens[v]?.norm === 'that') v--;
    const verb = tokens[v];
    if (!verb || !ACCOUNT_VERBS.has(verb.lemma)) continue;
    const speaker = s.clauses[s.clauseOf[v]].subject;
    return isPeople(speaker.kind) && speaker.kind !== 'indefinite';
  }
  // "… , he said" after them.
  return false;
}

const DENIALS = phrases(DENIAL_PHRASES);

/** Words that negate the blame word after them ("not", "nobody", "none"). */
const DENIERS = new Set(['not', 'no', 'nobody', 'none', 'never', 'neither']);

/** What makes a noun of blame personal ("not human error", "no individual error"). */
const PERSONAL = new Set(['human', 'individual', 'personal', 'operator']);

/** Verbs that doubt a denial they report ("pretending nobody was at fault"). */
const DOUBTED = new Set(['pretend', 'claim', 'insist']);

/** Markers of a clause that takes the denial back ("…, but Ada …"). */
const CONTRAST = new Set(['but', 'though', 'although', 'however', 'yet']);

/**
 * Whether the sentence denies that people are to blame: "Nobody was
 * negligent; the interface …", "The Billing team was not negligent", "No
 * one is at fault", "The outage was nobody's mistake", "It would be wrong
 * to read this as Eero's failure", "the on-call, who did everything
 * right". Not when a contrast blames people after all ("No one was
 * careless, but Ada …"), nor of a person's manner ("asked, not
 * unreasonably, how many more …").
 */
export function blameDenied(s: Sentence): boolean {
  const { tokens } = s;
  // "why are we pretending this wasn't Ada's fault?" asks it back.
  if (s.question) return false;
  let at = -1;
  for (let k = 0; k < tokens.length && at < 0; k++) {
    const t = tokens[k];
    if (t.quoted) continue;
    const n = matchIndexed(s, k, DENIALS);
    if (n > 0 && (t.norm === 'no' || !negatedBefore(s, k, 3))) {
      at = k;
      break;
    }
    const noun = DENIABLE_BLAME_NOUNS.has(t.norm);
    if (!DENIABLE_BLAME.has(t.norm) && !noun) continue;
    // "not my fault, the SP team …" shifts blame rather than denying it.
    if (tokens[k - 1]?.norm === 'my' || tokens[k - 1]?.norm === 'our') continue;
    // "None of the responders acted unreasonably".
    const c = s.clauses[s.clauseOf[k]];
    if (!noun && c?.subject.kind === 'negative' && c.verb >= 0 && c.verb < k) {
      at = k;
      break;
    }
    // The denier within three words before, in the same stretch of text.
    for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
      const w = tokens[j];
      if (/[,;:.!?]/.test(w.post)) break;
      const denier =
        DENIERS.has(w.norm) ||
        w.tags.has('Negative') ||
        (w.possessive && ['nobody', 'anyone', 'no-one'].includes(w.norm)) ||
        (w.norm === 'one' && tokens[j - 1]?.norm === 'no');
      if (!denier) continue;
      // "not anyone's fault", "nobody's mistake", "no individual error":
      // nouns of blame only through people; "no errors in the log" is none.
      if (
        noun &&
        !tokens[k - 1]?.possessive &&
        !PERSONAL.has(tokens[k - 1]?.norm ?? '') &&
        t.norm !== 'fault'
      )
        break;
      // "asked, not unreasonably": a manner, unless nobody is the subject.
      if (/ly$/.test(t.norm) && j === k - 1) break;
      at = k;
      break;
    }
  }
  if (at < 0) return false;
  // "why are we pretending this wasn't Ada's fault" doubts the denial.
  if (tokens.slice(0, at).some(t => DOUBTED.has(t.lemma))) return false;
  return !s.clauses.some(
    c =>
      c.from > at &&
      ((c.marker && CONTRAST.has(c.marker)) ||
        CONTRAST.has(tokens[c.from]?.norm ?? '')) &&
      isPeople(c.subject.kind),
  );
}

const PRAISE = phrases(PRAISE_PHRASES);
const CREDIT = phrases(CREDIT_PHRASES);

/**
 * Whether the sentence praises or thanks people: "Good call by Liam to
 * resize the pool", "Thanks, Ada, for staying on the bridge", "Ada
 * deserves credit for rolling back early". Not when a spoiler sours it
 * ("Hats off to whoever …", "Thanks, Ada, for the outage") or a word of
 * it is quoted (scare quotes).
 */
export function praised(s: Sentence): boolean {
  const { tokens } = s;
  if (
    tokens.some(
      t => t.quoted || PRAISE_SPOILERS.has(t.norm) || SOUR_CUES.has(t.norm),
    )
  )
    return false;
  const first = tokens[0]?.norm === '-' ? 1 : 0;
  if (matchIndexed(s, first, PRAISE) > 0) return true;
  return tokens.some(
    (_, i) => matchIndexed(s, i, CREDIT) > 0 && !negatedBefore(s, i, 3),
  );
}
