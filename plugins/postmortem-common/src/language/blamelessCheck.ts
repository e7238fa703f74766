/**
 * Heuristic check for blame and hindsight phrasing in postmortem text.
 *
 * The check works sentence by sentence and clause by clause. It tokenizes
 * each sentence once, marks the noun phrases that can act as a subject
 * (people, teams, systems) and then looks at a small set of trigger words.
 * Every step is a single forward pass or a bounded look-back, so the cost is
 * linear in the length of the text. No regular expression in this module can
 * backtrack catastrophically.
 */

/**
 * The kinds of blameful or hindsight phrasing the check recognises.
 *
 * @public
 */
export type BlamelessRule =
  | 'human-error'
  | 'counterfactual'
  | 'failed-to'
  | 'forgot'
  | 'judgement'
  | 'hindsight'
  | 'named-person';

/**
 * One flagged span of text.
 *
 * @public
 */
export interface LanguageFinding {
  /** The rule that flagged the span. */
  rule: BlamelessRule;
  /** UTF-16 offset of the first flagged character in the checked text. */
  start: number;
  /** UTF-16 offset just after the last flagged character. */
  end: number;
  /** The flagged span, equal to `text.slice(start, end)`. */
  text: string;
  /** English explanation. The UI may translate it by `rule`. */
  message: string;
  /** A proposed neutral rewrite of the whole sentence. */
  suggestion: string;
}

/**
 * Options for {@link checkBlamelessLanguage}.
 *
 * @public
 */
export interface BlamelessCheckOptions {
  /**
   * Display names and user names of people, e.g. from the catalog:
   * `['Ada Okafor', 'ada.okafor']`. Full names, first names, last names and
   * user names are recognised.
   */
  personNames?: string[];
}

// ---------------------------------------------------------------------------
// Word lists

const set = (words: string): Set<string> =>
  new Set(words.split(/\s+/).filter(Boolean));

const DETERMINERS = set(`
  the a an this that these those our their its his her my your each every some
  any all no another both either one two three several many few more most
`);

const PREPOSITIONS = set(`
  of for on in at to from with by about into onto over under behind via through
  across against between during without within per like than toward towards
  upon inside outside besides beyond near
`);

/** Words that open a new clause. */
const BOUNDARY_WORDS = set(`
  and but or nor so yet because after before when whenever while since until
  although though if unless whereas then once which who whom where that
`);

/** Clause openers whose clause is subordinate; never inherit a subject from it. */
const SUBORDINATORS = set(`
  because after before when whenever while since until although though if
  unless whereas once where
`);

const AUX = set(`
  was were is are be been being am had has have having did does do didn't
  doesn't don't wasn't weren't isn't aren't hasn't haven't hadn't not never
  should could would will can may might must shall ought should've could've
  would've shouldn't couldn't wouldn't won't can't cannot also still already
  just only even then really probably
`);

const INDIVIDUAL_PRONOUNS = set('he she');
const GROUP_PRONOUNS = set('i we they you');
const INDEFINITE_PEOPLE = set(
  'someone somebody anyone anybody nobody everyone everybody',
);
const ROLE_NOUNS = set(`
  engineer on-call oncall operator developer dev reviewer author intern
  contractor admin administrator sre responder commander manager lead owner
  person employee approver deployer maintainer tester analyst architect
  programmer coder colleague teammate hire dba assignee releaser
`);
const TEAM_NOUNS = set(`
  team teams squad squads ops staff people engineering qa management leadership
  organisation organization department crew humans
`);
const THING_PRONOUNS = set('it this these nothing everything something');

const SYSTEM_NOUNS = set(`
  service job deploy deployment failover database db cache alert alerting check
  healthcheck health-check pipeline cluster node pod process script migration
  config configuration server host replica primary secondary instance container
  queue worker scheduler cron balancer load-balancer proxy gateway api endpoint
  request retry timeout monitor monitoring dashboard system disk volume
  certificate cert dns network canary rollout rollback build test suite lint
  linter runbook page pager backup snapshot restore index query table schema
  function lambda controller bot tool tooling automation integration webhook
  feature flag toggle change commit release version patch fix update upgrade
  hotfix pr merge code logic library dependency client consumer producer broker
  kafka redis postgres mysql elasticsearch kubernetes k8s terraform helm
  autoscaler limiter rule policy threshold validator probe heartbeat daemon
  agent task batch cronjob firewall vpn router switch link connection pool
  storage bucket file log logs metric metrics trace traces graph chart
  rotation schedule channel handbook doc docs documentation wiki playbook
  checklist template form ui frontend backend app application website site
  traffic upstream downstream region zone datacenter vm machine image registry
  repository repo branch ci cd workflow action step stage environment
  deployer-bot cdn shard partition leader follower lock transaction session
  token key secret vault consumer-group topic stream event events mesh sidecar
  ingress egress nginx envoy haproxy certificate-manager plan parser compiler
  interpreter resolver loader serializer framework sdk driver
`);

/** Verbs that make a person the subject of a failure (named-person rule). */
const FAILURE_VERBS = set(`
  broke break breaks missed misses ignored ignores caused causes skipped skips
  botched mishandled misconfigured misread mistyped misjudged fat-fingered
  neglected overlooked forgot forgets failed fails skip ignore rushed
`);
/** Failure verbs that also count when only the person's work is the subject. */
const POSSESSIVE_FAILURE_VERBS = set('broke break breaks caused causes');
const PHRASAL_FAILURE = new Map<string, Set<string>>([
  ['messed', set('up')],
  ['screwed', set('up')],
  ['mucked', set('up')],
  ['fouled', set('up')],
  ['blew', set('up away')],
  ['took', set('down out')],
  ['brought', set('down')],
  ['knocked', set('out over')],
]);
const CARELESS_ADVERBS = set(
  'accidentally mistakenly inadvertently wrongly erroneously unintentionally',
);
const BAD_OUTCOME_WORDS = set(`
  bug bugs regression regressions typo typos error errors outage bad broken
  faulty incorrect wrong buggy
`);
const SHIPPING_VERBS = set(
  'introduced added shipped pushed merged deployed committed wrote',
);
const OMITTED_ACTIONS = set(`
  check test verify review notice read follow escalate respond update run wait
  ask tell notify roll look see acknowledge answer confirm validate double-check
  monitor document pay communicate page consider think revert back announce
  inform watch use rotate renew enable re-enable disable restore clean close
  reply report record file schedule share rerun retry
`);
const DILIGENCE_GERUNDS = set(`
  checking testing reviewing reading verifying validating asking looking
  running waiting telling notifying consulting confirming double-checking
  following
`);
/** Verbs of operating on something, blameful with "the wrong ..." objects. */
const OPERATING_VERBS = set(`
  ran run running used using applied applying restarted restarting deleted
  deleting edited editing changed changing targeted targeting picked chose
  selected copied
`);
const WRONG_WORDS = set('wrong incorrect bad broken faulty stale outdated');
const WITHOUT_STEP_NOUNS: Record<string, string> = {
  checking: 'check',
  testing: 'test',
  reviewing: 'review',
  reading: 'review',
  verifying: 'verification',
  validating: 'validation',
  asking: 'confirmation',
  looking: 'check',
  running: 'run',
  waiting: 'waiting',
  telling: 'notification',
  notifying: 'notification',
  consulting: 'consultation',
  confirming: 'confirmation',
  'double-checking': 'second check',
};
const OUTCOME_NOUNS = set(`
  outage incident failure downtime breakage loss problem issue bug error
  regression mess
`);

const HUMAN_ERROR_PREFIX = set(
  'human operator user pilot engineer engineering people personnel',
);
const HUMAN_ERROR_NOUNS = set('error errors mistake mistakes');
const TECHNICAL_ERROR_FOLLOWERS = set(`
  code codes message messages response responses rate rates status handling
  page pages class classes type types budget budgets log logs metric metrics
  count counts
`);

const COUNTERFACTUAL_MODALS = new Map<string, boolean>([
  // value: the modal already includes "have"
  ['should', false],
  ['could', false],
  ['would', false],
  ['shouldn\u0027t', false],
  ['couldn\u0027t', false],
  ['wouldn\u0027t', false],
  ['should\u0027ve', true],
  ['could\u0027ve', true],
  ['would\u0027ve', true],
  ['shouldn\u0027t\u0027ve', true],
  ['couldn\u0027t\u0027ve', true],
  ['wouldn\u0027t\u0027ve', true],
]);
const OBLIGATION_MODALS = set("should shouldn't should've shouldn't've ought");
const IRREGULAR_PARTICIPLES = set(`
  been caught seen known done gone taken written run made had told given shown
  spoken thought kept left found got gotten sent built held brought understood
  read set put begun chosen drawn driven eaten fallen felt heard hit hidden
  let lost meant met paid said shut spent stood struck swept thrown won woken
  withdrawn undone rerun rebuilt spun split spread sunk shrunk
`);
const FILLER_ADVERBS = set(`
  just simply really probably easily also already immediately quickly
  definitely certainly obviously clearly at least first earlier sooner never
  not even
`);
/** Passive participles that describe human diligence. */
const HUMAN_DILIGENCE_PARTICIPLES = set(`
  caught noticed spotted reviewed tested checked verified validated escalated
  read followed acknowledged reverted communicated announced reported flagged
  investigated monitored watched considered anticipated questioned
  double-checked paged updated documented fixed addressed handled raised
  rotated renewed rolled
`);
const CONDITION_MARKERS = set('if unless with without had');

const FORGOT_WORDS = set(`
  forgot forget forgets forgetting forgotten neglected neglect neglects
  neglecting overlooked overlook overlooks overlooking
`);
const PASSIVE_AUX = set(
  "was were been being is are be got gets get wasn't weren't",
);

const JUDGEMENT_WORDS = set(`
  careless carelessly carelessness sloppy sloppily sloppiness negligent
  negligently negligence incompetent incompetently incompetence lazy lazily
  laziness reckless recklessly recklessness stupid stupidly dumb idiotic
  boneheaded foolish foolishly inexcusable irresponsible irresponsibly
  unprofessional inattentive inattention rookie silly thoughtless
  thoughtlessly blindly hastily
`);
const LAZY_TECH_FOLLOWERS = set(`
  load loading loaded evaluation evaluated init initialization initialisation
  initialized initialised import imports fetch fetching instantiation
  instantiated iterator sequence
`);
const BLAME_WORDS = set('blame blamed fault');
const FAULT_TECH_FOLLOWERS = set(`
  injection injections tolerance tolerant domain domains line lines isolation
  isolated detection handler handlers code codes
`);
const NEGATORS = set("not no never without don't doesn't didn't won't");
const JUDGEMENT_PERSON_VERBS = set('ignored ignores botched mishandled rushed');
const DILIGENCE_ADJECTIVES = set(
  'careful attentive diligent thorough cautious',
);
const MAKE_FORMS = set('made make makes making');
const MISTAKE_NOUNS = set(
  'mistake mistakes blunder blunders slip-up lapse oversight oversights',
);
/** Attention verbs that blame when a person or team is the subject. */
const MISSED_WORDS = set('missed misses miss');

const CLEARLY_NEUTRAL_FOLLOWERS = set(`
  document documents documented label labels labelled labeled mark marks marked
  state states stated explain explains explained describe describes described
  define defines defined separate separates separated list lists listed
  communicate communicates communicated visible readable legible distinguish
  distinguishes distinguished identify identifies identified named name names
  written write writes indicate indicates show shows highlight highlights
  highlighted flag flags flagged delineated scoped owned
`);
const CLEARLY_NEUTRAL_PRECEDERS = set('not more less now to very most');
const SIMPLY_FLAG_FOLLOWERS = set(`
  had needed have has forgot ignored didn't did not never failed missed skipped
  neglected overlooked
`);
const SIMPLY_FLAG_PRECEDERS = set(
  "should could would just should've could've would've have",
);
const OBVIOUS_FLAG_FOLLOWERS = set(`
  that mistake mistakes error errors sign signs warning warnings signal signals
  red in from to
`);
const OBVIOUS_BE = set(`
  was is were be been are seemed seems looked looks
`);

const TIME_WORDS = set(`
  sooner earlier later before after again first yesterday today tonight
  during until when while immediately instead anyway now then
`);
const PARTICLES = set('back out up down off over');
const ABBREVIATIONS = set('e.g i.e etc vs mr mrs ms dr approx no fig cf st');

const IRREGULAR_PAST_PARTICIPLE: Record<string, string> = {
  run: 'run',
  do: 'done',
  go: 'gone',
  take: 'taken',
  write: 'written',
  see: 'seen',
  send: 'sent',
  make: 'made',
  get: 'obtained',
  give: 'given',
  keep: 'kept',
  leave: 'left',
  find: 'found',
  tell: 'told',
  think: 'considered',
  know: 'known',
  read: 'read',
  set: 'set',
  put: 'put',
  build: 'built',
  hold: 'held',
  bring: 'brought',
  begin: 'begun',
  choose: 'chosen',
  shut: 'shut',
  cut: 'cut',
  pay: 'paid',
  spend: 'spent',
  rerun: 'rerun',
  rebuild: 'rebuilt',
  undo: 'undone',
  withdraw: 'withdrawn',
  be: 'in place',
  have: 'in place',
};

const VERB_HINTS = set(`
  ran saw made took went got gave sent wrote kept left found told thought knew
  began brought built came did had held let lost meant met paid put said set
  spent stood understood chose drove hit shut cut run runs is was were are has
  have rolls restarts deploys merges pushes checks sees says goes gets
`);
const NOT_VERBS_ENDING_ED = set(
  'need feed speed seed red bed shed embed bred breed deed weed hundred',
);

// ---------------------------------------------------------------------------
// Tokens, sentences and clauses

interface Token {
  text: string;
  /** Lower case, with typographic apostrophes normalised. */
  lower: string;
  /** `lower` without a possessive `'s`. */
  base: string;
  start: number;
  end: number;
  punct: boolean;
  possessive: boolean;
}

const TOKEN_RE =
  /\p{N}+(?:[:.,]\p{N}+)+|[\p{L}\p{N}]+(?:['\u2019._-][\p{L}\p{N}]+)*|[,;:()[\]\u2014\u2013]|\s-\s/gu;

function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const punct = !/[\p{L}\p{N}]/u.test(raw);
    const lower = raw.toLowerCase().replace(/\u2019/g, "'");
    const possessive = !punct && lower.length > 2 && lower.endsWith("'s");
    tokens.push({
      text: raw,
      lower,
      base: possessive ? lower.slice(0, -2) : lower,
      start: offset + m.index,
      end: offset + m.index + raw.length,
      punct,
      possessive,
    });
  }
  return tokens;
}

interface Range {
  start: number;
  end: number;
}

/**
 * Longest span analysed as one sentence. Longer runs without sentence
 * punctuation are cut at a clause or word boundary, which keeps the work per
 * finding bounded and the whole check linear in the length of the text.
 */
const MAX_SENTENCE_LENGTH = 600;

function splitSentences(text: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  const emit = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  const push = (end: number) => {
    let from = start;
    while (end - from > MAX_SENTENCE_LENGTH) {
      const limit = from + MAX_SENTENCE_LENGTH;
      let cut = -1;
      for (let k = limit; k > from + MAX_SENTENCE_LENGTH / 2; k--) {
        if (/[,;:]/.test(text[k - 1])) {
          cut = k;
          break;
        }
        if (cut < 0 && /\s/.test(text[k])) cut = k;
      }
      if (cut < 0) cut = limit;
      // Never cut a UTF-16 surrogate pair apart.
      if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
      emit(from, cut);
      from = cut;
    }
    emit(from, end);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && /[.!?"'\u201d\u2019)\]]/.test(text[j])) j++;
    const boundary = j >= text.length || /\s/.test(text[j]);
    let abbreviation = false;
    if (boundary && ch === '.') {
      // Do not split after common abbreviations such as "e.g." or "vs.".
      let k = i;
      while (k > start && k > i - 8 && /[\p{L}.]/u.test(text[k - 1])) k--;
      abbreviation = ABBREVIATIONS.has(text.slice(k, i).toLowerCase());
    }
    if (boundary && !abbreviation) {
      push(j);
      start = j;
    }
    i = j - 1;
  }
  push(text.length);
  return out;
}

type SubjectClass =
  | 'name'
  | 'individual'
  | 'role'
  | 'group'
  | 'system'
  | 'thing'
  | 'personPoss'
  | 'relWho'
  | 'relWhich';

type OwnerClass = 'name' | 'individual' | 'role' | 'group';

interface Candidate {
  /** First and last token index, inclusive. */
  start: number;
  end: number;
  cls: SubjectClass;
  owner?: OwnerClass;
  prepObj: boolean;
}

interface Clause {
  start: number;
  end: number; // exclusive
  marker?: string;
}

interface Sentence {
  text: string;
  offset: number;
  tokens: Token[];
  clauseOf: number[];
  clauses: Clause[];
  candAt: Array<Candidate | undefined>;
}

interface NameEntry {
  parts: string[];
  caseSensitive: boolean;
}

type NameIndex = Map<string, NameEntry[]>;

function buildNameIndex(personNames: string[] | undefined): NameIndex {
  const index: NameIndex = new Map();
  const add = (parts: string[], caseSensitive: boolean) => {
    if (parts.length === 0 || parts.some(p => p.length === 0)) return;
    const list = index.get(parts[0]) ?? [];
    if (list.some(e => e.parts.join(' ') === parts.join(' '))) return;
    list.push({ parts, caseSensitive });
    list.sort((a, b) => b.parts.length - a.parts.length);
    index.set(parts[0], list);
  };
  for (const name of personNames ?? []) {
    const tokens = tokenize(name, 0).filter(t => !t.punct);
    if (tokens.length === 0) continue;
    if (tokens.length > 1) {
      add(
        tokens.map(t => t.base),
        false,
      );
    }
    for (const t of tokens) {
      const isUserName =
        /[._\d]/.test(t.text) || t.text === t.text.toLowerCase();
      if (isUserName) {
        if (t.text.length >= 3) add([t.base], false);
      } else if (t.text.length >= 2) {
        add([t.base], true);
      }
    }
  }
  return index;
}

function matchName(
  tokens: Token[],
  i: number,
  names: NameIndex,
): number /* length */ {
  const entries = names.get(tokens[i].base);
  if (!entries) return 0;
  for (const entry of entries) {
    const n = entry.parts.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const tok = tokens[i + k];
      if (tok.punct) ok = false;
      else if (k < n - 1 && tok.possessive) ok = false;
      else if (tok.base !== entry.parts[k]) ok = false;
      else if (entry.caseSensitive && !/^\p{Lu}/u.test(tok.text)) ok = false;
    }
    if (ok) return n;
  }
  return 0;
}

const isWord = (t: Token | undefined): t is Token => !!t && !t.punct;

function isTriggerWord(lower: string): boolean {
  return (
    FAILURE_VERBS.has(lower) ||
    FORGOT_WORDS.has(lower) ||
    PHRASAL_FAILURE.has(lower) ||
    COUNTERFACTUAL_MODALS.has(lower) ||
    lower === 'fail' ||
    lower === 'failing'
  );
}

function isVerbish(t: Token): boolean {
  const w = t.lower;
  if (AUX.has(w) || VERB_HINTS.has(w) || isTriggerWord(w)) return true;
  return (
    w.length > 3 &&
    w.endsWith('ed') &&
    !SYSTEM_NOUNS.has(w) &&
    !NOT_VERBS_ENDING_ED.has(w)
  );
}

function isFunctionWord(w: string): boolean {
  return (
    DETERMINERS.has(w) ||
    PREPOSITIONS.has(w) ||
    BOUNDARY_WORDS.has(w) ||
    AUX.has(w) ||
    INDIVIDUAL_PRONOUNS.has(w) ||
    GROUP_PRONOUNS.has(w) ||
    THING_PRONOUNS.has(w)
  );
}

function isSystemNoun(w: string): boolean {
  if (SYSTEM_NOUNS.has(w)) return true;
  if (w.endsWith('es') && SYSTEM_NOUNS.has(w.slice(0, -2))) return true;
  if (w.endsWith('s') && SYSTEM_NOUNS.has(w.slice(0, -1))) return true;
  return false;
}

function roleClass(w: string): OwnerClass | undefined {
  if (ROLE_NOUNS.has(w) || INDEFINITE_PEOPLE.has(w)) return 'role';
  if (w.endsWith('s') && ROLE_NOUNS.has(w.slice(0, -1))) return 'group';
  if (TEAM_NOUNS.has(w)) return 'group';
  return undefined;
}

/** Absorb the words a possessive applies to ("Ada's rushed merge"). */
function absorbPossessed(tokens: Token[], from: number): number {
  let end = from - 1;
  for (let k = from; k < tokens.length && k < from + 3; k++) {
    const t = tokens[k];
    if (!isWord(t) || isFunctionWord(t.lower)) break;
    if (isTriggerWord(t.lower) || FAILURE_VERBS.has(t.lower)) {
      // "Ada's rushed merge": an adjective right after the possessive.
      const next = tokens[k + 1];
      const adjective =
        k === from &&
        isWord(next) &&
        !isFunctionWord(next.lower) &&
        !isTriggerWord(next.lower) &&
        !FAILURE_VERBS.has(next.lower);
      if (!adjective) break;
    }
    if (isVerbish(t)) {
      const next = tokens[k + 1];
      if (!isWord(next) || isFunctionWord(next.lower)) break;
      if (isTriggerWord(next.lower)) break;
    }
    end = k;
  }
  return end;
}

function analyse(text: string, offset: number, names: NameIndex): Sentence {
  const tokens = tokenize(text, offset);
  const clauseOf: number[] = new Array(tokens.length);
  const clauses: Clause[] = [];
  let current: Clause = { start: 0, end: 0 };
  clauses.push(current);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) {
      current.end = i;
      clauseOf[i] = clauses.length - 1;
      current = { start: i + 1, end: i + 1 };
      clauses.push(current);
      continue;
    }
    if (BOUNDARY_WORDS.has(t.lower) && i > current.start) {
      current.end = i;
      current = { start: i, end: i, marker: t.lower };
      clauses.push(current);
    } else if (BOUNDARY_WORDS.has(t.lower) && i === current.start) {
      current.marker = t.lower;
    }
    clauseOf[i] = clauses.length - 1;
  }
  current.end = tokens.length;

  const candAt: Array<Candidate | undefined> = new Array(tokens.length);
  const cands: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    let cand: Candidate | undefined;
    const nameLen = matchName(tokens, i, names);
    const w = t.base;
    if (nameLen > 0) {
      const last = tokens[i + nameLen - 1];
      if (last.possessive) {
        const end = absorbPossessed(tokens, i + nameLen);
        cand = {
          start: i,
          end: Math.max(end, i + nameLen - 1),
          cls: 'personPoss',
          owner: 'name',
          prepObj: false,
        };
      } else {
        cand = { start: i, end: i + nameLen - 1, cls: 'name', prepObj: false };
      }
    } else if (
      (t.lower === 'his' || t.lower === 'her') &&
      i + 1 < tokens.length
    ) {
      const end = absorbPossessed(tokens, i + 1);
      if (end > i) {
        cand = {
          start: i,
          end,
          cls: 'personPoss',
          owner: 'individual',
          prepObj: false,
        };
      }
    } else if (t.possessive && roleClass(w)) {
      const end = absorbPossessed(tokens, i + 1);
      const det = tokens[i - 1];
      cand = {
        start:
          isWord(det) && set('the a an').has(det.lower) && !candAt[i - 1]
            ? i - 1
            : i,
        end: Math.max(end, i),
        cls: 'personPoss',
        owner: roleClass(w),
        prepObj: false,
      };
    } else if (INDIVIDUAL_PRONOUNS.has(t.lower)) {
      cand = { start: i, end: i, cls: 'individual', prepObj: false };
    } else if (GROUP_PRONOUNS.has(t.lower)) {
      cand = { start: i, end: i, cls: 'group', prepObj: false };
    } else if (t.lower === 'who' || t.lower === 'whom') {
      cand = { start: i, end: i, cls: 'relWho', prepObj: false };
    } else if (t.lower === 'which') {
      cand = { start: i, end: i, cls: 'relWhich', prepObj: false };
    } else if (
      t.lower === 'that' &&
      clauses[clauseOf[i]].start === i &&
      isWord(tokens[i + 1]) &&
      isVerbish(tokens[i + 1]) &&
      i > 0
    ) {
      // "the change that broke checkout": a relative pronoun.
      cand = { start: i, end: i, cls: 'relWhich', prepObj: false };
    } else if (THING_PRONOUNS.has(t.lower)) {
      const next = tokens[i + 1];
      // "this deploy" is a determiner, not a subject of its own.
      if (!(isWord(next) && isSystemNoun(next.base))) {
        cand = { start: i, end: i, cls: 'thing', prepObj: false };
      }
    } else if (roleClass(w)) {
      const rc = roleClass(w)!;
      cand = { start: i, end: i, cls: rc, prepObj: false };
    } else if (isSystemNoun(w)) {
      cand = { start: i, end: i, cls: 'system', prepObj: false };
    }
    if (!cand) continue;
    cand.prepObj = isPrepositionalObject(tokens, cand.start);
    cands.push(cand);
    for (let k = cand.start; k <= cand.end; k++) candAt[k] = cand;
    i = cand.end;
  }
  return { text, offset, tokens, clauseOf, clauses, candAt };
}

function isPrepositionalObject(tokens: Token[], start: number): boolean {
  let others = 0;
  for (let j = start - 1; j >= 0 && j >= start - 6; j--) {
    const t = tokens[j];
    if (t.punct) return false;
    if (PREPOSITIONS.has(t.lower)) return true;
    if (DETERMINERS.has(t.lower) || /^\p{N}/u.test(t.lower)) continue;
    if (
      BOUNDARY_WORDS.has(t.lower) ||
      AUX.has(t.lower) ||
      isVerbish(t) ||
      isFunctionWord(t.lower)
    ) {
      return false;
    }
    if (++others > 2) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Subjects

interface Subject {
  cls: SubjectClass | 'unknown';
  owner?: OwnerClass;
  cand?: Candidate;
  sameClause: boolean;
}

const UNKNOWN: Subject = { cls: 'unknown', sameClause: false };

function antecedentOf(s: Sentence, rel: Candidate): Subject {
  for (let j = rel.start - 1; j >= 0 && j >= rel.start - 15; j--) {
    const c = s.candAt[j];
    if (c && c.cls !== 'relWho' && c.cls !== 'relWhich') {
      return { cls: c.cls, owner: c.owner, cand: c, sameClause: false };
    }
    if (c) j = c.start;
  }
  return {
    cls: rel.cls === 'relWho' ? 'role' : 'system',
    cand: rel,
    sameClause: false,
  };
}

function resolve(s: Sentence, c: Candidate, sameClause: boolean): Subject {
  if (c.cls === 'relWho' || c.cls === 'relWhich') return antecedentOf(s, c);
  return { cls: c.cls, owner: c.owner, cand: c, sameClause };
}

/** The subject of a clause: its first candidate before any verb. */
function clauseSubject(s: Sentence, k: number): Candidate | undefined {
  const clause = s.clauses[k];
  for (let j = clause.start; j < clause.end; j++) {
    const c = s.candAt[j];
    if (c) {
      if (!c.prepObj) return c;
      j = c.end;
      continue;
    }
    const t = s.tokens[j];
    if (j === clause.start && BOUNDARY_WORDS.has(t.lower)) continue;
    if (isVerbish(t)) return undefined;
  }
  return undefined;
}

function inheritedSubject(s: Sentence, clauseIndex: number): Subject {
  for (let k = clauseIndex - 1, hops = 0; k >= 0 && hops < 6; k--, hops++) {
    const clause = s.clauses[k];
    if (clause.end <= clause.start) continue;
    if (clause.marker && SUBORDINATORS.has(clause.marker)) continue;
    const c = clauseSubject(s, k);
    if (c) return resolve(s, c, false);
  }
  return UNKNOWN;
}

/** The subject of the verb at token `i`: nearest subject-like phrase before it. */
function subjectOf(s: Sentence, i: number): Subject {
  const k = s.clauseOf[i];
  const clause = s.clauses[k];
  for (
    let j = i - 1, steps = 0;
    j >= clause.start && steps < 40;
    j--, steps++
  ) {
    const c = s.candAt[j];
    if (!c) continue;
    if (c.prepObj) {
      j = c.start;
      continue;
    }
    if (
      clause.marker &&
      (clause.marker === 'who' ||
        clause.marker === 'which' ||
        clause.marker === 'that') &&
      c.start > clause.start
    ) {
      // "the engineer who deployed the change missed the alert": a verb
      // between the relative pronoun and this phrase makes it an object.
      const rel = s.candAt[clause.start];
      let verbBetween = false;
      for (let v = clause.start + 1; v < c.start; v++) {
        if (isVerbish(s.tokens[v])) verbBetween = true;
      }
      if (rel && verbBetween) return antecedentOf(s, rel);
    }
    return resolve(s, c, true);
  }
  return inheritedSubject(s, k);
}

/** The main subject of the clause containing token `i`. */
function clauseMainSubject(s: Sentence, i: number): Subject {
  const k = s.clauseOf[i];
  const c = clauseSubject(s, k);
  if (c && c.start < i) return resolve(s, c, true);
  return inheritedSubject(s, k);
}

const isPerson = (cls: Subject['cls']) =>
  cls === 'name' || cls === 'individual' || cls === 'role' || cls === 'group';
const isIndividual = (cls: Subject['cls']) =>
  cls === 'name' || cls === 'individual' || cls === 'role';
const isSystemLike = (cls: Subject['cls']) =>
  cls === 'system' || cls === 'thing';

// ---------------------------------------------------------------------------
// Rewrites

const MESSAGES: Record<BlamelessRule, string> = {
  'human-error':
    '"Human error" names a person as the cause and ends the inquiry. Describe the conditions that made the action possible or likely.',
  counterfactual:
    'Counterfactuals such as "should have" judge past actions with knowledge gained afterwards. Describe what people knew and saw at the time.',
  'failed-to':
    '"Failed to" with a person or team as the subject frames an omission as a personal failing. Describe what did not happen and why the system allowed it.',
  forgot:
    '"Forgot", "neglected" and "overlooked" blame memory or attention. Describe the step that did not happen and why nothing prompted it.',
  judgement:
    'Judgemental words about people assign character flaws. Describe the action and the conditions around it.',
  hindsight:
    'Words like "obviously", "clearly" and "simply" reflect hindsight: what is obvious afterwards was not obvious at the time.',
  'named-person':
    'A person is the subject of a failure. Put the system, the change or the conditions at the centre of the sentence.',
};

const SYSTEM_CLAUSES: Record<BlamelessRule, string> = {
  'human-error': 'the tooling did not guard against it',
  counterfactual: 'nothing in the tooling or process surfaced it at the time',
  'failed-to': 'nothing in the process required or verified that step',
  forgot:
    'the step depended on memory rather than on a checklist or automation',
  judgement: 'the process did not provide a safeguard for it',
  hindsight: 'the signal was not prominent at the time',
  'named-person': 'the safeguards in place did not catch it',
};

const GENERIC_SUGGESTION =
  'Describe what the system did and which conditions or missing safeguards allowed it, without judging or singling out a person.';

function capitalise(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

function decapitalise(s: string): string {
  if (s.length > 1 && /^\p{Lu}\p{Ll}/u.test(s) && !/^I\b/.test(s)) {
    return s[0].toLowerCase() + s.slice(1);
  }
  return s;
}

/** "the warnings were", "the page was". */
function wasNot(object: string, negated = true): string {
  const words = object.trim().split(/\s+/);
  let headIndex = words.length - 1;
  for (let k = 1; k < words.length; k++) {
    if (PREPOSITIONS.has(words[k].toLowerCase())) {
      headIndex = k - 1;
      break;
    }
  }
  const head = (words[headIndex] ?? '').toLowerCase();
  const plural =
    /\band\b/.test(object) ||
    (head.length > 3 && /[^isu]s$/.test(head) && !head.endsWith("'s")) ||
    /^(these|those|several|many|two|three|four|five|all|both)$/i.test(
      words[0] ?? '',
    );
  return `${object} ${plural ? 'were' : 'was'}${negated ? ' not' : ''}`;
}

const PAST_TO_PARTICIPLE: Record<string, string> = {
  ran: 'run',
  wrote: 'written',
  overwrote: 'overwritten',
  rewrote: 'rewritten',
  took: 'taken',
  broke: 'broken',
  did: 'done',
  gave: 'given',
  drove: 'driven',
  threw: 'thrown',
  chose: 'chosen',
  went: 'gone',
  saw: 'seen',
  forgot: 'forgotten',
  began: 'begun',
  blew: 'blown',
};

const GERUND_TO_PARTICIPLE: Record<string, string> = {
  running: 'run',
  using: 'used',
  applying: 'applied',
  restarting: 'restarted',
  deleting: 'deleted',
  editing: 'edited',
  changing: 'changed',
  targeting: 'targeted',
  run: 'run',
  chose: 'chosen',
};

/** Base form of a participle, good enough for "the step to <verb>". */
function participleLemma(pp: string): string {
  const [word, ...rest] = pp.split(' ');
  let base = word;
  if (word.endsWith('ed') && word.length > 4) {
    const stem = word.slice(0, -2);
    if (/([^aeiouls])\1$/.test(stem)) base = stem.slice(0, -1);
    else if (stem.endsWith('i')) base = `${stem.slice(0, -1)}y`;
    else if (
      /(at|iz|ur|ag|ov|iv|uc|ac|ic|ir|us|as|os|ud|[^o]ok|lv|rv|rg|bl|pl|tl|dl|gl|ng|ut)$/.test(
        stem,
      )
    ) {
      base = `${stem}e`;
    } else base = stem;
  } else {
    const irregular = Object.entries(IRREGULAR_PAST_PARTICIPLE).find(
      ([, v]) => v === word,
    );
    if (irregular) base = irregular[0];
  }
  return [base, ...rest].join(' ');
}

function pastParticiple(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR_PAST_PARTICIPLE[v]) return IRREGULAR_PAST_PARTICIPLE[v];
  if (v.endsWith('ed')) return v;
  if (v.endsWith('e')) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  if (v.length <= 4 && /[^aeiou][aeiou][bdgmnprt]$/.test(v)) {
    return `${v}${v[v.length - 1]}ed`;
  }
  return `${v}ed`;
}

function slice(s: Sentence, from: number, to: number): string {
  // Text of tokens [from, to), using the original spacing.
  if (to <= from || from >= s.tokens.length) return '';
  const a = s.tokens[from].start - s.offset;
  const b = s.tokens[Math.min(to, s.tokens.length) - 1].end - s.offset;
  return s.text.slice(a, b);
}

/** Text of the sentence before token `i`, e.g. "During the incident, ". */
function lead(s: Sentence, i: number): string {
  if (i <= 0 || i >= s.tokens.length) return '';
  const t = s.tokens[i];
  const before = s.text.slice(0, t.start - s.offset);
  const relative =
    s.candAt[i] && s.candAt[i]!.start === i && s.candAt[i]!.cls === 'relWhich';
  if (
    BOUNDARY_WORDS.has(t.lower) &&
    !set('who whom which').has(t.lower) &&
    !relative
  ) {
    return `${before}${t.lower} `;
  }
  return before;
}

/**
 * Text of the sentence after token `i`, without the final punctuation.
 * A continuation that shares the flagged subject ("... and continued the
 * rollout") is dropped, since the rewrite no longer has that subject.
 */
function trail(s: Sentence, i: number): string {
  if (i >= s.tokens.length) return '';
  let k = i;
  while (k < s.tokens.length && s.tokens[k].punct) k++;
  const conj = s.tokens[k];
  const after = s.tokens[k + 1];
  if (isWord(conj) && (conj.lower === 'who' || conj.lower === 'whom'))
    return '';
  if (
    isWord(conj) &&
    set('and but or then').has(conj.lower) &&
    isWord(after) &&
    isVerbish(after) &&
    !s.candAt[k + 1]
  ) {
    return '';
  }
  const from = i === 0 ? 0 : s.tokens[i - 1].end - s.offset;
  return s.text.slice(from).replace(/[.!?\s]+$/u, '');
}

interface ObjectSplit {
  object: string;
  /** Everything after the object up to the end of the clause. */
  tail: string;
  /** Token index where the clause ends. */
  clauseEnd: number;
}

const OBJECT_PREPOSITIONS = set('of on in from');

/**
 * Split "the migration before the deploy" into object and tail. With
 * `withPrepositions`, "the warning in the deploy log" stays one object.
 */
function splitObject(
  s: Sentence,
  from: number,
  withPrepositions = false,
): ObjectSplit {
  const clauseEnd =
    from < s.tokens.length ? s.clauses[s.clauseOf[from]].end : from;
  let j = from;
  let words = 0;
  while (j < clauseEnd) {
    const t = s.tokens[j];
    if (t.punct || TIME_WORDS.has(t.lower) || t.lower === 'as') break;
    if (
      t.lower.endsWith('ly') &&
      !s.candAt[j] &&
      !(j > from && DETERMINERS.has(s.tokens[j - 1].lower))
    ) {
      break;
    }
    if (PREPOSITIONS.has(t.lower)) {
      if (!(withPrepositions && j > from && OBJECT_PREPOSITIONS.has(t.lower))) {
        break;
      }
    } else if (
      j > from &&
      isVerbish(t) &&
      !s.candAt[j] &&
      !t.lower.endsWith('ing') &&
      !DETERMINERS.has(s.tokens[j - 1].lower)
    ) {
      break;
    }
    if (++words > 8) break;
    j++;
  }
  return {
    object: slice(s, from, j),
    tail: slice(s, j, clauseEnd),
    clauseEnd,
  };
}

function finish(
  prefix: string,
  core: string,
  rest: string,
  rule: BlamelessRule,
): string {
  const body = prefix ? `${prefix}${decapitalise(core)}` : capitalise(core);
  let out = `${body}${rest}`.replace(/\s+/g, ' ').trim();
  out = out.replace(/[;,:\s]+$/u, '');
  if (!/\b(because|since|as the|due to)\b/i.test(rest)) {
    out += `; ${SYSTEM_CLAUSES[rule]}`;
  }
  return `${capitalise(out)}.`;
}

/**
 * Rewrite "X <trigger> to V O tail" as "O was not V-ed tail".
 * `verbIndex` points at V.
 */
function rewriteOmission(
  s: Sentence,
  prefixEnd: number,
  verbIndex: number,
  rule: BlamelessRule,
): string {
  const verb = s.tokens[verbIndex];
  if (!isWord(verb)) return '';
  let pp = pastParticiple(verb.lower);
  let from = verbIndex + 1;
  const particle = s.tokens[from];
  if (isWord(particle) && PARTICLES.has(particle.lower)) {
    pp = `${pp} ${particle.lower}`;
    from++;
  }
  const wh = s.tokens[from];
  if (
    isWord(wh) &&
    set('whether if what which how when where who').has(wh.lower)
  ) {
    let stop = from + 1;
    while (stop < s.tokens.length && !s.tokens[stop].punct) stop++;
    return finish(
      lead(s, prefixEnd),
      `it was not ${pp} ${slice(s, from, stop)}`,
      trail(s, stop),
      rule,
    );
  }
  const { object, tail, clauseEnd } = splitObject(s, from);
  const rest = trail(s, clauseEnd);
  const first = s.tokens[from + (object ? object.split(/\s+/).length : 0)];
  const joined =
    tail && isWord(first) && isVerbish(first) ? `, which ${tail}` : ` ${tail}`;
  const core = object
    ? `${wasNot(object)} ${pp}${tail ? joined : ''}`
    : `the step to ${verb.lower}${tail ? ` ${tail}` : ''} did not happen`;
  return finish(lead(s, prefixEnd), core, rest, rule);
}

function prefixEndFor(s: Sentence, subject: Subject, trigger: number): number {
  if (!subject.cand) return s.clauses[s.clauseOf[trigger]].start;
  let k = s.clauseOf[subject.cand.start];
  // "Ada and Liam failed to ...": the whole coordinated subject goes.
  while (
    k > 0 &&
    (s.clauses[k].marker === 'and' || s.clauses[k].marker === 'or')
  ) {
    const prev = s.clauses[k - 1];
    const c = s.candAt[prev.start];
    if (!c || c.end !== prev.end - 1 || !isPerson(c.cls)) break;
    k--;
  }
  return s.clauses[k].start;
}

function replaceSpan(
  s: Sentence,
  from: number,
  to: number,
  replacement: string,
): string {
  const a = s.tokens[from].start - s.offset;
  const b = s.tokens[to - 1].end - s.offset;
  let out = `${s.text.slice(0, a)}${replacement}${s.text.slice(b)}`;
  out = out
    .replace(/\s+([,;.!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:]+/u, '')
    .trim();
  out = capitalise(out);
  if (!/[.!?]$/.test(out)) out += '.';
  return out;
}

// ---------------------------------------------------------------------------
// Rules

interface RawFinding {
  rule: BlamelessRule;
  from: number; // token index
  to: number; // token index, inclusive
  suggestion: string;
}

type RuleFn = (s: Sentence, out: RawFinding[]) => void;

function nextWord(s: Sentence, i: number): Token | undefined {
  const t = s.tokens[i + 1];
  return isWord(t) ? t : undefined;
}

function prevWord(s: Sentence, i: number): Token | undefined {
  const t = s.tokens[i - 1];
  return isWord(t) ? t : undefined;
}

function negatedBefore(s: Sentence, i: number, window: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - window; j--) {
    const t = s.tokens[j];
    if (t.punct) return false;
    if (NEGATORS.has(t.lower) || t.lower.endsWith("n't")) return true;
  }
  return false;
}

const humanErrorRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    if (t.lower === 'pebkac' || t.lower === 'pebcak' || t.lower === 'id10t') {
      out.push({
        rule: 'human-error',
        from: i,
        to: i,
        suggestion: replaceSpan(
          s,
          i,
          i + 1,
          'a manual step that the tooling did not guard against',
        ),
      });
      continue;
    }
    const next = nextWord(s, i);
    if (!next || !HUMAN_ERROR_PREFIX.has(t.lower)) continue;
    if (!HUMAN_ERROR_NOUNS.has(next.lower)) continue;
    const after = nextWord(s, i + 1);
    if (after && TECHNICAL_ERROR_FOLLOWERS.has(after.lower)) continue;
    const prev = prevWord(s, i);
    const from =
      prev && (prev.lower === 'a' || prev.lower === 'an') ? i - 1 : i;
    const plural = next.lower.endsWith('s');
    out.push({
      rule: 'human-error',
      from: i,
      to: i + 1,
      suggestion: replaceSpan(
        s,
        from,
        i + 2,
        plural
          ? 'manual steps that the tooling did not guard against'
          : 'a manual step that the tooling did not guard against',
      ),
    });
  }
};

function isParticiple(t: Token | undefined): boolean {
  if (!isWord(t)) return false;
  const w = t.lower;
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  return w.length > 3 && w.endsWith('ed') && !NOT_VERBS_ENDING_ED.has(w);
}

/** True when the sentence makes the counterfactual about a system. */
function hasSystemCondition(s: Sentence, except: number): boolean {
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.punct || !CONDITION_MARKERS.has(t.lower)) continue;
    if (t.lower === 'had' && i !== 0) continue;
    if (i === except) continue;
    const clauseEnd = s.clauses[s.clauseOf[i]].end;
    for (let j = i + 1; j < clauseEnd && j <= i + 6; j++) {
      const c = s.candAt[j];
      if (!c) continue;
      if (isSystemLike(c.cls)) return true;
      break;
    }
  }
  return false;
}

function agentIsSystem(s: Sentence, from: number): boolean {
  const clauseEnd =
    s.clauses[s.clauseOf[Math.min(from, s.tokens.length - 1)]]?.end ?? from;
  for (let j = from; j < clauseEnd && j < from + 8; j++) {
    const t = s.tokens[j];
    if (t.punct) return false;
    if (t.lower === 'automatically') return true;
    if (t.lower !== 'by') continue;
    // "by the parser": any agent that is not a person
    for (let k = j + 1; k < clauseEnd && k <= j + 5; k++) {
      const c = s.candAt[k];
      if (c) return !isPerson(c.cls);
    }
    const agent = s.tokens[j + 1];
    return isWord(agent) && !/ing$/.test(agent.lower);
  }
  return false;
}

const counterfactualRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    let modal = t.lower;
    let j = i + 1;
    let hasHave = COUNTERFACTUAL_MODALS.get(modal);
    if (modal === 'ought' && tokens[j]?.lower === 'to') {
      hasHave = false;
      j++;
    } else if (hasHave === undefined) {
      continue;
    }
    if (modal === 'ought') modal = 'should';
    // optional "not" and adverbs before "have"
    while (isWord(tokens[j]) && FILLER_ADVERBS.has(tokens[j].lower)) j++;
    if (!hasHave) {
      if (!isWord(tokens[j]) || tokens[j].lower !== 'have') continue;
      j++;
    }
    while (isWord(tokens[j]) && FILLER_ADVERBS.has(tokens[j].lower)) j++;
    const part = tokens[j];
    if (!isParticiple(part)) continue;
    const obligation = OBLIGATION_MODALS.has(modal);
    let flag = false;
    let passiveVerb = -1;
    if (part.lower === 'been') {
      let k = j + 1;
      while (isWord(tokens[k]) && FILLER_ADVERBS.has(tokens[k].lower)) k++;
      const pp = tokens[k];
      if (isParticiple(pp)) passiveVerb = k;
    }
    const subject = subjectOf(s, i);
    if (passiveVerb >= 0) {
      const pp = tokens[passiveVerb].lower;
      if (isPerson(subject.cls)) {
        // "the on-call should have been paged": about the paging, not the person
        flag = false;
      } else if (
        HUMAN_DILIGENCE_PARTICIPLES.has(pp) &&
        !agentIsSystem(s, passiveVerb + 1)
      ) {
        flag = obligation || !hasSystemCondition(s, -1);
      }
    } else if (isPerson(subject.cls)) {
      flag = obligation || !hasSystemCondition(s, -1);
    }
    if (!flag) continue;
    const end = passiveVerb >= 0 ? passiveVerb : j;
    out.push({
      rule: 'counterfactual',
      from: i,
      to: end,
      suggestion: counterfactualSuggestion(s, subject, i, j, passiveVerb),
    });
    i = end;
  }
  // "Mateo was supposed to monitor the rollout"
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (tokens[i].lower !== 'supposed' || tokens[i + 1].lower !== 'to')
      continue;
    if (!set("was were wasn't weren't is are").has(tokens[i - 1].lower))
      continue;
    const subject = subjectOf(s, i - 1);
    if (!isPerson(subject.cls)) continue;
    out.push({
      rule: 'counterfactual',
      from: i - 1,
      to: i + 1,
      suggestion:
        rewriteOmission(
          s,
          prefixEndFor(s, subject, i),
          i + 2,
          'counterfactual',
        ) || GENERIC_SUGGESTION,
    });
  }
  // "If Ada had checked ..." / "Had the engineer checked ..."
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const isIf = t.lower === 'if';
    const isHad = t.lower === 'had' && (i === 0 || tokens[i - 1].punct);
    if (!isIf && !isHad) continue;
    const c = s.candAt[i + 1] ?? s.candAt[i + 2];
    if (!c || !isPerson(c.cls)) continue;
    let j = c.end + 1;
    if (isIf) {
      while (isWord(tokens[j]) && FILLER_ADVERBS.has(tokens[j].lower)) j++;
      if (!isWord(tokens[j]) || tokens[j].lower !== 'had') continue;
      j++;
    }
    while (isWord(tokens[j]) && FILLER_ADVERBS.has(tokens[j].lower)) j++;
    const part = tokens[j];
    if (!isParticiple(part) || part.lower === 'been') continue;
    const pp = part.lower;
    const { object, tail } = splitObject(s, j + 1);
    const core = object
      ? `${wasNot(object)} ${pp}${tail ? ` ${tail}` : ''}`
      : `the step to ${participleLemma(pp)}${
          tail ? ` ${tail}` : ''
        } did not happen`;
    const clauseEnd = s.clauses[s.clauseOf[j]].end;
    const rest = trail(s, clauseEnd);
    out.push({
      rule: 'counterfactual',
      from: i,
      to: j,
      suggestion: finish(
        lead(s, i),
        core,
        /\b(would|could|might)\b/i.test(rest) ? '' : rest,
        'counterfactual',
      ),
    });
  }
};

function counterfactualSuggestion(
  s: Sentence,
  subject: Subject,
  modalIndex: number,
  partIndex: number,
  passiveVerb: number,
): string {
  const { tokens } = s;
  // "should not have deployed": the action did happen.
  let negated = tokens[modalIndex].lower.includes("n't");
  for (let k = modalIndex + 1; k < partIndex; k++) {
    if (tokens[k].lower === 'not' || tokens[k].lower === 'never')
      negated = true;
  }
  const clauseIndex = s.clauseOf[modalIndex];
  const clauseEnd = s.clauses[clauseIndex].end;
  if (passiveVerb >= 0) {
    const clauseStart = s.clauses[clauseIndex].start;
    const subj = slice(s, clauseStart, modalIndex) || 'it';
    let pp = tokens[passiveVerb].lower;
    let from = passiveVerb + 1;
    if (isWord(tokens[from]) && PARTICLES.has(tokens[from].lower)) {
      pp = `${pp} ${tokens[from].lower}`;
      from++;
    }
    const tail = slice(s, from, clauseEnd);
    return finish(
      lead(s, clauseStart),
      `${wasNot(subj, !negated)} ${pp}${tail ? ` ${tail}` : ''}`,
      trail(s, clauseEnd),
      'counterfactual',
    );
  }
  const part = tokens[partIndex].lower;
  const prefixEnd = prefixEndFor(s, subject, modalIndex);
  const next = tokens[partIndex + 1];
  if (
    set('known realised realized noticed seen understood expected').has(part) &&
    isWord(next) &&
    (next.lower === 'that' ||
      set('which what how where when whether who').has(next.lower))
  ) {
    const rest = trail(
      s,
      next.lower === 'that' ? partIndex + 2 : partIndex + 1,
    );
    return finish(
      lead(s, prefixEnd),
      next.lower === 'that'
        ? `at the time it was not visible that ${rest.trim()}`
        : `at the time it was not clear ${rest.trim()}`,
      '',
      'counterfactual',
    );
  }
  if (part === 'known' && isWord(next) && next.lower === 'to') {
    const rest = trail(s, partIndex + 2);
    return finish(
      lead(s, prefixEnd),
      `at the time the need to ${rest.trim()} was not visible`,
      '',
      'counterfactual',
    );
  }
  if (part === 'had') {
    const { object, tail, clauseEnd: end } = splitObject(s, partIndex + 1);
    return finish(
      lead(s, prefixEnd),
      object
        ? `${wasNot(object)} in place${tail ? ` ${tail}` : ''}`
        : 'that safeguard was not in place',
      trail(s, end),
      'counterfactual',
    );
  }
  let pp = part;
  let from = partIndex + 1;
  if (isWord(tokens[from]) && PARTICLES.has(tokens[from].lower)) {
    pp = `${pp} ${tokens[from].lower}`;
    from++;
  }
  const { object, tail, clauseEnd: end } = splitObject(s, from);
  const rest = trail(s, end);
  let when = ' at the time';
  if (tail) when = ` ${tail}`;
  else if (rest || negated) when = '';
  let core: string;
  if (object) core = `${wasNot(object, !negated)} ${pp}${when}`;
  else if (negated) core = `it was ${pp}${when}`;
  else
    core = `the step to ${participleLemma(pp)}${
      tail ? ` ${tail}` : ''
    } did not happen`;
  return finish(lead(s, prefixEnd), core, rest, 'counterfactual');
}

const failedToRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    const next = tokens[i + 1];
    if (!isWord(next) || next.lower !== 'to') continue;
    if (t.lower === 'failure' || t.lower === 'failures') {
      // "Ada's failure to", "our failure to", "the team's failure to"
      const c = s.candAt[i];
      const prev = tokens[i - 1];
      const personal =
        (c && c.cls === 'personPoss') ||
        (isWord(prev) && set('our their his her my your').has(prev.lower));
      if (!personal) continue;
      const from = c && c.cls === 'personPoss' ? c.start : i - 1;
      out.push({
        rule: 'failed-to',
        from,
        to: i + 1,
        suggestion:
          rewriteOmission(s, from, i + 2, 'failed-to') || GENERIC_SUGGESTION,
      });
      continue;
    }
    if (!set('failed fails fail failing').has(t.lower)) continue;
    const subject = subjectOf(s, i);
    if (!isPerson(subject.cls)) continue;
    out.push({
      rule: 'failed-to',
      from: i,
      to: i + 1,
      suggestion:
        rewriteOmission(s, prefixEndFor(s, subject, i), i + 2, 'failed-to') ||
        GENERIC_SUGGESTION,
    });
  }
};

const forgotRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    if (MISSED_WORDS.has(t.lower)) {
      const subject = subjectOf(s, i);
      if (!isPerson(subject.cls)) continue;
      out.push({
        rule: 'forgot',
        from: i,
        to: i,
        suggestion: forgotSuggestion(s, subject, i, false, -1),
      });
      continue;
    }
    if (!FORGOT_WORDS.has(t.lower)) continue;
    let p = i - 1;
    while (p >= 0 && isWord(tokens[p]) && FILLER_ADVERBS.has(tokens[p].lower))
      p--;
    const passive =
      p >= 0 && isWord(tokens[p]) && PASSIVE_AUX.has(tokens[p].lower);
    const subject = subjectOf(s, i);
    if (passive) {
      if (agentIsSystem(s, i + 1)) continue;
    } else if (isSystemLike(subject.cls) || subject.cls === 'personPoss') {
      continue;
    }
    out.push({
      rule: 'forgot',
      from: i,
      to: i,
      suggestion: forgotSuggestion(s, subject, i, passive, p),
    });
  }
};

function forgotSuggestion(
  s: Sentence,
  subject: Subject,
  i: number,
  passive: boolean,
  auxIndex: number,
): string {
  const { tokens } = s;
  const clauseStart = s.clauses[s.clauseOf[i]].start;
  if (passive) {
    const subj = slice(s, clauseStart, auxIndex) || 'this step';
    const clauseEnd = s.clauses[s.clauseOf[i]].end;
    const tail = slice(s, i + 1, clauseEnd);
    return finish(
      lead(s, clauseStart),
      `${wasNot(subj)} acted on${tail ? ` ${tail}` : ''}`,
      trail(s, clauseEnd),
      'forgot',
    );
  }
  const prefixEnd = prefixEndFor(s, subject, i);
  const next = tokens[i + 1];
  if (isWord(next) && next.lower === 'to') {
    return rewriteOmission(s, prefixEnd, i + 2, 'forgot') || GENERIC_SUGGESTION;
  }
  if (isWord(next) && (next.lower === 'that' || next.lower === 'about')) {
    const rest = trail(s, i + 2);
    return finish(
      lead(s, prefixEnd),
      next.lower === 'that'
        ? `at the time it was not visible that ${rest.trim()}`
        : `${rest.trim()} was not prominent at the time`,
      '',
      'forgot',
    );
  }
  const { object, tail, clauseEnd } = splitObject(s, i + 1, true);
  return finish(
    lead(s, prefixEnd),
    object
      ? `${wasNot(object)} acted on${tail ? ` ${tail}` : ''}`
      : 'this step did not happen',
    trail(s, clauseEnd),
    'forgot',
  );
}

const judgementRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    const w = t.lower;
    const next = nextWord(s, i);
    const prev = prevWord(s, i);
    if (JUDGEMENT_WORDS.has(w)) {
      if (
        (w === 'lazy' || w === 'lazily') &&
        next &&
        LAZY_TECH_FOLLOWERS.has(next.lower)
      ) {
        continue;
      }
      out.push({
        rule: 'judgement',
        from: i,
        to: i,
        suggestion: judgementRewrite(s, i),
      });
      continue;
    }
    // "was not careful enough"
    if (DILIGENCE_ADJECTIVES.has(w) && negatedBefore(s, i, 2)) {
      const subject = subjectOf(s, i);
      if (isPerson(subject.cls)) {
        let from = i - 1;
        while (
          from > 0 &&
          isWord(tokens[from - 1]) &&
          !OBVIOUS_BE.has(tokens[from - 1].lower) &&
          from > i - 3
        )
          from--;
        const to = next && next.lower === 'enough' ? i + 1 : i;
        out.push({
          rule: 'judgement',
          from: i,
          to,
          suggestion: finish(
            lead(s, prefixEndFor(s, subject, i)),
            `the work${trail(s, to + 1)} lacked adequate safeguards`,
            '',
            'judgement',
          ),
        });
        continue;
      }
    }
    if (BLAME_WORDS.has(w)) {
      if (next && FAULT_TECH_FOLLOWERS.has(next.lower)) continue;
      if (prev && prev.lower === 'git') continue;
      if (negatedBefore(s, i, 3)) continue;
      out.push({
        rule: 'judgement',
        from: i,
        to: i,
        suggestion: finish(
          '',
          'several conditions combined to produce the failure, and they are described below',
          '',
          'judgement',
        ),
      });
      continue;
    }
    if (MISTAKE_NOUNS.has(w)) {
      // "the mistake was made by the on-call engineer"
      const clauseEnd = s.clauses[s.clauseOf[i]].end;
      let byPerson = -1;
      for (let j = i + 1; j < clauseEnd && j <= i + 5; j++) {
        if (tokens[j].lower !== 'by') continue;
        for (let k = j + 1; k < clauseEnd && k <= j + 4; k++) {
          const c = s.candAt[k];
          if (c) {
            if (isPerson(c.cls)) byPerson = c.end;
            break;
          }
        }
        break;
      }
      if (byPerson >= 0) {
        out.push({
          rule: 'judgement',
          from: i,
          to: byPerson,
          suggestion: finish(
            '',
            `the ${w.replace(
              /s$/,
              '',
            )} came from a step that the tooling did not guard against`,
            trail(s, clauseEnd),
            'judgement',
          ),
        });
        continue;
      }
      // "the team keeps making the same mistake"
      let make = -1;
      for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
        if (tokens[j].punct) break;
        if (MAKE_FORMS.has(tokens[j].lower)) {
          make = j;
          break;
        }
      }
      if (make >= 0 && isPerson(subjectOf(s, make).cls)) {
        out.push({
          rule: 'judgement',
          from: make,
          to: i,
          suggestion: replaceSpan(
            s,
            s.clauses[s.clauseOf[make]].start,
            i + 1,
            'the same failure mode recurs',
          ),
        });
        continue;
      }
      const c = s.candAt[i];
      const personal =
        (c && c.cls === 'personPoss' && c.owner !== undefined) ||
        (prev && set('our their his her my your').has(prev.lower));
      if (!personal) continue;
      const from = c && c.cls === 'personPoss' ? c.start : i - 1;
      out.push({
        rule: 'judgement',
        from,
        to: i,
        suggestion: replaceSpan(s, from, i + 1, 'the change'),
      });
      continue;
    }
    // "nobody bothered to", "didn't bother to"
    if ((w === 'bothered' || w === 'bother') && next?.lower === 'to') {
      const subject = subjectOf(s, i);
      if (!isPerson(subject.cls) && !(prev && NEGATORS.has(prev.lower)))
        continue;
      out.push({
        rule: 'judgement',
        from: i,
        to: i + 1,
        suggestion:
          rewriteOmission(s, prefixEndFor(s, subject, i), i + 2, 'judgement') ||
          GENERIC_SUGGESTION,
      });
      continue;
    }
    // group subjects with judgemental failure verbs ("the team ignored ...")
    const phrasal = PHRASAL_FAILURE.get(w);
    const isJudgementVerb =
      JUDGEMENT_PERSON_VERBS.has(w) ||
      (phrasal &&
        next &&
        phrasal.has(next.lower) &&
        (w === 'messed' ||
          w === 'screwed' ||
          w === 'mucked' ||
          w === 'fouled')) ||
      (w === 'dropped' &&
        next?.lower === 'the' &&
        tokens[i + 2]?.lower === 'ball');
    if (!isJudgementVerb) continue;
    const subject = subjectOf(s, i);
    const aux = prevWord(s, i);
    if (
      aux &&
      PASSIVE_AUX.has(aux.lower) &&
      JUDGEMENT_PERSON_VERBS.has(w) &&
      !agentIsSystem(s, i + 1)
    ) {
      // "the release was botched by the mobile team"
      const clauseStart = s.clauses[s.clauseOf[i]].start;
      const clauseEnd = s.clauses[s.clauseOf[i]].end;
      const subj = slice(s, clauseStart, i - 1) || 'the work';
      out.push({
        rule: 'judgement',
        from: i,
        to: i,
        suggestion: finish(
          lead(s, clauseStart),
          `${subj} did not go as planned`,
          trail(s, clauseEnd),
          'judgement',
        ),
      });
      continue;
    }
    if (subject.cls !== 'group') continue;
    let to = i;
    if (w === 'dropped') to = i + 2;
    else if (phrasal) to = i + 1;
    const { object, tail, clauseEnd } = splitObject(s, to + 1, true);
    out.push({
      rule: 'judgement',
      from: i,
      to,
      suggestion: finish(
        lead(s, prefixEndFor(s, subject, i)),
        object
          ? `${wasNot(object)} acted on${tail ? ` ${tail}` : ''}`
          : 'the work did not go as planned',
        trail(s, clauseEnd),
        'judgement',
      ),
    });
  }
};

function judgementRewrite(s: Sentence, i: number): string {
  const w = s.tokens[i].lower;
  const prev = prevWord(s, i);
  if (/ly$/.test(w)) return replaceSpan(s, i, i + 1, '');
  if (/(ness|ence|ance|ion)$/.test(w)) {
    const prevTok = s.tokens[i - 1];
    const from =
      isWord(prevTok) &&
      set('the a an his her their our my your').has(prevTok.lower)
        ? i - 1
        : i;
    const possessor = s.candAt[i];
    const start =
      possessor && possessor.cls === 'personPoss' ? possessor.start : from;
    return replaceSpan(s, start, i + 1, 'a gap in safeguards');
  }
  // "was too lazy to check" -> "was not prompted to check"
  if (prev && (prev.lower === 'too' || prev.lower === 'so')) {
    return replaceSpan(s, i - 1, i + 1, 'not prompted');
  }
  if (prev && OBVIOUS_BE.has(prev.lower)) {
    const next = nextWord(s, i);
    const clauseEnd = s.clauses[s.clauseOf[i]].end;
    if (next && next.lower === 'with') {
      const { object, tail } = splitObject(s, i + 2, true);
      if (object) {
        const rest = trail(s, clauseEnd);
        return `${capitalise(
          `${object} lacked adequate safeguards${
            tail ? ` ${tail}` : ''
          }${rest}`,
        )}.`;
      }
    }
    const subject = subjectOf(s, i - 1);
    if (isPerson(subject.cls)) {
      return `${capitalise(
        `the work lacked adequate safeguards${trail(s, i + 1)}`,
      )}.`;
    }
    return replaceSpan(s, i - 1, i + 1, 'lacked adequate safeguards');
  }
  return replaceSpan(s, i, i + 1, '');
}

const hindsightRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.punct) continue;
    const w = t.lower;
    const next = nextWord(s, i);
    const prev = prevWord(s, i);
    if (w === 'obviously') {
      if (negatedBefore(s, i, 2)) continue;
      out.push({
        rule: 'hindsight',
        from: i,
        to: i,
        suggestion: replaceSpan(s, i, i + 1, ''),
      });
      continue;
    }
    if (w === 'obvious') {
      if (negatedBefore(s, i, 3)) continue;
      const flagged =
        (prev && OBVIOUS_BE.has(prev.lower)) ||
        (next && OBVIOUS_FLAG_FOLLOWERS.has(next.lower));
      if (!flagged) continue;
      out.push({
        rule: 'hindsight',
        from: i,
        to: i,
        suggestion: replaceSpan(s, i, i + 1, 'visible afterwards'),
      });
      continue;
    }
    if (w === 'clearly') {
      if (prev && CLEARLY_NEUTRAL_PRECEDERS.has(prev.lower)) continue;
      if (next && CLEARLY_NEUTRAL_FOLLOWERS.has(next.lower)) continue;
      if (negatedBefore(s, i, 1)) continue;
      out.push({
        rule: 'hindsight',
        from: i,
        to: i,
        suggestion: replaceSpan(s, i, i + 1, ''),
      });
      continue;
    }
    if (w === 'clear' && next?.lower === 'that' && prev) {
      const be = OBVIOUS_BE.has(prev.lower) || prev.lower.endsWith("'s");
      if (!be || negatedBefore(s, i, 2) || prev.lower === 'now') continue;
      out.push({
        rule: 'hindsight',
        from: i,
        to: i,
        suggestion: replaceSpan(s, i, i + 1, 'visible afterwards'),
      });
      continue;
    }
    if (w === 'simply') {
      const modalLike = next && set('had needed have has').has(next.lower);
      const flagged =
        (next &&
          SIMPLY_FLAG_FOLLOWERS.has(next.lower) &&
          (!modalLike || tokens[i + 2]?.lower === 'to')) ||
        (prev && SIMPLY_FLAG_PRECEDERS.has(prev.lower));
      if (!flagged) continue;
      out.push({
        rule: 'hindsight',
        from: i,
        to: i,
        suggestion: replaceSpan(s, i, i + 1, ''),
      });
      continue;
    }
    if ((w === 'just' || w === 'only') && next) {
      const third = tokens[i + 2];
      if (
        (next.lower === 'had' || next.lower === 'needed') &&
        isWord(third) &&
        third.lower === 'to'
      ) {
        out.push({
          rule: 'hindsight',
          from: i,
          to: i + 2,
          suggestion: replaceSpan(s, i, i + 3, 'needed to'),
        });
        i += 2;
      }
      continue;
    }
    if (w === 'all') {
      // "all he had to do was ..."
      for (let j = i + 1; j <= i + 4 && j + 2 < tokens.length; j++) {
        if (
          tokens[j].lower === 'had' &&
          tokens[j + 1].lower === 'to' &&
          tokens[j + 2].lower === 'do'
        ) {
          out.push({
            rule: 'hindsight',
            from: i,
            to: j + 2,
            suggestion: finish(
              '',
              'the required step was not prompted by the tooling',
              '',
              'hindsight',
            ),
          });
          break;
        }
      }
      continue;
    }
    if (w === 'easily' && next) {
      let j = i + 1;
      while (isWord(tokens[j]) && set('have been be').has(tokens[j].lower)) j++;
      const v = tokens[j];
      if (
        isWord(v) &&
        set('avoided prevented caught spotted fixed').has(v.lower)
      ) {
        out.push({
          rule: 'hindsight',
          from: i,
          to: i,
          suggestion: replaceSpan(s, i, i + 1, ''),
        });
      }
    }
  }
};

interface FailureMatch {
  /** First and last token of the verb phrase. */
  from: number;
  to: number;
  kind:
    | 'verb'
    | 'phrasal'
    | 'careless'
    | 'mistake'
    | 'ball'
    | 'omission'
    | 'responsible'
    | 'without'
    | 'wrong-target'
    | 'shipped-bad';
}

const IRREGULAR_PAST: Record<string, string> = {
  read: 'read',
  ran: 'run',
  saw: 'see',
  told: 'tell',
  paid: 'pay',
  thought: 'think',
};

/** Base form of a regular or common irregular past tense verb. */
function lemma(w: string): string {
  if (IRREGULAR_PAST[w]) return IRREGULAR_PAST[w];
  if (!w.endsWith('ed') || w.length < 5) return w;
  const stem = w.slice(0, -2);
  if (OMITTED_ACTIONS.has(stem)) return stem;
  if (OMITTED_ACTIONS.has(`${stem}e`)) return `${stem}e`;
  if (stem.endsWith('i') && OMITTED_ACTIONS.has(`${stem.slice(0, -1)}y`)) {
    return `${stem.slice(0, -1)}y`;
  }
  if (/(.)\1$/.test(stem) && OMITTED_ACTIONS.has(stem.slice(0, -1))) {
    return stem.slice(0, -1);
  }
  return stem;
}

function matchFailure(s: Sentence, i: number): FailureMatch | undefined {
  const { tokens } = s;
  const t = tokens[i];
  if (t.punct) return undefined;
  const w = t.lower;
  const next = tokens[i + 1];
  const nw = isWord(next) ? next.lower : '';
  if (FAILURE_VERBS.has(w)) {
    // "failed over" is an operation, not a failure of the person.
    if ((w === 'failed' || w === 'fails') && (nw === 'over' || nw === 'back')) {
      return undefined;
    }
    return { from: i, to: i, kind: 'verb' };
  }
  const phrasal = PHRASAL_FAILURE.get(w);
  if (phrasal && phrasal.has(nw))
    return { from: i, to: i + 1, kind: 'phrasal' };
  if (CARELESS_ADVERBS.has(w) && isWord(next) && !isFunctionWord(nw)) {
    return { from: i, to: i + 1, kind: 'careless' };
  }
  if (w === 'made' && (nw === 'a' || nw === 'an')) {
    const n = tokens[i + 2];
    if (
      isWord(n) &&
      (MISTAKE_NOUNS.has(n.lower) || set('error typo bad').has(n.lower))
    ) {
      return { from: i, to: i + 2, kind: 'mistake' };
    }
  }
  if (w === 'dropped' && nw === 'the' && tokens[i + 2]?.lower === 'ball') {
    return { from: i, to: i + 2, kind: 'ball' };
  }
  if (w === 'did' || w === "didn't" || w === 'never') {
    let j = i + 1;
    if (w === 'did') {
      if (nw !== 'not') return undefined;
      j++;
    }
    const v = tokens[j];
    if (
      isWord(v) &&
      OMITTED_ACTIONS.has(w === 'never' ? lemma(v.lower) : v.lower)
    ) {
      return { from: i, to: j, kind: 'omission' };
    }
    return undefined;
  }
  if (
    (w === 'was' || w === 'is') &&
    nw === 'responsible' &&
    tokens[i + 2]?.lower === 'for'
  ) {
    for (let j = i + 3; j < tokens.length && j <= i + 7; j++) {
      if (tokens[j].punct) break;
      if (OUTCOME_NOUNS.has(tokens[j].lower)) {
        return { from: i, to: i + 2, kind: 'responsible' };
      }
    }
    return undefined;
  }
  if (
    (w === 'was' || w === 'is') &&
    nw === 'to' &&
    tokens[i + 2]?.lower === 'blame'
  ) {
    return { from: i, to: i + 2, kind: 'responsible' };
  }
  if (w === 'without' && isWord(next) && DILIGENCE_GERUNDS.has(nw)) {
    return { from: i, to: i + 1, kind: 'without' };
  }
  if (
    w === 'instead' &&
    nw === 'of' &&
    isWord(tokens[i + 2]) &&
    DILIGENCE_GERUNDS.has(tokens[i + 2].lower)
  ) {
    return { from: i, to: i + 2, kind: 'without' };
  }
  if (OPERATING_VERBS.has(w)) {
    for (let j = i + 1; j < tokens.length && j <= i + 6; j++) {
      if (tokens[j].punct) break;
      if (WRONG_WORDS.has(tokens[j].lower)) {
        return { from: i, to: i, kind: 'wrong-target' };
      }
    }
  }
  if (SHIPPING_VERBS.has(w)) {
    for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
      if (tokens[j].punct) break;
      if (BAD_OUTCOME_WORDS.has(tokens[j].lower)) {
        return { from: i, to: i, kind: 'shipped-bad' };
      }
    }
  }
  return undefined;
}

const namedPersonRule: RuleFn = (s, out) => {
  const { tokens } = s;
  for (let i = 0; i < tokens.length; i++) {
    const m = matchFailure(s, i);
    if (!m) continue;
    let subject =
      m.kind === 'without' ? clauseMainSubject(s, i) : subjectOf(s, i);
    if (m.kind === 'without' && subject.cls === 'unknown') {
      // "Instead of following the runbook, Lucas improvised a fix."
      const k = s.clauseOf[i];
      const next = s.clauses[k + 1] ? clauseSubject(s, k + 1) : undefined;
      if (next) subject = { ...resolve(s, next, false) };
    }
    let flag = false;
    if (subject.cls === 'personPoss') {
      const owner = subject.owner;
      flag =
        owner !== undefined &&
        owner !== 'group' &&
        ((m.kind === 'verb' && POSSESSIVE_FAILURE_VERBS.has(tokens[i].lower)) ||
          (m.kind === 'phrasal' && tokens[i].lower !== 'messed'));
    } else if (m.kind === 'omission') {
      flag =
        subject.cls === 'name' ||
        subject.cls === 'individual' ||
        (subject.cls === 'role' && tokens[m.from].lower === 'never');
    } else {
      flag = isIndividual(subject.cls);
    }
    if (!flag) continue;
    const c = subject.cand;
    const from =
      c && subject.sameClause && c.end < m.from && m.from - c.start <= 12
        ? c.start
        : m.from;
    out.push({
      rule: 'named-person',
      from,
      to: m.to,
      suggestion: namedPersonSuggestion(s, subject, m),
    });
    i = m.to;
  }
};

function namedPersonSuggestion(
  s: Sentence,
  subject: Subject,
  m: FailureMatch,
): string {
  const { tokens } = s;
  const c = subject.cand;
  const prefixEnd = prefixEndFor(s, subject, m.from);
  const verb = tokens[m.from].lower;
  if (subject.cls === 'personPoss' && c) {
    // "Hana's config change caused the outage" -> "The config change caused ..."
    let possIdx = c.start;
    while (possIdx < c.end && !tokens[possIdx].possessive) possIdx++;
    const thing = slice(s, possIdx + 1, m.from) || 'change';
    const clauseEnd = s.clauses[s.clauseOf[m.to]].end;
    return finish(
      lead(s, c.start),
      `the ${thing} ${slice(s, m.from, clauseEnd)}`,
      trail(s, clauseEnd),
      'named-person',
    );
  }
  if (FORGOT_WORDS.has(verb))
    return forgotSuggestion(s, subject, m.from, false, -1);
  if (
    (verb === 'failed' || verb === 'fails') &&
    tokens[m.to + 1]?.lower === 'to'
  ) {
    return rewriteOmission(s, prefixEnd, m.to + 2, 'named-person');
  }
  if (m.kind === 'omission') {
    return rewriteOmission(s, prefixEnd, m.to, 'named-person');
  }
  const actedOn =
    m.kind === 'verb' && set('missed misses ignored ignores').has(verb);
  const { object, tail, clauseEnd } = splitObject(s, m.to + 1, actedOn);
  const rest = trail(s, clauseEnd);
  const t = tail.replace(/^by\b/, 'after');
  const withTail = (core: string) => `${core}${t ? ` ${t}` : ''}`;
  let core: string;
  switch (m.kind) {
    case 'verb':
      if (verb === 'failed' || verb === 'fails') {
        core = withTail(`${object || 'the step'} did not succeed`);
      } else if (verb.startsWith('broke') || verb.startsWith('break')) {
        core = withTail(`${object || 'the system'} stopped working`);
      } else if (verb.startsWith('caus')) {
        core = withTail(`${object || 'the failure'} followed a change`);
      } else if (verb.startsWith('skip')) {
        core = withTail(`${wasNot(object || 'the step', false)} skipped`);
      } else if (actedOn) {
        core = withTail(`${wasNot(object || 'the signal')} acted on`);
      } else if (verb.startsWith('mis') || verb === 'fat-fingered') {
        core = withTail(
          `${wasNot(object || 'the value', false)} set incorrectly`,
        );
      } else {
        core = withTail(`${object || 'the work'} did not go as planned`);
      }
      break;
    case 'phrasal':
      core = withTail(
        set('took brought knocked blew').has(verb)
          ? `${object || 'the service'} went down`
          : `${object || 'the work'} did not go as planned`,
      );
      break;
    case 'careless': {
      const v = tokens[m.to].lower;
      const pp =
        PAST_TO_PARTICIPLE[v] ?? (v.endsWith('ed') ? v : pastParticiple(v));
      core = withTail(`${wasNot(object || 'the resource', false)} ${pp}`);
      break;
    }
    case 'mistake':
      core = withTail('an error was introduced');
      break;
    case 'ball':
      core = `the work${t ? ` ${t}` : ''} did not go as planned`;
      break;
    case 'responsible':
      core = withTail(
        `${object || 'the failure'} had several contributing conditions`,
      );
      break;
    case 'without': {
      const gerund = tokens[m.to].lower;
      const noun = WITHOUT_STEP_NOUNS[gerund] ?? 'check';
      const end = s.clauses[s.clauseOf[m.to]].end;
      const after = slice(s, m.to + 1, end);
      core =
        after && !/^(it|them|this|that)$/i.test(after)
          ? `the work went ahead without ${gerund} ${after}`
          : `the change went ahead without a ${noun} step`;
      // "Instead of following the runbook, Lucas ...": the subject comes later.
      const subjectLater = !!c && c.start > m.from;
      return finish(
        subjectLater ? '' : lead(s, prefixEnd),
        core,
        subjectLater ? '' : trail(s, end),
        'named-person',
      );
    }
    case 'wrong-target': {
      const v = tokens[m.from].lower;
      const pp =
        GERUND_TO_PARTICIPLE[v] ??
        PAST_TO_PARTICIPLE[v] ??
        (v.endsWith('ed') ? v : pastParticiple(v));
      core = withTail(`${wasNot(object || 'the action', false)} ${pp}`);
      break;
    }
    case 'shipped-bad': {
      const words = object.toLowerCase().split(/\s+/);
      const isDefect = words.some(x => OUTCOME_NOUNS.has(x) || x === 'typo');
      core = withTail(
        `${wasNot(object || 'the change', false)} ${
          isDefect ? 'introduced' : 'shipped'
        }`,
      );
      break;
    }
    default:
      return GENERIC_SUGGESTION;
  }
  return finish(lead(s, prefixEnd), core, rest, 'named-person');
}

const RULES: RuleFn[] = [
  humanErrorRule,
  counterfactualRule,
  failedToRule,
  forgotRule,
  judgementRule,
  hindsightRule,
  namedPersonRule,
];

/**
 * Finds blame and hindsight phrasing in postmortem text.
 *
 * @remarks
 * Flags "human error", counterfactuals about people ("should have"), "failed
 * to" with a person or team as subject, "forgot"/"neglected"/"overlooked",
 * judgemental words ("careless", "sloppy"), hindsight words ("obviously",
 * "clearly", "just had to") and people named as the subject of a failure.
 * Systems as subjects ("the failover failed to start") are not flagged.
 * The check is heuristic and runs in time linear in the length of `text`.
 *
 * @param text - the text to check, e.g. one narrative section
 * @param options - known person names
 * @returns the findings, ordered by position
 * @public
 */
export function checkBlamelessLanguage(
  text: string,
  options?: BlamelessCheckOptions,
): LanguageFinding[] {
  const names = buildNameIndex(options?.personNames);
  const findings: LanguageFinding[] = [];
  const seen = new Set<string>();
  for (const range of splitSentences(text)) {
    const sentence = analyse(
      text.slice(range.start, range.end),
      range.start,
      names,
    );
    if (sentence.tokens.length === 0) continue;
    const raw: RawFinding[] = [];
    for (const rule of RULES) rule(sentence, raw);
    for (const f of raw) {
      const start = sentence.tokens[f.from].start;
      const end = sentence.tokens[f.to].end;
      const key = `${f.rule}:${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const flagged = text.slice(start, end);
      let suggestion = f.suggestion.trim();
      if (
        !suggestion ||
        suggestion.toLowerCase().includes(flagged.toLowerCase())
      ) {
        suggestion = GENERIC_SUGGESTION;
      }
      findings.push({
        rule: f.rule,
        start,
        end,
        text: flagged,
        message: MESSAGES[f.rule],
        suggestion,
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}
