import {
  BAD_OBJECT_WORDS,
  BLAME_PASSIVE_VERBS,
  CARELESS_ADVERBS,
  CARELESS_PHRASES,
  DEFIANCE_WORDS,
  DESTRUCTIVE_VERBS,
  DILIGENCE_NOUNS,
  DILIGENCE_OBJECTS,
  EXPOSING_VERBS,
  SECRET_WORDS,
  INDEFINITE_PEOPLE,
  NEGATIVE_PEOPLE,
  FAULT_VERBS,
  HUMAN_ONLY_FAULT_VERBS,
  LAPSE_NOUNS,
  OPERATING_VERBS,
  OUTCOME_NOUNS,
  PHRASAL_FAULTS,
  PRODUCTION_WORDS,
  SHIPPING_VERBS,
} from '../lexicon';
import {
  clauseAt,
  isPeople,
  kindOfPhrase,
  lemma,
  lemmaCandidates,
  matchPhrase,
  negatedBefore,
  Sentence,
  Subject,
  subjectAt,
} from '../parse';
import type { Rule, RuleMatch } from './types';

const PASSIVE_AUX = new Set(['was', 'were', 'been', 'is', 'are', 'be', 'got']);

/** Verbs of skipping: a fault only when what is skipped is a step. */
const SKIP_VERBS = new Set(['skip', 'miss']);
/** Nouns of a step of a process ("the canary stage", "the approval step"). */
const STEP_WORDS = new Set([
  'step',
  'steps',
  'stage',
  'stages',
  'check',
  'checks',
  'approval',
  'validation',
  'gate',
  'gates',
  'freeze',
  'regression',
  'bug',
  'error',
  'errors',
  'alert',
  'alerts',
  'signs',
  'sign',
  'deadline',
  'pipeline',
  'rehearsal',
  'spike',
  'anomaly',
  'page',
  'pages',
  'warning',
  'warnings',
]);

const verbIs = (w: string, set: Set<string>) =>
  set.has(w) || set.has(lemma(w, set));

/** The words after token i up to the end of its clause (objects, adverbials). */
function objectWords(s: Sentence, i: number, max = 4) {
  const c = clauseAt(s, i);
  return s.tokens.slice(i + 1, Math.min(c.to, i + 1 + max));
}

function careless(s: Sentence, i: number): boolean {
  const c = clauseAt(s, i);
  const before = s.tokens.slice(Math.max(c.from, i - 2), i);
  if (before.some(t => CARELESS_ADVERBS.has(t.norm))) return true;
  for (let k = i + 1; k < c.to + 2 && k < s.tokens.length; k++) {
    if (CARELESS_ADVERBS.has(s.tokens[k].norm)) return true;
    for (const p of CARELESS_PHRASES) if (matchPhrase(s, k, p)) return true;
  }
  return false;
}

/** A person, role or team, or something a person owns ("Ada's change"). */
const blameable = (subject: Subject) =>
  (isPeople(subject.kind) && !subject.firstPerson) ||
  (subject.owner !== undefined &&
    isPeople(subject.owner) &&
    !subject.firstPerson);

function spanStart(s: Sentence, subject: Subject, i: number): number {
  const c = clauseAt(s, i);
  if (subject.from >= c.from && subject.to < i && i - subject.to <= 3)
    return subject.from;
  return i;
}

/**
 * Faults with a person, role or team as the agent: "Ada broke the build",
 * "the operator typed the wrong command", "Jonas pushed untested code",
 * "Hana's change caused the outage", "caused by Marcus's edit", "It was
 * Priya who …", "Emma was responsible for the outage". Systems as agents
 * ("the patch introduced a regression") are not flagged.
 */
export const faultRule: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const subject = subjectAt(s, i);
    const isVerbToken = t.tags.has('Verb') || t.tags.has('PastTense');
    const prev = tokens[i - 1];
    const passive = !!prev && PASSIVE_AUX.has(prev.norm) && isVerbToken;

    // Possessive lapses: "Ingrid's negligence", "a developer's oversight".
    if (LAPSE_NOUNS.has(t.norm) && prev?.possessive) {
      let from = i - 1;
      while (from > 0 && tokens[from - 1].name) from--;
      const owner = kindOfPhrase(tokens, from, i - 1);
      const ownerKind = owner.owner ?? owner.kind;
      // "not anyone's fault", "nobody's mistake": denied.
      const denied =
        negatedBefore(s, from, 3) ||
        INDEFINITE_PEOPLE.has(prev.norm) ||
        NEGATIVE_PEOPLE.has(prev.norm);
      if (!denied && (isPeople(ownerKind) || prev.name)) {
        out.push({ rule: 'named-person', from, to: i });
      }
      continue;
    }

    // "made a mistake", "made an error".
    if (
      lemmaCandidates(t.norm).includes('make') &&
      !passive &&
      blameable(subject) &&
      // "Trang did not make a mistake": denied.
      !negatedBefore(s, i, 3)
    ) {
      const obj = objectWords(s, i, 3);
      if (obj.some(o => LAPSE_NOUNS.has(o.norm))) {
        out.push({
          rule: 'named-person',
          from: spanStart(s, subject, i),
          to: i,
        });
      }
      continue;
    }

    // Passive with a person as agent: "caused by Marcus's edit", "was botched by the mobile team".
    if (passive && verbIs(t.norm, BLAME_PASSIVE_VERBS)) {
      const c = clauseAt(s, i);
      let k = i + 1;
      while (k < c.to && tokens[k].tags.has('Adverb')) k++;
      if (tokens[k]?.norm === 'through' || tokens[k]?.norm === 'up') k++;
      if (tokens[k]?.norm === 'by') {
        let e = k + 1;
        while (
          e < c.to &&
          !tokens[e].tags.has('Preposition') &&
          !tokens[e].tags.has('Verb')
        )
          e++;
        // "by one of our engineers": the agent is the group after "of".
        let agentFrom = k + 1;
        if (tokens[k + 1]?.norm === 'one' && tokens[k + 2]?.norm === 'of') {
          agentFrom = k + 3;
          e = k + 3;
          while (
            e < c.to &&
            !tokens[e].tags.has('Preposition') &&
            !tokens[e].tags.has('Verb')
          )
            e++;
        }
        if (e > agentFrom) {
          const agent = kindOfPhrase(tokens, agentFrom, e - 1);
          if (blameable(agent)) {
            out.push({ rule: 'named-person', from: i, to: e - 1 });
          }
        }
      }
      continue;
    }
    if (passive) continue;

    // Copulas: "X was responsible for the outage", "the outage is on the mobile team",
    // "the root cause was Olivia running the wrong script".
    if (t.lemma === 'be' || t.tags.has('Copula')) {
      const next = tokens[i + 1];
      if (
        next?.norm === 'responsible' &&
        tokens[i + 2]?.norm === 'for' &&
        blameable(subject)
      ) {
        const obj = objectWords(s, i + 2, 4);
        if (obj.some(o => OUTCOME_NOUNS.has(o.norm))) {
          out.push({
            rule: 'named-person',
            from: spanStart(s, subject, i),
            to: i + 2,
          });
        }
      } else if (
        next?.norm === 'on' &&
        subject.to >= 0 &&
        (OUTCOME_NOUNS.has(tokens[subject.to].norm) || subject.kind === 'thing')
      ) {
        // "the outage is on the mobile team", "this is on Noah".
        const c = clauseAt(s, i);
        let e = i + 2;
        while (e < c.to && !tokens[e].tags.has('Preposition')) e++;
        const agent = kindOfPhrase(tokens, i + 2, Math.max(i + 2, e - 1));
        const named =
          agent.kind === 'person'
            ? tokens.slice(i + 2, e).some(x => x.name)
            : isPeople(agent.kind);
        if (named) out.push({ rule: 'named-person', from: i, to: e - 1 });
      } else if (
        subject.to >= 0 &&
        tokens[subject.to].norm === 'cause' &&
        next
      ) {
        const c = clauseAt(s, i);
        let e = i + 1;
        while (
          e < c.to &&
          !tokens[e].tags.has('Verb') &&
          !tokens[e].tags.has('Preposition')
        )
          e++;
        const agent = kindOfPhrase(tokens, i + 1, Math.max(i + 1, e - 1));
        // "The root cause was not human error but a race": denied.
        const denied = tokens[i + 1].tags.has('Negative');
        if (isPeople(agent.kind) && e > i + 1 && !denied)
          out.push({ rule: 'named-person', from: i + 1, to: e - 1 });
      }
      continue;
    }
    if (!isVerbToken) continue;

    // Phrasal faults: "messed up", "took down".
    let phrasal = false;
    for (const [verb, particle] of PHRASAL_FAULTS) {
      if (t.lemma !== verb && !lemmaCandidates(t.norm).includes(verb)) continue;
      const window = tokens.slice(i + 1, i + 4);
      if (window.some(w => w.norm === particle)) phrasal = true;
    }
    const humanOnly = verbIs(t.norm, HUMAN_ONLY_FAULT_VERBS);
    // "skipped the checklist" blames; "skipped lunch" does not.
    const skipsNothing =
      verbIs(t.norm, SKIP_VERBS) &&
      !objectWords(s, i, 4).some(
        o =>
          DILIGENCE_OBJECTS.has(o.norm) ||
          DILIGENCE_NOUNS.has(o.norm) ||
          STEP_WORDS.has(o.norm),
      );
    const fault = !skipsNothing && (phrasal || verbIs(t.norm, FAULT_VERBS));
    // "did not cause this", "never broke anything": denied, not blamed.
    if ((fault || humanOnly) && negatedBefore(s, i, 3)) continue;
    if (fault || humanOnly) {
      const systemAgent = subject.kind === 'system' && !blameable(subject);
      if (
        blameable(subject) ||
        (humanOnly && !systemAgent && subject.kind !== 'thing')
      ) {
        // "led to", "resulted in" are not in the list; "missed" by a person is.
        out.push({
          rule: 'named-person',
          from: spanStart(s, subject, i),
          to: phrasal ? i + 1 : i,
        });
      }
      continue;
    }
    if (!blameable(subject)) continue;

    // "led to the outage", "resulted in the data loss" with a person's act as subject.
    if (
      (t.lemma === 'lead' && tokens[i + 1]?.norm === 'to') ||
      (t.lemma === 'result' && tokens[i + 1]?.norm === 'in')
    ) {
      const obj = objectWords(s, i + 1, 4);
      if (
        obj.some(o => OUTCOME_NOUNS.has(o.norm)) &&
        subject.owner &&
        isPeople(subject.owner)
      ) {
        out.push({
          rule: 'named-person',
          from: spanStart(s, subject, i),
          to: i + 1,
        });
      }
      continue;
    }
    // "pushed untested code", "introduced a regression".
    if (verbIs(t.norm, SHIPPING_VERBS) && isPeople(subject.kind)) {
      const obj = objectWords(s, i, 4);
      if (
        obj.some(
          o =>
            BAD_OBJECT_WORDS.has(o.norm) ||
            (OUTCOME_NOUNS.has(o.norm) &&
              o.norm !== 'fix' &&
              // "a regression test", "a bug report": a modifier.
              !s.tokens[o.i + 1]?.tags.has('Noun')),
        )
      ) {
        out.push({
          rule: 'named-person',
          from: spanStart(s, subject, i),
          to: i,
        });
        continue;
      }
    }
    // "deleted the production topic", "overwrote the shared secrets file":
    // a destructive act on what is live.
    if (
      verbIs(t.norm, DESTRUCTIVE_VERBS) &&
      isPeople(subject.kind) &&
      !subject.firstPerson &&
      !negatedBefore(s, i, 3) &&
      objectWords(s, i, 5).some(o => PRODUCTION_WORDS.has(o.norm))
    ) {
      out.push({
        rule: 'named-person',
        from: spanStart(s, subject, i),
        to: i,
      });
      continue;
    }
    // "committed the API key to the public repository".
    if (
      verbIs(t.norm, EXPOSING_VERBS) &&
      isPeople(subject.kind) &&
      !negatedBefore(s, i, 3) &&
      objectWords(s, i, 4).some(o => SECRET_WORDS.has(o.norm))
    ) {
      out.push({
        rule: 'named-person',
        from: spanStart(s, subject, i),
        to: i,
      });
      continue;
    }
    // "deployed anyway", "went ahead regardless": acting against a warning.
    if (
      isPeople(subject.kind) &&
      !subject.firstPerson &&
      objectWords(s, i, 6).some(o => DEFIANCE_WORDS.has(o.norm))
    ) {
      out.push({
        rule: 'named-person',
        from: spanStart(s, subject, i),
        to: i,
      });
      continue;
    }
    // "ran the wrong script", "accidentally deleted", "deleted it by mistake".
    if (
      verbIs(t.norm, OPERATING_VERBS) ||
      verbIs(t.norm, SHIPPING_VERBS) ||
      t.tags.has('PastTense')
    ) {
      const obj = objectWords(s, i, 6);
      const wrongObject =
        obj.some(o => BAD_OBJECT_WORDS.has(o.norm)) &&
        verbIs(t.norm, OPERATING_VERBS);
      if (isPeople(subject.kind) && (wrongObject || careless(s, i))) {
        out.push({
          rule: 'named-person',
          from: spanStart(s, subject, i),
          to: i,
        });
      }
    }
  }
  return out;
};
