/**
 * German word lists of the blameless-language check, kept as data apart
 * from the rules. German compounds carry their meaning in their last part
 * ("Datenbankteam", "Release-Manager"), so nouns are listed as heads that a
 * word may end with; verbs are listed as stems that any inflection or
 * participle contains ("prüf" → prüft, prüfte, geprüft, überprüft).
 */

const words = (text: string): Set<string> =>
  new Set(text.split(/\s+/).filter(Boolean));

const list = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** Pronouns that stand for people. `sie` is read as a person only as a subject. */
export const PERSON_PRONOUNS = words('ich du er sie wir ihr');

/** Indefinite people ("man hätte …", "jemand hat …"). */
export const INDEFINITE_PEOPLE = words('man jemand jeder jede wer irgendwer');

/** Negative quantifiers over people. */
export const NEGATIVE_PEOPLE = words('niemand keiner keine kein niemandem');

/** Words that stand for a thing, not a person. */
export const THING_WORDS = words(`
  es das dies dieses diese dieser der die was welches welche alles nichts
`);

/** Heads of roles: a noun ending in one of these stands for a person in a role. */
export const ROLE_HEADS = list(`
  entwickler entwicklerin entwicklerinnen ingenieur ingenieurin ingenieure
  ingenieurinnen administrator administratorin administratoren admin admins
  kollege kollegin kollegen kolleginnen praktikant praktikantin praktikanten
  mitarbeiter mitarbeiterin mitarbeitende mitarbeitenden techniker
  technikerin reviewer reviewerin prüfer prüferin manager managerin leiter
  leiterin verantwortliche verantwortlicher verantwortlichen zuständige
  zuständiger zuständigen dienstleister berater beraterin tester testerin
  architekt architektin azubi werkstudent werkstudentin oncall on-call
  bereitschaftsdienst rufbereitschaft bereitschaft sre sres person personen
  leute mensch menschen dba operatorin betreuer betreuerin lead owner
  auftragnehmer freelancer kollegium chef chefin
  ic incident-commander bereitschaftler bereitschaftlerin bereitschaftshabende
  bereitschaftshabender bereitschaftshabenden nachtdienst lehrling
  lehrlinge ausbilder ausbilderin betreiber betreiberin partner dbas
  führungskraft führungskräfte projektleitung teamleitung herr herrn frau
  genies verursacher verursacherin commander netzwerker engineer engineerin
  po frühschicht spätschicht nachtschicht tagschicht
  pikett pikettdienst leitwarte fachbereich fachbereiche bearbeiter
  bearbeiterin assignee autor autorin beauftragte beauftragter cto ceo cio
  analyst analystin analysten agentur teamlead beteiligte beteiligten
  beteiligter jungs schichtführung schichtführer schichtführerin
`);

/** Heads of teams and functions ("das Ops-Team", "der Support"). */
export const TEAM_HEADS = list(`
  team teams gruppe abteilung support betrieb ops devops qa management
  leitung helpdesk kundendienst kundenservice security marketing vertrieb
  buchhaltung finanzabteilung crew squad geschäftsführung firma cab
`);

/**
 * Heads of systems and things ("der Cronjob", "die Pipeline"): checked
 * before the people heads, so "Feature-Flag-Dienst" is a system while
 * "Bereitschaftsdienst" is listed as a role.
 */
export const SYSTEM_HEADS = list(`
  job jobs dienst dienste service services server datenbank datenbanken
  cluster pipeline skript script worker proxy loadbalancer balancer canary
  failover alarm alarme alert alerts monitoring healthcheck check cache
  replikat replikate queue scheduler autoscaler client broker speicher
  prozess tool tooling system systeme api endpunkt seite dashboard
  zertifikat zertifikate migration deployment release update konfiguration
  config netzwerk knoten pod pods container primary collector linter bot
  automatisierung runbook template vorlage log logs flag quorum loading
  pager controller operator agent treiber modul bibliothek code änderung
  commit patch fix build test tests suite regel policy firewall router
  verbindung verbindungen anfrage request requests limit rate schwellwert
  abfrage befehl kommando cli ui frontend backend app anwendung website
  plattform cdn dns region zone instanz instanzen volume disk festplatte
  backup backups snapshot index tabelle schema cronjob lease sperre offset
  stream topic partition shard leader follower heartbeat zähler
`);

/**
 * Stems of verbs only people do ("hat nicht bedacht", "hat
 * es gewusst"): their subject is people, even when named like a system
 * ("die Datenplattform", "Payments").
 */
export const PERSON_VERB_STEMS = list(`
  bedacht bedenk begreif begriff gewusst wusste zugegeben gefühlt fühlt
  interessier geschlafen schlief schläft nachgedacht versproch verspricht
  gelogen
`);

/** Possessive determiners of people ("sein Job", "ihre Änderung"). */
export const PERSON_POSSESSIVES = words(`
  sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer
`);

/** Determiners that mark a noun phrase as dative or accusative, so not a subject. */
export const OBJECT_DETERMINERS = words(`
  den dem des einem einen eines diesem diesen unserem unseren unserer
  seinem seinen ihrem ihren
`);

/** Words of negation. */
export const NEGATORS = words(`
  nicht nie niemals kein keine keinen keinem keiner keines nichts ohne
  weder
`);

/** Subordinating conjunctions: each starts a verb-final clause. */
export const SUBORDINATORS = words(`
  weil da als wenn falls nachdem bevor obwohl dass damit während sodass ob
  sobald bis seit indem
`);

/** Coordinating conjunctions: a clause after them may share the subject. */
export const COORDINATORS = words('und aber oder sondern denn doch');

/** Relative pronouns after a comma ("…, die hätte blockiert werden müssen"). */
export const RELATIVE_PRONOUNS = words(`
  der die das den dem deren dessen welche welcher welches welchen
`);

/** Finite auxiliaries and modals: in a main clause the second position (chat "is", "hab", "ham" too). */
export const FINITE_AUX = words(`
  hat haben habe hast hatte hatten hättest hätte hätten ist sind bin bist
  war waren wäre wären wird werden wurde wurden würde würden kann können
  konnte konnten könnte könnten muss müssen musste mussten müsste müssten
  soll sollen sollte sollten darf dürfen durfte durften will wollen wollte
  wollten mag is hab ham
`);

/** Forms of "hätte": a counterfactual past. */
export const COUNTERFACTUAL_AUX = words('hätte hätten hättest hättet');

/** Finite verbs that open an inverted condition ("Hätte X …, …", "Wäre X …, …"). */
export const COUNTERFACTUAL_CONDITION = words(`
  hätte hätten wäre wären
`);

/** Finite verbs of a counterfactual ("hätte", "wäre", "würde"). */
export const COUNTERFACTUAL_VERBS = words(`
  hätte hätten hättest wäre wären wärst würde würden
`);

/** Stems of a better person in hindsight ("ein erfahrener Admin", "jeder halbwegs kompetente …"). */
export const BETTER_PERSON_STEMS = list(`
  erfahren kompetent engagiert aufmerksam gewissenhaft vernünftig halbwegs
  sorgfältig umsichtig fähig
`);

/** Qualities someone lacked, in hindsight ("mit etwas mehr Sorgfalt"). */
export const LACKED_QUALITIES = list(`
  sorgfalt aufmerksamkeit menschenverstand verstand hirn umsicht engagement
  disziplin verantwortungsbewusstsein gewissenhaftigkeit
`);

/** Modals that complete "hätte … müssen / sollen / können". */
export const COUNTERFACTUAL_MODALS = words(`
  müssen sollen können dürfen
`);

/** Modal particles, which may stand between the verb and its subject ("hat eigentlich keiner …"). */
export const MODAL_PARTICLES = words(`
  eigentlich überhaupt denn bitte wirklich ernsthaft jemals etwa doch ja
  halt eben wohl echt
`);

/** Question words. */
export const QUESTION_WORDS = words('warum wieso weshalb wie wer');

/**
 * Stems of forgetting and overlooking ("vergessen", "übersehen",
 * "verschlafen"): with a person as subject, they blame memory or attention.
 */
export const FORGOT_STEMS = list(`
  vergess vergaß vergiss überseh übersah übersieh verschlaf verschlief
  verschwitz verpenn verbummel
`);

/** Stems of omission as a failing ("versäumt", "vernachlässigt", "verpasst"). */
export const NEGLECT_STEMS = list(`
  versäum vernachlässig verpass verschlamp
`);

/** Stems of ignoring a signal or rule ("ignoriert", "missachtet", "weggeklickt"). */
export const IGNORE_STEMS = list(`
  ignorier missacht wegklick weggeklickt umgang umgeh umging überspr
  durchgewunk durchwink unterdrück verschwieg verschwiegen verheimlich
`);

/** Stems of faults only people commit ("verbockt", "vertippt", "kaputt gemacht"). */
export const FAULT_STEMS = list(`
  verbock verhunz vermassel versau verpfusch vergeig vertipp verklick
  plattgemacht plattmach zerschoss zerschieß zerschoß verkack verschlimmbesser
  durchgedrückt durchdrück durchgeboxt durchbox weggelächelt weglächel
  abgenickt abnick reingeklatscht reinklatsch rausgehauen raushau
  reingeritten reinreit verschlepp abgetan kleingeredet kleinred
  schöngeredet schönred gepfuscht pfusch rückdatier weggedrückt wegdrück
  verwechsel kaputtgemacht kaputtzumachen kaputtmach auskommentier
`);

/** Stems of destructive acts ("gelöscht", "überschrieben"). */
export const DESTRUCTIVE_STEMS = list(`
  lösch löscht überschrieb überschreib zerstör entfern leer geleert kill
`);

/** Stems of causing ("verursacht", "ausgelöst"). */
export const CAUSE_STEMS = list('verursach ausgelöst auslös herbeigeführt');

/**
 * Stems of diligence: not doing them is an omission ("nicht geprüft",
 * "nicht eskaliert", "nicht aufgepasst").
 */
export const DILIGENCE_STEMS = list(`
  prüf test kontrollier gelesen lesen lies beacht befolg eingehalten
  einhalt eskalier reagier meld informier weitergegeben weitergeb
  weitergeleitet weiterleit aufgepasst aufpass angesehen ansehen
  angeschaut anschau nachgesehen nachseh gecheckt check kümmer dokumentier
  rotier erneuer zurückgerollt zurückroll benachrichtig alarmier angerufen
  anruf abgestimmt abstimm gewartet wart gefragt frag geantwortet antwort
  bestätig verifizier validier überwach beobacht bedacht bedenk
`);

/** Objects that make a negated act an omission ("die Tests nicht laufen lassen"). */
export const DILIGENCE_OBJECTS = list(`
  test tests runbook logs log dashboard grafen graphen warnung warnungen
  alarm alarme alerts alert review backup backups sicherung checkliste
  prozess anleitung doku dokumentation diff status replikation
  fehlermeldung meldung meldungen ticket tickets
`);

/** Stems of receiving or knowing: not doing them is no omission ("nicht erhalten"). */
export const RECEIVING_STEMS = list(`
  erhalt erhielt bekomm bekam gehabt hab hatt wiss wuss gewusst kenn kann
  konnt deploy geändert änder
`);

/** Words after "ohne" that name a skipped step ("ohne Review", "ohne nachzudenken"). */
export const SKIPPED_STEPS = list(`
  review reviews freigabe freigaben test tests testen prüfung prüfen
  absprache rücksprache genehmigung backup sicherung ci canary dry-run
  nachzudenken nachdenken zu warten bescheid abstimmung lasttest lasttests
  rückfrage vier-augen-prinzip kontrolle zustimmung approval plan
  rollback-plan ankündigung info grund begründung vorwarnung heads-up
`);

/** Adverbs and phrases that make an act careless ("versehentlich gelöscht"). */
export const CARELESS_WORDS = words(`
  versehentlich fälschlicherweise irrtümlich irrtümlicherweise
  unbeabsichtigt eigenmächtig ungeprüft ungetestet ungetesteten ungeprüften
  ungetestete ungeprüfte blind einfach voreilig überhastet leichtfertig
  unbedacht unbedachte unüberlegt ungelesen oberflächlich hektisch
`);

/** Multi-word careless phrases. */
export const CARELESS_PHRASES: string[][] = [
  ['aus', 'versehen'],
  ['ohne', 'nachzudenken'],
  ['ohne', 'zu', 'fragen'],
  ['einfach', 'so'],
  ['im', 'klartext'],
  ['ohne', 'ticket'],
  ['mal', 'wieder'],
  ['schon', 'wieder'],
  ['wieder', 'einmal'],
  ['zum', 'wiederholten', 'mal'],
];

/** Words that make an object wrong ("den falschen Cluster", "ungetesteten Code"). */
export const BAD_OBJECT_STEMS = list(`
  falsch ungetestet ungeprüft fehlerhaft kaputt defekt
`);

/** Stems of finding or fixing ("gefunden", "behoben"): acts on a fault, not faults. */
export const DISCOVERY_STEMS = list(`
  gefunden find fand entdeck bemerk identifizier erkann erkenn gemeldet
  behob beheb reparier zurückgerollt zurückroll korrigier ersetz ersetzt
  untersuch analysier gefixt fix tausch getauscht
`);

/** Words of defiance ("trotz Freeze", "trotzdem"). */
export const DEFIANCE_WORDS = words('trotz trotzdem dennoch entgegen');

/** Verbs of decay that a person "lassen" happen ("ablaufen lassen"). */
export const DECAY_VERBS = words(`
  ablaufen verfallen auslaufen volllaufen verrotten schleifen liegen
  abstürzen verkommen
`);

/**
 * Judgemental words about people or their work, any inflection
 * (stems: "schlampig" → schlampige, schlampigen …).
 */
export const JUDGEMENT_STEMS = list(`
  schlampig schlamperei geschlampt fahrlässig nachlässig leichtsinnig
  unachtsam unaufmerksam unvorsichtig sorglos gedankenlos achtlos
  inkompetent unfähig nutzlos dämlich idiotisch unprofessionell
  verantwortungslos unzuverlässig stümperhaft dilettantisch kopflos
  anfängerfehler gepennt verpennt pennt fehlentscheidung schlamp
  unverantwortlich
`);

/** Whole words that judge only as whole words ("dumm", "blöd"). */
export const JUDGEMENT_WORDS = words(`
  dumm dummer dumme blöd blöde faul faule faulen fauler faulheit
`);

/** Multi-word judgements and idioms of blame (lower case, `*` any word). */
export const BLAME_IDIOMS: string[][] = [
  'mangelnde sorgfalt',
  'mangelnden sorgfalt',
  'mangelnde aufmerksamkeit',
  'fehlende sorgfalt',
  'schlechte entscheidung',
  'schlechtes urteilsvermögen',
  'schlechtem urteilsvermögen',
  'keinen bock',
  'keine lust',
  'nicht die mühe',
  'nicht darum gekümmert',
  'nicht drum gekümmert',
  'ohne nachzudenken',
  'mit den gedanken woanders',
  'nicht vertrauen',
  'nicht anvertrauen',
  'keinen * anvertrauen',
  'keine * anvertrauen',
  'nicht zu trauen',
  'job nicht',
  'arbeit nicht gemacht',
  'hätte es besser wissen',
  'zu faul',
  'am steuer geschlafen',
  'nicht bei der sache',
  'ball fallen lassen',
].map(p => p.split(' '));

/** "Menschliches Versagen", "Bedienfehler": a person as the cause. */
export const HUMAN_ERROR_PHRASES: string[][] = [
  'menschliches versagen',
  'menschlichen versagens',
  'menschlichem versagen',
  'menschlicher fehler',
  'menschlichen fehler',
  'menschliches fehlverhalten',
  'human error',
].map(p => p.split(' '));

/** Compound nouns of human error. */
export const HUMAN_ERROR_WORDS = words(`
  bedienfehler bedienungsfehler benutzerfehler anwenderfehler fehlbedienung
  bedienerfehler
`);

/** Nouns of blame and fault ("ist schuld", "Fehler von Anna"). */
export const BLAME_NOUNS = words('schuld verschulden schuldige schuldigen');

/** Nouns of a person's mistake ("Pauls Fehler", "einen Fehler gemacht"). */
export const MISTAKE_NOUNS = words('fehler fehlers patzer lapsus schnitzer');

/** Words of hindsight. */
export const HINDSIGHT_WORDS = words(`
  offensichtlich offenkundig selbstverständlich offensichtliche
  offensichtlichen
`);

/** Words after which "offensichtlich" describes when something became visible. */
export const VISIBILITY_WORDS = words(`
  nach innerhalb sobald erst im in auf beim ab
`);

/** Outcome nouns: what a person "ist verantwortlich für". */
export const OUTCOME_NOUNS = list(`
  ausfall ausfälle störung störungen datenverlust fehler incident vorfall
  problem probleme schaden
`);

/** Adverbs dropped from rewrites: judgement and hindsight without facts. */
export const REWRITE_DROP_WORDS = words(`
  versehentlich fälschlicherweise irrtümlich irrtümlicherweise
  unbeabsichtigt eigenmächtig leichtsinnig schlampig nachlässig
  fahrlässig unvorsichtig offensichtlich einfach mal wieder schon
  natürlich halt eben total echt komplett doch ja eigentlich wohl bitte
`);

/**
 * Asides of judgement that a rewrite drops whole: a clause of only these
 * words (besides words of `REWRITE_DROP_WORDS`) before or after the act ("na super, …", "…, klassiker", "…, wie
 * immer"), or a word of chat at its end ("… lol").
 */
export const REWRITE_ASIDES: string[][] = [
  'klassiker',
  'typisch',
  'ernsthaft',
  'wirklich',
  'unglaublich',
  'jetzt',
  'kein kommentar',
  'wie üblich',
  'wie immer',
  'wie so oft',
  'wie gewohnt',
  'wie praktisch',
  'na super',
  'super',
  'mega',
  'naja',
  'na ja',
  'ehrlich',
  'ganz ehrlich',
  'sorry',
  'nicht böse gemeint',
  'glänzende idee',
  'tolle idee',
  'anders kann man es nicht nennen',
  'jetzt ehrlich',
  'wie es seine art ist',
  'wie es ihre art ist',
].map(p => p.split(' '));

/**
 * Chat words at the end of a sentence that a rewrite drops ("… lol"). A
 * list, not a set: the clause model learns from the sets of this module.
 */
export const REWRITE_TRAILING_ASIDES = list('lol xd rofl omg smh');

/**
 * Absence when needed, with a person as the subject ("war nicht
 * erreichbar", "ist offline gegangen", "hat weitergeschlafen").
 */
export const ABSENCE_PHRASES: string[][] = [
  'nicht erreichbar',
  'nicht zu erreichen',
  'nicht ans telefon',
  'nicht ans handy',
  'offline gegangen',
  'offline geschaltet',
  'einfach offline',
  'weitergeschlafen',
  'in den feierabend',
  'in die mittagspause',
  'ins wochenende',
  'in den urlaub',
  'mittagessen gegangen',
  'handy aus',
  'das handy aus',
  'diensthandy ausgeschaltet',
  'handy ausgeschaltet',
  'war weg',
  'war dann weg',
  'einfach weg',
  'verschwunden',
  'sich ausgeloggt',
  'sich abgemeldet',
  'nirgends zu sehen',
  'für niemanden mehr',
  'erst in der halbzeit',
  'ausgesessen',
  'schon im zug',
  'beim skifahren',
  'beim fußball',
  'beim weihnachtsmarkt',
  'beim zahnarzt',
  'beim kaffee',
  'kurz einkaufen',
  'ausgerechnet',
  'kurz vor feierabend',
  'kurz vor dem wochenende',
  'am freitagnachmittag',
  'vor weihnachten',
  'aus ungeduld',
  'aus frust',
  'aus bequemlichkeit',
  'für sich behalten',
  'für unnötig',
  'für panikmache',
  'für nötig gehalten',
  'an der pipeline vorbei',
  'zu spät',
  'auf eigene faust',
  'im alleingang',
].map(p => p.split(' '));
/** Competence judged ("hat null Plan", "keine Ahnung von", "nicht im Griff"). */
export const COMPETENCE_PHRASES: string[][] = [
  'keine ahnung',
  'null ahnung',
  'keinen plan',
  'null plan',
  'nicht im griff',
  'kein verlass',
  'nicht gewachsen',
  'grün hinter den ohren',
  'auf die reihe',
  'nicht auf der höhe',
  'ohne erfahrung',
  'überfordert',
  'hausaufgaben gemacht',
  'seine hausaufgaben',
  'ihre hausaufgaben',
  'nicht gerecht geworden',
  'nicht nachgekommen',
  'pflicht nachgekommen',
  'dienst nach vorschrift',
  'mit den schultern',
  'achselzuckend',
  'gegen jede vernunft',
  'gegen den rat',
  'gegen den ausdrücklichen rat',
  'aus der luft gegriffen',
  'nicht mein problem',
  'nicht meine baustelle',
  'besser als das runbook',
  'auf die lange bank',
  'nicht im blick',
  'null bock',
  'kein bock',
  'bock gehabt',
  'die mühe gemacht',
  'mist gebaut',
  'gepfuscht',
  'schleifen lassen',
  'links liegen',
  'nicht gekümmert',
  'nicht darum gekümmert',
  'nicht drum gekümmert',
  'nicht verstanden',
  'nie verstanden',
  'nicht gekannt',
  'war egal',
  'doch egal',
  'ihm egal',
  'ihr egal',
  'wäre die aufgabe',
  'wäre es die aufgabe',
  'fühlt sich nie zuständig',
  'fühlen sich nie zuständig',
  'mehr sorgfalt',
  'mehr aufmerksamkeit',
  'mehr disziplin',
  'mehr verantwortungsbewusstsein',
  'ausreichender sorgfalt',
  'verantwortungsbewusstsein',
  'sorgfältiger arbeiten',
  'gewissenhafter arbeiten',
  'erst nachdenken',
  'wäre die pflicht',
  'persönliches versäumnis',
  'besser hätte wissen',
  'zu doof',
  'kompetenteren',
  'erfahreneren',
  'gespräch über',
  'gespräche über',
  'nicht aufmerksam',
  'die suppe auslöffeln',
  'unternimmt aber nichts',
  'nichts unternommen',
  'ohne etwas zu unternehmen',
  'nichts gemacht',
  'nix gemacht',
  'nix machen',
  'nur witze gemacht',
].map(p => p.split(' '));
/** Heads of signals that acting against blames ("obwohl der Canary rot war"). */
export const DEFIANCE_SIGNALS = list(`
  alarm alarme alert alerts warnung warnungen rot rote roter canary tests
  widersprochen bitte rat erinnerung freeze vorlagen lief noch fehlerrate
  fehler einwand einwände bedenken
  liefen abgeraten gewarnt hinweis hinweise
`);
/** Openers that are irony whatever follows ("Super Idee von …", "Na toll"). */
export const IRONY_OPENERS: string[][] = [
  'super idee',
  'tolle idee',
  'großartige idee',
  'grossartige idee',
  'geniale idee',
  'glänzende idee',
  'klasse idee',
  'na toll',
  'na super',
  'na klasse',
  'na prima',
  'ein echter profi',
  'wie immer hervorragend',
  'wie immer vorbildlich',
  'danke auch',
  'ganz großes kino',
  'ganz grosses kino',
  'ganz großes tennis',
  'ganz grosses tennis',
  'super einschätzung',
  'wie praktisch',
  'wirklich großartig',
  'meisterleistung',
].map(p => p.split(' '));
/** Words of thanks ("danke an …", "merci vielmal"). */
export const THANKS_WORDS = words('danke dank merci dankeschön lob');
/** Heads of a time or an experience, not an act: thanks for them is irony ("für die spannende Nacht"). */
export const LOST_TIME_HEADS = list(`
  nacht nächte wochenende abend sonntag samstag feiertag feiertage
  überraschung überraschungsgeschenk geschenk aufregung
`);
/** Praise that is irony when a failure follows ("Hut ab, … ohne Backup"). */
export const IRONY_PRAISE: string[][] = [
  'hut ab',
  'bravo',
  'respekt',
  'glückwunsch',
  'super arbeit',
  'tolle arbeit',
  'tolle teamleistung',
  'starke leistung',
].map(p => p.split(' '));
/** Failures after ironic praise. */
export const IRONY_TARGETS =
  /(ausfall|ausfälle|kaputt|ohne|mitten|peak|vollschreiben|weg|übersehen|bett|nacht|abzuschalten|abgeschaltet|schafft|verbockt|zerlegt|fehler|wieder|nix|nichts)/;
/** Particles of a rhetorical question ("eigentlich", "bitte", "jemals"). */
export const RHETORICAL_PARTICLES = words(`
  eigentlich bitte jemals überhaupt denn wirklich ernsthaft
`);

/** Modals of a polite request ("Könntest du bitte …?"). */
export const REQUEST_MODALS = words(`
  kannst könntest würdest könnt könntet magst können könnten würden
`);
/** Haste ("hat noch schnell deployt", "hat mal eben gedroppt"). */
export const HASTE_PHRASES: string[][] = [
  'noch schnell',
  'noch eben',
  'mal eben',
  'noch mal eben',
].map(p => p.split(' '));
/** Stems of helping ("übernommen", "eingesprungen"): acts no timing makes blame. */
export const HELPING_STEMS = list(`
  übernomm übernehm übernahm geholfen helf hilft half eingesprungen
  einspring koordinier unterstütz gerettet rette
`);
/** Times whose middle an act disturbs nobody in ("mitten in der Nacht"). */
export const QUIET_TIMES = list(`
  nacht woche tag satz gespräch urlaub
`);
/** A failing told as a habit ("wie immer", "wie so oft", "halt wieder"). */
export const HABIT_PHRASES: string[][] = [
  'wie so oft',
  'wie immer',
  'wie üblich',
  'wie gewohnt',
  'wie jedes mal',
  'wie gehabt',
  'mal wieder',
  'wieder mal',
  'schon wieder',
  'wieder einmal',
  'halt wieder',
  'zum wiederholten mal',
  'zum dritten mal',
  'wie leider üblich',
].map(p => p.split(' '));
/** Words that open a question ("wieso hat eigentlich keiner …"). */
export const QUESTION_OPENERS = words('warum wieso weshalb wer wie wofür');
/** Words of what little came from people ("kein Wort", "erst um 08:30"). */
export const SCARCITY_WORDS = words(`
  kein keine keinen keinerlei nichts nix nur erst kaum
`);

/**
 * Nouns of a person's conduct that blame with their owner ("das
 * Versäumnis von Frau Gruber", "die Untätigkeit der Bereitschaft", "Retos
 * Alleingang").
 */
export const CONDUCT_NOUNS = list(`
  versäumnis untätigkeit ignoranz alleingang unerfahrenheit verweigerung
  fehlverhalten unachtsamkeit fehleinschätzung fehlentscheidung
  inkompetenz unfähigkeit desinteresse gleichgültigkeit sturheit
  bequemlichkeit leichtsinn eigenmächtigkeit ausrede ausreden
  nachlässigkeit schlamperei überheblichkeit
`);
/** Adjectives that make an act a failing with its owner ("die fehlende Prüfung durch den Reviewer"). */
export const FAILING_ACT_ADJECTIVES =
  /^(fehlend|verspätet|mangelnd|mangelhaft|unzureichend|zögerlich|unterlassen|ausgebliebe)/;
/** Words of a bad outcome or delay that a person's act explains ("…, weil Lea den Hinweis übergangen hat"). */
export const DELAY_WORDS =
  /^(spät|später|lange|länger|verzögert|verzögerte|verzögerung|entstanden|scheiterte|gescheitert|kostete|gekostet|mies|verloren|ausgefallen)$/;
/** Phrases that lay the blame on people named in the sentence. */
export const ATTRIBUTION_PHRASES: string[][] = [
  'liegt bei',
  'liegt eindeutig bei',
  'liegt klar bei',
  'liegt allein bei',
  'geht auf',
  'anzulasten',
  'zuzuschreiben',
  'spricht bände',
  'mehr muss man dazu nicht sagen',
  'hauptsache feierabend',
  'war ja klar',
  'typisch',
  'baustelle',
  'klassiker',
  'geht allein auf',
  'zurückzuführen',
  'liegt beim',
  'liegt eindeutig beim',
  'liegt klar beim',
  'trägt die verantwortung',
  'trägt die schuld',
  'verantwortung trägt',
  'schuld trägt',
  'unverständlich',
  'nicht nachvollziehbar',
  'inakzeptabel',
  'nicht akzeptabel',
  'keine produktionsrechte',
  'keinen produktionszugang',
  'keinen root-zugang',
  'nicht mehr allein',
  'personelle konsequenzen',
  'die schulung wiederholt',
  'super idee',
  'tolle idee',
  'geniestreich',
].map(p => p.split(' '));
