/**
 * Rewrites of flagged German sentences, around the system: the clause
 * whose subject is a person, role or team becomes a passive without an
 * agent ("Der Support hat das Ticket nicht eskaliert" → "Das Ticket wurde
 * nicht eskaliert"), and words of judgement go. The check runs again on
 * each rewrite; one that is flagged again or names a person is not offered.
 */
import { isPeople, type Clause, type Sentence, type Token } from '../parse';
import type { RuleMatch } from '../rules/types';
import { REWRITE_DROP_WORDS } from './lexicon';
import { kindOfHeadDe } from './parse';

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
  const stem = inf.replace(/e?n$/, '');
  if (inf.endsWith('ieren')) return `${stem}t`;
  const ending = /[td]$/.test(stem) ? 'et' : 't';
  if (INSEPARABLE.test(inf)) return `${stem}${ending}`;
  return `ge${stem}${ending}`;
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
  const plural =
    det === 'die' &&
    /(en|eln|ern|s|er|nen|te|ge)$/.test(head) &&
    !/(ung|ion|ität|heit|keit|schaft)$/.test(head);
  return { text, plural };
}

const isVerbForm = (t: Token) =>
  !t.quoted && t.text === t.text.toLowerCase() && !t.tags.has('Determiner');

function rewriteClause(s: Sentence, c: Clause): string | undefined {
  const { tokens } = s;
  const subject = c.subject;
  if (subject.to < 0) return undefined;
  // "Warum hat Hannah nicht sofort eskaliert?": the auxiliary before the
  // subject.
  // "Offensichtlich hätte der Entwickler …": a dropped adverb first.
  // "Wieder einmal hat Herr Obermaier …": words the rewrite drops first.
  const dropped =
    subject.from >= c.from + 2 &&
    tokens
      .slice(c.from, subject.from - 1)
      .every(
        t => REWRITE_DROP_WORDS.has(t.norm) || /^(einmal|mal)$/.test(t.norm),
      );
  const asked =
    dropped ||
    (subject.from === c.from + 2 &&
      s.question &&
      tokens[c.from].tags.has('QuestionWord'));
  // "Um 14:05 hat Wiebke den Failover ausgelöst": adverbials first, then
  // the auxiliary and the subject (verb second).
  const fronted =
    !asked &&
    !tokens.slice(c.from, c.to).some(t => t.quoted) &&
    subject.from > c.from + 1 &&
    /^(hat|haben|hatte|hatten)$/.test(tokens[subject.from - 1].norm) &&
    tokens
      .slice(c.from, subject.from - 1)
      .every(
        t =>
          !t.quoted &&
          !isPeople(kindOfHeadDe(t)) &&
          !REWRITE_DROP_WORDS.has(t.norm) &&
          !t.tags.has('QuestionWord'),
      ) &&
    tokens[c.from].tags.has('Preposition')
      ? tokens.slice(c.from, subject.from - 1)
      : undefined;
  if (subject.from !== c.from && !asked && !fronted) return undefined;
  let auxAt = asked ? subject.from - 1 : subject.to + 1;
  if (fronted) auxAt = subject.from - 1;
  // "Die Kollegen vom Betrieb haben …": the subject's attribute first.
  let attribute = 0;
  if (!asked && !fronted && tokens[auxAt]?.tags.has('Preposition')) {
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
  if (!aux || !/^(hat|haben|hatte|hatten|hätte|hätten)$/.test(aux.norm))
    return undefined;
  const counterfactual = /^hätte/.test(aux.norm);
  // The last word is the participle, or "prüfen müssen" after "hätte".
  let end = c.to - 1;
  let verb: string | undefined;
  if (counterfactual) {
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
    subject.to + (asked || fronted ? 1 : 2 + attribute),
    end,
  );
  const negated =
    counterfactual || middle.some(t => /^(nicht|nie|niemals)$/.test(t.norm));
  const kept = middle.filter(
    t =>
      !/^(nicht|nie|niemals|es|sich|mal|schon|wieder|einfach)$/.test(t.norm) &&
      !REWRITE_DROP_WORDS.has(t.norm) &&
      !(
        t.norm === 'aus' && middle[middle.indexOf(t) + 1]?.norm === 'versehen'
      ) &&
      !(t.norm === 'versehen'),
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
  if (at < 0) {
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
        !REWRITE_DROP_WORDS.has(t.norm),
    );
    const participle = outcome ? outcome[1] : verb;
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
  const adverbials = join(
    [...kept.slice(0, at), ...kept.slice(o)],
    t => t.text,
  );
  const be = object.plural ? 'wurden' : 'wurde';
  let order = [object.text, be, adverbials, predicate];
  if (fronted)
    order = [
      join(fronted, t => t.text),
      be,
      object.text,
      adverbials,
      predicate,
    ];
  else if (asked && s.question && tokens[c.from].tags.has('QuestionWord'))
    order = [tokens[c.from].text, be, object.text, adverbials, predicate];
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
        !REWRITE_DROP_WORDS.has(t.norm) &&
        !(t.norm === 'aus' && s.tokens[t.i + 1]?.norm === 'versehen') &&
        t.norm !== 'versehen',
    );
  if (kept.length < 3 || p === c.from) return undefined;
  const text = join(kept, t => t.text).replace(/[.!?]+$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Rewrites a flagged German sentence around its system, or returns
 * undefined when the structure is not one this module knows.
 */
export function rewriteSentenceDe(
  s: Sentence,
  matches: RuleMatch[],
): string | undefined {
  if (s.question && !s.tokens[0]?.tags.has('QuestionWord')) return undefined;
  // A judgement or hindsight word the rewrite drops ("nachlässig
  // bearbeitet" → "bearbeitet"); any other judgement is no act to restate.
  if (
    matches.some(
      m =>
        (m.rule === 'judgement' || m.rule === 'hindsight') &&
        !(m.from === m.to && REWRITE_DROP_WORDS.has(s.tokens[m.from].norm)),
    )
  )
    return undefined;
  const parts: string[] = [];
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
        inner.slice(o + 1).filter(t => !REWRITE_DROP_WORDS.has(t.norm)),
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
      if (
        isPeople(c.subject.kind) &&
        parts.length > 0 &&
        DROPPABLE.has(c.marker ?? '') &&
        !s.tokens.slice(c.from, c.to).some(t => /\d/.test(t.text))
      ) {
        // With it what depends on it ("…, obwohl sie wusste, dass …").
        while (
          s.clauses[ci + 1] &&
          /^(dass|rel|ob)$/.test(s.clauses[ci + 1].marker ?? '')
        )
          ci++;
        continue;
      }
      if (isPeople(c.subject.kind)) return undefined;
      // The clause as written, quotation marks included.
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
    const clause = rewriteClause(s, c);
    if (!clause) return undefined;
    parts.push(
      parts.length ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause,
    );
  }
  if (parts.length === 0) return undefined;
  let body = parts
    .map((p, k) => {
      if (k === 0 || /^[,;]/.test(p)) return p;
      // "Ursachenanalyse: Das Quota-Limit wurde …".
      if (/:\s*$/.test(parts[k - 1]))
        return ` ${p.charAt(0).toUpperCase()}${p.slice(1)}`;
      if (/[\u2013\u2014-]\s*$/.test(parts[k - 1])) return ` ${p}`;
      return `, ${p}`;
    })
    .join('')
    .replace(/,\s*,/g, ',')
    .replace(/\s+,/g, ',');
  body = body.replace(/[,;:\s]+$/, '');
  return `${body}${s.question ? '?' : '.'}`;
}
