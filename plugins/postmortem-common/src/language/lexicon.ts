/**
 * Word lists of the blameless-language check, kept as data apart from the
 * rules that use them. Verbs are listed by their base form; `lemma` in
 * `parse.ts` maps inflected forms back.
 */

const words = (text: string): Set<string> =>
  new Set(text.split(/\s+/).filter(Boolean));

/** Pronouns that stand for people. */
export const PERSON_PRONOUNS = words('i he she we you they him her us them');

/** Possessive pronouns of people ("her job", "their change"). */
export const PERSON_POSSESSIVES = words('my his her our your their');

/** Quantifiers that make an indefinite person ("someone", "whoever"). */
export const INDEFINITE_PEOPLE = words(
  'someone somebody anyone anybody everyone everybody whoever',
);

/** Negative quantifiers over people ("nobody", "no one"). */
export const NEGATIVE_PEOPLE = words('nobody noone none');

/**
 * Head nouns of roles: a noun phrase ending in one of these stands for a
 * person in a role ("the on-call", "the release engineer").
 */
export const ROLE_HEADS = words(`
  engineer engineers on-call oncall on-caller operator operators developer
  developers dev devs reviewer reviewers author authors intern interns
  contractor contractors admin admins administrator administrators sre sres
  responder responders commander manager managers lead leads owner owners
  person persons people employee employees approver approvers deployer
  maintainer maintainers tester testers analyst analysts architect architects
  programmer programmers colleague colleagues teammate teammates hire hires
  dba dbas assignee releaser technician technicians member members human humans
  individual individuals staffer coordinator trainee trainees apprentice
  apprentices newcomer newcomers junior juniors newbie newbies rookie
  rookies captain driver volunteer guy guys folks shift-lead lead-engineer
  supervisor supervisors liaison liaisons sysadmin sysadmins conductor
  conductors ic ics scrum-master dispatcher-on-duty
  officer officers specialist specialists representative representatives
  rep reps pm pms po pos cto ceo cio vp swe swes sde sdes cop
`);

/**
 * Head nouns of teams and functions: "support", "ops", "the DBA team",
 * "management". Any noun phrase ending in "team", "squad" or "crew" is a
 * team whatever its name.
 */
export const TEAM_HEADS = words(`
  team teams squad squads crew crews staff ops devops secops support security
  qa management leadership engineering department departments personnel
  workforce group groups helpdesk desk unit units folks guys org
  organisation organization office oncall rotation
`);

/**
 * Functions of an organisation that stand for the people who do them when
 * said bare or capitalised ("Networking forgot …", "Legal held …", "the
 * NOC"): a department as the subject is a team, whatever its name.
 */
export const DEPARTMENT_HEADS = words(`
  networking finance legal marketing facilities sales procurement hr
  compliance accounting purchasing payroll infra noc soc nocs socs it-ops
  itops netops dataops mlops secops finops partnerships
`);

/** Agent nouns that name software, not people ("the scheduler"). */
export const SYSTEM_HEADS = words(`
  service job deploy deployment failover database db cache alert alerting
  check healthcheck pipeline cluster node pod process script migration config
  configuration server host replica primary secondary instance container queue
  worker scheduler cron balancer proxy gateway api endpoint request retry
  timeout monitor monitoring dashboard system disk volume certificate cert dns
  network canary rollout rollback build test suite linter runbook page pager
  backup snapshot restore index query table schema function lambda controller
  bot tool tooling automation integration webhook flag toggle change commit
  release version patch fix update upgrade hotfix merge code logic library
  dependency client consumer producer broker autoscaler limiter rule policy
  threshold validator probe heartbeat daemon agent task batch cronjob firewall
  router switch link connection pool storage bucket file log metric trace
  graph rotation schedule channel doc documentation wiki playbook checklist
  template form ui frontend backend app application website site traffic
  upstream downstream region zone datacenter vm machine image registry
  repository repo branch ci cd workflow action step stage environment cdn
  shard partition leader follower lock transaction session token key secret
  vault topic stream mesh sidecar ingress egress plan parser compiler
  resolver loader serializer framework sdk driver handler runner executor
  collector kubelet quorum terminal console collector watcher listener
  dispatcher orchestrator operator-controller sensor detector renderer
  indexer crawler poller relay emitter button link screen dialog checkbox
  menu field tab banner modal widget page
  redis kafka postgres postgresql mysql elasticsearch kubernetes k8s terraform
  helm nginx envoy haproxy etcd zookeeper rabbitmq consul istio jenkins
  github gitlab argo spinnaker prometheus grafana alertmanager pagerduty
  opsgenie datadog cloudflare aws gcp azure s3 ec2 lambda
  planner exporter feed watchdog data
`);

/**
 * Software nouns that are also a person's work: judging them judges their
 * author ("a careless change", "a sloppy rollout").
 */
export const WORK_PRODUCTS = words(`
  change fix patch commit update upgrade hotfix merge code deploy deployment
  rollout rollback migration release config configuration plan runbook doc
  documentation test review script query step work
`);

/** Nouns of bad outcomes, the objects of blame ("caused the outage"). */
export const OUTCOME_NOUNS = words(`
  outage outages incident incidents failure failures downtime breakage loss
  problem problems issue issues bug bugs error errors regression regressions
  mess disruption disruptions interruption interruptions mistake mistakes
  typo typos data-loss damage
`);

/** Nouns of a person's lapse ("Ingrid's negligence", "a developer's oversight"). */
export const LAPSE_NOUNS = words(`
  mistake mistakes error errors typo typos oversight oversights fault
  refusal unwillingness reluctance inaction
  negligence carelessness blunder blunders slip-up lapse lapses sloppiness
  incompetence laziness recklessness screw-up screwup fumble inexperience
  ignorance inattention inattentiveness haste hastiness complacency
  arrogance overconfidence carelessness misjudgement misjudgment
`);

/** Verbs that make their subject the agent of a fault. */
export const FAULT_VERBS = words(`
  break cause botch mishandle misconfigure misread mistype misjudge
  fat-finger fat-fingered wipe ignore skip miss rush bungle disregard bypass
  override overrode trash nuke clobber fumble flub goof bodge muff blunder
  circumvent sidestep flout disobey contravene
`);

/** Fault verbs that need a particle ("messed up", "took down"). */
export const PHRASAL_FAULTS: ReadonlyArray<[string, string]> = [
  ['mess', 'up'],
  ['screw', 'up'],
  ['muck', 'up'],
  ['foul', 'up'],
  ['blow', 'up'],
  ['take', 'down'],
  ['bring', 'down'],
  ['knock', 'out'],
  ['knock', 'over'],
  ['drop', 'ball'],
  ['let', 'down'],
];

/** Verbs only people do: with any subject that is not a system, they blame. */
export const HUMAN_ONLY_FAULT_VERBS = words(`
  botch mishandle misread mistype misjudge fat-finger fat-fingered bungle
  improvise fumble flub goof bodge muff blunder
`);

/** Verbs of shipping something, blameful with a bad object ("pushed untested code"). */
export const SHIPPING_VERBS = words(
  'introduce add ship push merge deploy commit write release',
);

/** Verbs of operating on something, blameful with "the wrong …" objects. */
export const OPERATING_VERBS = words(`
  run use apply restart delete edit change target pick choose select copy
  type enter drop remove purge kill terminate reboot scale configure set
  truncate wipe flush
`);

/** Adjectives that make the object of a shipping or operating verb a fault. */
export const BAD_OBJECT_WORDS = words(`
  wrong incorrect bad broken faulty untested unreviewed buggy unvetted
  half-baked breaking red failing destructive
`);

/** Adverbs that make an action careless ("accidentally deleted"). */
export const CARELESS_ADVERBS = words(`
  incorrectly improperly accidentally mistakenly inadvertently wrongly erroneously unintentionally
  carelessly recklessly sloppily negligently blindly hastily thoughtlessly
  unilaterally
`);

/** Phrases that make an action careless ("deleted it by mistake"). */
export const CARELESS_PHRASES: ReadonlyArray<string[]> = [
  ['by', 'mistake'],
  ['by', 'accident'],
  ['in', 'error'],
  ['in', 'a', 'hurry'],
  ['by', 'hand'],
];

/** Verbs of diligence: not doing them is an omission ("did not check"). */
export const DILIGENCE_VERBS = words(`
  check test verify review notice read follow escalate respond answer wait
  ask tell notify look see acknowledge confirm validate double-check monitor
  document consider think communicate inform watch rotate renew update
  coordinate announce report pay bother do understand listen heed plan
  prepare warn investigate inspect examine reply attend care forward pass
  page call contact remember learn double-check act react hand mention
  brief consult sync loop respect control drain revert roll rollback patch
  cordon snapshot rehearse restore
`);

/**
 * Acts of diligence only people do (tell, escalate, care): whatever the
 * subject's noun, leaving them undone is a person's or team's omission
 * ("Billing failed to communicate", "Customer Care did not escalate"),
 * unless the subject is a known system.
 */
export const HUMAN_DILIGENCE_VERBS = words(`
  escalate communicate notify inform tell forward pass answer reply plan
  coordinate review approve read follow attend care bother understand think
  consider remember learn ask announce report listen heed warn investigate
  acknowledge notice realize realise pay look bother page call contact
  double-check
`);

/** Verbs of receiving or having: not doing them is no omission ("did not receive the alert"). */
export const RECEIVING_VERBS = words(`
  receive get have know hear gain own hold possess deploy touch change
`);

/**
 * Objects that make the negated act an omission of diligence ("didn't even
 * run the tests", "did not open the runbook").
 */
export const DILIGENCE_OBJECTS = words(`
  test tests runbook runbooks checklist checklists log logs dashboard
  dashboards graph graphs alert alerts warning warnings review reviews backup
  backups procedure procedures process instructions doc docs documentation
  diff diffs page pages ticket tickets report reports error errors message
  messages output playbook canary canaries lag status escalation
  escalations attention approval approvals
`);

/** Adverbials of defiance: acting against a warning or rule ("deployed anyway"). */
export const DEFIANCE_WORDS = words('anyway anyways regardless nonetheless');

/** Verbs of decay that a person "let" happen ("let the certificate lapse"). */
export const DECAY_VERBS = words(`
  overflow lapse expire slip rot fill die drift run go degrade grow pile happen
  accumulate sit linger languish burn fail break lapse
`);

/** Verbs of a sanction: a person punished is a person blamed ("was removed from the rotation"). */
export const SANCTION_VERBS = words(`
  fire dismiss discipline reprimand suspend demote retrain remove warn
  sack terminate
`);

/** Secrets: pushing them somewhere is a person's fault ("committed the API key"). */
export const SECRET_WORDS = words(`
  key keys token tokens password passwords credential credentials secret
  secrets
`);

/** Verbs of exposing ("committed", "pasted", "leaked"). */
export const EXPOSING_VERBS = words(`
  commit push paste post share leak expose log print upload
`);

/**
 * Verbs of putting something somewhere and leaving it there ("kept the token
 * in a gist", "wrote the key on the whiteboard", "left the bucket public").
 */
export const PLACING_VERBS = words(`
  keep leave store write put save stash hardcode hard-code jot note tape
  stick pin scribble
`);

/**
 * Places where a secret is readable by others ("a public gist", "a shared
 * spreadsheet", "the shell history"); a vault or a secret store is not one.
 */
export const EXPOSED_PLACES = words(`
  public shared gist gists pastebin whiteboard spreadsheet spreadsheets
  wiki sticky post-it postit history plaintext plain-text chat channel
  ticket tickets readme screenshot email emails notebook notepad
`);

/** States in which something is readable by anyone ("left the bucket world-readable"). */
export const EXPOSED_STATES = words(`
  world-readable world-writable publicly-readable unencrypted
  unprotected unauthenticated exposed
`);

/** Prepositions that name a cause ("due to Aiko", "because of the intern"). */
export const CAUSE_PREPOSITIONS: ReadonlyArray<string[]> = [
  ['due', 'to'],
  ['because', 'of'],
  ['thanks', 'to'],
  ['owing', 'to'],
  ['on', 'account', 'of'],
];

/** Nouns after "fault" that make it a technical term ("fault injection"). */
export const TECHNICAL_FAULT_FOLLOWERS = words(`
  injection injections tolerance tolerant domain domains isolation line
  lines detector detection code codes handler handling model
`);

/** Nouns of blame itself ("the blame lies with", "it was their fault"). */
export const BLAME_NOUNS = words('blame fault culpability responsibility');

/**
 * States of a person that judge attention or competence ("was half
 * asleep", "was distracted").
 */
export const ATTENTION_STATES = words(`
  asleep half-asleep distracted inattentive unfocused absent-minded
  negligent careless lazy incompetent clueless useless unprepared reckless
  sloppy overconfident complacent naive unqualified inexperienced
  irresponsible unreliable hungover drunk remiss lax derelict cocky
  rushed slapdash
`);

/**
 * Destructive verbs: with a person as agent and a production object, the
 * sentence makes the person the agent of the fault.
 */
export const DESTRUCTIVE_VERBS = words(`
  delete drop overwrite wipe truncate purge erase destroy corrupt clobber
  nuke trash remove kill
`);

/** Trials meant for a test environment ("a load test", "an experiment"). */
export const TRIAL_NOUNS = words(`
  load-test load-tests stress-test stress-tests experiment experiments
  benchmark benchmarks
`);

/** Environments that are not live ("staging", "the test cluster"). */
export const NONLIVE_ENV_WORDS = words(`
  staging stage test testing dev development qa sandbox preprod pre-prod
  uat demo
`);

/**
 * Verbs that aim work at an environment ("pointed the deploy at", "ran the
 * job against"): aimed at another environment than its own, or a cleanup
 * aimed at what is live, the act is a person's.
 */
export const AIMING_VERBS = words(`
  point aim target direct run apply execute launch send route fire
`);

/**
 * Nouns of a place work runs in: "test" or "development" before one of them
 * names an environment ("the test cluster"), not a kind of test ("the smoke
 * tests").
 */
export const ENV_PLACES = words(`
  cluster clusters environment environments env envs database databases db
  dbs server servers instance instances account accounts tenant tenants
  region regions bucket buckets project projects namespace namespaces stack
  stacks config configuration data traffic replica replicas schema schemas
  host hosts credentials keys key endpoint endpoints deploy deployment
  branch site
`);

/** Work that destroys what it runs on ("the cleanup job", "a purge script"). */
export const CLEANUP_WORDS = words(`
  cleanup clean-up purge wipe teardown tear-down reset truncate deletion
  delete drop
`);

/** Words that make the target of a trial live ("against the production database"). */
export const LIVE_WORDS = words('production prod live');

/** Branches others build from: force-pushing over them rewrites their work. */
export const SHARED_BRANCHES = words(`
  main master trunk release develop production prod shared
`);

/** Words of an object that put it in production ("the production topic"). */
export const PRODUCTION_WORDS = words(`
  production prod live customer customers primary master shared main all
  every entire whole peak
`);

/** Nouns after "without" that name a step of diligence ("without supervision"). */
export const DILIGENCE_NOUNS = words(`
  deprecation heads-up handover handoff review reviews approval approvals supervision test tests testing check
  checks backup backups confirmation plan sign-off signoff permission
  authorization authorisation consent ticket dry-run canary rollback
  verification validation oversight telling asking warning notice
  coordination communication announcement thought second look care qa
  sign-off signoff peer-review
`);

/** "Without …" complements that make an action an omission. */
export const WITHOUT_DILIGENCE = words(`
  check checking test testing tests review reviewing approval verification
  verifying validation validating reading asking looking waiting telling
  notifying consulting confirming double-checking following thinking
  backup dry-run canary warning notice
`);

/** Verbs of forgetting and inattention. */
export const FORGOT_VERBS = words('forget neglect overlook');

/** Passive participles that blame memory or attention ("was overlooked"). */
export const FORGOT_PARTICIPLES = words(
  'forgotten forgot neglected overlooked',
);

/** Participles of human diligence ("should have been caught"). */
export const DILIGENCE_PARTICIPLES = words(`
  caught noticed spotted reviewed tested checked verified validated
  escalated read followed acknowledged reverted communicated announced
  reported flagged investigated monitored watched considered anticipated
  questioned double-checked paged documented raised prevented avoided
  detected seen
`);

/** Judgemental words about people or their work. */
export const JUDGEMENT_WORDS = words(`
  careless carelessly carelessness sloppy sloppily sloppiness negligent
  negligently negligence incompetent incompetently incompetence lazy lazily
  laziness reckless recklessly recklessness stupid stupidly dumb idiotic
  boneheaded foolish foolishly inexcusable irresponsible irresponsibly
  unprofessional inattentive inattention rookie silly thoughtless cavalier
  thoughtlessly blindly hastily amateurish clueless sloppier lazier
  unacceptable panicked
`);

/**
 * Nouns that turn a judgement word into a technical term ("sloppy quorum",
 * "lazy loading", "dumb terminal").
 */
export const JUDGEMENT_TECH_FOLLOWERS = words(`
  quorum quorums loading load loaded evaluation evaluated init
  initialization initialisation initialized initialised import imports fetch
  fetching instantiation iterator sequence terminal terminals pipe pipes
  switch switches client clients mode consistency write writes writing read
  reads allocation allocations deletion deletions expiry expiration binding
  bindings propagation replication matching parsing rendering compilation
  resolution instantiation
`);

/**
 * Idioms of blame, inattention or judgement. `*` matches any one word; a
 * phrase matches lemmas, so "dropped the ball" matches "drop the ball".
 */
export const BLAME_IDIOMS: ReadonlyArray<string> = [
  'drop the ball',
  'asleep at the wheel',
  'asleep at the switch',
  'poor judgement',
  'poor judgment',
  'bad judgement',
  'bad judgment',
  'lapse in judgement',
  'lapse in judgment',
  'error of judgement',
  'cannot be trust',
  "can't be trust",
  'could not be trust',
  "couldn't be trust",
  'not be trust',
  'not pay attention',
  'no attention',
  'without think',
  'without a second thought',
  'not careful enough',
  'not * careful enough',
  'too lazy',
  'too slow to',
  'too busy to',
  'should know better',
  'should have know better',
  'know better than',
  'sleep through',
  'not do * job',
  'lose track of',
  'be to blame',
  'to blame for',
  'on the hook for',
  'rookie mistake',
  'beginner mistake',
  "beginner's mistake",
  'schoolboy error',
  'newbie mistake',
  'amateur hour',
  'amateur mistake',
  'remiss in',
  'cut corner',
  'cut * corner',
  'own change without',
  'own pull request',
  'asleep on',
  'no idea what',
  'no clue what',
  'not know what * be do',
  'not know what * * do',
  'lack of attention',
  'lack of care',
  'lack of diligence',
  'lack of experience',
  'lack of judgement',
  'lack of judgment',
  'not care',
  'not qualified',
  'out of * depth',
  'out of * * depth',
  'be retrain',
  'need more training',
  'not up to the',
  'lack the skill',
  'lack the experience',
  'to save time',
  'to leave early',
  'to go home',
  'leave on time',
  'in a hurry',
  'out of convenience',
  'do nothing',
  'do not take * seriously',
  'not take * seriously',
  'go rogue',
  'cover up',
  'keep * to herself',
  'keep * to himself',
  'keep * to themselves',
  'keep * * to herself',
  'keep * * to himself',
  'keep * * to themselves',
  'not be rely on',
  'not be rely upon',
  'refuse to',
  'just assume',
  'simply assume',
  'care more about',
  'treat * as a suggestion',
  'treat * * as a suggestion',
  'treat * as optional',
  'treat * * as optional',
  'brush off',
  'brush * off',
  'shrug off',
  'shrug * off',
  'wave off',
  'decide on * own',
  'on * own authority',
];

/** Adjectives of diligence: "had been more careful" blames by hindsight. */
export const DILIGENCE_ADJECTIVES = words(`
  careful attentive diligent thorough cautious vigilant alert focused
  prepared responsible
`);

/** A state a person left something in ("left the maintenance mode on"). */
export const LEFT_STATES = words(`
  on open running enabled disabled unattended unlocked exposed unpatched
  half-finished behind
`);

/** Idioms of not bothering, in any form ("didn't bother", "couldn't be bothered"). */
export const BOTHER_WORDS = words('bother bothered bothering');

/** Adverbs of hindsight. */
export const HINDSIGHT_ADVERBS = words('obviously evidently plainly');

/** Phrases of hindsight. */
export const HINDSIGHT_IDIOMS: ReadonlyArray<string> = [
  'just have to',
  'only have to',
  'simply have to',
  'all * have to do',
  'all * * have to do',
  'all * need to do',
  'all * * need to do',
  'easily have',
  'easily have be',
  "it's clear that",
  'it be clear that',
  'anyone could see',
  'anyone can see',
  'any competent',
  'any reasonable',
  'any fool',
];

/**
 * Phrases of foreseeability ("saw it coming", "the writing was on the
 * wall"): hindsight when people are in the sentence and nothing negates
 * them ("we could not have seen it coming" exculpates).
 */
export const FORESEEABILITY_IDIOMS: ReadonlyArray<string> = [
  'see it come',
  'see this come',
  'see that come',
  'writing on the wall',
  'writing be on the wall',
  'the sign be all there',
  'the signs be all there',
  'only a matter of time',
  'just a matter of time',
  'accident wait to happen',
  'disaster wait to happen',
];

/** Words after "clearly" that describe presentation, not hindsight. */
export const PRESENTATION_WORDS = words(`
  document documents documented label labels labelled labeled mark marks
  marked state states stated explain explains explained describe describes
  described define defines defined separate separates separated list lists
  listed communicate communicates communicated visible readable legible
  distinguish distinguishes distinguished identify identifies identified
  named name names written write writes indicate indicates show shows
  highlight highlights highlighted flag flags flagged delineated scoped
  owned better worse defined
`);

/** Words after "obvious" that keep it neutral ("obvious within seconds"). */
export const OBVIOUS_NEUTRAL_FOLLOWERS = words(`
  within after once on in at when while now since
`);

/** Human-error compounds: "human error", "operator error". */
export const HUMAN_ERROR_PREFIXES = words(
  'human operator user pilot engineer engineering people personnel staff',
);
export const HUMAN_ERROR_NOUNS = words('error errors mistake mistakes');
/** Nouns after "user error" that make it a technical term. */
export const TECHNICAL_ERROR_FOLLOWERS = words(`
  code codes message messages response responses rate rates status handling
  page pages class classes type types budget budgets log logs metric metrics
  count counts dialog dialogs
`);

/** Modals of counterfactuals. */
export const COUNTERFACTUAL_MODALS = words(
  'should could would ought might must',
);

/** Outcome verbs that a passive by-agent blames ("caused by Marcus's edit"). */
export const BLAME_PASSIVE_VERBS = words(`
  cause trigger make introduce botch rush break mishandle miss ignore
  overlook neglect forget skip delete drop wipe overwrite truncate purge
  misconfigure mistype disable corrupt mute silence snooze suppress wreck
  ruin trash nuke hose leak damage destroy sabotage
`);

/** Verbs that report speech or thought ("said", "wrote"). */
export const REPORTING_VERBS = words(`
  say said says tell told write wrote written ask asked call called label
  labelled labeled read reads claim claimed complain complained
`);

/** Words that open a new clause. */
export const CLAUSE_MARKERS = words(`
  and but or nor so yet because after before when whenever while since until
  although though if unless whereas then once which who whom whose where that
  instead
`);

/** Markers of subordinate clauses. */
/**
 * Chat spellings of clause markers, read as the word they stand for:
 * "ignored the escalation bc she was already on the bridge".
 */
export const CHAT_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['bc', 'because'],
  ['b/c', 'because'],
  ['bcuz', 'because'],
  ['cuz', 'because'],
  ['coz', 'because'],
]);

export const SUBORDINATORS = words(`
  because after before when whenever while since until although though if
  unless whereas once where
`);

/** Markers after which a clause without a subject shares the previous one. */
export const COORDINATORS = words('and but or nor then yet');

/** Abbreviations that do not end a sentence. */
export const ABBREVIATIONS = words(
  'e.g i.e etc vs mr mrs ms dr approx no fig cf st',
);

/** Past participles of irregular verbs, for passive rewrites. */
export const IRREGULAR_PARTICIPLES: Record<string, string> = {
  be: 'been',
  begin: 'begun',
  break: 'broken',
  bring: 'brought',
  build: 'built',
  buy: 'bought',
  catch: 'caught',
  choose: 'chosen',
  come: 'come',
  cut: 'cut',
  do: 'done',
  draw: 'drawn',
  drive: 'driven',
  fall: 'fallen',
  feel: 'felt',
  find: 'found',
  forget: 'forgotten',
  get: 'got',
  give: 'given',
  go: 'gone',
  have: 'had',
  hear: 'heard',
  hide: 'hidden',
  hit: 'hit',
  hold: 'held',
  keep: 'kept',
  know: 'known',
  lay: 'laid',
  lead: 'led',
  leave: 'left',
  let: 'let',
  lose: 'lost',
  make: 'made',
  mean: 'meant',
  meet: 'met',
  override: 'overridden',
  overwrite: 'overwritten',
  pay: 'paid',
  put: 'put',
  read: 'read',
  rebuild: 'rebuilt',
  rerun: 'rerun',
  ride: 'ridden',
  run: 'run',
  say: 'said',
  see: 'seen',
  sell: 'sold',
  send: 'sent',
  set: 'set',
  shake: 'shaken',
  show: 'shown',
  shut: 'shut',
  sleep: 'slept',
  speak: 'spoken',
  spend: 'spent',
  split: 'split',
  spread: 'spread',
  stand: 'stood',
  take: 'taken',
  tell: 'told',
  think: 'thought',
  throw: 'thrown',
  understand: 'understood',
  undo: 'undone',
  wake: 'woken',
  wear: 'worn',
  win: 'won',
  withdraw: 'withdrawn',
  write: 'written',
};

/** Base forms of irregular past tenses and participles. */
export const IRREGULAR_LEMMAS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(IRREGULAR_PARTICIPLES).map(([base, pp]) => [pp, base]),
  ),
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  been: 'be',
  being: 'be',
  did: 'do',
  does: 'do',
  done: 'do',
  had: 'have',
  has: 'have',
  began: 'begin',
  broke: 'break',
  chose: 'choose',
  came: 'come',
  drew: 'draw',
  drove: 'drive',
  fell: 'fall',
  forgot: 'forget',
  gave: 'give',
  went: 'go',
  hid: 'hide',
  knew: 'know',
  overrode: 'override',
  overwrote: 'overwrite',
  ran: 'run',
  rode: 'ride',
  saw: 'see',
  shook: 'shake',
  spoke: 'speak',
  took: 'take',
  threw: 'throw',
  undid: 'undo',
  woke: 'wake',
  wore: 'wear',
  withdrew: 'withdraw',
  wrote: 'write',
  "can't": 'can',
  cannot: 'can',
  "couldn't": 'could',
  "shouldn't": 'should',
  "wouldn't": 'would',
  "didn't": 'do',
  "doesn't": 'do',
  "don't": 'do',
  "wasn't": 'be',
  "weren't": 'be',
  "isn't": 'be',
  "aren't": 'be',
  "hasn't": 'have',
  "haven't": 'have',
  "hadn't": 'have',
  "should've": 'should',
  "could've": 'could',
  "would've": 'would',
  "won't": 'will',
};

/** Words that negate. */
export const NEGATORS = words("not no never n't without nor");

/** Adverbs dropped from rewrites: judgement and hindsight without facts. */
export const REWRITE_DROP_WORDS = words(`
  accidentally mistakenly inadvertently wrongly erroneously unintentionally
  carelessly recklessly sloppily negligently blindly hastily thoughtlessly
  obviously clearly simply just honestly totally frankly even really
  evidently plainly entirely completely anyway basically literally
  careless sloppy negligent lazy reckless stupid dumb idiotic foolish
  irresponsible thoughtless rookie rushed hasty lazily totally lol tbh smh
  ngl really
`);

/**
 * How a rewrite states what happened to the object of a fault, without the
 * agent: "broke the build" → "the build broke".
 */
export const NEUTRAL_OUTCOMES: Record<string, string> = {
  break: 'broke',
  botch: 'did not go as planned',
  mishandle: 'did not go as planned',
  bungle: 'did not go as planned',
  mess: 'did not go as planned',
  screw: 'did not go as planned',
  muck: 'did not go as planned',
  foul: 'did not go as planned',
  take: 'went down',
  bring: 'went down',
  knock: 'went down',
  blow: 'went down',
  ignore: 'was not acted on',
  disregard: 'was not acted on',
  miss: 'was not acted on',
  overlook: 'was not acted on',
  neglect: 'was not acted on',
  forget: 'was not acted on',
  'fat-finger': 'was mistyped',
  'fat-fingered': 'was mistyped',
  mistype: 'was mistyped',
  misread: 'was misread',
  misconfigure: 'was misconfigured',
  misjudge: 'was misjudged',
  rush: 'was done quickly',
  sleep: 'went unanswered',
};

// ---------------------------------------------------------------------------
// Conduct: word classes by meaning, scored together by `rules/conduct.ts`.

/**
 * Verbs of doing harm: with a person, role or team as the agent they make
 * the agent the author of the damage ("the web team trashed the config").
 */
export const HARM_VERBS = words(`
  wreck ruin trash nuke wipe destroy corrupt damage sabotage mangle clobber
  hose torch tank hammer leak botch bungle fry brick butcher yolo
  rubber-stamp wing half-ass fat-finger
`);

/**
 * Acts and habits that blame whoever does them, said as phrases ("fat
 * fingered the count", "threw the code over the wall", "is always the last
 * to know").
 */
export const CARELESS_ACT_PHRASES: ReadonlyArray<string> = [
  'fat finger',
  'fat fingered',
  'phone in',
  'phone * in',
  'gloss over',
  'half ass',
  'rubber stamp',
  'wave * through',
  'wave through',
  'strike again',
  'whatever * have',
  'wave * * through',
  'blow through',
  'drag * feet',
  'kick the can',
  'mix up',
  'mix * up',
  'mix * * up',
  'jump to conclusion',
  'jump to conclusions',
  'be a hero',
  'play hero',
  'lose * head',
  'lose * cool',
  'do it again',
  'left alone with',
  'be let near',
  'know by now',
  'owe * explanation',
  'owe * * explanation',
  'owe * apology',
  'owe * * apology',
  'assume someone else',
  'assume somebody else',
  'assume * else',
  'after a * glance',
  'after a glance',
  'cursory',
  'perfunctory',
  'brush aside',
  'brush * aside',
  'brush * * aside',
  'sit back and let',
  'sit back and watch',
  'keep * in the dark',
  'leave * in the dark',
  'someone else problem',
  'somebody else problem',
  'throw * over the wall',
  'throw * * over the wall',
  'shrug',
  'the last to know',
  'hold accountable',
  'hold responsible',
  'held accountable',
  'held responsible',
  // Deceit and concealment.
  'lie about',
  'lie to',
  'downplay',
  'conceal',
  'withhold',
  'keep quiet about',
  'cover ~ up',
  'cover ~ track',
  'cover ~ tracks',
  // Assumption in place of a check.
  'take ~ for granted',
  'take it for granted',
  // Forcing a change past its checks.
  'push ~ through',
  'rush ~ through',
  'force ~ through',
  'ram ~ through',
  // Dereliction said as idioms; `~` stands for up to four words.
  'keep ~ in the dark',
  'leave ~ in the dark',
  'take ~ eye off',
  'jump the gun',
  'shoot from the hip',
  'go cowboy',
  'pass the buck',
  'sweep ~ under the rug',
  'sweep ~ under the carpet',
  'fall down on the job',
  'wing it',
  'throw ~ over the fence',
  'throw ~ over the wall',
  'let ~ slip through the crack',
  'let ~ slip through the cracks',
  'sit on ~ ticket',
  'sit on ~ report',
  'sit on ~ alarm',
  'sit on ~ alert',
  'sit on ~ warning',
  'sit on ~ request',
  'sit on ~ escalation',
  'sit on it',
  'leave ~ wait',
  'leave ~ hang',
  'leave ~ in the lurch',
  'pay no heed',
  'pay little heed',
  'have ~ mind elsewhere',
  'zone out',
  'space out',
  'in over ~ head',
  'hide the ~ error',
  'hide ~ error',
  'hide ~ mistake',
  'hide ~ outage',
  'overrule',
  'go ahead anyway',
  'go ahead regardless',
  'ignore ~ advice',
  'ignore ~ objection',
  'take a shortcut',
  'not lift a finger',
  'not do ~ part',
  'not do ~ share',
];

/**
 * Phrases that blame the people after them, whoever the subject ("we spent
 * the morning cleaning up after Kwame", "we expect better from ops").
 */
export const BLAME_TOWARD_PHRASES: ReadonlyArray<string> = [
  'clean up after',
  'expect better from',
  'expect * better from',
  'expect more from',
  'expect * more from',
  'let down by',
  'disappointed in',
  'disappointed by',
];

/**
 * Phrases that blame only when negated or said of nobody ("nobody took the
 * alert seriously", "did not care").
 */
export const NEGATED_DUTY_PHRASES: ReadonlyArray<string> = [
  'take * seriously',
  'take * * seriously',
  'take it seriously',
  'take ownership',
  'take responsibility',
  'own * mistake',
  'own * mistakes',
];

/** Nouns of a cause that a person is said to be ("Ines is the reason"). */
export const CAUSE_NOUNS = words(`
  reason cause culprit source origin problem trigger
`);

/** Gerunds of spending an incident on something other than the repair. */
export const DISTRACTED_GERUNDS = words(`
  argue arguing debate debating bicker bickering chat chatting joke joking
  browse browsing scroll scrolling gossip gossiping complain complaining
  blame blaming
`);

/** Where a person takes data for themselves ("to his laptop"). */
export const PERSONAL_PLACES = words(`
  laptop laptops machine computer desktop phone account drive dropbox
  usb stick inbox
`);

/** Verbs of moving data somewhere. */
export const COPYING_VERBS = words(`
  copy download export move take upload sync transfer dump save store
  email forward
`);

/** Qualities a person may be said to lack ("not good enough for on-call"). */
export const PERSON_QUALITIES = words(`
  good competent experienced careful fast quick skilled capable qualified
  reliable attentive responsive thorough senior smart diligent serious
`);

/** Nouns of indifference ("showed no interest in fixing"). */
export const INDIFFERENCE_NOUNS = words(`
  interest intention desire inclination urgency effort
`);

/** Verbs that silence signals ("muted the pager", "snoozed the alerts"). */
export const SILENCING_VERBS = words(`
  mute silence snooze suppress ack acknowledge dismiss disable switch turn
  shut
`);

/** What a person on duty should keep listening to. */
export const SIGNAL_OBJECTS = words(`
  alert alerts alerting page pages pager pagers phone phones notification
  notifications monitoring monitor monitors alarm alarms slack email
  emails laptop warning warnings
`);

/** Verbs of putting off work ("kept postponing the patch"). */
export const DELAY_VERBS = words(`
  postpone delay defer procrastinate stall shelve deprioritise
  deprioritize
`);

/** Time units of a long delay ("for months", "for three weeks"). */
export const LONG_DURATIONS = words(`
  hour hours day days week weeks month months year years ages night
  weekend
`);

/**
 * Phrases of abandoning one's duty (lemmas, `*` any one word): blameful
 * whatever the circumstances ("walked away from the console", "ghosted the
 * incident channel", "went back to sleep").
 */
export const ABANDON_PHRASES: ReadonlyArray<string> = [
  'abandon',
  'walk away',
  'walk off',
  'walk out',
  'disappear',
  'vanish',
  'ghost',
  'go missing',
  'go awol',
  'go back to sleep',
  'go back to bed',
  'nowhere to be find',
  'nowhere to be found',
  'afk',
  'play game',
  'gaming',
  'play video game',
  'watch netflix',
  'on social media',
  'fall asleep',
  'nod off',
];

/**
 * Phrases of being away: blameful only while work was going on ("went home
 * while the migration was running"), not after it ("went home after the
 * all-clear") nor as planned.
 */
export const AWAY_PHRASES: ReadonlyArray<string> = [
  'go home',
  'go on holiday',
  'go on vacation',
  'go on leave',
  'go to lunch',
  'go to bed',
  'go to sleep',
  'go offline',
  'go dark',
  'go quiet',
  'leave early',
  'leave the office',
  'leave work',
  'leave for the day',
  'leave for the weekend',
  'log off',
  'sign off',
  'clock out',
  'take * day off',
  'take * afternoon off',
  'take * morning off',
  'take * night off',
  'on * phone',
  'at the cinema',
  'at the movies',
  'at the pub',
  'at the gym',
  'at a party',
  'at lunch',
  'on a break',
  'go to * meeting',
  'go into * meeting',
  'go silent',
  'pull the plug',
  'move on to other',
  'move on to something',
  'run off',
  'on a * break',
  'on break',
  'out drinking',
  'catch * train',
  'catch * flight',
  'catch * bus',
];

/** Words that put an absence while work was going on ("while", "halfway through"). */
export const ONGOING_MARKERS = words(`
  while during middle halfway midway mid mid-deploy mid-migration still
  unattended unfinished half half-done before without instead when firing
`);

/**
 * Words that mark an act as sanctioned ("as planned", "as the runbook
 * allows"): the act is the process, not a person's lapse.
 */
export const SANCTION_PHRASES: ReadonlyArray<string> = [
  'as plan',
  'as planned',
  'as schedule',
  'as scheduled',
  'as expect',
  'as expected',
  'as agree',
  'as agreed',
  'as intend',
  'as intended',
  'as design',
  'as designed',
  'as document',
  'as documented',
  'as instruct',
  'as instructed',
  'as the runbook',
  'as the playbook',
  'as the procedure',
  'as the checklist',
  'per the runbook',
  'per the playbook',
  'according to the runbook',
  'according to the playbook',
  'according to plan',
  'follow the procedure',
  'follow the * procedure',
  'follow the runbook',
  'follow the playbook',
  'follow the * runbook',
  'because the runbook',
  'because the playbook',
  'because the procedure',
  'because the policy',
  'because the checklist',
  'since the runbook',
  'since the playbook',
  'since the procedure',
  'since the policy',
  'since the checklist',
  'as the policy',
  // Approval, a request or a decision of others.
  'with approval',
  'with the approval',
  'with * approval',
  'with the * approval',
  'with sign-off',
  'after approval',
  'at the request',
  'at * request',
  'at the * request',
  'as request',
  'as requested',
  'as direct',
  'as directed',
  'as decide',
  'as decided',
  'as approve',
  'as approved',
  'as the * decide',
  'as the * ask',
  'as the * instruct',
  'as the ~ had decide',
  'as the ~ had decided',
  'as the ~ had ask',
  'as the ~ had asked',
  'as the ~ had instruct',
  'as the ~ had instructed',
  'as the ~ had approve',
  'as the ~ had approved',
  'as part of the approved',
  'as part of the planned',
  'as part of the scheduled',
  'as part of an approved',
  'as part of a planned',
  'as part of a scheduled',
  'as step * of the',
  'with the exception that',
  'under an exception',
  'under the exception',
  // What a rule allows.
  'as the * allow',
  'as the * permit',
  'as the * require',
  'the runbook say',
  'the playbook say',
  'the policy allow',
  'the policy permit',
  // Approval, agreement, a check or a handover before the act: "after the
  // DBA lead agreed", "once the owners confirmed", "after confirming it had
  // no readers", "after handing IC to Ines".
  'after ~ approve',
  'after ~ agree',
  'after ~ confirm',
  'after ~ sign off',
  'after ~ verify',
  'after ~ consult',
  'after ~ announce',
  'after ~ inform',
  'after ~ hand over',
  'after ~ hand off',
  'after ~ handover',
  'after hand * to',
  'after hand * over',
  'after hand * * to',
  'after approval',
  'after * approval',
  'after * approvals',
  'after ~ approval',
  'after review approval',
  'after check with',
  'after check the',
  'once ~ approve',
  'once ~ agree',
  'once ~ confirm',
  'once ~ sign off',
  'once ~ verify',
  // What a document or the team allows, in a relative clause: "which the
  // hotfix policy allows", "as the debugging guide suggests", "which is the
  // documented path for …".
  'as the ~ allow',
  'as the ~ permit',
  'as the ~ require',
  'as the ~ suggest',
  'as the ~ recommend',
  'as the ~ expect',
  'as the ~ say',
  'as the ~ call for',
  'as the ~ prescribe',
  'as our ~ require',
  'as our ~ allow',
  'which the ~ allow',
  'which the ~ permit',
  'which the ~ require',
  'which the ~ suggest',
  'which the ~ recommend',
  'which the ~ call for',
  'which the ~ prescribe',
  'which be the document',
  'which be the approve',
  'which be the standard',
  'which be the sanction',
  'which be the correct',
  'which be the expected',
  'which be the agree',
  'which be the whole point',
  'which be exactly what',
  'which be allow',
  'which be permit',
  'which be within',
  'under the approve',
  'under an approve',
  'like in the procedure',
  'like the runbook say',
  'per runbook',
  'per the ~ runbook',
  'per ~ request',
  'per * instruction',
  'per the * instruction',
  'on their ~ instruction',
  'on * written instruction',
  'at ~ request',
  // A known, tracked exception: "those are known and tracked in OPS-1990",
  // "with a ticket to re-enable it".
  'with a ticket to',
  'know and track',
  'known and tracked',
  'with a ~ fix schedule',
  'with a ~ fix scheduled',
  // A mitigation.
  'to mitigate',
  'as a mitigation',
  'as mitigation',
  'as a stopgap',
];

/**
 * Words of blame a sentence may deny of people: "Nobody was negligent",
 * "No one is at fault", "None of the responders acted unreasonably".
 */
export const DENIABLE_BLAME = words(`
  negligent careless reckless sloppy incompetent lazy unreasonable
  unreasonably irresponsible culpable blameworthy fault negligently
  carelessly recklessly sloppily irresponsibly
`);

/**
 * Openers of praise ("Good call by Liam to …", "Thanks, Ada, for …",
 * "Ada deserves credit for …"): unless a spoiler turns them sour, they
 * praise the people they name.
 */
export const PRAISE_PHRASES: ReadonlyArray<string> = [
  'thanks',
  'thank you',
  'many thanks',
  'huge thanks',
  'big thanks',
  'special thanks',
  'kudos',
  'shout-out',
  'shoutout',
  'shout out',
  'props',
  'hats off',
  'credit to',
  'well do',
  'well done',
  'great job',
  'good job',
  'nice job',
  'great work',
  'good work',
  'nice work',
  'nice one',
  'good choice',
  'great choice',
  'good catch',
  'great catch',
  'nice catch',
  'well spot',
  'well spotted',
  'we would like to thank',
  "we'd like to thank",
  'we want to thank',
];

/** Praise anywhere in the sentence: "Ada deserves credit for …". */
export const CREDIT_PHRASES: ReadonlyArray<string> = [
  'deserve credit',
  'deserve ~ credit',
  'deserve a shout-out',
  'deserve thanks',
];

/**
 * Words that sour praise: an unnamed culprit ("hats off to whoever …"),
 * repetition or an afterthought ("again", "anyway"), a retraction ("/s",
 * "except"), a mess of one's own ("nice catch, on your own bug").
 */
export const PRAISE_SPOILERS = words(`
  whoever again anyway except /s even though sleeping surprise own herself
  himself themselves
`);

/** Nouns of blame denied through a possessive or "individual": "nobody's mistake". */
export const DENIABLE_BLAME_NOUNS = words(`
  fault faults mistake mistakes error errors failure failing failings blame
`);

/**
 * Phrases that clear the people of a sentence: "did everything right", "it
 * would be wrong to read this as …", "nothing you did caused …".
 */
export const DENIAL_PHRASES: ReadonlyArray<string> = [
  'do everything right',
  'do nothing wrong',
  'do not do anything wrong',
  'wrong to read',
  'wrong to call',
  'wrong to see',
  'wrong to treat',
  'wrong to blame',
  'unfair to blame',
  'nothing you do',
  'nothing they do',
  'nothing he do',
  'nothing she do',
  'do reasonable thing',
  'do reasonable things',
  'act reasonably',
  'no individual',
  'name no individual',
  'not about blame',
  'human error be not',
  'human error be never',
  'not to blame',
];

/**
 * Adjectives and nouns that judge a person ("hopeless", "a liability",
 * "amateurs"): after a copula with a person, role or team as the subject.
 */
export const PERSON_EVALUATIONS = words(`
  hopeless useless liability liabilities amateur amateurs amateurish clown
  clowns cowboy cowboys menace disaster joke incompetent careless negligent
  lazy reckless sloppy clueless inept unfit unqualified unreliable
  untrustworthy irresponsible unprofessional idiot idiots fool fools moron
  morons impatient arrogant stubborn complacent naive hapless dangerous
  inexperienced green slack lost bottleneck bottlenecks appalling shameful
  disgraceful pathetic embarrassing terrible awful atrocious abysmal
  ashamed unacceptable inexcusable lousy rubber formality cavalier
  indifferent incapable
`);

/** Nouns of a person's conduct, judged through them ("their attitude is appalling"). */
export const CONDUCT_NOUNS = words(`
  attitude behaviour behavior conduct work performance approach judgement
  judgment handling response discipline professionalism review reviews
  decision decisions shortcut
`);

/** Nouns of diligence a person could have shown more of ("a bit more care"). */
export const DILIGENCE_QUALITIES = words(`
  diligence care attention caution thought effort rigour rigor vigilance
  discipline focus patience
`);

/** States of a person out of reach ("was unavailable for most of the night"). */
export const UNAVAILABLE_STATES = words(`
  unavailable unreachable absent offline missing uncontactable away
  unresponsive
`);

/** Verbs of being instructed ("was told to wait"): not doing it after defies. */
export const INSTRUCTED_VERBS = words(`
  tell ask instruct warn advise remind direct order
`);

/** Traits of a person that "too … to" turns into a judgement ("too impatient to wait"). */
export const PERSON_TRAITS = words(`
  impatient arrogant proud stubborn lazy careless distracted eager hasty
  overconfident confident complacent slow busy tired timid scared afraid
  sure lazy sloppy stupid dumb green junior inexperienced focused
  preoccupied important good
`);

/**
 * Phrases of motive: what a person cared about or wanted instead of their
 * duty ("only cared about the deadline", "did whatever he wanted").
 */
export const MOTIVE_PHRASES: ReadonlyArray<string> = [
  'only care about',
  'only care for',
  'just care about',
  'whatever * want',
  'whatever * please',
  'whatever * feel like',
  'own up',
  'could not care less',
  "couldn't care less",
  'just want to',
  'only want to',
  'want to go home',
  'to look good',
  'make ~ look good',
  'to cover * back',
  'to save face',
  'to avoid work',
  'out of * league',
  'out of * * league',
  'off * plate',
  'avoid paperwork',
  'avoid the paperwork',
  'avoid the process',
  'avoid review',
  'avoid a review',
  'in too much of a hurry',
  'too much of a hurry',
  'not someone * can rely on',
  'not someone * can trust',
  'not * can rely on',
  'every opportunity to',
  'every chance to',
  'plenty of time to',
  'ample time to',
  'ample warning',
  'all the time in the world',
  'lift a finger',
  'seem to think',
  'seem to believe',
  'more interested in',
  'more concerned with',
  'more concerned about',
  'have no business',
  // Acts without a reason, or for the doer's amusement or convenience:
  // "on a whim", "for no apparent reason", "just to see what would happen",
  // "because he felt like it", "to knock off early".
  'on a whim',
  'for no reason',
  'for no * reason',
  'just to see what',
  'just to see if',
  'just to see whether',
  'to see what would happen',
  'want to see if',
  'want to see whether',
  'want to see what',
  'for fun',
  'for kicks',
  'for the fun of it',
  'for the hell of it',
  'feel like it',
  'take the credit',
  'knock off early',
  'leave early',
  'go home early',
  'get home early',
  'clock off early',
  'log off early',
];

/**
 * A verdict that an outcome follows from people being let near the work
 * ("this is what happens when we let interns …", "that's what you get when
 * the contractors …"), after "this is" or "that's".
 */
export const CONSEQUENCE_VERDICTS: ReadonlyArray<string> = [
  'what happen when',
  'what happen if',
  'what you get when',
  'what you get if',
  'what we get when',
];

/** Staffing verbs by which the writers' group is blamed for its people ("when we hire cheap"). */
export const STAFFING_VERBS = words(`
  hire hires hired hiring promote promotes promoted promoting let lets
  letting allow allows allowed allowing give gives gave giving staff
  staffs staffed
`);

/**
 * Hints that everyone knows the culprit ("we all know who", "guess who
 * merged …"): naming a person without a name.
 */
export const KNOWN_CULPRIT_PHRASES: ReadonlyArray<string> = [
  'we all know who',
  'you all know who',
  'everyone know who',
  'everybody know who',
  'guess who',
  'no prize for guess',
  'no prizes for guess',
  'no point for guess',
  'no points for guess',
];

/** What one may be judged unready for ("isn't ready to be on call"). */
export const READINESS_DUTIES = words(`
  on-call call pager prod production access rota shift lead unsupervised
  alone oncall
`);

/** Adverbials that add reproach to an act ("again", "as usual", "whatsoever"). */
export const REPROACH_PHRASES: ReadonlyArray<string> = [
  'again',
  'as usual',
  'as always',
  'once more',
  'yet again',
  'whatsoever',
  'at all',
  'for no reason',
  'half do',
  'half done',
  'half finish',
  'half finished',
  'unfinished',
  'half-finished',
  'half-done',
  'late',
  'too late',
  'without a word',
];

/** Adjectives of praise that open a sarcasm ("Oh great, …", "Fantastic work by …"). */
export const PRAISE_ADJECTIVES = words(`
  great good nice fantastic wonderful awesome brilliant excellent amazing
  superb stellar terrific lovely outstanding splendid flawless
`);

/** Nouns after a praise adjective ("great job", "nice move"). */
export const PRAISE_NOUNS = words('job work move idea one going call stuff');

/**
 * Openers of praise: before a fault, a person or "again" they are sarcasm
 * ("Well done, platform team, another outage").
 */
export const PRAISE_OPENERS: ReadonlyArray<string> = [
  'well do',
  'well done',
  'great job',
  'good job',
  'nice job',
  'nice work',
  'great work',
  'good work',
  'nice one',
  'thanks a lot',
  'thanks so much',
  'thank you so much',
  'bravo',
  'kudos',
  'way to go',
  'congrat',
  'congratulations',
  'nice going',
  'stellar work',
  'brilliant',
];

/** Phrases of a rhetorical question or remark about people ("how many times", "anywhere near"). */
export const RHETORICAL_PHRASES: ReadonlyArray<string> = [
  'how many times',
  'how often do',
  'how hard can',
  'how hard is',
  'anywhere near',
  // "Is it too much to ask that people test …?"
  'too much to ask',
  // "Who in their right mind runs a reindex at noon?"
  'in their right mind',
  'in his right mind',
  'in her right mind',
  // "Who could have guessed that deleting the certificates would …?"
  'who could have guess',
  'who could have possibly guess',
  // "Who needs a canary when you have Kwame's confidence?"
  'who need ~ when you have',
];

/** Words of a rhetorical question about a person ("Why on earth …", "so hard for X to"). */
export const RHETORICAL_WORDS = words(`
  earth hell heck world seriously really honestly exactly hard difficult
  idea thinking think even actually
`);

/** Phrases of irony about a practice ("always works out so well"). */
export const IRONY_PHRASES: ReadonlyArray<string> = [
  'work out so well',
  'always work out',
  'what could go wrong',
  'what could possibly go wrong',
  'because that always work',
  'because that work',
  'because that went so well',
  'always a great plan',
  'always a great idea',
  'always a good idea',
  'always a good plan',
  'such a great idea',
  'such a good idea',
  'what a great idea',
  'what a plan',
];

/**
 * Verbs of a personal convenience that a purpose clause gives as the
 * motive of an act ("so that he could catch his train").
 */
export const CONVENIENCE_VERBS = words(`
  catch leave go sleep rest relax head get enjoy start finish make
`);

/** Adjectives of a careless act, after its author's name ("Maya's rushed rollback"). */
export const CARELESS_ACT_ADJECTIVES = words(`
  rushed hasty botched sloppy slapdash shoddy careless reckless half-baked
  half-hearted lazy negligent cursory perfunctory thoughtless ill-advised
  ill-considered
`);

/** Interjections of frustration: with people named, chat that blames ("ugh rosa again"). */
export const FRUSTRATION_WORDS = words(
  'ugh smh ffs wtf facepalm sigh argh omg',
);

/** Phrases of putting off work ("sat on the report", "pushed back the rotation"). */
export const DELAY_PHRASES: ReadonlyArray<string> = [
  'sit on',
  'push back',
  'put off',
  'put ~ on hold',
  'put ~ on ice',
  'leave ~ on hold',
];

/** Markers of acting against advice ("even though QA said no", "despite"). */
export const DEFIANCE_MARKERS: ReadonlyArray<string> = [
  'even though',
  'even if',
  'despite',
  'in spite of',
  'against advice',
  'against the advice',
  'regardless',
  'anyway',
  'go red',
  'turn red',
  'still red',
  'be red',
  'still fail',
  'still failing',
  'known blocker',
  'known blockers',
];

/** Acts of pressing on ("went ahead with the deploy"): with defiance, a fault. */
export const PRESSING_ON_PHRASES: ReadonlyArray<string> = [
  'go ahead',
  'press on',
  'push ahead',
  'push on',
  'carry on',
  'proceed',
  'overrule',
  'override',
  'overrode',
];

// ---------------------------------------------------------------------------
// Agency (rules/agency.ts): generic features of a predicate whose subject
// stands for people.

/**
 * Gerunds after "without" that name an outcome avoided, not a step left
 * out: "failed over without dropping any requests" is no omission.
 */
export const OUTCOME_GERUNDS = words(`
  cause affect lose drop break interrupt impact disrupt harm hurt fail
  need require incur exceed trigger interfere miss
  touch change restart reboot corrupt degrade slow risk
`);

/** Verbs that take a safeguard out of the way ("disabled the health checks"). */
export const BYPASS_VERBS = words(`
  disable bypass skip override overrode circumvent suppress deactivate
  switch turn comment rip strip remove waive overrule ignore short-circuit
  sidestep dodge
`);

/** Safeguards a person can take out of the way. */
export const SAFEGUARD_NOUNS = words(`
  check checks test tests review reviews approval approvals alert alerts
  alarm alarms health-check health-checks breaker breakers guard guards
  guardrail guardrails limiter limiters protection protections validation
  validations canary canaries checklist checklists lock locks warning
  warnings gate gates safeguard safeguards safety monitoring fraud
  linter lint ci pre-commit hook hooks confirmation sign-off freeze
  two-person policy policies
`);

/** Purposes that make an act a remedy ("purged the queue to restore service"). */
export const REMEDY_VERBS = words(`
  restore recover stop mitigate fix unblock reduce resolve free relieve
  contain limit prevent protect stabilise stabilize drain rebuild repair
`);

/** Obligations that, with "be" and a diligence adjective, judge in hindsight. */
export const OBLIGATION_WORDS = words(
  'should ought must need needed needs have has had',
);

/** Adjectives that judge a record of conduct ("a bad track record"). */
export const BAD_RECORD_ADJECTIVES = words(`
  bad poor terrible awful sloppy lousy dismal shocking woeful
`);

/** Nouns of knowledge a person is said to lack ("has no idea"). */
export const KNOWLEDGE_NOUNS = words(`
  idea clue understanding sense business respect regard grasp notion
`);

/** Phrases that put a fault on people after "is" ("is on the DBA team"). */
export const ON_PEOPLE_PHRASES: ReadonlyArray<string> = [
  'on',
  'all on',
  'squarely on',
  'entirely on',
  'down to',
  'thanks to',
];

/** Words that make a team head a technical grouping ("consumer group"). */
export const TECHNICAL_GROUP_MODIFIERS = words(`
  consumer security resource target node instance auto-scaling autoscaling
  scaling placement log worker thread process replica replication
  availability partition shard container pod subnet parameter option
  user-defined
`);

/** Noun endings that no first name has ("exhaustion", "readiness"). */
export const NOUN_SUFFIXES =
  /(tion|sion|ness|ment|ity|ance|ence|ism|ure|age|ery|ing|ship|hood|ics|ogy)$/;

/** Verbs that report speech ("… ," said the lead; the summary read: "…"). */
export const SPEECH_VERBS = words(`
  say tell write ask shout yell reply add insist complain claim put read
  note conclude snap announce post type comment message exclaim mutter
  grumble declare state
`);

/**
 * Words before or after a quotation that mention its words rather than
 * use them: "the phrase …", "words like …", "avoid …", "… is the wrong
 * question".
 */
export const MENTION_MARKERS = words(`
  phrase phrases word words wording term terms title titled label labelled
  labeled called named such like avoid instead rather message messages text
  field category section string heading template question questions
  sentence sentences expression expressions slogan motto banner tag
`);

// ---------------------------------------------------------------------------
// Rewrites by the act (rewriteAct.ts)

/** Verbs that frame an omission of the verb after them ("failed to page"). */
export const OMISSION_FRAME_VERBS = words(`
  fail forget neglect bother omit refuse decline
`);

/** Verbs of mind, which state no act to restate ("assumed", "thought"). */
export const MIND_VERBS = words(`
  think believe assume decide feel care want know understand expect hope
  suppose guess figure reckon seem wish like love hate mean realise realize
  consider let get have be do make give keep
`);

/** Verbs of demeanour, which state no act on a system ("panicked", "froze"). */
export const DEMEANOUR_VERBS = words(`
  act behave panic freeze shrug strike mess jump disappear vanish sulk
  stall dither hesitate
`);

/**
 * Words that only attribute or judge, which a rewrite of an attribution may
 * leave out ("Ines's responsibility", "the blame for").
 */
export const ATTRIBUTION_WORDS = words(`
  blame fault responsibility reason cause culprit root thanks part account
  one
`);

/** Verbs that only attribute an outcome ("lies with", "led to", "stems from"). */
export const ATTRIBUTION_VERBS = words(`
  be lie rest stem lead cause result come fall go trace hold own sit blame
`);

/** Words that link an outcome to its cause ("led to", "due to", "stems from"). */
export const CAUSE_LINKS = words(`
  led lead leads due caused causes stems stem stemmed traces traced resulted
  results down
`);

/** How a rewrite of an attribution states its outcome. */
export const ATTRIBUTION_REWRITE_TAIL =
  'had contributing conditions, which this review describes';

/** How a rewrite by the act closes, for an act left out and an act done. */
export const ACT_REWRITE_TAILS = {
  omitted: 'did not happen, and nothing in the process prompted it',
  done: 'was possible, and nothing in the process stopped it',
};

/** Verbs that make their subject the source of an outcome ("started this whole mess"). */
export const CAUSATION_VERBS = words(`
  cause start trigger create spark provoke precipitate kick set bring
`);

/** Verbs of knowing that, denied in the present, judge competence. */
export const KNOWING_VERBS = words(`
  know understand grasp get comprehend
`);

/** People a person or team can fail or let down ("failed us"). */
export const LET_DOWN_OBJECTS = words(`
  us everyone everybody customers users company team teams colleagues
`);

/** Words that reproach an act as a habit ("again", "as usual"). */
export const HABIT_REPROACHES: ReadonlyArray<string> = [
  'again',
  'as usual',
  'as always',
  'yet again',
  'once more',
  'once again',
];

/**
 * Markers that an act is typical of its doer ("as usual", "true to form"):
 * said of people, they reproach a habit whatever the act ("Billing, as
 * usual, answered a day later"). Bare "again" is left out: it repeats an
 * act as often as it reproaches one ("pushed the patch again once the
 * registry was back").
 */
export const TYPICAL_MARKERS: ReadonlyArray<string> = [
  'as usual',
  'as always',
  'as ever',
  'as per usual',
  'per usual',
  'like always',
  'same as always',
  'yet again',
  'once again',
  'again and again',
  'true to form',
];

/**
 * Openers of thanks or delight. Before a sour cue (`SOUR_CUES`) and people,
 * they are sarcasm ("Nice of the DBAs to join, two hours in"); otherwise
 * thanks ("Thanks to Sofia for coordinating the call").
 */
export const GRATITUDE_OPENERS: ReadonlyArray<string> = [
  'thanks',
  'thank you',
  'many thanks',
  'huge thanks',
  'special thanks',
  'kudos',
  'shout-out',
  'shoutout',
  'shout out',
  'props',
  'a round of applause',
  'round of applause',
  'a word of thanks',
  'nice of',
  'good of',
  'kind of',
  'love how',
  'love that',
  'really appreciate',
  'really appreciated',
];

/**
 * Cues that turn thanks sour: lateness ("finally", "two hours later",
 * "afterwards"), nothing done ("for nothing"), damage ("outage", "the 6am
 * wake-up"), and retractions ("oh wait", "/s").
 */
export const SOUR_CUES = words(`
  finally later afterwards nothing outage outages downtime mess breakage
  disruption damage data-loss wake-up /s
`);

/**
 * Verdicts on a decision that praise only in irony ("interesting choice",
 * "bold move", "the genius who"): said with people, sarcasm at them
 * ("Interesting choice by the DBA to reindex at noon").
 */
export const SARCASTIC_VERDICTS: ReadonlyArray<string> = [
  'interesting choice',
  'interesting decision',
  'bold choice',
  'bold move',
  'bold decision',
  'genius move',
  'inspired choice',
  'inspired decision',
  'creative interpretation',
  'very creative',
  'very brave',
  'very mature',
  'which genius',
  'the genius who',
];

/**
 * Times that make leaving risky ("pushed on a Friday and logged off",
 * "deployed at peak and went home"): with an absence, they are support.
 */
export const RISKY_TIMES = words(`
  friday fridays weekend peak busiest
`);

/** Faults that can be shipped ("pushed a bug to prod"), besides lapses. */
export const SHIPPED_FAULTS = words(`
  bug bugs regression regressions breakage vulnerability
`);

/** Verbs of preferring one thing over another ("chose convenience over safety"). */
export const PREFERENCE_VERBS = words(`
  choose prioritise prioritize put value favour favor pick place rank
`);

/** What an operator is expected to put first, after "over" ("over safety"). */
export const DUTY_VALUES = words(`
  safety stability reliability production customers customer users quality
  correctness security availability uptime process procedure review
`);

/** Verbs and phrases of taking a risk with something ("gambled with", "rolled the dice"). */
export const RISK_PHRASES: ReadonlyArray<string> = [
  'gamble with',
  'gamble on',
  'roll the dice',
  'take a shortcut',
  'take shortcuts',
  'take a chance',
  'take chances',
  'play fast and loose',
  'wing it',
];

/** Verbs of answering a signal, after a wait ("waited forty minutes before looking"). */
export const ANSWERING_VERBS = words(`
  look answer respond acknowledge ack react reply join escalate check open
  read page call investigate
`);
