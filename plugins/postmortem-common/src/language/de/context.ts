/**
 * German contexts that clear a sentence's findings about conduct: the
 * writers' own "wir", an act that others sanctioned ("nachdem der Change
 * Manager die Ausnahme freigegeben hatte", "abgestimmt mit Security",
 * "laut Zutrittsregelung durfte …") and a system reason that explains the
 * act ("…, weil sein Mobilfunknetz gestört war").
 */
import { type Clause, isPeople, type Sentence } from '../parse';
import { soleSubjectWord } from '../rules/context';
import type { RuleMatch } from '../rules/types';
import { DISCOVERY_STEMS, NEGATORS, PERSON_POSSESSIVES } from './lexicon';
import { kindOfHeadDe } from './parse';
import { anyPhraseAt, negationIn, verbWithStem } from './rules/helpers';

/** Whether the match stands in a clause whose subject is the writers' "wir". */
export function writersOwnDe(s: Sentence, m: RuleMatch): boolean {
  return soleSubjectWord(s, m) === 'wir' || writersGroupDe(s, m);
}

function writersGroupDe(s: Sentence, m: RuleMatch): boolean {
  // "Wir als Team haben …", "Jeder von uns hätte …": the writers' group.
  const c = s.clauses[s.clauseOf[m.from]];
  if (!c || c.subject.from < 0) return false;
  const { tokens } = s;
  const first = tokens[c.subject.from];
  return (
    (first?.norm === 'wir' &&
      /^(als|alle|beide|selbst)$/.test(
        tokens[c.subject.from + 1]?.norm ?? '',
      )) ||
    (/^(jeder|jede|keiner|keine|niemand|einer|eine)$/.test(first?.norm ?? '') &&
      tokens[c.subject.from + 1]?.norm === 'von' &&
      /^(uns)$/.test(tokens[c.subject.from + 2]?.norm ?? ''))
  );
}

/** Phrases that sanction an act wherever they stand. */
const SANCTION_PHRASES = [
  'abgestimmt mit',
  'in abstimmung mit',
  'in absprache mit',
  'nach absprache mit',
  'nach rücksprache mit',
  'mit freigabe',
  'nach freigabe',
  'mit genehmigung',
  'nach genehmigung',
  'mit zustimmung',
  'auf anweisung',
  'auf wunsch',
  'auf bitte',
  'im auftrag',
  'wie vorgesehen',
  'wie geplant',
  'wie im runbook',
  'wie es das runbook',
  'gemäß runbook',
  'gemäß dem runbook',
  'laut runbook',
  'laut plan',
  'wie vereinbart',
  'wie abgesprochen',
  'wie es sein soll',
  'laut dienstplan',
  'hatte frei',
  'dienstfrei',
].map(p => p.split(' '));

/** Verbs that call an act agreed, planned or allowed ("wie vereinbart"). */
const AGREED =
  /^(vereinbart|abgesprochen|besprochen|vorgesehen|geplant|angekündigt|erlaubt|erlaubte|vorsieht|vorsah|vorschreibt|vorschrieb|verlangt|verlangte|empfiehlt|empfohlen|freigegeben|genehmigt)$/;

/** Schedules an act may stand in ("im Change-Kalender", "im Wartungsfenster"). */
const SCHEDULES = /(kalender|wartungsfenster|changefenster|change-fenster)$/;

/** Stems of the purpose of a response ("um den Fehler einzugrenzen"). */
const RESPONSE_STEMS = [
  ...DISCOVERY_STEMS,
  'eingrenz',
  'einzugrenz',
  'entsperr',
  'verhinder',
  'schütz',
  'stabilisier',
  'rett',
  'reproduzier',
  'wiederherzustell',
  'wiederherstell',
];

/** Stems of harm an act may prevent ("damit die Zeilen nicht auf die Replicas gelangen"). */
const HARM =
  /(gelang|zerstör|verlier|verloren|überschr|weiterl|ausbreit|beschädig|korrupt|betroffen|schad|ausfall|ausfäll|abstürz|überläuf|überlauf)/;

/** Causal subordinators. */
const CAUSAL = new Set(['weil', 'da']);

/** Words of a rule that allows an act ("vorgesehen", "eine Ausnahme"). */
const ALLOWED =
  /^(vorgesehen|zulässig|gestattet|ausnahme|ausnahmegenehmigung)$/;

/** Participles of others' sanction, in a clause of their own. */
const SANCTION_VERBS =
  /^(bestätigt|freigegeben|genehmigt|abgesegnet|angeordnet|angewiesen|erlaubt|beauftragt|autorisiert|zugestimmt)$/;

/** Verbs of a rule that prescribes or allows ("das Runbook schreibt … vor"). */
const RULE_VERBS =
  /^(vorschreibt|vorschrieb|vorsieht|vorsah|verlangt|verlangte|erlaubt|erlaubte|vorgibt|vorgab|vor)$/;

/** A system's confirmation that an act was safe ("grün", "stabil"). */
const CONFIRMED = /^(grün|stabil|erfolgreich|abgeschlossen|durchgelaufen)$/;

/** Clauses that tell a sanction before or as the act ("nachdem", "weil"). */
const SANCTIONING_MARKERS = new Set(['nachdem', 'weil', 'da', 'als', 'sobald']);

/** Rules that allow an act ("Laut Zutrittsregelung durfte …"). */
const RULE_NOUNS =
  /(regelung|regel|richtlinie|runbook|vorgabe|policy|prozess|plan|vereinbarung|anweisung)$/;

/** Whether the sentence calls the act sanctioned by others or a rule. */
export function sanctionedDe(s: Sentence, m?: RuleMatch): boolean {
  const { tokens } = s;
  const own = m ? s.clauses[s.clauseOf[m.from]] : undefined;
  const negated = (i: number) =>
    [1, 2].some(d => {
      const t = tokens[i - d];
      return !!t && (NEGATORS.has(t.norm) || t.norm === 'ohne');
    });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted || negated(i)) continue;
    if (anyPhraseAt(s, i, SANCTION_PHRASES)) return true;
    // "…, wie im Incident-Channel vereinbart", "…, wie es die Checkliste
    // erlaubt", "…, was die Notfallrichtlinie ausdrücklich erlaubt": a
    // clause that names the act as agreed or allowed.
    if (AGREED.test(t.norm)) {
      const c = s.clauses[s.clauseOf[i]];
      if (
        c !== own &&
        /^(wie|was)$/.test(tokens[c.from]?.norm ?? '') &&
        negationIn(s, c.from, c.to) < 0
      )
        return true;
    }
    // "…; bei Emergency Changes ist die Freigabe nachträglich vorgesehen",
    // "…, weil der Fix eine dokumentierte Ausnahme war": a rule of the
    // process allows the act.
    if (ALLOWED.test(t.norm)) {
      const c = s.clauses[s.clauseOf[i]];
      if (
        c !== own &&
        !isPeople(c.subject.kind) &&
        (!c.marker || CAUSAL.has(c.marker)) &&
        negationIn(s, c.from, c.to) < 0
      )
        return true;
    }
    // "…, die seit Dienstag im Change-Kalender stand", "solange das
    // angekündigte Wartungsfenster lief": the act was scheduled.
    if (
      SCHEDULES.test(t.norm) &&
      tokens
        .slice(Math.max(0, i - 3), i)
        .some(x => /^(im|in|während|solange|innerhalb)$/.test(x.norm)) &&
      negationIn(s, 0, tokens.length) < 0
    )
      return true;
    // "Laut Zutrittsregelung durfte …", "gemäß Richtlinie".
    if (
      (t.norm === 'laut' || t.norm === 'gemäß') &&
      tokens.slice(i + 1, i + 4).some(x => RULE_NOUNS.test(x.norm) && !x.quoted)
    )
      return true;
    // "…, weil das Runbook genau diesen Schritt vorschreibt".
    if (RULE_VERBS.test(t.norm)) {
      const c = s.clauses[s.clauseOf[i]];
      const head = tokens[c.subject.to];
      if (head && RULE_NOUNS.test(head.norm) && negationIn(s, c.from, i) < 0)
        return true;
    }
    // "…, nachdem der Canary 20 Minuten grün war": the system confirmed it.
    if (CONFIRMED.test(t.norm)) {
      const c = s.clauses[s.clauseOf[i]];
      if (
        c !== own &&
        c.marker === 'nachdem' &&
        !isPeople(c.subject.kind) &&
        negationIn(s, c.from, i) < 0
      )
        return true;
    }
    // "…, nachdem der Change Manager die Ausnahme freigegeben hatte".
    if (SANCTION_VERBS.test(t.norm)) {
      const c = s.clauses[s.clauseOf[i]];
      if (
        c !== own &&
        (SANCTIONING_MARKERS.has(c.marker ?? '') ||
          // "…, Fenster war im Change-Kalender freigegeben".
          (!c.marker &&
            c.subject.kind !== 'none' &&
            !isPeople(c.subject.kind))) &&
        (isPeople(c.subject.kind) || c.subject.kind === 'system') &&
        negationIn(s, c.from, i) < 0
      )
        return true;
    }
  }
  return false;
}

/**
 * Whether a causal clause gives a system reason for the act of the match's
 * clause ("war nicht erreichbar, weil sein Mobilfunknetz gestört war",
 * "hat nicht eskaliert, weil die Eskalationsmatrix keine zweite Stufe
 * vorsah"): the conditions, not the person, explain it.
 */
export function exculpatedDe(s: Sentence, m: RuleMatch): boolean {
  const c = s.clauses[s.clauseOf[m.from]];
  if (!c) return false;
  if (liesWithThings(s) || credited(s) || writersGroupDe(s, m)) return true;
  // "…, damit die korrupten Zeilen nicht auf die Replicas gelangen": an
  // act that protected things. Not "…, damit er am Wochenende Ruhe hat".
  if (
    s.clauses.some(
      d =>
        d.from > c.from &&
        d.marker === 'damit' &&
        !isPeople(d.subject.kind) &&
        negationIn(s, d.from, d.to) >= 0 &&
        s.tokens.slice(d.from, d.to).some(t => HARM.test(t.norm)),
    )
  )
    return true;
  if (c.marker === 'weil' || c.marker === 'da') return false;
  // "…, um den Fehler einzugrenzen": an act of the response.
  if (
    m.rule !== 'judgement' &&
    s.clauses.some(
      d =>
        d.from > c.from &&
        s.tokens[d.from]?.norm === 'um' &&
        verbWithStem(s, d.from, d.to, RESPONSE_STEMS) >= 0,
    )
  )
    return true;
  // "…, dass er das Zertifikat nicht geprüft hat; die Checkliste sah
  // diesen Schritt nicht vor": after a semicolon, the reason of an
  // omission.
  const omission = negationIn(s, c.from, c.to) >= 0;
  return s.clauses.some(
    d =>
      d !== c &&
      d.from > c.from &&
      (CAUSAL.has(d.marker ?? '') ||
        (omission &&
          !d.marker &&
          /;/.test(s.tokens[d.from - 1]?.post ?? ''))) &&
      d.subject.from >= 0 &&
      !s.tokens[d.subject.from].quoted &&
      ((!isPeople(d.subject.kind) &&
        d.subject.kind !== 'none' &&
        d.subject.kind !== 'negative' &&
        failing(s, d, !!d.subject.owner)) ||
        pluralThing(s, c, d)),
  );
}

/**
 * "Ohne die schnelle Reaktion der Rufbereitschaft wäre die Ausfallzeit
 * länger gewesen": credit, not blame. Not "Ohne Retos Eingreifen wäre das
 * nicht passiert".
 */
function credited(s: Sentence): boolean {
  const { tokens } = s;
  return (
    tokens[0]?.norm === 'ohne' &&
    tokens.some(t => /^(wäre|wären|hätte|hätten)$/.test(t.norm)) &&
    !tokens.some((t, k) => k > 0 && NEGATORS.has(t.norm))
  );
}

/**
 * "Dass Pia den falschen Host erwischt hat, liegt an den fast identischen
 * Hostnamen": the sentence lays the act on things.
 */
function liesWithThings(s: Sentence): boolean {
  const { tokens } = s;
  return tokens.some((t, k) => {
    if (!/^(liegt|lag|lagen|liegen)$/.test(t.norm) || t.quoted) return false;
    const an = tokens[k + 1]?.norm === 'an' ? k + 1 : -1;
    if (an < 0) return false;
    const c = s.clauses[s.clauseOf[k]];
    for (let j = an + 1; j < Math.min(c.to, an + 5); j++) {
      const w = tokens[j];
      // "an ihrer Schlamperei": a person's own.
      if (PERSON_POSSESSIVES.has(w.norm) || w.possessive) return false;
      if (w.tags.has('Determiner') || w.tags.has('Adjective')) continue;
      if (isPeople(kindOfHeadDe(w)) || w.name) return false;
      if (w.tags.has('Noun')) return negationIn(s, c.from, c.to) < 0;
    }
    return false;
  });
}

/** Words of a system that fails, is missing, routes elsewhere or misleads ("gleich aussah", "überschrieben worden war"). */
const FAILING =
  /^(verzögert|verzögerte|gefiltert|gleich|identisch|identischen|ähnlich|verwechselbar|überschrieben|vertauscht|gestört|ausgefallen|ausfiel|ausfielen|defekt|defekte|abgelaufen|überlastet|down|kaputt|blockiert|hing|hingen|landete|landeten|gingen|ging|fehlte|fehlten|vorsah|vorsahen|veraltet|falsch|leer|stumm|stummgeschaltet|gesperrt|ausgeschaltet|unterbrochen|offline|nicht)$/;

/**
 * Whether the causal clause tells a failing or missing system ("gestört",
 * "keine zweite Stufe vorsah"); a person's own thing ("weil ihr Testdatensatz
 * nicht eindeutig war") needs more than a negation.
 */
function failing(s: Sentence, d: Clause, owned: boolean): boolean {
  return s.tokens
    .slice(d.from, d.to)
    .some(
      t =>
        !t.quoted &&
        ((FAILING.test(t.norm) && !(owned && t.norm === 'nicht')) ||
          (!owned && NEGATORS.has(t.norm))),
    );
}

const SINGULAR_FINITE =
  /^(hat|ist|war|wurde|wird|hatte|kann|konnte|muss|musste)$/;

/**
 * "Die Bereitschaft hat die Alarme nicht gesehen, weil sie an die alte
 * Rotation gingen": a plural "sie" after a singular subject stands for the
 * things of the main clause.
 */
function pluralThing(s: Sentence, c: Clause, d: Clause): boolean {
  const { tokens } = s;
  if (d.subject.from !== d.subject.to) return false;
  if (tokens[d.subject.from].norm !== 'sie') return false;
  if (!SINGULAR_FINITE.test(tokens[c.verb]?.norm ?? '')) return false;
  const last = tokens[d.to - 1];
  return (
    !!last &&
    /^\p{Ll}+(en|ten)$/u.test(last.norm) &&
    !/^(haben|hatten|sind|waren|wollten|konnten|mussten|sollten)$/.test(
      last.norm,
    )
  );
}
