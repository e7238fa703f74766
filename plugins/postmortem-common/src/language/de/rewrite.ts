/**
 * Rewrites of flagged German sentences, around the system: the clause
 * whose subject is a person, role or team becomes a passive without an
 * agent ("Der Support hat das Ticket nicht eskaliert" → "Das Ticket wurde
 * nicht eskaliert"), and words of judgement go. The check runs again on
 * each rewrite; one that is flagged again or names a person is not offered.
 */
import { isPeople, type Clause, type Sentence, type Token } from '../parse';
import type { RuleMatch } from '../rules/types';
import {
  REWRITE_ASIDES,
  REWRITE_DROP_WORDS,
  PERSON_POSSESSIVES,
  REWRITE_TRAILING_ASIDES,
  SUBORDINATORS,
} from './lexicon';
import { kindOfHeadDe } from './parse';

/**
 * Words a rewrite drops: those of the lexicon and a few more adverbs of
 * judgement, kept here so that the clause model's word classes stay as
 * it learned them.
 */
const DROP_WORDS = new Set([
  ...REWRITE_DROP_WORDS,
  'sinnlos',
  'blindlings',
  'geflissentlich',
]);

/** What a fault verb says happened, without an agent. */
const OUTCOMES: Array<[RegExp, string]> = [
  [/^(ignoriert|missachtet|weggeklickt)$/, 'nicht beachtet'],
  [/^(übersehen|verschlafen|verpasst|verpennt)$/, 'nicht bemerkt'],
  [/^vergessen$/, 'ausgelassen'],
  [
    /^(verbockt|verhunzt|vermasselt|versaut|verpfuscht|vergeigt)$/,
    'fehlerhaft umgesetzt',
  ],
  [/^(vertippt|verklickt)$/, 'falsch eingegeben'],
];

const INSEPARABLE = /^(be|ver|er|ent|über|zer|emp|miss|hinter|unter|wider)/;
const SEPARABLE = [
  'zurück',
  'weiter',
  'ab',
  'an',
  'auf',
  'aus',
  'ein',
  'nach',
  'vor',
  'zu',
  'mit',
  'durch',
  'hoch',
  'runter',
];
/** A separable verb's zu-infinitive ("einzuschalten", "zurückzurollen"). */
const SEPARABLE_ZU = new RegExp(
  `^(${[
    'zurück',
    'weiter',
    'wieder',
    'ab',
    'an',
    'auf',
    'aus',
    'ein',
    'nach',
    'vor',
    'mit',
    'durch',
    'hoch',
    'runter',
  ].join('|')})zu(\\p{Ll}{3,}en)$`,
  'u',
);

const STRONG: Record<string, string> = {
  lesen: 'gelesen',
  sehen: 'gesehen',
  geben: 'gegeben',
  nehmen: 'genommen',
  laufen: 'gelaufen',
  lassen: 'gelassen',
  schreiben: 'geschrieben',
  finden: 'gefunden',
  tun: 'getan',
  halten: 'gehalten',
  rufen: 'gerufen',
  fahren: 'gefahren',
  werfen: 'geworfen',
  bringen: 'gebracht',
  denken: 'gedacht',
  wissen: 'gewusst',
  starten: 'gestartet',
  erkennen: 'erkannt',
  kennen: 'gekannt',
  nennen: 'genannt',
  senden: 'gesendet',
  gehen: 'gegangen',
  stehen: 'gestanden',
  ziehen: 'gezogen',
  beheben: 'behoben',
  übersehen: 'übersehen',
  vergessen: 'vergessen',
  verstehen: 'verstanden',
  unterschreiben: 'unterschrieben',
  schließen: 'geschlossen',
  sprechen: 'gesprochen',
  helfen: 'geholfen',
  treffen: 'getroffen',
  heben: 'gehoben',
  schieben: 'geschoben',
  brechen: 'gebrochen',
  bleiben: 'geblieben',
  bieten: 'geboten',
  schneiden: 'geschnitten',
  schlagen: 'geschlagen',
  tragen: 'getragen',
  greifen: 'gegriffen',
  streichen: 'gestrichen',
};

/** Words as written, with the original spacing ("WHERE-Filter" stays whole). */
function join(tokens: Token[], word: (t: Token, k: number) => string): string {
  return tokens
    .map((t, k) => {
      const next = tokens[k + 1];
      if (!next) return word(t, k);
      const gap = next.i === t.i + 1 && /-$/.test(t.post) ? '-' : ' ';
      const punct =
        gap === ' ' ? t.post.replace(/\s+$/, '').replace(/-$/, '') : '';
      return `${word(t, k)}${punct}${gap}`;
    })
    .join('');
}

/** The past participle of a German infinitive ("prüfen" → "geprüft"). */
export function participleDe(infinitive: string): string {
  const inf = infinitive.toLowerCase();
  for (const prefix of SEPARABLE) {
    if (inf.startsWith(prefix) && inf.length > prefix.length + 3) {
      const rest = participleDe(inf.slice(prefix.length));
      return `${prefix}${rest}`;
    }
  }
  if (STRONG[inf]) return STRONG[inf];
  // "verschieben" → "verschoben".
  const prefix = INSEPARABLE.exec(inf)?.[0];
  if (prefix && STRONG[inf.slice(prefix.length)])
    return `${prefix}${STRONG[inf.slice(prefix.length)].replace(/^ge/, '')}`;
  const stem = inf.replace(/e?n$/, '');
  if (inf.endsWith('ieren')) return `${stem}t`;
  // "öffnen" → "geöffnet", "prüfen" → "geprüft".
  const ending =
    /[td]$/.test(stem) || /[^aeiouhlr][nm]$/.test(stem) ? 'et' : 't';
  if (INSEPARABLE.test(inf)) return `${stem}${ending}`;
  return `ge${stem}${ending}`;
}

/**
 * Participles of strong and mixed verbs by their finite forms: present
 * forms, preterite forms, participle ("zog" → "gezogen").
 */
const STRONG_FINITE: Array<[string, string, string]> = [
  ['zieht', 'zog zogen', 'gezogen'],
  ['nimmt', 'nahm nahmen', 'genommen'],
  ['schließt', 'schloss schlossen', 'geschlossen'],
  ['hebt', 'hob hoben', 'gehoben'],
  ['gibt', 'gab gaben', 'gegeben'],
  ['lässt', 'ließ ließen', 'gelassen'],
  ['ruft', 'rief riefen', 'gerufen'],
  ['schreibt', 'schrieb schrieben', 'geschrieben'],
  ['überschreibt', 'überschrieb überschrieben', 'überschrieben'],
  ['wirft', 'warf warfen', 'geworfen'],
  ['schiebt', 'schob schoben', 'geschoben'],
  ['verschiebt', 'verschob verschoben', 'verschoben'],
  ['überspringt', 'übersprang übersprangen', 'übersprungen'],
  ['übersieht', 'übersah übersahen', 'übersehen'],
  ['vergisst', 'vergaß vergaßen', 'vergessen'],
  ['bricht', 'brach brachen', 'gebrochen'],
  ['unterbricht', 'unterbrach unterbrachen', 'unterbrochen'],
  ['fährt', 'fuhr fuhren', 'gefahren'],
  ['hält', 'hielt hielten', 'gehalten'],
  ['sieht', 'sah sahen', 'gesehen'],
  ['liest', 'las lasen', 'gelesen'],
  ['verwirft', 'verwarf verwarfen', 'verworfen'],
  ['beginnt', 'begann begannen', 'begonnen'],
  ['bringt', 'brachte brachten', 'gebracht'],
  ['trifft', 'traf trafen', 'getroffen'],
  ['lädt', 'lud luden', 'geladen'],
  ['streicht', 'strich strichen', 'gestrichen'],
];

/** Stems of weak verbs whose finite forms a rewrite turns into participles. */
const WEAK_STEMS = new Set(
  `start lösch leer deploy merg push schalt stell setz änder klick drück
  leit roll tausch bau prüf teil mach kipp sperr stopp dreh leg spiel öffn
  trenn wähl kill drop lenk füg erhöh senk entfern beend bestätig zerstör
  verteil verschärf leg hol pass richt spiel wart kürz`
    .split(/\s+/)
    .filter(Boolean),
);

/** Particles of separable verbs at the end of a main clause ("schaltet … ab"). */
const PARTICLES = new Set([
  ...SEPARABLE,
  'weg',
  'fest',
  'los',
  'um',
  'frei',
  'neu',
]);

/**
 * The participle of a finite lexical verb in a main clause and whether it
 * is present tense ("startet" → "gestartet", "zog … ab" → "abgezogen"), for
 * the verbs this module knows.
 */
export function finiteParticipleDe(
  finite: string,
  particle = '',
): { participle: string; present: boolean } | undefined {
  const form = finite.toLowerCase();
  // "startet … neu" → "neu gestartet".
  const prefix = particle === 'neu' ? 'neu ' : particle;
  for (const [present, past, participle] of STRONG_FINITE) {
    if (present === form || past.split(' ').includes(form))
      return {
        participle: `${prefix}${participle}`,
        present: present === form,
      };
  }
  for (const ending of ['eten', 'ete', 'ten', 'te', 'et', 't']) {
    if (!form.endsWith(ending)) continue;
    const stem = form.slice(0, -ending.length);
    if (!WEAK_STEMS.has(stem) && !/^\p{Ll}{3,}ier$/u.test(stem)) continue;
    const present = !/te/.test(ending);
    const t = /[td]$/.test(stem) || /[^aeiouhlr]n$/.test(stem) ? 'et' : 't';
    let participle = `${stem}${t}`;
    if (!INSEPARABLE.test(stem) && !/ier$/.test(stem) && stem !== 'deploy')
      participle = `ge${participle}`;
    return { participle: `${prefix}${participle}`, present };
  }
  return undefined;
}

/** Plural nouns in -e ("die Alarme"); other nouns in -e are feminine singular ("die Route"). */
const PLURAL_E_HEADS =
  /(alarme|prozesse|dienste|systeme|werte|schritte|befehle|pakete|einträge|aufträge|anträge|zertifikate|dokumente|objekte|produkte|projekte|elemente|segmente|kontakte|konzepte|geräte|rechte|tage|monate|punkte|ergebnisse|verzeichnisse|zugriffe|skripte|termine|kanäle|kommentare|bescheide|hinweise|modelle|netzwerke|kräne|schlüssel|hosts)$/;

/** Whether a noun after "die" is plural ("die Logs", "die Alarme", not "die Route"). */
function isPluralHead(head: string): boolean {
  if (/(ung|ion|ität|heit|keit|schaft|ik|ur|ei)$/.test(head)) return false;
  if (/(nummer|leiter|mauer|kammer|feder|ader)$/.test(head)) return false;
  if (/(en|eln|ern|er|s)$/.test(head) && !/(ss|us|is)$/.test(head)) return true;
  return PLURAL_E_HEADS.test(head);
}

/** The object noun phrase in the nominative ("den falschen Cluster" → "der falsche Cluster"). */
function nominative(tokens: Token[]): { text: string; plural: boolean } {
  const det = tokens[0]?.norm ?? '';
  const text = join(tokens, (t, k) => {
    const n = t.norm;
    if (k === 0) {
      if (n === 'den') return 'der';
      if (n === 'einen') return 'ein';
      if (n === 'keinen') return 'kein';
      return t.text;
    }
    if (t.tags.has('Adjective') && /en$/.test(n) && k < tokens.length - 1) {
      if (det === 'den') return t.text.replace(/en$/, 'e');
      if (det === 'einen' || det === 'keinen')
        return t.text.replace(/en$/, 'er');
    }
    return t.text;
  });
  // The head noun: before a genitive ("die Warnungen des Linters").
  const genitive = tokens.findIndex((t, k) => k > 0 && t.norm === 'des');
  const head =
    tokens[(genitive > 0 ? genitive : tokens.length) - 1]?.norm ?? '';
  return { text, plural: det === 'die' && isPluralHead(head) };
}

const isVerbForm = (t: Token) =>
  !t.quoted && t.text === t.text.toLowerCase() && !t.tags.has('Determiner');

function rewriteClause(s: Sentence, c: Clause): string | undefined {
  const { tokens } = s;
  const subject = c.subject;
  if (subject.to < 0) return undefined;
  // "…, dass Herr Wagner die Migration ausgeführt hat": verb-final, the
  // auxiliary last ("…, dass die Migration ausgeführt wurde").
  const final =
    !!c.marker &&
    SUBORDINATORS.has(c.marker) &&
    subject.from === c.from + 1 &&
    /^(hat|haben|hatte|hatten)$/.test(tokens[c.to - 1]?.norm ?? '')
      ? tokens[c.to - 1].norm
      : undefined;
  // "Tobias startet das Upgrade", "Im Rechenzentrum zog der Techniker das
  // Kabel": a lexical verb second, with its particle at the end.
  const particleAt = tokens[c.to - 1];
  const particle =
    particleAt &&
    !particleAt.quoted &&
    PARTICLES.has(particleAt.norm) &&
    particleAt.text === particleAt.norm
      ? particleAt.norm
      : '';
  const lexicalOf = (t: Token | undefined) =>
    t &&
    !final &&
    !t.quoted &&
    isVerbForm(t) &&
    !/^(hat|haben|hatte|hatten|hätte|hätten)$/.test(t.norm)
      ? finiteParticipleDe(t.norm, particle)
      : undefined;
  // "Warum hat Hannah nicht sofort eskaliert?": the auxiliary before the
  // subject.
  // "Offensichtlich hätte der Entwickler …": a dropped adverb first.
  // "Wieder einmal hat Herr Obermaier …": words the rewrite drops first.
  const dropped =
    !final &&
    subject.from >= c.from + 2 &&
    tokens
      .slice(c.from, subject.from - 1)
      .every(t => DROP_WORDS.has(t.norm) || /^(einmal|mal)$/.test(t.norm));
  const asked =
    dropped ||
    (!final &&
      subject.from === c.from + 2 &&
      s.question &&
      tokens[c.from].tags.has('QuestionWord'));
  // "Um 14:05 hat Wiebke den Failover ausgelöst": adverbials first, then
  // the auxiliary and the subject (verb second).
  const fronted =
    !asked &&
    !tokens.slice(c.from, c.to).some(t => t.quoted) &&
    subject.from > c.from + 1 &&
    (/^(hat|haben|hatte|hatten)$/.test(tokens[subject.from - 1].norm) ||
      !!lexicalOf(tokens[subject.from - 1])) &&
    tokens
      .slice(c.from, subject.from - 1)
      .every(
        t =>
          !t.quoted &&
          !isPeople(kindOfHeadDe(t)) &&
          !DROP_WORDS.has(t.norm) &&
          !t.tags.has('QuestionWord'),
      ) &&
    tokens[c.from].tags.has('Preposition')
      ? tokens.slice(c.from, subject.from - 1)
      : undefined;
  if (subject.from !== c.from && !asked && !fronted && !final) return undefined;
  let auxAt = asked ? subject.from - 1 : subject.to + 1;
  if (fronted) auxAt = subject.from - 1;
  if (final) auxAt = c.to - 1;
  // "Die Kollegen vom Betrieb haben …": the subject's attribute first.
  let attribute = 0;
  if (!asked && !fronted && !final && tokens[auxAt]?.tags.has('Preposition')) {
    let k = auxAt + 1;
    while (
      k < Math.min(c.to, auxAt + 4) &&
      !/^(hat|haben|hatte|hatten)$/.test(tokens[k].norm) &&
      !isVerbForm(tokens[k])
    )
      k++;
    if (/^(hat|haben|hatte|hatten)$/.test(tokens[k]?.norm ?? '')) {
      attribute = k - auxAt;
      auxAt = k;
    }
  }
  const aux = tokens[auxAt];
  const lexical = lexicalOf(aux);
  if (
    !aux ||
    (!lexical && !/^(hat|haben|hatte|hatten|hätte|hätten)$/.test(aux.norm))
  )
    return undefined;
  const counterfactual = /^hätte/.test(aux.norm);
  // The last word is the participle, or "prüfen müssen" after "hätte".
  let end = final ? c.to - 2 : c.to - 1;
  let verb: string | undefined;
  if (lexical) {
    end = particle ? c.to - 1 : c.to;
    verb = lexical.participle;
  } else if (counterfactual) {
    if (!/^(müssen|sollen)$/.test(tokens[end]?.norm ?? '')) return undefined;
    end--;
    if (!tokens[end] || !isVerbForm(tokens[end])) return undefined;
    verb = participleDe(tokens[end].norm);
  } else {
    if (!tokens[end] || !isVerbForm(tokens[end])) return undefined;
    verb = tokens[end].norm;
    if (
      !/^(ge|.*ge.*t$|.*iert$|ver|über|be|er|ent|zer)/.test(verb) &&
      // a separable strong participle ("eingegeben", "abgeschlossen")
      !(verb.length > 7 && /^\p{Ll}+ge\p{Ll}+en$/u.test(verb)) &&
      // an inseparable strong participle ("umgangen", "unterlassen")
      !/^(um|hinter|unter|wider|miss)\p{Ll}{3,}en$/u.test(verb)
    )
      return undefined;
  }
  const middle = tokens.slice(
    subject.to + (asked || fronted || final ? 1 : 2 + attribute),
    end,
  );
  // A reflexive lexical verb ("meldet sich ab") has no passive; two acts
  // joined ("bestätigt und … verlassen") are not one object's.
  if (lexical && middle.some(t => t.norm === 'sich')) return undefined;
  if (middle.some(t => /^(und|oder|sowie)$/.test(t.norm) && !t.quoted))
    return undefined;
  // A person as the indirect object ("ihm", "ihnen") stays a person.
  if (
    middle.some(
      (t, k) =>
        /^(ihm|ihnen|mir|dir|uns)$/.test(t.norm) &&
        !middle[k - 1]?.tags.has('Preposition'),
    )
  )
    return undefined;
  // Verb-final and lexical verbs only where capitals tell nouns apart, and
  // not for "wer …?" ("wer lässt … laufen?").
  if (
    (final || lexical) &&
    (!/\p{Lu}/u.test(s.text) || subject.kind === 'indefinite')
  )
    return undefined;
  // A subject that ran into the next noun ("das Management Druck") would
  // lose a word; "der Release Manager" is one role.
  const head = tokens[subject.to];
  if (
    subject.to > subject.from &&
    !head.name &&
    !isPeople(kindOfHeadDe(head)) &&
    !/-$/.test(tokens[subject.to - 1].post)
  )
    return undefined;
  if (
    !isPeople(kindOfHeadDe(tokens[subject.to])) &&
    tokens
      .slice(subject.from + 1, subject.to)
      .some(
        t =>
          /^\p{Lu}/u.test(t.text) &&
          !/-$/.test(t.post) &&
          !t.name &&
          !isPeople(kindOfHeadDe(t)) &&
          !/^(herr|herrn|frau)$/.test(t.norm),
      )
  )
    return undefined;
  const negated =
    counterfactual || middle.some(t => /^(nicht|nie|niemals)$/.test(t.norm));
  const kept = middle.filter(
    t =>
      !/^(nicht|nie|niemals|es|sich|mal|schon|wieder|einfach)$/.test(t.norm) &&
      !DROP_WORDS.has(t.norm) &&
      !(
        t.norm === 'aus' && middle[middle.indexOf(t) + 1]?.norm === 'versehen'
      ) &&
      !(t.norm === 'versehen') &&
      // "wieder einmal".
      !(
        t.norm === 'einmal' &&
        /^(wieder|mal|schon)$/.test(middle[middle.indexOf(t) - 1]?.norm ?? '')
      ),
  );
  // The object: the first noun phrase that starts with an article and
  // follows no preposition ("vor dem Failover den Replikationsstatus").
  const at = kept.findIndex(
    (t, k) =>
      t.tags.has('Determiner') &&
      !(k > 0 && kept[k - 1].tags.has('Preposition')) &&
      !/^(dem|der|des|einem|einer|eines)$/.test(t.norm),
  );
  // Telling and sending have people as their object ("den Kunden erzählt").
  if (
    /^(erzählt|gesagt|mitgeteilt|geantwortet|versprochen|geschickt|gegeben)$/.test(
      verb,
    )
  )
    return undefined;
  const outcome = OUTCOMES.find(([re]) => re.test(verb!));
  const predicate = outcome ? outcome[1] : `${negated ? 'nicht ' : ''}${verb}`;
  // The passive's auxiliary: its tense follows the original's.
  const passive = (plural: boolean) => {
    if (final === 'hatte' || final === 'hatten')
      return plural ? 'worden waren' : 'worden war';
    if (lexical?.present) return plural ? 'werden' : 'wird';
    return plural ? 'wurden' : 'wurde';
  };
  if (at < 0) {
    // A lexical verb without an object ("geht schlafen") has no passive,
    // nor has a reflexive ("hat sich krankgemeldet") or an omission
    // without what was omitted.
    if (lexical || middle.some(t => t.norm === 'sich')) return undefined;
    if (
      /^(vergessen|versäumt|unterlassen|verpasst|geschlafen|gepennt)$/.test(
        verb,
      )
    )
      return undefined;
    // No object: the impersonal passive ("Beim Cutover wurde nicht
    // aufgepasst", "Warum wurde nicht sofort eskaliert?").
    if (
      kept.some(
        (t, k) =>
          t.tags.has('Determiner') &&
          !(k > 0 && kept[k - 1].tags.has('Preposition')),
      )
    )
      return undefined;
    // Only adverbials may stand before it ("beim Cutover", "viel früher"),
    // no bare adjective or noun ("staging kaputt gemacht").
    if (
      kept.some(
        (t, k) =>
          (t.tags.has('Adjective') || t.tags.has('Noun')) &&
          !kept.slice(0, k).some(w => w.tags.has('Preposition')),
      )
    )
      return undefined;
    const inOrder = middle.filter(
      t =>
        !/^(es|sich|mal|schon|wieder|einfach)$/.test(t.norm) &&
        !DROP_WORDS.has(t.norm),
    );
    const participle = outcome ? outcome[1] : verb;
    if (final) {
      const text = [
        c.marker,
        join(inOrder, t => t.text),
        participle,
        passive(false),
      ]
        .filter(Boolean)
        .join(' ')
        .replace(/[,;:]+\s/g, ' ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    if (fronted) {
      const text = [
        join(fronted, t => t.text),
        'wurde',
        join(inOrder, t => t.text),
        counterfactual ? `nicht ${participle}` : participle,
      ]
        .filter(Boolean)
        .join(' ')
        .replace(/[,;:]+\s/g, ' ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    const lead = asked && s.question && tokens[c.from].tags.has('QuestionWord');
    // The verb second: the adverbials before the negation come first
    // ("Beim Cutover wurde nicht aufgepasst").
    const neg = inOrder.findIndex(t => /^(nicht|nie|niemals)$/.test(t.norm));
    const first = lead ? [] : inOrder.slice(0, neg < 0 ? inOrder.length : neg);
    const after = inOrder.slice(first.length);
    if (!lead && first.length === 0) return undefined;
    // A place or time first ("Beim Cutover wurde …"), no particle ("Auch
    // erst wurde …").
    const placed = (t: Token | undefined) =>
      !!t &&
      (t.tags.has('Preposition') || t.tags.has('Value') || /\d/.test(t.text));
    if (
      !lead &&
      !placed(first[0]) &&
      !(
        /^(erst|schon|bereits|sofort|nur)$/.test(first[0].norm) &&
        placed(first[1])
      )
    )
      return undefined;
    const body = [
      lead ? tokens[c.from].text : join(first, t => t.text),
      'wurde',
      join(after, t => t.text),
      counterfactual ? `nicht ${participle}` : participle,
    ];
    const text = body
      .filter(Boolean)
      .join(' ')
      .replace(/[,;:]+\s/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  // Up to its noun: after a capitalised word (or in all-lower-case chat,
  // a word tagged as a noun) the next lower-case word ends the phrase.
  let o = at + 1;
  let noun = false;
  while (
    o < kept.length &&
    !kept[o].tags.has('Preposition') &&
    !kept[o].tags.has('Adverb') &&
    !kept[o].tags.has('Determiner')
  ) {
    const capital = /^\p{Lu}/u.test(kept[o].text);
    if (noun && !capital && !/-$/.test(kept[o - 1].post)) break;
    if (capital || kept[o].tags.has('Noun')) noun = true;
    o++;
    // "die Kapazitätswarnung des letzten Quartals": a genitive belongs to it.
    if (noun && kept[o]?.norm === 'des') {
      o++;
      while (o < kept.length && !/^\p{Lu}/u.test(kept[o].text)) o++;
      if (o < kept.length) o++;
      // "des Deployment-Tools".
      while (o < kept.length && /-$/.test(kept[o - 1].post)) o++;
      break;
    }
  }
  if (o < at + 2) return undefined;
  // "ein einziges Mal" is an adverbial, not an object.
  if (/^(mal|male|tag|woche|stunde|minute)$/.test(kept[o - 1].norm))
    return undefined;
  // All-lower-case chat has no capitals to end the object by: only
  // "den freeze" is safe.
  const words = kept
    .slice(at + 1, o)
    .filter((_, k) => k === 0 || !/-$/.test(kept[at + k].post)).length;
  if (!/\p{Lu}/u.test(s.text) && words !== 1) return undefined;
  const object = nominative(kept.slice(at, o));
  const around = [...kept.slice(0, at), ...kept.slice(o)];
  // "nicht richtig gelesen": the negation stays before the adverbials it
  // stood before.
  const not = middle.find(t => t.norm === 'nicht');
  const after = not ? around.findIndex(t => t.i > not.i) : -1;
  let said = predicate;
  if (not && after >= 0 && !outcome && !counterfactual) {
    around.splice(after, 0, not);
    said = verb;
  }
  const adverbials = join(around, t => t.text);
  const be = passive(object.plural);
  let order = [object.text, be, adverbials, said];
  if (final) order = [c.marker!, object.text, adverbials, said, be];
  else if (fronted)
    order = [join(fronted, t => t.text), be, object.text, adverbials, said];
  else if (asked && s.question && tokens[c.from].tags.has('QuestionWord'))
    order = [tokens[c.from].text, be, object.text, adverbials, said];
  const body = order
    .filter(Boolean)
    .join(' ')
    .replace(/[,;:]+\s/g, ' ');
  return body.charAt(0).toUpperCase() + body.slice(1);
}

/** Subordinate clauses of a person's motive or knowledge, dropped with the person. */
const DROPPABLE = new Set(['weil', 'da', 'damit', 'obwohl', 'sodass']);

/** The agent preposition of a passive whose agent is the clause's subject. */
function agentOf(s: Sentence, c: Clause): number {
  const p = c.subject.from - 1;
  if (p < c.from || !isPeople(c.subject.kind)) return -1;
  return /^(von|vom|durch|seitens)$/.test(s.tokens[p].norm) ? p : -1;
}

/** The clause without its passive's agent ("von Reto", "vom Betreiber"). */
function withoutAgent(s: Sentence, c: Clause): string | undefined {
  const p = agentOf(s, c);
  const kept = s.tokens
    .slice(c.from, c.to)
    .filter(
      t =>
        (t.i < p || t.i > c.subject.to) &&
        !DROP_WORDS.has(t.norm) &&
        !(t.norm === 'aus' && s.tokens[t.i + 1]?.norm === 'versehen') &&
        t.norm !== 'versehen',
    );
  if (kept.length < 3 || p === c.from) return undefined;
  const text = join(kept, t => t.text).replace(/[.!?]+$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether the tokens say only an aside of judgement ("klassiker", "wie immer"). */
function isAside(tokens: Token[]): boolean {
  if (tokens.some(t => t.quoted)) return false;
  const norms = tokens.filter(t => !DROP_WORDS.has(t.norm)).map(t => t.norm);
  return REWRITE_ASIDES.some(
    phrase =>
      phrase.length === norms.length && phrase.every((w, k) => w === norms[k]),
  );
}

/**
 * The sentence without asides of judgement before or after the act ("na
 * super, …", "…, klassiker", "… lol") and without the findings in them.
 */
function withoutAsides(
  s: Sentence,
  matches: RuleMatch[],
): { s: Sentence; matches: RuleMatch[] } {
  const clauses = s.clauses.map(c => ({ ...c }));
  const last = clauses[clauses.length - 1];
  // "… weggeklickt lol".
  while (
    last &&
    last.to - last.from > 2 &&
    REWRITE_TRAILING_ASIDES.includes(s.tokens[last.to - 1].norm) &&
    !s.tokens[last.to - 1].quoted
  )
    last.to--;
  const tokenOf = (c: Clause) => s.tokens.slice(c.from, c.to);
  while (clauses.length > 1 && isAside(tokenOf(clauses[0]))) clauses.shift();
  while (clauses.length > 1 && isAside(tokenOf(clauses[clauses.length - 1])))
    clauses.pop();
  const from = clauses[0]?.from ?? 0;
  const to = clauses[clauses.length - 1]?.to ?? 0;
  return {
    s: { ...s, clauses },
    matches: matches.filter(m => m.from >= from && m.from < to),
  };
}

/**
 * "…, ohne die Fachaufsicht zu fragen" → "…, ohne dass die Fachaufsicht
 * gefragt wurde": the step left out, as a passive. `plural` is the number
 * of the act before it, which "sie" stands for.
 */
function withoutStep(
  s: Sentence,
  c: Clause,
  plural: boolean,
): string | undefined {
  const { tokens } = s;
  if (tokens[c.from]?.norm !== 'ohne') return undefined;
  const lastNorm = tokens[c.to - 1]?.norm ?? '';
  const zuBefore = tokens[c.to - 2]?.norm === 'zu';
  const separable = SEPARABLE_ZU.exec(lastNorm);
  if (!zuBefore && !separable) return undefined;
  const infinitive = zuBefore ? lastNorm : `${separable![1]}${separable![2]}`;
  if (!/^\p{Ll}+e?n$/u.test(infinitive)) return undefined;
  const inner = tokens
    .slice(c.from + 1, c.to - (zuBefore ? 2 : 1))
    .filter(t => !DROP_WORDS.has(t.norm));
  // "sie", "ihn", "es" stand for the act's object here.
  if (
    inner.some(
      t =>
        t.quoted ||
        t.name ||
        (isPeople(kindOfHeadDe(t)) && !/^(sie|es|ihn)$/.test(t.norm)),
    )
  )
    return undefined;
  // Only a pronoun for the act's object, an object with its article and
  // adverbials: no bare noun, no dative person ("ihr", "jemandem").
  let number = false;
  const words: string[] = [];
  for (let k = 0; k < inner.length; k++) {
    const t = inner[k];
    if (/^(sie|es|ihn)$/.test(t.norm)) {
      number = t.norm === 'sie' ? plural : false;
      words.push(t.norm === 'ihn' ? 'er' : t.norm);
      continue;
    }
    if (
      /^(die|das|den|der)$/.test(t.norm) &&
      !inner[k - 1]?.tags.has('Preposition')
    ) {
      let o = k + 1;
      while (o < inner.length && !/^\p{Lu}/u.test(inner[o].text)) o++;
      if (o >= inner.length) return undefined;
      while (o + 1 < inner.length && /-$/.test(inner[o].post)) o++;
      const object = nominative(inner.slice(k, o + 1));
      number = object.plural;
      words.push(object.text);
      k = o;
      continue;
    }
    if (/^\p{Lu}/u.test(t.text) && !inner[k - 1]) return undefined;
    if (
      (t.tags.has('Noun') || /^\p{Lu}/u.test(t.text)) &&
      !inner.slice(0, k).some(w => w.tags.has('Preposition'))
    )
      return undefined;
    if (/^(ihr|ihm|ihnen|jemanden|jemandem|irgendwen|uns)$/.test(t.norm))
      return undefined;
    words.push(t.text);
  }
  return [
    'ohne dass',
    ...words,
    participleDe(infinitive),
    number ? 'wurden' : 'wurde',
  ].join(' ');
}

/**
 * "und vergessen, sie wieder einzuschalten" after a passive of the same
 * object: " und nicht wieder eingeschaltet".
 */
function omittedAgain(
  s: Sentence,
  c: Clause,
  next: Clause,
  parts: string[],
): string | undefined {
  const { tokens } = s;
  if (
    parts.length === 0 ||
    !/\b(wurde|wurden|wird|werden)\b/.test(parts[parts.length - 1]) ||
    c.marker !== 'und' ||
    c.to - c.from !== 2 ||
    !/^(vergessen|versäumt|verpasst)$/.test(tokens[c.to - 1].norm)
  )
    return undefined;
  const lastNorm = tokens[next.to - 1]?.norm ?? '';
  const zuBefore = tokens[next.to - 2]?.norm === 'zu';
  const separable = SEPARABLE_ZU.exec(lastNorm);
  if (!zuBefore && !separable) return undefined;
  const infinitive = zuBefore ? lastNorm : `${separable![1]}${separable![2]}`;
  const inner = tokens.slice(next.from, next.to - (zuBefore ? 2 : 1));
  // Only a pronoun for the object and adverbs ("sie wieder").
  if (!/^(sie|es|ihn)$/.test(inner[0]?.norm ?? '')) return undefined;
  const adverbs = inner.slice(1);
  if (
    adverbs.some(
      t => !/^(wieder|danach|anschließend|rechtzeitig)$/.test(t.norm),
    )
  )
    return undefined;
  return [
    ' und nicht',
    ...adverbs.map(t => t.norm),
    participleDe(infinitive),
  ].join(' ');
}

/**
 * Rewrites a flagged German sentence around its system, or returns
 * undefined when the structure is not one this module knows.
 */
export function rewriteSentenceDe(
  sentence: Sentence,
  found: RuleMatch[],
): string | undefined {
  if (sentence.question && !sentence.tokens[0]?.tags.has('QuestionWord'))
    return undefined;
  // "Schön, dass … auch mal …": irony stays irony whatever the subject.
  if (
    /^(schön|interessant|toll|klasse|prima|herrlich|großartig|wunderbar|danke|gut)$/.test(
      sentence.tokens[0]?.norm ?? '',
    ) &&
    /^(dass|wie)$/.test(sentence.tokens[1]?.norm ?? '')
  )
    return undefined;
  const { s, matches } = withoutAsides(sentence, found);
  if (s.clauses.length === 0) return undefined;
  const asides = s.clauses.length < sentence.clauses.length;
  // A judgement or hindsight word the rewrite drops ("nachlässig
  // bearbeitet" → "bearbeitet"); any other judgement is no act to restate.
  if (
    matches.some(
      m =>
        (m.rule === 'judgement' || m.rule === 'hindsight') &&
        !(m.from === m.to && DROP_WORDS.has(s.tokens[m.from].norm)),
    )
  )
    return undefined;
  const parts: string[] = [];
  // Whether a person's act has been restated as a passive, in a main
  // clause.
  let restated = false;
  let restatedMain = false;
  // A restated clause continues the sentence in lower case, except after a
  // label or a timeline dash ("Ursache: …", "23:40 – …").
  const addRestated = (clause: string, c: Clause) => {
    restated = true;
    restatedMain ||= !SUBORDINATORS.has(c.marker ?? '');
    parts.push(
      parts.length && !/[:\u2013\u2014-]\s*$/.test(parts[parts.length - 1])
        ? clause.charAt(0).toLowerCase() + clause.slice(1)
        : clause,
    );
  };
  for (let ci = 0; ci < s.clauses.length; ci++) {
    const c = s.clauses[ci];
    // "X hat es versäumt, das Zertifikat zu erneuern" → "Das Zertifikat
    // wurde nicht erneuert".
    const next = s.clauses[ci + 1];
    const last = s.tokens[c.to - 1];
    if (
      next &&
      isPeople(c.subject.kind) &&
      last &&
      /^(versäumt|vergessen|verpasst|unterlassen)$/.test(last.norm) &&
      (s.tokens[next.to - 2]?.norm === 'zu' ||
        SEPARABLE_ZU.test(s.tokens[next.to - 1]?.norm ?? '')) &&
      parts.length === 0
    ) {
      // "einzuschalten" is "ein" + "zu" + "schalten".
      const zu = SEPARABLE_ZU.exec(s.tokens[next.to - 1].norm);
      const infinitive =
        s.tokens[next.to - 2]?.norm === 'zu' || !zu
          ? s.tokens[next.to - 1].norm
          : `${zu[1]}${zu[2]}`;
      const inner = s.tokens.slice(
        next.from,
        next.to - (s.tokens[next.to - 2]?.norm === 'zu' || !zu ? 2 : 1),
      );
      let o = 1;
      while (
        o < inner.length &&
        /^\p{Lu}/u.test(inner[o].text) === false &&
        !inner[o].tags.has('Noun')
      )
        o++;
      if (!inner[0]?.tags.has('Determiner') || o >= inner.length)
        return undefined;
      // A name of several capitalised words ("das Rate Limit").
      while (o + 1 < inner.length && /^\p{Lu}/u.test(inner[o + 1].text)) o++;
      const object = nominative(inner.slice(0, o + 1));
      const adverbials = join(
        inner.slice(o + 1).filter(t => !DROP_WORDS.has(t.norm)),
        t => t.text,
      );
      const verb = participleDe(infinitive);
      parts.push(
        [
          object.text,
          object.plural ? 'wurden' : 'wurde',
          adverbials,
          'nicht',
          verb,
        ]
          .filter(Boolean)
          .join(' ')
          .replace(/^\p{Ll}/u, ch => ch.toUpperCase()),
      );
      ci++;
      continue;
    }
    const inClause = (x: Clause) =>
      matches.some(m => m.from >= x.from && m.from < x.to);
    // "…, ohne den Diff zu öffnen" is kept; the act before it is restated.
    const skipped = (x: Clause | undefined) =>
      !!x && s.tokens[x.from]?.norm === 'ohne' && inClause(x);
    const flagged =
      (inClause(c) &&
        !(skipped(c) && isPeople(s.clauses[ci - 1]?.subject.kind ?? 'none'))) ||
      (skipped(next) && isPeople(c.subject.kind));
    if (flagged && agentOf(s, c) >= 0) {
      // "Die Tabelle wurde von Reto gelöscht" → "Die Tabelle wurde gelöscht".
      const text = withoutAgent(s, c);
      if (!text) return undefined;
      parts.push(text);
      continue;
    }
    if (!flagged) {
      // A person's motive or knowledge beside the act ("…, weil er früher
      // gehen wollte", "…, obwohl sie davon wusste") goes with the person;
      // a clause with a number or time stays, so no fact is lost.
      const own = s.tokens.slice(c.from, c.to);
      // "…, weil ihr das Nachfragen zu lästig war", "…, um seinen Task
      // abzuschließen": the person's motive too.
      const motive =
        (DROPPABLE.has(c.marker ?? '') &&
          own.some(t => /^(ihm|ihr|ihnen|er|sie)$/.test(t.norm))) ||
        (own[0]?.norm === 'um' &&
          own.some(t => PERSON_POSSESSIVES.has(t.norm)));
      if (
        (isPeople(c.subject.kind) || motive) &&
        parts.length > 0 &&
        (DROPPABLE.has(c.marker ?? '') || motive) &&
        !own.some(t => /\d/.test(t.text))
      ) {
        // With it what depends on it ("…, obwohl sie wusste, dass …").
        while (
          s.clauses[ci + 1] &&
          /^(dass|rel|ob)$/.test(s.clauses[ci + 1].marker ?? '')
        )
          ci++;
        continue;
      }
      if (isPeople(c.subject.kind)) {
        // A person's other act is restated around its object too.
        const clause =
          c.subject.from >= c.from ? rewriteClause(s, c) : undefined;
        if (!clause) return undefined;
        addRestated(clause, c);
        continue;
      }
      // "…, ohne die Fachaufsicht zu fragen" → "…, ohne dass die
      // Fachaufsicht gefragt wurde".
      const before = parts[parts.length - 1] ?? '';
      const step =
        /\b(wurde|wurden|wird|werden)\b/.test(before) &&
        withoutStep(s, c, /\b(wurden|werden)\b/.test(before));
      if (step) {
        parts.push(step);
        continue;
      }
      // "…, und überlastet damit die API": the person's act goes on
      // without a subject of its own.
      const opens = s.tokens[c.marker ? c.from + 1 : c.from];
      if (
        restatedMain &&
        c.marker &&
        /^(und|oder|aber|als)$/.test(c.marker) &&
        (c.subject.from < c.from ||
          (c.subject.kind !== 'system' && c.subject.kind !== 'thing'))
      )
        return undefined;
      if (
        restatedMain &&
        !c.marker &&
        opens?.tags.has('Verb') &&
        isVerbForm(opens) &&
        !opens.tags.has('Infinitive') &&
        !opens.tags.has('Preposition') &&
        !opens.tags.has('Adverb') &&
        !SUBORDINATORS.has(opens.norm) &&
        !/^(deshalb|daher|dadurch|danach|dann|somit|trotzdem|deswegen)$/.test(
          opens.norm,
        )
      )
        return undefined;
      // "…, statt sich die Logs anzusehen": a person's step in passing.
      if (
        restated &&
        /^(statt|anstatt|ohne)$/.test(own[0]?.norm ?? '') &&
        own.some(t => t.norm === 'sich')
      )
        return undefined;
      // People in a clause kept as written are still its agents ("Der
      // externe Techniker hat …"), unless after a preposition ("mit dem
      // Team").
      if (
        own.some((t, k) => {
          if (t.quoted || !isPeople(kindOfHeadDe(t))) return false;
          let b = k - 1;
          while (
            b >= 0 &&
            (own[b].tags.has('Determiner') || own[b].tags.has('Adjective'))
          )
            b--;
          return !(b >= 0 && own[b].tags.has('Preposition'));
        })
      )
        return undefined;
      // The clause as written, quotation marks included; without the
      // words of judgement ("halt", "schon") when it quotes nothing.
      const judged = (t: Token, k: number) =>
        (k > 0 || SUBORDINATORS.has(own[1]?.norm ?? '')) &&
        DROP_WORDS.has(t.norm) &&
        t.text === t.norm &&
        !/-$/.test(own[k - 1]?.post ?? '');
      if (own.some(judged) && !own.some(t => t.quoted)) {
        const words = own.filter((t, k) => !judged(t, k));
        parts.push(
          `${join(words, t => t.text)}${s.tokens[c.to - 1].post}`
            .replace(/\s+$/, '')
            .replace(/[,;]+$/, '')
            .replace(/[.!?]+$/, ''),
        );
        continue;
      }
      const text = s.text
        .slice(
          s.tokens[c.from].start - s.start,
          s.tokens[c.to - 1].end - s.start,
        )
        .concat(s.tokens[c.to - 1].post.replace(/\s+$/, ''))
        .replace(/[,;]+$/, '')
        .replace(/[.!?]+$/, '');
      parts.push(text);
      continue;
    }
    if (!isPeople(c.subject.kind) && c.subject.kind !== 'negative')
      return undefined;
    // "… wurde abgeschaltet und vergessen, sie wieder einzuschalten" →
    // "… und nicht wieder eingeschaltet".
    const undone = next && omittedAgain(s, c, next, parts);
    if (undone) {
      parts.push(undone);
      ci++;
      continue;
    }
    const clause = rewriteClause(s, c);
    if (!clause) return undefined;
    addRestated(clause, c);
  }
  if (parts.length === 0) return undefined;
  // A sentence rid of asides only still says what it said.
  if (asides && !restated) return undefined;
  let body = parts
    .map((p, k) => {
      if (k === 0 || /^[,;]/.test(p)) return p;
      // " und nicht wieder eingeschaltet": the same passive goes on.
      if (/^ /.test(p)) return p;
      // "Ursachenanalyse: Das Quota-Limit wurde …".
      if (/:\s*$/.test(parts[k - 1]))
        return ` ${p.charAt(0).toUpperCase()}${p.slice(1)}`;
      if (/[\u2013\u2014-]\s*$/.test(parts[k - 1])) return ` ${p}`;
      return `, ${p}`;
    })
    .join('')
    .replace(/,\s*,/g, ',')
    .replace(/\s+,/g, ',');
  body = body.replace(/[,;:\s\u2013\u2014-]+$/, '');
  return `${body}${s.question ? '?' : '.'}`;
}
