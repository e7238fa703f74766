import { isPeople, type Clause, type Sentence } from '../../parse';
import type { Rule, RuleMatch } from '../../rules/types';
import {
  ABSENCE_PHRASES,
  ATTRIBUTION_PHRASES,
  COMPETENCE_PHRASES,
  CONDUCT_NOUNS,
  DELAY_WORDS,
  FAILING_ACT_ADJECTIVES,
  DEFIANCE_SIGNALS,
  IRONY_OPENERS,
  IRONY_PRAISE,
  IRONY_TARGETS,
  LOST_TIME_HEADS,
  RHETORICAL_PARTICLES,
  DISCOVERY_STEMS,
  HABIT_PHRASES,
  HASTE_PHRASES,
  HELPING_STEMS,
  NEGATORS,
  PERSON_POSSESSIVES,
  NEGATIVE_PEOPLE,
  PERSON_PRONOUNS,
  QUESTION_OPENERS,
  QUIET_TIMES,
  REQUEST_MODALS,
  SCARCITY_WORDS,
  THANKS_WORDS,
} from '../lexicon';
import { endsWithHead, kindOfHeadDe } from '../parse';
import { anyPhraseAt, negationIn, verbWithStem } from './helpers';

/** Whether the clause is about people other than the writers. */
function aboutPeople(c: Clause): boolean {
  return isPeople(c.subject.kind) && !c.subject.firstPerson;
}

/** Whether the sentence names people anywhere (a name, a role, a team). */
function namesPeople(s: Sentence, from = 0, to = s.tokens.length): boolean {
  for (let k = from; k < to; k++) {
    const t = s.tokens[k];
    if (t.quoted || t.tags.has('Pronoun')) continue;
    const kind = kindOfHeadDe(t);
    if (kind === 'person' || kind === 'role' || kind === 'team') return true;
  }
  return false;
}

/** Whether people own the noun at i ("von Reto", "der Bereitschaft", "durch den Reviewer"). */
function namesPeopleAfter(s: Sentence, i: number): boolean {
  const { tokens } = s;
  const p = tokens[i + 1];
  if (!p || !/^(von|vom|durch|seitens|des|der)$/.test(p.norm)) return false;
  for (let k = i + 2; k < Math.min(tokens.length, i + 5); k++) {
    const t = tokens[k];
    if (t.quoted) return false;
    const kind = kindOfHeadDe(t);
    if (
      (kind === 'person' || kind === 'role' || kind === 'team') &&
      !t.tags.has('Pronoun') &&
      !t.tags.has('Determiner')
    )
      return true;
    if (/^\p{Lu}/u.test(t.text) && !t.tags.has('Determiner') && k > i + 2)
      return false;
  }
  return false;
}

/** The first token after a ticket key or a time ("SHOP-4464:", "22:45 –"). */
function opening(s: Sentence): number {
  let k = 0;
  const { tokens } = s;
  while (
    k < tokens.length - 1 &&
    (/\d/.test(tokens[k].text) || /^[-–—:]$/.test(tokens[k].text)) &&
    /[:–—-]\s*$/.test(tokens[k].post)
  )
    k++;
  return k;
}

/**
 * Conduct that blames in words no other rule knows: absence when needed
 * ("war nicht erreichbar", "ist offline gegangen", "hat weitergeschlafen"),
 * competence ("hat null Plan", "keine Ahnung von", "ist überfordert"),
 * acting against a signal ("hat den Canary hochgezogen, obwohl der Canary
 * rot war"), irony ("Super Idee von …", "Hut ab, …") and rhetorical
 * questions ("Hat Reto eigentlich jemals ein Runbook gelesen?").
 */
export const conductRuleDe: Rule = s => {
  const out: RuleMatch[] = [];
  const { tokens } = s;
  const thanked = tokens.some(t => /^(danke|dank)$/.test(t.norm));
  for (let ci = 0; ci < s.clauses.length; ci++) {
    const c = s.clauses[ci];
    const people = aboutPeople(c);
    // A reason that follows the absence ("…, weil sie im Bridge-Call war").
    // A wish is no reason ("…, weil sie fertig werden wollte").
    const reason = s.clauses
      .slice(ci + 1)
      .some(
        d =>
          (d.marker === 'weil' || d.marker === 'da') &&
          !tokens
            .slice(d.from, d.to)
            .some(t =>
              /^(wollte|wollten|will|wollen|lästig|genervt|nervt|nervte)$/.test(
                t.norm,
              ),
            ),
      );
    for (let k = c.from; k < c.to; k++) {
      if (tokens[k].quoted) continue;
      const absent = anyPhraseAt(s, k, ABSENCE_PHRASES);
      // "Jana wurde zu spät informiert": the subject of a passive
      // undergoes the act.
      const undergoes =
        !/^(von|vom|durch|seitens)$/.test(
          tokens[c.subject.from - 1]?.norm ?? '',
        ) &&
        tokens
          .slice(c.from, c.to)
          .some(t => /^(wurde|wurden|worden|wird|werden)$/.test(t.norm));
      if (absent && people && !reason && !undergoes) {
        out.push({ rule: 'named-person', from: k, to: k + absent - 1 });
        break;
      }
      const unable = anyPhraseAt(s, k, COMPETENCE_PHRASES);
      if (unable && (people || namesPeople(s, c.from, c.to))) {
        out.push({ rule: 'judgement', from: k, to: k + unable - 1 });
        break;
      }
    }
    // "…, obwohl der Canary rot war": acting against a signal.
    const next = s.clauses[ci + 1];
    const warned =
      next?.marker === 'nachdem' &&
      tokens
        .slice(next.from, next.to)
        .some(t => /^(gewarnt|abgeraten|widersprochen)$/.test(t.norm));
    if (
      people &&
      !thanked &&
      (next?.marker === 'obwohl' || warned) &&
      verbWithStem(s, c.from, c.to, DISCOVERY_STEMS) < 0 &&
      tokens
        .slice(next.from, next.to)
        .some(t => !t.quoted && endsWithHead(t.norm, DEFIANCE_SIGNALS) > 0)
    )
      out.push({ rule: 'named-person', from: c.from, to: next.from });
    // "Obwohl der Alarm lief, hat Marlene …", "Trotz der Bitte von
    // Friederike, zu warten, hat Yusuf …".
    const prev = s.clauses.find(
      (d, di) =>
        di < ci && (d.marker === 'obwohl' || tokens[d.from]?.norm === 'trotz'),
    );
    if (
      people &&
      !thanked &&
      prev &&
      prev.from === 0 &&
      verbWithStem(s, c.from, c.to, DISCOVERY_STEMS) < 0 &&
      tokens
        .slice(prev.from, prev.to)
        .some(t => !t.quoted && endsWithHead(t.norm, DEFIANCE_SIGNALS) > 0)
    )
      out.push({ rule: 'named-person', from: prev.from, to: c.to - 1 });
  }
  // "Das Versäumnis von Frau Gruber", "die Untätigkeit der Bereitschaft",
  // "die fehlende Prüfung durch den Reviewer", "Retos Alleingang".
  const explained = tokens.some(t =>
    /^(weil|da|wegen|aufgrund|lag|lagen|nicht|kein|keine)$/.test(t.norm),
  );
  for (let k = 0; k < tokens.length && !explained; k++) {
    const t = tokens[k];
    if (t.quoted) continue;
    let noun = -1;
    if (endsWithHead(t.norm, CONDUCT_NOUNS) > 0) noun = k;
    else if (
      FAILING_ACT_ADJECTIVES.test(t.norm) &&
      tokens[k + 1] &&
      /^\p{Lu}/u.test(tokens[k + 1].text)
    )
      noun = k + 1;
    if (noun < 0) continue;
    const before = tokens[k - 1];
    // "die eigene Fehleinschätzung der Betriebsleitung": owned up to.
    if (/^(eigene|eigenen|eigener|eigenes)$/.test(before?.norm ?? '')) continue;
    const owned =
      (before?.possessive && before.name) ||
      PERSON_POSSESSIVES.has(before?.norm ?? '') ||
      namesPeopleAfter(s, noun);
    if (owned) {
      out.push({ rule: 'judgement', from: k, to: noun });
      break;
    }
  }
  // "Die Verantwortung liegt eindeutig bei Herrn Petrović", "geht auf
  // Retos Konto", "dem Team Netzwerk anzulasten".
  // "…, nicht auf Einzelpersonen": people named only to be ruled out.
  const ruledOutPeople = tokens.every(
    (t, k) =>
      !(!t.quoted && !t.tags.has('Pronoun') && isPeople(kindOfHeadDe(t))) ||
      tokens
        .slice(Math.max(0, k - 3), k)
        .some(x => NEGATORS.has(x.norm) && x.norm !== 'ohne'),
  );
  if (namesPeople(s) && !ruledOutPeople)
    for (let k = 0; k < tokens.length; k++) {
      const n = tokens[k].quoted ? 0 : anyPhraseAt(s, k, ATTRIBUTION_PHRASES);
      // "ist ausdrücklich nicht auf einzelne Personen zurückzuführen".
      const c = s.clauses[s.clauseOf[k]];
      if (n && negationIn(s, c.from, k) >= 0) break;
      // "liegt beim DBA-Team" lays blame only with a cause or fault.
      if (
        n &&
        tokens[k].norm === 'liegt' &&
        !tokens.some(t =>
          /^(ursache|schuld|verantwortung|fehler|kernproblem|problem|versäumnis)/.test(
            t.norm,
          ),
        )
      )
        continue;
      if (n) {
        out.push({ rule: 'judgement', from: k, to: k + n - 1 });
        break;
      }
    }
  // "Die Eskalation kam zu spät, weil Roswitha das Ticket falsch
  // kategorisiert hat": a person's act as the reason of a delay.
  for (const d of s.clauses) {
    if (d.marker !== 'weil' && d.marker !== 'da') continue;
    const main = s.clauses.find(c => c.to <= d.from && !c.marker);
    if (!main || !aboutPeople(d)) continue;
    const who = tokens[d.subject.to];
    if (!who || PERSON_PRONOUNS.has(who.norm) || who.norm === 'man') continue;
    const forced = tokens
      .slice(d.from, d.to)
      .some(t =>
        /^(musste|mussten|konnte|konnten|durfte|durften|sollte)$/.test(t.norm),
      );
    const delayed = tokens
      .slice(main.from, main.to)
      .some(t => !t.quoted && DELAY_WORDS.test(t.norm));
    if (delayed && !forced) {
      out.push({ rule: 'named-person', from: d.from, to: d.to - 1 });
      break;
    }
  }
  // Irony: praise that opens the sentence for a failure.
  const o = opening(s);
  let ironic = anyPhraseAt(s, o, IRONY_OPENERS);
  // "Super Idee vom Autoscaler, …": said of a system, it is no irony
  // about people.
  const of = tokens[o + ironic];
  if (
    ironic &&
    of &&
    /^(von|vom)$/.test(of.norm) &&
    !namesPeople(s, o + ironic, Math.min(tokens.length, o + ironic + 4))
  )
    ironic = 0;
  if (ironic) out.push({ rule: 'judgement', from: o, to: o + ironic - 1 });
  else {
    const praise = anyPhraseAt(s, o, IRONY_PRAISE);
    if (
      praise &&
      tokens
        .slice(o + praise)
        .some(t => !t.quoted && IRONY_TARGETS.test(t.norm))
    )
      out.push({ rule: 'judgement', from: o, to: o + praise - 1 });
  }
  // Irony that closes the sentence, as a clause of its own, after what a
  // person did: "Tarek hat den Limiter im DDoS abgeschaltet, glänzende
  // Idee", "Force-Push auf main, ganz großes Kino, Reto". Not after what a
  // system did ("Der Autoscaler hat hochskaliert, super Idee" is said of
  // no one).
  if (!ironic && (s.clauses.some(aboutPeople) || namesPeople(s)))
    for (const c of s.clauses.slice(1)) {
      const n = anyPhraseAt(s, c.from, IRONY_OPENERS);
      if (n) {
        out.push({ rule: 'judgement', from: c.from, to: c.from + n - 1 });
        break;
      }
    }
  // Thanks for a night or a weekend lost, not for an act: "Danke an Yusuf
  // für die spannende Nacht", "merci reto für das tolle Wochenende". Not
  // "Danke an Jana für die Koordination während der Nacht".
  const thanks = tokens.findIndex(t => !t.quoted && THANKS_WORDS.has(t.norm));
  if (thanks >= 0) {
    const fuer = tokens.findIndex(
      (t, k) => k > thanks && /^(für|fürs)$/.test(t.norm),
    );
    let head = fuer + 1;
    while (
      fuer >= 0 &&
      head < tokens.length &&
      (tokens[head].tags.has('Determiner') ||
        tokens[head].tags.has('Adjective') ||
        // "das tolle Wochenende": an inflected adjective after the article.
        (head > fuer + 1 &&
          /^\p{Ll}+(e|en|er|es|em)$/u.test(tokens[head].text))) &&
      endsWithHead(tokens[head].norm, LOST_TIME_HEADS) === 0
    )
      head++;
    const h = tokens[head];
    if (
      fuer >= 0 &&
      h &&
      !h.quoted &&
      head - fuer <= 4 &&
      endsWithHead(h.norm, LOST_TIME_HEADS) > 0
    )
      out.push({ rule: 'judgement', from: thanks, to: head });
  }
  // Blame through timing: haste ("hat noch schnell deployt", "hat mal
  // eben die Tabelle gedroppt") and an act in the middle of what it
  // disturbs ("hat den Cache mitten in der Spitzenlast geleert"). Not the
  // middle of a night ("hat mitten in der Nacht geholfen") nor an act a
  // system's state forced ("…, weil der Kernel-Bug sonst den Host
  // mitgerissen hätte").
  const forcedBySystem = s.clauses.some(
    d =>
      (d.marker === 'weil' || d.marker === 'da') &&
      !isPeople(d.subject.kind) &&
      d.subject.kind !== 'none',
  );
  // "Lea hat mitten im Incident die Kommunikation übernommen": help.
  const helps =
    verbWithStem(s, 0, tokens.length, [...DISCOVERY_STEMS, ...HELPING_STEMS]) >=
    0;
  if (
    !forcedBySystem &&
    !helps &&
    (s.clauses.some(aboutPeople) || namesPeople(s)) &&
    !s.clauses.some(c => c.subject.firstPerson)
  )
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k].quoted) continue;
      const haste = anyPhraseAt(s, k, HASTE_PHRASES);
      const amid =
        tokens[k].norm === 'mitten' &&
        /^(im|in|ins)$/.test(tokens[k + 1]?.norm ?? '') &&
        !tokens
          .slice(k + 2, k + 4)
          .some(t => endsWithHead(t.norm, QUIET_TIMES) > 0);
      if (haste || amid) {
        out.push({ rule: 'named-person', from: k, to: k + (haste || 2) - 1 });
        break;
      }
    }
  // Thinking put in order with acting: "Bitte erst denken, dann mergen",
  // "erst deployen, dann denken" tell people they acted without thought.
  // Not "erst die Logs sichern, dann neu starten".
  const erst = tokens.findIndex(t => !t.quoted && t.norm === 'erst');
  const dann = tokens.findIndex(
    (t, k) => k > erst && !t.quoted && t.norm === 'dann',
  );
  if (erst >= 0 && dann > erst && dann - erst <= 5) {
    const thinks = tokens.findIndex(
      (t, k) =>
        k > erst &&
        k <= dann + 3 &&
        !t.quoted &&
        /^(denken|nachdenken|überlegen|nachzudenken|hirn)$/.test(t.norm),
    );
    if (thinks >= 0)
      out.push({ rule: 'judgement', from: erst, to: Math.max(thinks, dann) });
  }
  // A failing told as a habit of people: "Übergabe hat wie immer keiner
  // gemacht", "der Q-Prüfer kam erst nach dem dritten Anruf, wie so oft",
  // "hat halt wieder keiner getestet". Not a habit of a system ("der
  // Cluster hat mal wieder den Heap gesprengt") nor a routine ("hat den
  // Kill Switch getestet, wie jeden Monat").
  const habit = tokens.findIndex(
    (t, k) => !t.quoted && anyPhraseAt(s, k, HABIT_PHRASES) > 0,
  );
  if (habit >= 0) {
    const people =
      s.clauses.some(c => aboutPeople(c) || c.subject.kind === 'negative') ||
      tokens.some(
        (t, k) =>
          /^(niemand|niemandem)$/.test(t.norm) ||
          // "keiner der Retries" is no person.
          (t.norm === 'keiner' &&
            !(
              /^(der|des|dieser)$/.test(tokens[k + 1]?.norm ?? '') &&
              !namesPeople(s, k + 2, Math.min(tokens.length, k + 4))
            )),
      );
    const failing = tokens.some(
      (t, k) =>
        !t.quoted &&
        k !== habit &&
        (NEGATORS.has(t.norm) ||
          NEGATIVE_PEOPLE.has(t.norm) ||
          /^(nix|erst|nie)$/.test(t.norm)),
    );
    if (failing && (people || namesPeople(s)))
      out.push({
        rule: 'judgement',
        from: habit,
        to: habit + anyPhraseAt(s, habit, HABIT_PHRASES) - 1,
      });
  }
  // "Von Birgit kam die ganze Nacht genau eine Nachricht", "Vom Pikett
  // kam kein Wort": what people did not send, told as what did not come.
  // Not "Von Birgit kam um 02:10 die Freigabe".
  for (const c of s.clauses) {
    const came = tokens.findIndex(
      (t, k) =>
        k >= c.from && k < c.to && /^(kam|kamen|kommt|kommen)$/.test(t.norm),
    );
    if (came < 0) continue;
    const from = tokens.findIndex(
      (t, k) =>
        k >= c.from &&
        k < c.to &&
        /^(von|vom|seitens)$/.test(t.norm) &&
        namesPeople(s, k + 1, Math.min(c.to, k + 4)),
    );
    const scarce = tokens.findIndex(
      (t, k) =>
        k >= c.from &&
        k < c.to &&
        !t.quoted &&
        (SCARCITY_WORDS.has(t.norm) ||
          (t.norm === 'genau' &&
            /^(ein|eine|einen)$/.test(tokens[k + 1]?.norm ?? ''))),
    );
    if (from >= 0 && scarce >= 0) {
      out.push({ rule: 'named-person', from, to: Math.max(came, scarce) });
      break;
    }
  }
  // Rhetorical questions about people ("Hat Reto eigentlich jemals …?",
  // "Wer hat bitte um 17:58 noch deployed??", "Wie kann man bitte …?").
  // Chat drops the question mark: a sentence that opens with a question
  // word or a finite verb and holds a particle asks all the same ("hat
  // überhaupt jemand die Mail gelesen"), as does wondering aloud ("Ich
  // frage mich, ob Reto überhaupt weiß, …").
  const first = tokens[opening(s)];
  const particled = tokens.some(
    t => !t.quoted && RHETORICAL_PARTICLES.has(t.norm),
  );
  // Without the mark, "eigentlich" alone also asks plainly ("hat jemand
  // eigentlich schon das Ticket angelegt"): a doubting particle or nobody
  // makes it a reproach ("hat überhaupt jemand …", "wieso hat eigentlich
  // keiner …").
  const doubting = tokens.some(
    t =>
      !t.quoted &&
      (/^(überhaupt|jemals|ernsthaft|nie|niemals)$/.test(t.norm) ||
        NEGATIVE_PEOPLE.has(t.norm)),
  );
  // A writer who sets question marks elsewhere has not dropped this one.
  const asksInChat =
    !s.question &&
    !s.text.includes('?') &&
    !!first &&
    particled &&
    doubting &&
    (QUESTION_OPENERS.has(first.norm) ||
      (/^(hat|hast|habt|haben|ist|bist|seid|sind|kann|kannst|könnt|können)$/.test(
        first.norm,
      ) &&
        first.text === first.text.toLowerCase()));
  const wonders =
    particled &&
    tokens.some(
      (t, k) =>
        /^(frage|frag|fragt)$/.test(t.norm) &&
        tokens
          .slice(k + 1, k + 3)
          .some(x => /^(mich|man|sich)$/.test(x.norm)) &&
        tokens
          .slice(k + 2)
          .some(x => /^(ob|wer|wie|warum|wieso|wofür|weshalb)$/.test(x.norm)),
    );
  if (s.question || asksInChat || wonders) {
    // Wondering aloud: the question is the clause after "ob", "wer" ….
    const asked = wonders
      ? tokens.findIndex(t =>
          /^(ob|wer|wie|warum|wieso|wofür|weshalb)$/.test(t.norm),
        )
      : -1;
    // "Könntest du bitte noch einen Test ergänzen?": a polite request.
    const request = tokens.some(
      (t, k) =>
        REQUEST_MODALS.has(t.norm) &&
        /^(du|ihr|sie)$/.test(tokens[k + 1]?.norm ?? ''),
    );
    const particle = tokens.findIndex(
      (t, k) =>
        k >= asked &&
        !t.quoted &&
        RHETORICAL_PARTICLES.has(t.norm) &&
        !(request && t.norm === 'bitte'),
    );
    // The one who wonders is not asked about.
    const asksPeople = s.clauses.some(
      c =>
        c.to > asked &&
        ((isPeople(c.subject.kind) &&
          !c.subject.firstPerson &&
          !(asked >= 0 && c.subject.to < asked)) ||
          c.subject.kind === 'indefinite' ||
          c.subject.kind === 'negative'),
    );
    const doubled = s.question && /\?\?/.test(s.text);
    // The particle asks about its own clause: "warum is der Failover
    // eigentlich 9 min gelaufen? weiß das wer?" asks about a system. "Warum
    // musste Ruprecht sich überhaupt einloggen?" asks what forced him.
    const pc = particle >= 0 ? s.clauses[s.clauseOf[particle]] : undefined;
    const aboutSystem =
      !!pc &&
      !pc.marker &&
      !isPeople(pc.subject.kind) &&
      pc.subject.kind !== 'indefinite' &&
      pc.subject.kind !== 'negative' &&
      pc.subject.kind !== 'none' &&
      !namesPeople(s, pc.from, pc.to);
    const forced =
      !!pc &&
      tokens
        .slice(pc.from, pc.to)
        .some(t => /^(musste|mussten|muss|müssen|musstest)$/.test(t.norm));
    if (
      (particle >= 0 || doubled) &&
      !aboutSystem &&
      !forced &&
      (asksPeople || namesPeople(s, Math.max(0, asked)))
    )
      out.push({
        rule: 'judgement',
        from: asked >= 0 ? asked : Math.max(particle, 0),
        to: Math.max(asked, particle >= 0 ? particle : tokens.length - 1),
        answerable: true,
      });
  }
  return out;
};
