/**
 * German contexts that clear a sentence's findings about conduct: the
 * writers' own "wir", an act that others sanctioned ("nachdem der Change
 * Manager die Ausnahme freigegeben hatte", "abgestimmt mit Security",
 * "laut Zutrittsregelung durfte …") and a system reason that explains the
 * act ("…, weil sein Mobilfunknetz gestört war").
 */
import { type Clause, isPeople, type Sentence, type Token } from '../parse';
import { soleSubjectWord } from '../rules/context';
import type { RuleMatch } from '../rules/types';
import {
  DEFIANCE_WORDS,
  DISCOVERY_STEMS,
  INDEFINITE_PEOPLE,
  NEGATORS,
  PERSON_POSSESSIVES,
  QUIET_TIMES,
  RHETORICAL_PARTICLES,
} from './lexicon';
import { endsWithHead, kindOfHeadDe } from './parse';
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
  // "um den Loop zu unterbrechen": stopping harm.
  'unterbrech',
  'eindämm',
  'einzudämm',
  'begrenz',
  'entlast',
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
  /^(vorschreibt|vorschrieb|vorsieht|vorsah|verlangt|verlangte|erlaubt|erlaubte|vorgibt|vorgab|abdeckt|abdeckte|regelt|regelte|vor)$/;

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

/** Praise of how people worked ("hervorragend koordiniert", "sorgfältig aufbereitet"). */
const PRAISE_WORDS =
  /^(hervorragend|hervorragende|hervorragenden|ausgezeichnet|ausgezeichnete|sorgfältig|geduldig|umsichtig|besonnen|souverän|gründlich|vorbildlich)$/;

/** Phrases of thanks and praise ("vielen Dank", "gut lief:", "richtig reagiert"). */
const PRAISE_PHRASES = [
  'vielen dank',
  'danke an',
  'dank an',
  'danke dafür',
  'danke dass',
  'gut lief',
  'lief gut',
  'top',
  'super job',
  'richtig reagiert',
  'genau richtig',
].map(p => p.split(' '));

/**
 * Words that sour praise into irony or set a failing beside it ("danke
 * für nichts", "mal wieder", "ohne zu fragen", "mitten im Peak").
 */
const SOUR =
  /^(nichts|nix|wieder|schon|ja|halt|auch|einzige|einzig|einzigen|anderen|chaos|kaputt|verbockt|fehler|ausfall|schief|wirklich|natürlich|mal|immer|leider|doch|endlich|irgendwann)$/;

/**
 * "Emre hat hervorragend koordiniert, obwohl er gerade erst aus dem Urlaub
 * zurück war", "Danke an die Werkstudentin, die die Zeitleiste so
 * sorgfältig aufbereitet hat": praise and thanks of people. Not sour or
 * ironic praise ("danke auch", "danke für nichts", "super gemacht, zweiter
 * Ausfall"), nor praise beside a failing ("…, ohne zu fragen"), nor a
 * question. A negation counts only in a concession of the effort ("obwohl
 * sie keine Bereitschaft hatte").
 */
export function praisedDe(s: Sentence): boolean {
  const { tokens } = s;
  if (s.question || tokens.some(t => t.quoted)) return false;
  const praised = tokens.some(
    (t, i) =>
      PRAISE_WORDS.test(t.norm) || anyPhraseAt(s, i, PRAISE_PHRASES) > 0,
  );
  if (!praised) return false;
  return !tokens.some((t, i) => {
    // "halt" of "Not-Halt" is no particle.
    if (SOUR.test(t.norm)) return tokens[i - 1]?.post !== '-';
    // "ohne zu fragen", "ohne den Kranfahrer zu fragen"; not "ohne Vorwarnung".
    if (t.norm === 'ohne')
      return tokens
        .slice(i + 1, i + 6)
        .some(x => x.norm === 'zu' || /^\p{Ll}+zu\p{Ll}+en$/u.test(x.norm));
    // A concession of the effort ("obwohl sie keine Bereitschaft hatte") or
    // a harm prevented ("damit der Offset nicht weiterläuft").
    const c = s.clauses[s.clauseOf[i]];
    const conceded =
      !!c &&
      (c.marker === 'obwohl' ||
        c.marker === 'damit' ||
        /^(obwohl|trotz|damit)$/.test(tokens[c.from]?.norm ?? '') ||
        tokens
          .slice(Math.max(0, i - 4), i)
          .some(x => /^(obwohl|damit)$/.test(x.norm)));
    if (NEGATORS.has(t.norm)) return !conceded;
    // "mitten im Peak"; not "mitten in der Nacht".
    if (t.norm === 'mitten')
      return !tokens
        .slice(i + 1, i + 4)
        .some(x => endsWithHead(x.norm, QUIET_TIMES) > 0);
    return false;
  });
}

/** Phrases that mark a question as fact-finding ("will nur wissen", "aus Neugier"). */
const FACT_FINDING_PHRASES = [
  'will nur wissen',
  'wollte nur wissen',
  'möchte nur wissen',
  'aus neugier',
  'reine neugier',
  'interessehalber',
  'nur zur info',
  'keine kritik',
  'bitte festlegen',
].map(p => p.split(' '));

/** Purposes of asking that gather facts ("um die Ablaufdaten zu ermitteln"). */
const FACT_FINDING_STEMS = [
  'ermitteln',
  'verstehen',
  'klären',
  'rekonstruieren',
  'nachvollziehen',
  'einzuordnen',
];

/**
 * "hat jemand die Warnung um 18:50 gesehen? will nur wissen, ob sie
 * zugestellt wurde", "Frau K. fragt, wer das Zertifikat beantragt hat, um
 * die Ablaufdaten der übrigen zu ermitteln": a question the writer marks as
 * fact-finding. Not a rhetorical one ("hat überhaupt irgendwer …") nor one
 * that asks about an omission ("wer hat nicht …").
 */
export function factFindingDe(s: Sentence): boolean {
  const { tokens } = s;
  const asks =
    s.question ||
    tokens.some(t => /\?/.test(t.post)) ||
    tokens.some(t => /^(frage|fragt|fragte|gefragt)$/.test(t.norm));
  if (!asks) return false;
  // Particles count before the mark, not in what it asks about ("will nur
  // wissen, ob die überhaupt zugestellt wurde").
  const mark = tokens.findIndex(
    (_, i) => anyPhraseAt(s, i, FACT_FINDING_PHRASES) > 0,
  );
  if (
    tokens.some(
      (t, i) =>
        (mark < 0 || i < mark) &&
        RHETORICAL_PARTICLES.has(t.norm) &&
        t.norm !== 'bitte',
    )
  )
    return false;
  const marked =
    mark >= 0 ||
    s.clauses.some(
      d =>
        tokens[d.from]?.norm === 'um' &&
        tokens
          .slice(d.from, d.to)
          .some(t => FACT_FINDING_STEMS.some(x => t.norm.endsWith(x))),
    );
  return marked && negationIn(s, 0, tokens.length) < 0;
}

/** Nouns of blame and reproach ("Vorwurf", "Schuld", "fault"). */
const BLAME_TALK =
  /^(vorwurf|vorwürfe|vorwurfs|schuld|schuldzuweisung|fault|falsch)$/;

/**
 * "Das ist kein Vorwurf an Ihr Team", "sie wolle niemandem einen Vorwurf
 * machen", "nobody's fault", "über Schuld sagt sie nichts aus", "Sie haben
 * nichts falsch gemacht": blame is named only to be denied. Not a denial that turns ("kein
 * Vorwurf, aber …", "niemand trägt Schuld, außer dem, der …") or that
 * settles the blame ("…, also müssen wir über Schuld nicht diskutieren").
 */
export function blameDeniedDe(s: Sentence): boolean {
  const { tokens } = s;
  const denier = (x: Token) =>
    /^(kein|keine|keinen|niemandem|niemand|niemandes|nobody|nichts|nicht|no)$/.test(
      x.norm,
    );
  const denied = tokens.some(
    (t, i) =>
      BLAME_TALK.test(t.norm) &&
      !t.quoted &&
      (tokens.slice(Math.max(0, i - 5), i).some(denier) ||
        // "über Schuld sagt sie nichts aus": blame as a topic, denied.
        (tokens[i - 1]?.norm === 'über' &&
          tokens.slice(i + 1, i + 5).some(denier))),
  );
  return (
    denied &&
    !tokens.some(t =>
      /^(aber|trotzdem|dennoch|jedoch|allerdings|sondern|außer|ausser|also|eigentlich)$/.test(
        t.norm,
      ),
    )
  );
}

/** Heads of harm, for which a person is not a mere holder of a role. */
const HARM_HEADS = [
  'ausfall',
  'ausfälle',
  'fehler',
  'störung',
  'problem',
  'datenverlust',
  'verlust',
  'vorfall',
  'incident',
  'schaden',
  'panne',
  'chaos',
  'desaster',
  'fiasko',
];

/**
 * "Verantwortlich für das Problem-Ticket: Herr Schubert (Problem Owner)",
 * "Greta ist zuständig für M3": a person named as the holder of a role or
 * the owner of an action item. Not "Zuständig für den Ausfall: Greta" nor
 * "…, weil sie das Zertifikat überschrieben hat".
 */
export function roleHolderDe(s: Sentence): boolean {
  const { tokens } = s;
  if (s.clauses.some(d => CAUSAL.has(d.marker ?? ''))) return false;
  return tokens.some((t, i) => {
    if (
      !/^(verantwortlich|zuständig|owner|ansprechpartner|ansprechpartnerin)$/.test(
        t.norm,
      ) ||
      tokens[i + 1]?.norm !== 'für'
    )
      return false;
    let h = i + 2;
    while (
      h < tokens.length &&
      (tokens[h].tags.has('Determiner') || tokens[h].tags.has('Adjective'))
    )
      h++;
    // "Problem-Ticket": the head is the last part of a compound.
    while (h + 1 < tokens.length && tokens[h].post === '-') h++;
    const head = tokens[h];
    return (
      !!head &&
      endsWithHead(head.norm, HARM_HEADS) === 0 &&
      negationIn(s, 0, tokens.length) < 0
    );
  });
}

/**
 * "…, weil der Kernel-Bug sonst den ganzen Host mitgerissen hätte", "…,
 * weil sie gegen die Datenschutzrichtlinie verstoßen hätte": the act
 * averted a harm or upheld a rule. Not "…, weil er sonst zu spät zum Essen
 * gekommen wäre".
 */
export function averted(s: Sentence): boolean {
  const { tokens } = s;
  return s.clauses.some(d => {
    if (!CAUSAL.has(d.marker ?? '')) return false;
    const words = tokens.slice(d.from, d.to);
    const unreal = words.some(t =>
      /^(hätte|hätten|wäre|wären|würde)$/.test(t.norm),
    );
    return (
      unreal &&
      ((words.some(t => t.norm === 'sonst') && !isPeople(d.subject.kind)) ||
        (words.some(t => /^(verstoß|verletz)/.test(t.norm)) &&
          words.some(
            t =>
              RULE_NOUNS.test(t.norm) ||
              /(richtlinie|gesetz|dsgvo)/.test(t.norm),
          )))
    );
  });
}

/**
 * "Thorben hat im Kanal gefragt, ob jemand den Diff noch einmal anschauen
 * kann, bevor er mergt": a person who asked others for a review or for
 * objections before acting. Not "hat nicht gefragt, ob jemand …", nor
 * "…, und trotzdem gemergt", nor wondering aloud ("ich frage mich, ob
 * jemand …").
 */
export function askedOthersDe(s: Sentence): boolean {
  const { tokens } = s;
  if (s.question || tokens.some(t => DEFIANCE_WORDS.has(t.norm))) return false;
  return tokens.some((t, i) => {
    if (
      !/^(gefragt|fragte|fragten|nachgefragt|gebeten|bat|baten)$/.test(t.norm)
    )
      return false;
    const ob = tokens[i + 1]?.norm === 'ob' ? i + 1 : -1;
    if (ob < 0) return false;
    const c = s.clauses[s.clauseOf[i]];
    return (
      negationIn(s, c.from, i) < 0 &&
      tokens
        .slice(ob + 1, ob + 4)
        .some(x => INDEFINITE_PEOPLE.has(x.norm) || x.norm === 'irgendjemand')
    );
  });
}

/**
 * Whether the sentence praises or thanks people, asks for facts, denies
 * blame, names a holder of a role, tells an act's legitimate reason or a
 * person who asked others first: the
 * model's sense of blame in it is not to be flagged.
 */
export function acknowledgedDe(s: Sentence): boolean {
  return (
    praisedDe(s) ||
    factFindingDe(s) ||
    blameDeniedDe(s) ||
    roleHolderDe(s) ||
    averted(s) ||
    askedOthersDe(s)
  );
}
