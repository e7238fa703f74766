import {
  ABANDON_PHRASES,
  FRUSTRATION_WORDS,
  BLAME_TOWARD_PHRASES,
  CAUSE_NOUNS,
  NEGATED_DUTY_PHRASES,
  DILIGENCE_QUALITIES,
  RHETORICAL_PHRASES,
  BAD_OBJECT_WORDS,
  INDEFINITE_PEOPLE,
  CONDUCT_NOUNS,
  INSTRUCTED_VERBS,
  LAPSE_NOUNS,
  PRAISE_ADJECTIVES,
  PRAISE_NOUNS,
  UNAVAILABLE_STATES,
  CARELESS_ACT_PHRASES,
  COPYING_VERBS,
  DILIGENCE_ADJECTIVES,
  DISTRACTED_GERUNDS,
  INDIFFERENCE_NOUNS,
  PERSONAL_PLACES,
  PERSON_QUALITIES,
  AWAY_PHRASES,
  CONVENIENCE_VERBS,
  DEFIANCE_MARKERS,
  PRESSING_ON_PHRASES,
  DELAY_PHRASES,
  DESTRUCTIVE_VERBS,
  FAULT_VERBS,
  ONGOING_MARKERS,
  SANCTION_PHRASES,
  DILIGENCE_NOUNS,
  DILIGENCE_VERBS,
  DELAY_VERBS,
  HARM_VERBS,
  IRONY_PHRASES,
  LONG_DURATIONS,
  MOTIVE_PHRASES,
  OUTCOME_NOUNS,
  PERSON_EVALUATIONS,
  PERSON_PRONOUNS,
  PERSON_TRAITS,
  PRAISE_OPENERS,
  REPROACH_PHRASES,
  RHETORICAL_WORDS,
  ROLE_HEADS,
  SIGNAL_OBJECTS,
  SILENCING_VERBS,
  TEAM_HEADS,
  JUDGEMENT_TECH_FOLLOWERS,
} from '../lexicon';
import {
  Clause,
  isPeople,
  isVerb,
  kindOfHead,
  kindOfPhrase,
  lemma,
  lemmaCandidates,
  negatedBefore,
  Sentence,
  Token,
} from '../parse';
import type { BlamelessRule, Rule, RuleMatch } from './types';

/**
 * Phrases indexed by their first word, so that each token is compared only
 * with the phrases that can start at it.
 */
type PhraseIndex = Map<string, string[][]>;

const phrases = (list: ReadonlyArray<string>): PhraseIndex => {
  const index: PhraseIndex = new Map();
  for (const p of list) {
    const words = p.split(' ');
    const bucket = index.get(words[0]) ?? [];
    bucket.push(words);
    index.set(words[0], bucket);
  }
  return index;
};

/** The forms of a token a phrase may name: as written, lemma, base forms. */
const formsCache = new WeakMap<Token, string[]>();
function formsOf(t: Token): string[] {
  let forms = formsCache.get(t);
  if (!forms) {
    forms = [...new Set([t.norm, t.lemma, ...lemmaCandidates(t.norm)])];
    formsCache.set(t, forms);
  }
  return forms;
}

/** Length of the longest phrase of `index` that matches at token i, or 0. */
function matchIndexed(s: Sentence, i: number, index: PhraseIndex): number {
  const t = s.tokens[i];
  if (!t || t.quoted) return 0;
  let best = 0;
  for (const form of formsOf(t)) {
    const bucket = index.get(form);
    if (!bucket) continue;
    for (const phrase of bucket) {
      if (phrase.length <= best) continue;
      let ok = true;
      for (let k = 1; k < phrase.length && ok; k++) {
        const w = s.tokens[i + k];
        ok =
          !!w &&
          !w.quoted &&
          (phrase[k] === '*' || formsOf(w).includes(phrase[k]));
      }
      if (ok) best = phrase.length;
    }
  }
  return best;
}
const ABANDON = phrases(ABANDON_PHRASES);
const CARELESS_ACTS = phrases(CARELESS_ACT_PHRASES);
const RHETORICAL = phrases(RHETORICAL_PHRASES);
const NEGATED_DUTIES = phrases(NEGATED_DUTY_PHRASES);
const BLAME_TOWARD = phrases(BLAME_TOWARD_PHRASES);
/** Verbs of how one regards a rule ("treated it as a suggestion", "thought rules were optional"). */
const REGARD_VERBS = new Set([
  'treat',
  'think',
  'consider',
  'regard',
  'believe',
  'see',
  'view',
  'decide',
]);
const AWAY = phrases(AWAY_PHRASES);
const DELAYS = phrases(DELAY_PHRASES);
const DEFIANCE = phrases(DEFIANCE_MARKERS);
const PRESSING_ON = phrases(PRESSING_ON_PHRASES);
const SANCTIONS = phrases(SANCTION_PHRASES);
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
const MOTIVES = phrases(MOTIVE_PHRASES);
const REPROACHES = phrases(REPROACH_PHRASES);
const PRAISE = phrases(PRAISE_OPENERS);
const IRONY = phrases(IRONY_PHRASES);

/** Verbs that link a subject to a judgement of it ("is hopeless", "seemed careless"). */
const LINKING_VERBS = new Set([
  'be',
  'seem',
  'look',
  'act',
  'become',
  'prove',
  'appear',
  'behave',
]);
/** Verbs of answering a call: doing it late is a lapse of the responder. */
const RESPONSE_VERBS = new Set([
  'answer',
  'respond',
  'acknowledge',
  'ack',
  'react',
  'reply',
  'join',
  'escalate',
  'show',
  'arrive',
  'page',
  'call',
]);

/** What a rule is treated as when it is disregarded. */
const DISREGARDED = new Set([
  'minor',
  'trivial',
  'inconvenience',
  'nuisance',
  'joke',
  'non-event',
  'suggestion',
  'suggestions',
  'optional',
  'guideline',
  'guidelines',
  'nice-to-have',
  'formality',
  'afterthought',
]);

/** What a person acts against ("despite the warnings"). */
const WARNINGS = new Set([
  'warning',
  'warnings',
  'objection',
  'objections',
  'advice',
  'alert',
  'alerts',
  'concerns',
  'no',
]);

/** Words of a bad state after "the reason" ("we were down"). */
const BAD_STATES = new Set([
  'down',
  'offline',
  'unavailable',
  'lost',
  'broke',
  'broken',
  'failed',
  'late',
  'delayed',
]);

/** One observed feature of a clause, with its weight and span. */
interface Feature {
  weight: number;
  answerable?: boolean;
  /** A motive, which blames even said of nobody ("nobody owned up"). */
  motive?: boolean;
  rule: BlamelessRule;
  from: number;
  to: number;
}

/** Weight at which a clause with people as its subject is flagged. */
const THRESHOLD = 2;

/** Any inflection of a word of `set`; chat's "yolo'd" is "yolo". */
const isForm = (t: Token, set: Set<string>) =>
  formsOf(t).some(f => set.has(f)) ||
  (/'d$/.test(t.norm) && set.has(t.norm.slice(0, -2)));

const PASSIVE_AUX = new Set([
  'was',
  'were',
  'been',
  'is',
  'are',
  'be',
  'got',
  'get',
]);

const isVerbToken = (t: Token) =>
  t.tags.has('Verb') || t.tags.has('PastTense') || t.tags.has('Gerund');

/** A word that stands for a person, a role or a team (not "we"). */
function mentionsPeople(s: Sentence, i: number): boolean {
  const t = s.tokens[i];
  if (t.quoted) return false;
  if (t.name) return true;
  if (PERSON_PRONOUNS.has(t.norm)) return !['we', 'i', 'us'].includes(t.norm);
  if (INDEFINITE_PEOPLE.has(t.norm)) return true;
  const next = s.tokens[i + 1];
  const modifier =
    !!next &&
    next.tags.has('Noun') &&
    !next.tags.has('Pronoun') &&
    !/[,;:.!?]/.test(t.post);
  if (
    (TEAM_HEADS.has(t.norm) ||
      ROLE_HEADS.has(t.norm) ||
      ROLE_HEADS.has(lemma(t.norm))) &&
    !modifier
  )
    return true;
  if (t.possessive && isPeople(kindOfHead(t, false)) && i > 0) return true;
  // A capitalised unknown word inside the sentence: a first name.
  return (
    i > 0 &&
    /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
    kindOfHead(t, false) === 'person'
  );
}

/** Whether a linking verb ("is", "seems") stands in clause `c` before token i. */
function linked(s: Sentence, c: Clause, i: number): boolean {
  return s.tokens
    .slice(c.from, i)
    .some(w => isVerb(w) && LINKING_VERBS.has(w.lemma));
}

/** Features of the predicate of clause `c`, whose subject stands for people. */
function clauseFeatures(s: Sentence, c: Clause): Feature[] {
  const { tokens } = s;
  const out: Feature[] = [];
  // The predicate, with the adverbs before its verb ("only cared about").
  let from = c.verb >= 0 ? c.verb : c.from;
  while (from - 1 > c.from && tokens[from - 1].tags.has('Adverb')) from--;
  let silencing = -1;
  let delay = -1;
  let support = 0;
  let defiant = false;
  let awayAt = -1;
  let unavailable = -1;
  let pressed = false;
  const ongoing = tokens.some(
    t => !t.quoted && (ONGOING_MARKERS.has(t.norm) || /^mid-/.test(t.norm)),
  );
  // A clause opened by "so" is read from its marker.
  if (tokens[c.from]?.norm === 'so') from = c.from;
  for (let i = from; i < c.to; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const verb = isVerbToken(t);
    // Harm: "trashed the CDN config", "rage-restarted everything".
    if (
      ((verb && isForm(t, HARM_VERBS)) || /^rage-/.test(t.norm)) &&
      !negatedBefore(s, i, 3)
    )
      out.push({ weight: 2, rule: 'named-person', from: i, to: i });
    // Abandoning one's duty: "walked away from the console", "ghosted the
    // channel". Being away blames only while work was going on.
    const abandon = matchIndexed(s, i, ABANDON);
    const away = abandon ? 0 : matchIndexed(s, i, AWAY);
    if ((abandon || away) && !negatedBefore(s, i, 3))
      out.push({
        weight: abandon || ongoing ? 2 : 1,
        rule: 'named-person',
        from: i,
        to: i + (abandon || away) - 1,
      });
    if (away && !abandon) awayAt = i;
    // Careless acts said as phrases: "fat fingered the count".
    const carelessAct = matchIndexed(s, i, CARELESS_ACTS);
    if (carelessAct)
      out.push({
        weight: 2,
        rule: 'named-person',
        from: i,
        to: i + carelessAct - 1,
      });
    // Turning something into an outage: "turned a five-minute fix into a
    // three-hour outage".
    if (verb && t.lemma === 'turn') {
      const into = tokens
        .slice(i + 1, Math.min(c.to, i + 7))
        .find(w => w.norm === 'into');
      if (
        into &&
        tokens
          .slice(into.i + 1, Math.min(c.to, into.i + 5))
          .some(w => OUTCOME_NOUNS.has(w.norm))
      )
        out.push({ weight: 2, rule: 'named-person', from: i, to: into.i });
    }
    // Spending the incident on something else: "spent twenty minutes
    // arguing", "spent the outage on a coffee break".
    if (verb && t.lemma === 'spend') {
      const rest = tokens.slice(i + 1, Math.min(c.to, i + 6));
      if (rest.some(w => OUTCOME_NOUNS.has(w.norm) || w.norm === 'incident'))
        out.push({ weight: 1, rule: 'named-person', from: i, to: i });
      if (rest.some(w => DISTRACTED_GERUNDS.has(w.norm)))
        out.push({ weight: 1, rule: 'named-person', from: i, to: i });
    }
    if (DISTRACTED_GERUNDS.has(t.norm) && ongoing && t.tags.has('Gerund'))
      out.push({ weight: 1, rule: 'named-person', from: i, to: i });
    // Everything at once: "ran the script against every region at once".
    if (
      (t.norm === 'once' && tokens[i - 1]?.norm === 'at') ||
      t.norm === 'simultaneously'
    ) {
      const scope = tokens
        .slice(from, i)
        .some(w =>
          ['every', 'all', 'each', 'entire', 'whole'].includes(w.norm),
        );
      if (scope)
        out.push({ weight: 2, rule: 'named-person', from: i - 1, to: i });
    }
    // Data taken for oneself: "copied the prod database to his laptop".
    if (verb && isForm(t, COPYING_VERBS)) {
      const rest = tokens.slice(i + 1, Math.min(c.to, i + 8));
      const to = rest.findIndex(
        w => w.norm === 'to' || w.norm === 'onto' || w.norm === 'into',
      );
      if (
        to >= 0 &&
        ['his', 'her', 'their'].includes(rest[to + 1]?.norm ?? '') &&
        rest.slice(to + 2, to + 4).some(w => PERSONAL_PLACES.has(w.norm))
      )
        out.push({
          weight: 2,
          rule: 'named-person',
          from: i,
          to: rest[to + 1].i,
        });
    }
    // Indifference: "shows no interest in fixing their alerts".
    if (
      (t.norm === 'no' || t.norm === 'little') &&
      INDIFFERENCE_NOUNS.has(tokens[i + 1]?.norm ?? '') &&
      ['in', 'to', 'of'].includes(tokens[i + 2]?.norm ?? '')
    )
      out.push({
        weight: 2,
        rule: 'judgement',
        from: i,
        to: i + 1,
        motive: true,
      });
    // Lacking a quality: "is simply not good enough for on-call".
    if (
      t.norm === 'not' &&
      PERSON_QUALITIES.has(tokens[i + 1]?.norm ?? '') &&
      tokens[i + 2]?.norm === 'enough' &&
      linked(s, c, i)
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + 2 });
    // Hindsight about care: "should have been more careful".
    if (
      ['should', 'could', 'ought', 'must'].includes(t.norm) &&
      tokens.slice(i + 1, i + 4).some(w => w.norm === 'been')
    ) {
      const been = tokens.slice(i + 1, i + 4).find(w => w.norm === 'been')!;
      let a = been.i + 1;
      if (['more', 'less', 'as', 'a', 'bit'].includes(tokens[a]?.norm ?? ''))
        a++;
      if (['bit', 'little', 'more'].includes(tokens[a]?.norm ?? '')) a++;
      if (DILIGENCE_ADJECTIVES.has(tokens[a]?.norm ?? ''))
        out.push({ weight: 2, rule: 'counterfactual', from: i, to: a });
    }
    // A call not taken: "did not pick up the phone".
    if (
      verb &&
      (isForm(t, RESPONSE_VERBS) ||
        (t.lemma === 'pick' && tokens[i + 1]?.norm === 'up')) &&
      negatedBefore(s, i, 2) &&
      tokens
        .slice(i + 1, Math.min(c.to, i + 5))
        .some(w => SIGNAL_OBJECTS.has(w.norm) || w.norm === 'call')
    )
      out.push({ weight: 2, rule: 'failed-to', from: i, to: i });
    // Out of reach: "was unavailable for most of the night".
    if (
      UNAVAILABLE_STATES.has(t.norm) &&
      linked(s, c, i) &&
      !negatedBefore(s, i, 2)
    ) {
      unavailable = i;
      out.push({ weight: 1, rule: 'named-person', from: i, to: i });
    }
    // Told and did not: "was told to wait for approval and did not".
    if (
      verb &&
      isForm(t, INSTRUCTED_VERBS) &&
      PASSIVE_AUX.has(tokens[i - 1]?.norm ?? '') &&
      tokens[i + 1]?.norm === 'to'
    ) {
      const defied = tokens
        .slice(i + 2)
        .some(
          (w, k) =>
            (w.tags.has('Negative') ||
              ['anyway', 'ignore', 'ignored'].includes(w.norm)) &&
            k > 0,
        );
      if (defied)
        out.push({ weight: 2, rule: 'named-person', from: i, to: i + 1 });
    }
    // Putting off work: "sat on the report", "pushed back the rotation".
    const delayed = matchIndexed(s, i, DELAYS);
    if (delayed && !negatedBefore(s, i, 3)) {
      delay = i;
      if (tokens[i - 1] && lemma(tokens[i - 1].norm) === 'keep') support++;
      out.push({
        weight: 1,
        rule: 'named-person',
        from: i,
        to: i + delayed - 1,
      });
    }
    // Acting against advice: "went ahead even though QA said no".
    const defiance = defiant ? 0 : matchIndexed(s, i, DEFIANCE);
    if (defiance) {
      defiant = true;
      // "despite the failing tests", "against the warnings": a known warning.
      const warned = tokens
        .slice(i + defiance, Math.min(c.to, i + defiance + 4))
        .some(w => BAD_OBJECT_WORDS.has(w.norm) || WARNINGS.has(w.norm));
      out.push({
        weight: warned ? 2 : 1,
        rule: 'named-person',
        from: i,
        to: i,
      });
    }
    if (!pressed && matchIndexed(s, i, PRESSING_ON)) {
      pressed = true;
      out.push({ weight: 1, rule: 'named-person', from: i, to: i + 1 });
    }
    // A purpose of one's own: "so that he could catch his train".
    if (t.norm === 'so' && i === from) {
      let k = i + 1;
      if (tokens[k]?.norm === 'that') k++;
      if (
        ['he', 'she', 'they'].includes(tokens[k]?.norm ?? '') &&
        ['could', 'can', 'would', 'might'].includes(
          tokens[k + 1]?.norm ?? '',
        ) &&
        tokens[k + 2] &&
        isForm(tokens[k + 2], CONVENIENCE_VERBS)
      )
        out.push({
          weight: 2,
          rule: 'judgement',
          from: i,
          to: k + 2,
          motive: true,
        });
    }
    // Repeated: "snoozed the alert four times".
    if (t.norm === 'times' && tokens[i - 1]?.tags.has('Value')) support++;
    // Intensified need: "really needed to look closer" is hindsight.
    if (
      ['really', 'simply', 'just', 'only'].includes(t.norm) &&
      ['need', 'have'].includes(tokens[i + 1]?.lemma ?? '') &&
      tokens[i + 1]?.tags.has('PastTense') &&
      tokens[i + 2]?.norm === 'to'
    )
      out.push({ weight: 2, rule: 'counterfactual', from: i, to: i + 2 });
    // An act on the wrong object: "turned off the wrong power circuit",
    // "typed the command into the wrong terminal" (not "what went wrong").
    if (
      (t.norm === 'wrong' || t.norm === 'incorrect') &&
      tokens[i - 1]?.norm === 'the' &&
      c.verb >= 0 &&
      c.verb < i &&
      !PASSIVE_AUX.has(tokens[c.verb - 1]?.norm ?? '') &&
      !PASSIVE_AUX.has(tokens[c.verb]?.norm ?? '')
    )
      out.push({ weight: 2, rule: 'named-person', from: c.verb, to: i });
    // Motive: "only cared about the deadline", "did whatever he wanted".
    const motive = matchIndexed(s, i, MOTIVES);
    if (motive)
      out.push({
        weight: 2,
        rule: 'judgement',
        from: i,
        to: i + motive - 1,
        motive: true,
      });
    // Rules treated as optional: "treated the error budget as a suggestion".
    if (verb && REGARD_VERBS.has(t.lemma)) {
      const rest = tokens.slice(i + 1, Math.min(tokens.length, i + 8));
      const what = rest.find(w => DISREGARDED.has(w.norm) && !w.quoted);
      if (what) out.push({ weight: 2, rule: 'judgement', from: i, to: what.i });
    }
    // Duties not taken up: "nobody took the alert seriously".
    const duty = matchIndexed(s, i, NEGATED_DUTIES);
    if (duty && (c.subject.kind === 'negative' || negatedBefore(s, i, 3)))
      out.push({
        weight: 2,
        rule: 'judgement',
        from: i,
        to: i + duty - 1,
        motive: true,
      });
    // Telling nobody: "reverted the fix and told no one".
    if (
      verb &&
      ['tell', 'inform', 'notify', 'warn', 'consult', 'ask', 'alert'].includes(
        t.lemma,
      ) &&
      (['nobody', 'noone'].includes(tokens[i + 1]?.norm ?? '') ||
        (tokens[i + 1]?.norm === 'no' && tokens[i + 2]?.norm === 'one'))
    )
      out.push({ weight: 2, rule: 'failed-to', from: i, to: i + 1 });
    // Admonished: "should stop deploying on Friday evenings".
    if (
      ['should', 'must', 'need', 'needs', 'ought'].includes(t.norm) &&
      tokens.slice(i + 1, i + 3).some(w => w.lemma === 'stop') &&
      tokens
        .slice(i + 2, i + 4)
        .some(w => w.tags.has('Gerund') || /ing$/.test(w.norm))
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + 2 });
    // Freezing up: "the incident commander froze and did not decide".
    if (
      verb &&
      t.lemma === 'freeze' &&
      !tokens[i + 1]?.tags.has('Determiner') &&
      !tokens[i + 1]?.tags.has('Noun')
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i });
    // Their own lapses: "take ownership of their mistakes".
    if (
      LAPSE_NOUNS.has(t.norm) &&
      ['his', 'her', 'their'].includes(tokens[i - 1]?.norm ?? '')
    )
      out.push({ weight: 2, rule: 'named-person', from: i - 1, to: i });
    // A person as the cause: "Ines is the reason we were down".
    if (
      isVerb(t) &&
      t.lemma === 'be' &&
      c.verb === i &&
      ['the', 'a', 'our'].includes(tokens[i + 1]?.norm ?? '') &&
      tokens
        .slice(i + 2, i + 4)
        .some(w => CAUSE_NOUNS.has(w.norm) && !w.quoted) &&
      // Of a bad outcome: "the reason we were down", not "the reason we
      // found the cause so quickly".
      tokens
        .slice(i + 3)
        .some(w => OUTCOME_NOUNS.has(w.norm) || BAD_STATES.has(w.norm))
    )
      out.push({ weight: 2, rule: 'named-person', from: i, to: i + 2 });
    // Sanctions to come: "will be taken off the rotation".
    if (
      verb &&
      t.lemma === 'take' &&
      PASSIVE_AUX.has(tokens[i - 1]?.norm ?? '') &&
      tokens[i + 1]?.norm === 'off'
    )
      out.push({ weight: 2, rule: 'named-person', from: i, to: i + 1 });

    // A judgement of the person after a linking verb: "is hopeless", "are amateurs".
    if (isVerb(t) && LINKING_VERBS.has(t.lemma)) {
      for (let k = i + 1; k < Math.min(c.to, i + 5); k++) {
        const w = tokens[k];
        if (w.quoted || isVerbToken(w)) break;
        const next = tokens[k + 1];
        if (
          PERSON_EVALUATIONS.has(w.norm) &&
          !(next && JUDGEMENT_TECH_FOLLOWERS.has(next.norm)) &&
          !negatedBefore(s, k, 3)
        ) {
          out.push({ weight: 2, rule: 'judgement', from: i, to: k });
          break;
        }
      }
    }
    // "too impatient to wait": a trait that kept the person from the act.
    if (
      t.norm === 'too' &&
      PERSON_TRAITS.has(tokens[i + 1]?.norm ?? '') &&
      (tokens[i + 2]?.norm === 'to' || tokens[i + 3]?.norm === 'to')
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + 1 });
    // "with no rollback plan": an act done without a step of diligence.
    if (
      t.norm === 'with' &&
      tokens[i + 1]?.norm === 'no' &&
      tokens
        .slice(i + 2, Math.min(c.to, i + 5))
        .some(w => DILIGENCE_NOUNS.has(w.norm) || isForm(w, DILIGENCE_VERBS))
    )
      out.push({ weight: 2, rule: 'failed-to', from: i, to: i + 2 });
    // Silencing the signals one is on duty for: "muted the pager".
    if (verb && isForm(t, SILENCING_VERBS)) {
      const objects = tokens.slice(i + 1, Math.min(c.to, i + 6));
      const signal = objects.find(w => SIGNAL_OBJECTS.has(w.norm));
      const particleNeeded = ['switch', 'turn', 'shut'].includes(t.lemma);
      if (
        signal &&
        (!particleNeeded || objects.some(w => w.norm === 'off')) &&
        !negatedBefore(s, i, 3)
      ) {
        silencing = i;
        out.push({ weight: 1, rule: 'named-person', from: i, to: signal.i });
        // "his phone", "every alert": the whole signal, for oneself.
        if (
          objects.some(
            w =>
              w.i < signal.i &&
              (['his', 'her', 'their', 'every', 'all'].includes(w.norm) ||
                w.possessive),
          )
        )
          support++;
      }
    }
    // Putting off work: "kept postponing the patch".
    if (verb && isForm(t, DELAY_VERBS) && !negatedBefore(s, i, 3)) {
      delay = i;
      out.push({ weight: 1, rule: 'named-person', from: i, to: i });
      if (tokens[i - 1] && lemma(tokens[i - 1].norm) === 'keep') support++;
    }
    // Lateness of a response: "answered the page three hours late".
    if (
      t.norm === 'late' &&
      !tokens[i + 1]?.tags.has('Noun') &&
      c.verb >= 0 &&
      isForm(tokens[c.verb], RESPONSE_VERBS)
    )
      out.push({ weight: 2, rule: 'named-person', from: c.verb, to: i });
    // Reproach: "again", "as usual", "whatsoever".
    const reproach = matchIndexed(s, i, REPROACHES);
    if (reproach && !(t.norm === 'late' && tokens[i + 1]?.tags.has('Noun')))
      support++;
    // A long duration: "for months", "for the night".
    if (
      t.norm === 'for' &&
      tokens
        .slice(i + 1, Math.min(c.to, i + 6))
        .some(w => LONG_DURATIONS.has(w.norm))
    )
      support++;
  }
  if (unavailable >= 0 && (support > 0 || ongoing))
    out.push({
      weight: 1,
      rule: 'named-person',
      from: unavailable,
      to: unavailable,
    });
  // Away for long: "logged off for the weekend".
  if (awayAt >= 0 && support > 0)
    out.push({ weight: 1, rule: 'named-person', from: awayAt, to: awayAt });
  // Weak features only count with support: one reproach, duration or
  // quantifier makes a silencing or a delay a lapse.
  if ((silencing >= 0 || delay >= 0) && support > 0) {
    const at = silencing >= 0 ? silencing : delay;
    out.push({ weight: 1, rule: 'named-person', from: at, to: at });
  }
  return out;
}

/** An act the sentence calls sanctioned: "as planned", "as the runbook allows". */
export function sanctioned(s: Sentence): boolean {
  return s.tokens.some(
    (t, i) =>
      !t.quoted &&
      matchIndexed(s, i, SANCTIONS) > 0 &&
      // "did not follow the runbook" is no sanction, nor "failed to" or
      // "instead of" following it: only ", following the procedure".
      !negatedBefore(s, i, 3) &&
      (t.lemma !== 'follow' ||
        (t.norm === 'following' &&
          (i === 0 || /,/.test(s.tokens[i - 1].post)))),
  );
}

/**
 * Whether the sentence clears nobody-subjects by a system cause: "Nobody
 * checked their phones because the venue had no signal" is no blame.
 */
export function exculpated(s: Sentence, m: RuleMatch): boolean {
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

/**
 * Length of an opener of praise ("Well done", "Oh great,", "Fantastic work
 * by"), or 0.
 */
function praiseOpener(s: Sentence): number {
  const { tokens } = s;
  if (!tokens[0] || tokens[0].quoted) return 0;
  const listed = matchIndexed(s, 0, PRAISE);
  if (listed) return listed;
  let k = tokens[0].norm === 'oh' || tokens[0].norm === 'really' ? 1 : 0;
  if (!PRAISE_ADJECTIVES.has(tokens[k]?.norm ?? '')) return 0;
  if (PRAISE_NOUNS.has(tokens[k + 1]?.norm ?? '')) return k + 2;
  // "Nice to see the DBAs finally reading their alerts".
  if (tokens[k + 1]?.norm === 'to' && tokens[k + 2]?.lemma === 'see')
    return k + 3;
  // "Oh great, …": the adjective alone, then a pause.
  return /[,:!]/.test(tokens[k].post) ? k + 1 : 0;
}

/**
 * The last token of a people agent of the passive participle at token i
 * ("was disabled by Diego months ago"), or -1.
 */
function peopleAgent(s: Sentence, i: number): number {
  const { tokens } = s;
  const by = tokens.slice(i + 1, i + 5).find(w => w.norm === 'by');
  if (!by) return -1;
  for (let k = by.i + 1; k < Math.min(tokens.length, by.i + 6); k++) {
    const w = tokens[k];
    if (w.quoted || (k > by.i + 1 && w.tags.has('Preposition'))) break;
    if (
      mentionsPeople(s, k) ||
      (w.possessive && isPeople(kindOfHead(w, false)))
    )
      return k;
    if (/[,;:]/.test(w.post)) break;
  }
  return -1;
}

/** The passive participle of clause `c` with people as its agent, or -1. */
function passiveWithPeopleAgent(s: Sentence, c: Clause): number {
  for (let i = Math.max(c.from, 1); i < c.to; i++) {
    const t = s.tokens[i];
    if (t.quoted || !PASSIVE_AUX.has(s.tokens[i - 1].norm)) continue;
    if (!isVerbToken(t)) continue;
    if (peopleAgent(s, i) >= 0) return i;
  }
  return -1;
}

/** Sarcasm, irony and rhetorical questions, read over the whole sentence. */
function sentenceFeatures(s: Sentence): Feature[] {
  const { tokens } = s;
  const out: Feature[] = [];
  const people: number[] = [];
  for (let i = 0; i < tokens.length; i++)
    if (mentionsPeople(s, i)) people.push(i);
  // "Seriously, who merges …?": in a question, "who" stands for people.
  if (s.question)
    tokens.forEach((t, i) => {
      if (t.norm === 'who' && !t.quoted && i <= 2 && !people.includes(i))
        people.push(i);
    });
  people.sort((a, b) => a - b);
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
            t.norm === 'production' ||
            t.norm === 'prod' ||
            t.norm === 'down' ||
            isForm(t, HARM_VERBS) ||
            (isVerbToken(t) && isForm(t, DESTRUCTIVE_VERBS))),
      );
    const vocative = /,/.test(tokens[opener - 1].post) && people.length > 0;
    if (fault && (vocative || people.length > 0))
      out.push({ weight: 2, rule: 'judgement', from: 0, to: opener - 1 });
  }
  // Passives with people as the agent of a bad act: "the cluster was taken
  // down by Oliver's script", "the escalation was delayed by the support lead".
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || !PASSIVE_AUX.has(tokens[i - 1].norm)) continue;
    const phrasal =
      ['take', 'bring', 'knock', 'let', 'mess', 'screw'].includes(t.lemma) &&
      ['down', 'out', 'up', 'over'].includes(tokens[i + 1]?.norm ?? '');
    const leftTo = t.lemma === 'leave' && tokens[i + 1]?.norm === 'to';
    if (!isForm(t, BAD_ACTS) && !phrasal && !leftTo) continue;
    const agent = peopleAgent(s, i);
    if (agent >= 0)
      out.push({ weight: 2, rule: 'named-person', from: i, to: agent });
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
      out.push({ weight: 2, rule: 'named-person', from: owner, to: i });
    if (
      LAPSE_NOUNS.has(t.norm) &&
      tokens[i + 1]?.norm === 'by' &&
      !negatedBefore(s, i, 6)
    ) {
      const p = people.find(k => k > i + 1 && k <= i + 5);
      if (p !== undefined)
        out.push({ weight: 2, rule: 'named-person', from: i, to: p });
    }
    if (
      t.norm === 'down' &&
      tokens[i + 1]?.norm === 'to' &&
      tokens
        .slice(0, i)
        .some(w => OUTCOME_NOUNS.has(w.norm) || w.norm === 'this')
    ) {
      const p = people.find(k => k > i + 1 && k <= i + 5);
      if (p !== undefined)
        out.push({ weight: 2, rule: 'named-person', from: i, to: p });
    }
  }
  // "ugh rosa again", "smh the dbas": frustration at named people.
  if (
    tokens.some(t => FRUSTRATION_WORDS.has(t.norm) && !t.quoted) &&
    people.length > 0
  )
    out.push({ weight: 2, rule: 'judgement', from: 0, to: people[0] });
  // "Classic ops: …", "Typical DBA team.": a people stereotype.
  if (
    ['classic', 'typical'].includes(tokens[0]?.norm ?? '') &&
    !tokens[0].quoted &&
    people.some(p => p <= 3)
  )
    out.push({ weight: 2, rule: 'judgement', from: 0, to: people[0] });
  // "can be traced back to Pablo's shortcut", "put down to the DBA".
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || t.norm !== 'to') continue;
    const attributing = tokens
      .slice(Math.max(0, i - 3), i)
      .some(w =>
        ['trace', 'attribute', 'chalk', 'pin', 'blame'].includes(w.lemma),
      );
    if (!attributing) continue;
    const p = people.find(k => k > i && k <= i + 4);
    if (p !== undefined)
      out.push({ weight: 2, rule: 'named-person', from: i, to: p });
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
      out.push({ weight: 2, rule: 'named-person', from: k, to: p });
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
        out.push({ weight: 2, rule: 'named-person', from: i, to: p });
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
      out.push({ weight: 2, rule: 'counterfactual', from: i, to: i + 1 });
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
      if (p !== undefined)
        out.push({ weight: 2, rule: 'counterfactual', from: i, to: p });
    }
  }
  // "cleaning up after Kwame", "we expect better from the platform team".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, BLAME_TOWARD);
    const p = n ? people.find(q => q >= i + n && q <= i + n + 3) : undefined;
    if (p !== undefined)
      out.push({ weight: 2, rule: 'judgement', from: i, to: p });
  }
  // "How many times do we have to tell …", "let Pablo anywhere near …".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, RHETORICAL);
    if (n && people.length > 0)
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + n - 1 });
  }
  // "Another Friday, another outage from the payments team".
  const anothers = tokens.filter(t => t.norm === 'another' && !t.quoted);
  if (
    anothers.length >= 2 &&
    tokens[0]?.norm === 'another' &&
    people.length > 0 &&
    tokens.some(t => OUTCOME_NOUNS.has(t.norm))
  )
    out.push({ weight: 2, rule: 'judgement', from: 0, to: anothers[1].i });
  // "… always works out so well".
  for (let i = 0; i < tokens.length; i++) {
    const n = matchIndexed(s, i, IRONY);
    if (n) out.push({ weight: 2, rule: 'judgement', from: i, to: i + n - 1 });
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
        weight: 2,
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
        weight: 2,
        rule: 'judgement',
        from: 0,
        to: Math.max(0, people[0]),
      });
  }
  return out;
}

/**
 * Blame by conduct, weighed over features rather than matched as idioms.
 *
 * @remarks
 * A clause whose subject stands for people (a person, a role, a team, or
 * "nobody" for motives) is flagged when the features of its predicate weigh
 * at least {@link THRESHOLD}. Strong features (weight 2) suffice alone:
 * harm ("trashed the config"), leaving one's duty ("walked away from the
 * console"), a judgement after a linking verb ("is hopeless"), "too … to",
 * a motive ("only cared about"), an act "with no" step of diligence, a late
 * response. Weak ones (silencing a signal, putting off work) need support:
 * a reproach ("again", "whatsoever"), a long duration ("for the night"), the
 * whole signal or one's own ("every alert", "his phone"). Systems as
 * subjects are never weighed ("the autoscaler muted …"). Sarcasm, irony and
 * rhetorical questions about people are read over the whole sentence.
 */
export const conductRule: Rule = s => {
  const out: RuleMatch[] = [];
  if (sanctioned(s)) return out;
  for (const c of s.clauses) {
    const kind = c.subject.kind;
    // "we" and "our team" are the writers; "our SRE" is one person.
    const head = s.tokens[c.subject.to];
    const people =
      isPeople(kind) &&
      (!c.subject.firstPerson ||
        (!!head &&
          (ROLE_HEADS.has(head.norm) || ROLE_HEADS.has(lemma(head.norm)))));
    // The passive with people as its agent is their act ("the release was
    // pushed out by the mobile team despite …"); a conduct noun owned by
    // people is theirs ("their attitude is appalling").
    const passive = passiveWithPeopleAgent(s, c) >= 0;
    const ownedConduct =
      !!c.subject.owner &&
      isPeople(c.subject.owner) &&
      !c.subject.firstPerson &&
      s.tokens
        .slice(c.subject.from, c.subject.to + 1)
        .some(w => CONDUCT_NOUNS.has(w.norm));
    if (!people && !passive && !ownedConduct && kind !== 'negative') continue;
    // "Nobody owned up": of nobody, only a motive blames (all of them).
    const features = clauseFeatures(s, c).filter(
      f =>
        people ||
        f.motive ||
        (passive && f.rule !== 'judgement') ||
        (ownedConduct && f.rule === 'judgement'),
    );
    const weight = features.reduce((sum, f) => sum + f.weight, 0);
    if (weight < THRESHOLD) continue;
    const strongest = features.reduce((a, b) => (b.weight > a.weight ? b : a));
    out.push({ rule: strongest.rule, from: strongest.from, to: strongest.to });
  }
  for (const f of sentenceFeatures(s))
    out.push({
      rule: f.rule,
      from: f.from,
      to: f.to,
      ...(f.answerable ? { answerable: true } : {}),
    });
  return out;
};
