import {
  ABANDON_PHRASES,
  CAUSE_NOUNS,
  NEGATED_DUTY_PHRASES,
  BAD_OBJECT_WORDS,
  CONDUCT_NOUNS,
  INSTRUCTED_VERBS,
  LAPSE_NOUNS,
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
  ONGOING_MARKERS,
  DILIGENCE_NOUNS,
  DILIGENCE_VERBS,
  DELAY_VERBS,
  EXPOSED_PLACES,
  EXPOSED_STATES,
  HARM_VERBS,
  PLACING_VERBS,
  SECRET_WORDS,
  LIVE_WORDS,
  AIMING_VERBS,
  CLEANUP_WORDS,
  ENV_PLACES,
  NONLIVE_ENV_WORDS,
  SHARED_BRANCHES,
  TRIAL_NOUNS,
  LONG_DURATIONS,
  MOTIVE_PHRASES,
  READINESS_DUTIES,
  OUTCOME_NOUNS,
  PERSON_EVALUATIONS,
  PERSON_TRAITS,
  REPROACH_PHRASES,
  ROLE_HEADS,
  SIGNAL_OBJECTS,
  SILENCING_VERBS,
  JUDGEMENT_TECH_FOLLOWERS,
  RISKY_TIMES,
} from '../lexicon';
import {
  Clause,
  isPeople,
  isVerb,
  lemma,
  negatedBefore,
  Sentence,
  type Token,
} from '../parse';
import {
  isForm,
  isVerbToken,
  matchIndexed,
  PASSIVE_AUX,
  passiveWithPeopleAgent,
  phrases,
} from '../match';
import type { BlamelessRule, Rule, RuleMatch } from './types';

const ABANDON = phrases(ABANDON_PHRASES);
const CARELESS_ACTS = phrases(CARELESS_ACT_PHRASES);
const NEGATED_DUTIES = phrases(NEGATED_DUTY_PHRASES);
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
  'dismiss',
]);
const AWAY = phrases(AWAY_PHRASES);
const DELAYS = phrases(DELAY_PHRASES);
const DEFIANCE = phrases(DEFIANCE_MARKERS);
const PRESSING_ON = phrases(PRESSING_ON_PHRASES);
const MOTIVES = phrases(MOTIVE_PHRASES);
const REPROACHES = phrases(REPROACH_PHRASES);

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
  'noise',
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
  /** A motive, which blames even said of nobody ("nobody owned up"). */
  motive?: boolean;
  rule: BlamelessRule;
  from: number;
  to: number;
}

/** Non-live words that name an environment wherever they stand. */
const ALWAYS_ENV = new Set([
  'staging',
  'sandbox',
  'preprod',
  'pre-prod',
  'uat',
]);

/**
 * The environment a run of tokens names: `live` ("the production replica",
 * "prod"), `other` ("staging", "the test cluster"), or undefined.
 */
function environmentOf(run: Token[]): 'live' | 'other' | undefined {
  let env: 'live' | 'other' | undefined;
  run.forEach((w, k) => {
    if (LIVE_WORDS.has(w.norm)) env = 'live';
    else if (
      !env &&
      (ALWAYS_ENV.has(w.norm) ||
        (NONLIVE_ENV_WORDS.has(w.norm) &&
          ENV_PLACES.has(run[k + 1]?.norm ?? '')))
    )
      env = 'other';
  });
  return env;
}

/**
 * Work aimed at the wrong environment: "pointed the staging deploy at the
 * live cluster", "pointed the production traffic at the test cluster",
 * "pointed the migration at the production replica instead of staging",
 * or a cleanup aimed at what is live ("ran the cleanup script on the live
 * tenant database"). Token i is the aiming verb.
 */
function misaimed(s: Sentence, c: Clause, i: number): number {
  const { tokens } = s;
  const end = Math.min(c.to, i + 14);
  let p = i + 2;
  while (
    p < end &&
    !['at', 'against', 'on', 'to', 'into'].includes(tokens[p].norm)
  )
    p++;
  if (p >= end) return -1;
  const object = tokens.slice(i + 1, p);
  let q = p + 1;
  while (q < end && !tokens[q].tags.has('Preposition')) q++;
  const target = tokens.slice(p + 1, q);
  const targetEnv = environmentOf(target);
  if (!targetEnv) return -1;
  const objectEnv = environmentOf(object);
  const insteadAt = tokens
    .slice(q, end)
    .findIndex(
      (w, k) => w.norm === 'instead' && tokens[q + k + 1]?.norm === 'of',
    );
  const insteadEnv =
    insteadAt >= 0
      ? environmentOf(tokens.slice(q + insteadAt + 2, q + insteadAt + 6))
      : undefined;
  const cleanup = object.some(w => CLEANUP_WORDS.has(w.norm));
  if (
    (objectEnv && objectEnv !== targetEnv) ||
    (insteadEnv && insteadEnv !== targetEnv) ||
    (cleanup && targetEnv === 'live')
  )
    return target[target.length - 1].i;
  return -1;
}

/** Weight at which a clause with people as its subject is flagged. */
const THRESHOLD = 2;

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
      ((verb && isForm(t, HARM_VERBS)) ||
        // chat's "yolo'd", which compromise splits as a contraction
        (/'d$/.test(t.norm) && isForm(t, HARM_VERBS)) ||
        /^rage-/.test(t.norm)) &&
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
      t.norm === 'simultaneously' ||
      (t.norm === 'time' &&
        tokens[i - 1]?.norm === 'same' &&
        tokens[i - 2]?.norm === 'the' &&
        tokens[i - 3]?.norm === 'at')
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
      const to = rest.findIndex(w =>
        ['to', 'onto', 'into', 'on', 'in'].includes(w.norm),
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
    // A trial run on what is live: "ran the load test against the
    // production database" ("a load test", "the stress test", "experiment"),
    // or testing straight on it: "tested the rules directly on production"
    // (testing a fix in production, without "directly", is routine).
    const straightTrial =
      verb &&
      ['test', 'experiment', 'try'].includes(t.lemma) &&
      tokens
        .slice(i + 1, Math.min(c.to, i + 8))
        .some(w => w.norm === 'directly' || w.norm === 'straight');
    const trial =
      TRIAL_NOUNS.has(t.norm) ||
      (['test', 'tests'].includes(t.norm) &&
        ['load', 'stress', 'soak'].includes(tokens[i - 1]?.norm ?? '')) ||
      straightTrial;
    if (trial && !negatedBefore(s, i, 4)) {
      const rest = tokens.slice(i + 1, Math.min(c.to, i + 8));
      const at = rest.findIndex(w =>
        ['on', 'against', 'in', 'at'].includes(w.norm),
      );
      const live =
        at >= 0 && rest.slice(at + 1, at + 4).find(w => LIVE_WORDS.has(w.norm));
      if (live)
        out.push({ weight: 2, rule: 'named-person', from: i, to: live.i });
    }
    if (verb && isForm(t, AIMING_VERBS) && !negatedBefore(s, i, 3)) {
      const at = misaimed(s, c, i);
      if (at >= 0)
        out.push({ weight: 2, rule: 'named-person', from: i, to: at });
    }
    // Force-pushing over a branch others build from: "force-pushed to main".
    if (
      /^force-?push/.test(t.norm) ||
      (t.norm === 'force' && /^push/.test(tokens[i + 1]?.norm ?? ''))
    ) {
      const branch = tokens
        .slice(i + 1, Math.min(c.to, i + 7))
        .find(w => SHARED_BRANCHES.has(w.norm));
      if (branch && !negatedBefore(s, i, 3))
        out.push({ weight: 2, rule: 'named-person', from: i, to: branch.i });
    }
    // A secret left where others can read it: "kept the admin token in a
    // public gist", "wrote the API key on the whiteboard", "left the bucket
    // world-readable". A vault or a secret store is no such place.
    if (verb && isForm(t, PLACING_VERBS) && !negatedBefore(s, i, 3)) {
      const rest = tokens.slice(i + 1, Math.min(c.to, i + 10));
      const secret = rest.findIndex(w => SECRET_WORDS.has(w.norm));
      const place = rest.findIndex(
        (w, k) =>
          k > secret &&
          ['in', 'on', 'into', 'onto', 'to'].includes(w.norm) &&
          rest.slice(k + 1, k + 5).some(x => EXPOSED_PLACES.has(x.norm)),
      );
      const state = rest.findIndex(
        (w, k) => k > 0 && k < 5 && EXPOSED_STATES.has(w.norm),
      );
      if (
        (secret >= 0 && place > secret) ||
        (lemma(t.norm) === 'leave' && state > 0)
      )
        out.push({
          weight: 2,
          rule: 'named-person',
          from: i,
          to: rest[secret >= 0 && place > secret ? place : state].i,
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
    // "is not competent to run migrations", "is not qualified for it".
    if (
      t.norm === 'not' &&
      PERSON_QUALITIES.has(tokens[i + 1]?.norm ?? '') &&
      (tokens[i + 2]?.norm === 'enough' ||
        ((tokens[i + 2]?.norm === 'to' || tokens[i + 2]?.norm === 'for') &&
          !/[,;:.!?]/.test(tokens[i + 1].post))) &&
      linked(s, c, i)
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + 2 });
    // Judged unready for a duty: "isn't ready to be on call", "was not
    // ready for prod access" (not "the index was not ready for traffic",
    // nor "was not ready to be on call until her access came through").
    if (
      t.norm === 'not' &&
      tokens[i + 1]?.norm === 'ready' &&
      tokens
        .slice(i + 2, i + 7)
        .some(w => !w.quoted && READINESS_DUTIES.has(w.norm)) &&
      // "… until her access came through", "… yet": a condition, no verdict.
      !tokens
        .slice(i + 2)
        .some(w =>
          ['until', 'till', 'because', 'since', 'yet'].includes(w.norm),
        ) &&
      linked(s, c, i)
    )
      out.push({ weight: 2, rule: 'judgement', from: i, to: i + 1 });
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
    // Not worth the check: "didn't think it was worth checking the lag".
    if (
      t.norm === 'worth' &&
      isForm(tokens[i + 1] ?? t, DILIGENCE_VERBS) &&
      tokens[i + 1] !== undefined &&
      /ing$/.test(tokens[i + 1].norm) &&
      tokens
        .slice(c.from, i)
        .some(w => w.tags.has('Negative') || w.norm === 'not')
    )
      out.push({ weight: 2, rule: 'failed-to', from: i, to: i + 1 });
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
      // Acknowledging "within two minutes" or "at once" is a response.
      const prompt =
        ['ack', 'acknowledge'].includes(t.lemma) &&
        tokens
          .slice(i + 1, c.to)
          .some(w =>
            ['within', 'immediately', 'promptly', 'quickly'].includes(w.norm),
          );
      if (
        signal &&
        !prompt &&
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
  // Away for long: "logged off for the weekend"; or gone from a change
  // left at a risky time: "pushed on a Friday and logged off" (not "logged
  // off at the end of the shift, after the handover").
  const riskyTime =
    tokens.some(t => !t.quoted && RISKY_TIMES.has(t.norm)) &&
    !tokens.some(t => ['shift', 'handover', 'handing'].includes(t.norm));
  if (awayAt >= 0 && (support > 0 || riskyTime))
    out.push({ weight: 1, rule: 'named-person', from: awayAt, to: awayAt });
  // Weak features only count with support: one reproach, duration or
  // quantifier makes a silencing or a delay a lapse.
  if ((silencing >= 0 || delay >= 0) && support > 0) {
    const at = silencing >= 0 ? silencing : delay;
    out.push({ weight: 1, rule: 'named-person', from: at, to: at });
  }
  return out;
}

/** Markers of a clause that tells when or despite what the act was done. */
const CIRCUMSTANCE_MARKERS = new Set([
  'after',
  'while',
  'when',
  'although',
  'though',
  'once',
]);

/**
 * A warning in the clause that tells the act's circumstances ("went ahead
 * with the deploy after the tests went red"): weak, it needs an act that
 * presses on or another feature.
 */
function againstSignal(s: Sentence, ci: number): Feature[] {
  const d = s.clauses[ci + 1];
  if (!d?.marker || !CIRCUMSTANCE_MARKERS.has(d.marker)) return [];
  for (let k = d.from; k < d.to; k++)
    if (matchIndexed(s, k, DEFIANCE) > 0)
      return [{ weight: 1, rule: 'named-person', from: k, to: k }];
  return [];
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
 * response, a secret left where others can read it ("kept the token in a
 * shared spreadsheet"), a load test on what is live, a force-push over a
 * shared branch. Weak ones (silencing a signal, putting off work) need support:
 * a reproach ("again", "whatsoever"), a long duration ("for the night"), the
 * whole signal or one's own ("every alert", "his phone"). Systems as
 * subjects are never weighed ("the autoscaler muted …"). The passive with
 * people as its agent is weighed as their act. Blame read over the whole
 * sentence lives in `rhetoric.ts` and `attribution.ts`.
 */
export const conductRule: Rule = s => {
  const out: RuleMatch[] = [];
  s.clauses.forEach((c0, ci) => {
    // A verbless phrase after a marker ("after a two-second glance") is
    // said of the clause before it.
    const prev = s.clauses[ci - 1];
    const c =
      c0.verb < 0 && c0.marker && prev ? { ...c0, subject: prev.subject } : c0;
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
    if (!people && !passive && !ownedConduct && kind !== 'negative') return;
    // "Nobody owned up": of nobody, only a motive blames (all of them).
    const features = [...clauseFeatures(s, c), ...againstSignal(s, ci)].filter(
      f =>
        people ||
        f.motive ||
        (passive && f.rule !== 'judgement') ||
        (ownedConduct && f.rule === 'judgement'),
    );
    const weight = features.reduce((sum, f) => sum + f.weight, 0);
    if (weight < THRESHOLD) return;
    const strongest = features.reduce((a, b) => (b.weight > a.weight ? b : a));
    out.push({ rule: strongest.rule, from: strongest.from, to: strongest.to });
  });
  return out;
};
