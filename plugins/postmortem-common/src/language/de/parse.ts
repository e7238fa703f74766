/**
 * German sentence structure for the blameless-language check: tokens tagged
 * by de-compromise (compromise's German model), quotations, clauses and the
 * kind of each clause's subject. The result has the shape of the English
 * parse (`Sentence`), so the check's pipeline and types are shared.
 *
 * German puts the finite verb second in a main clause ("Um 09:16 hat Anna
 * …"), first in questions and inverted conditionals ("Warum hat X …",
 * "Hätte X …") and last in subordinate clauses ("weil der Job …"): the
 * subject is the noun phrase before the finite verb when that phrase can be
 * nominative, else the one right after it.
 */
import nlp from 'de-compromise';
import {
  isPeople,
  markNames,
  type Clause,
  type NameIndex,
  type Sentence,
  type Subject,
  type SubjectKind,
  type Token,
} from '../parse';
import {
  COORDINATORS,
  FINITE_AUX,
  INDEFINITE_PEOPLE,
  MODAL_PARTICLES,
  NEGATIVE_PEOPLE,
  NEGATORS,
  OBJECT_DETERMINERS,
  PERSON_POSSESSIVES,
  PERSON_PRONOUNS,
  PERSON_VERB_STEMS,
  QUESTION_WORDS,
  RELATIVE_PRONOUNS,
  ROLE_HEADS,
  SUBORDINATORS,
  SYSTEM_HEADS,
  TEAM_HEADS,
  THING_WORDS,
} from './lexicon';

type DeTerm = {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
};

const OPEN_QUOTES = /["\u201e\u201c\u00bb\u00ab\u2018\u201a']/;
const CLOSE_QUOTES = /["\u201c\u201d\u00ab\u00bb\u2019\u2018']/;
// A question or exclamation mark inside the text ends a clause too ("Wer
// hat das geschrieben? Ich hätte eine Rückfrage").
const CLAUSE_PUNCT = /[,;:()\u2013\u2014[\]?!]|\s-\s/;

/** Mentions of a whole channel or group, not of one user. */
const GROUP_MENTIONS = new Set([
  '@here',
  '@channel',
  '@all',
  '@everyone',
  '@team',
]);

/** People who are never the agents of a fault in a postmortem. */
const AUDIENCE = new Set([
  'kunde',
  'kunden',
  'kundin',
  'kundinnen',
  'nutzer',
  'nutzerin',
  'nutzerinnen',
  'benutzer',
  'user',
  'anwender',
  'anwenderinnen',
  'benutzerinnen',
  'besucher',
  'besucherinnen',
  'teilnehmer',
]);

function tokenize(text: string, offset: number): Token[] {
  const terms: DeTerm[] = (
    nlp(text).json({ offset: true }) as Array<{ terms: DeTerm[] }>
  ).flatMap(s => s.terms);
  const tokens: Token[] = [];
  let inQuote = false;
  for (const term of terms) {
    if (!term.text) continue;
    if (OPEN_QUOTES.test(term.pre)) inQuote = true;
    let norm = term.text.toLowerCase().replace(/\u2019/g, "'");
    let possessive = false;
    // "hat's", "gibt's": the verb.
    if (/^\p{L}+'s$/u.test(norm) && FINITE_AUX.has(norm.slice(0, -2))) {
      norm = norm.slice(0, -2);
    } else if (/'s?$/.test(norm) && norm.length > 3) {
      possessive = true;
      norm = norm.replace(/'s?$/, '');
    }
    // "@tobias.wagner": a chat mention names a user, whether or not the
    // catalog knows them; group mentions ("@here", "@channel") do not.
    const mention =
      /^@[\p{L}][\p{L}\d._-]*$/u.test(norm) && !GROUP_MENTIONS.has(norm);
    if (mention) norm = norm.slice(1);
    const start = offset + term.offset.start;
    tokens.push({
      i: tokens.length,
      text: term.text,
      norm,
      lemma: norm,
      start,
      end: start + term.offset.length,
      tags: mention ? new Set(['ProperNoun', 'Noun']) : new Set(term.tags),
      quoted: inQuote,
      possessive,
      post: term.post,
      name: mention,
    });
    if (inQuote && CLOSE_QUOTES.test(term.post)) inQuote = false;
  }
  return tokens;
}

/** German genitive of a name ("Pauls Änderung"): the name, possessive. */
function markGenitiveNames(tokens: Token[], names: NameIndex) {
  for (const t of tokens) {
    if (t.name || !/s$/.test(t.norm) || t.norm.length < 4) continue;
    const base = t.norm.slice(0, -1);
    if (names.has(base) && /^\p{Lu}/u.test(t.text)) {
      t.norm = base;
      t.lemma = base;
      t.name = true;
      t.possessive = true;
    }
  }
}

/** Whether `word` ends with one of `heads` as its last compound part. */
export function endsWithHead(word: string, heads: string[]): number {
  let best = 0;
  for (const h of heads) {
    if (h.length <= best) continue;
    if (word === h) best = h.length;
    else if (word.endsWith(h)) {
      const before = word[word.length - h.length - 1];
      // Short heads ("ops", "qa") only as whole words or after a hyphen.
      if (h.length >= 4 || before === '-') best = h.length;
    }
  }
  return best;
}

/**
 * Whether the token is a finite verb. Lower-case chat text is often tagged
 * as verbs throughout ("korbinian hat", "der bereitschaftler hat"): names,
 * pronouns, heads of people and words after an article are none.
 */
const isFinite = (t: Token | undefined, tokens?: Token[]): boolean => {
  if (!t) return false;
  if (FINITE_AUX.has(t.norm)) return true;
  if (!t.tags.has('Verb') || t.quoted || t.name) return false;
  if (PERSON_PRONOUNS.has(t.norm) || INDEFINITE_PEOPLE.has(t.norm))
    return false;
  if (
    endsWithHead(t.norm, ROLE_HEADS) > 0 ||
    endsWithHead(t.norm, TEAM_HEADS) > 0
  )
    return false;
  const before = tokens?.[t.i - 1];
  if (
    before &&
    /^(der|die|das|den|dem|des|ein|eine|einen|einem)$/.test(before.norm)
  )
    return false;
  return true;
};

/** The kind of a single head word. */
export function kindOfHeadDe(t: Token): SubjectKind {
  const w = t.norm;
  if (t.name) return 'person';
  if (PERSON_PRONOUNS.has(w)) return 'person';
  if (INDEFINITE_PEOPLE.has(w)) return 'indefinite';
  if (NEGATIVE_PEOPLE.has(w)) return 'negative';
  if (THING_WORDS.has(w) || AUDIENCE.has(w)) return 'thing';
  const role = endsWithHead(w, ROLE_HEADS);
  const team = endsWithHead(w, TEAM_HEADS);
  const system = endsWithHead(w, SYSTEM_HEADS);
  if (role > system && role >= team) return 'role';
  if (team > system) return 'team';
  if (system > 0) return 'system';
  if (t.tags.has('Person') || t.tags.has('FirstName')) return 'person';
  // The genitive of a role or team ("des Reviewers", "des Lehrlings").
  const base = /^\p{L}{4,}s$/u.test(w) ? w.slice(0, -1) : '';
  if (base && endsWithHead(base, SYSTEM_HEADS) === 0) {
    if (endsWithHead(base, ROLE_HEADS) > 0) return 'role';
    if (endsWithHead(base, TEAM_HEADS) > 0) return 'team';
  }
  return 'system';
}

/** Prepositions that name the agent of a passive or the owner of a noun. */
const AGENT_PREPOSITIONS = new Set(['von', 'vom', 'durch', 'seitens']);

/**
 * The people phrase after an agent preposition at p ("von Reto", "vom
 * Dienstleister", "durch einen Mitarbeiter", "seitens des Teams"), if any.
 */
function agentAt(tokens: Token[], p: number, to: number): Subject | undefined {
  if (!AGENT_PREPOSITIONS.has(tokens[p]?.norm ?? '') || tokens[p].quoted)
    return undefined;
  const phrase = phraseAt(tokens, p + 1, to);
  if (
    (phrase.kind === 'person' ||
      phrase.kind === 'role' ||
      phrase.kind === 'team') &&
    !PERSON_PRONOUNS.has(tokens[phrase.to]?.norm ?? '') &&
    !tokens[phrase.to]?.quoted
  )
    return phrase;
  return undefined;
}

const isNounish = (t: Token) =>
  t.name ||
  (t.tags.has('Noun') && !t.tags.has('Determiner')) ||
  (t.tags.has('Pronoun') && !t.tags.has('Possessive')) ||
  t.tags.has('ProperNoun') ||
  t.tags.has('Acronym') ||
  PERSON_PRONOUNS.has(t.norm) ||
  INDEFINITE_PEOPLE.has(t.norm) ||
  NEGATIVE_PEOPLE.has(t.norm) ||
  endsWithHead(t.norm, ROLE_HEADS) > 0 ||
  endsWithHead(t.norm, TEAM_HEADS) > 0 ||
  endsWithHead(t.norm, SYSTEM_HEADS) > 0;

/**
 * The noun phrase that starts at token p: determiners, adjectives, nouns
 * and names up to a verb, a preposition or a negation.
 */
function phraseAt(tokens: Token[], p: number, to: number): Subject {
  // Nothing after the verb ("…, und ist in den Feierabend"): no phrase.
  if (p >= to) return { kind: 'none', from: -1, to: -1 };
  let k = p;
  let head = -1;
  let owner: SubjectKind | undefined;
  let negative = false;
  let firstPerson = false;
  while (k < to) {
    const t = tokens[k];
    if (t.quoted && head >= 0) break;
    if (NEGATIVE_PEOPLE.has(t.norm) && head < 0) negative = true;
    if (t.norm === 'wir' || t.norm === 'unser' || t.norm === 'unsere')
      firstPerson = true;
    if (t.possessive && t.name) {
      owner = 'person';
      k++;
      continue;
    }
    // "das Plattformteam seine Hausaufgaben": the object begins.
    if (
      head >= 0 &&
      (PERSON_POSSESSIVES.has(t.norm) || OBJECT_DETERMINERS.has(t.norm))
    )
      break;
    if (PERSON_POSSESSIVES.has(t.norm) && head < 0 && k + 1 < to) {
      owner = 'person';
      k++;
      continue;
    }
    if (t.tags.has('Determiner') && !isNounish(t)) {
      if (head >= 0) break;
      k++;
      continue;
    }
    if (t.tags.has('Value')) {
      k++;
      continue;
    }
    // Names and heads of the lexicon are nouns whatever the tagger says:
    // lower-case chat text ("niklas hat …") is often tagged as adjectives.
    if (isNounish(t) && !FINITE_AUX.has(t.norm) && !isFinite(t, tokens)) {
      // A full name is one head; "Anna Schmidt".
      head = k;
      k++;
      if (PERSON_PRONOUNS.has(t.norm) || INDEFINITE_PEOPLE.has(t.norm)) break;
      if (NEGATIVE_PEOPLE.has(t.norm)) break;
      continue;
    }
    if (t.tags.has('Adjective') && head < 0) {
      k++;
      continue;
    }
    break;
  }
  if (head < 0) {
    return {
      kind: owner ?? (negative ? 'negative' : 'none'),
      from: p,
      to: Math.max(p, k - 1),
    };
  }
  let kind = kindOfHeadDe(tokens[head]);
  // "Das Team Identity", "der Kollege Huber": a team or role with its name.
  if (
    kind === 'system' &&
    endsWithHead(tokens[head].norm, SYSTEM_HEADS) === 0
  ) {
    for (let k2 = p; k2 < head; k2++) {
      const named = kindOfHeadDe(tokens[k2]);
      if (named === 'team' || named === 'role') kind = named;
    }
  }
  // "kein Mitarbeiter", "keiner der Kollegen": nobody. "keiner der drei
  // Health-Checks": none of the things.
  if (negative && kind !== 'system') kind = 'negative';
  if (kind === 'negative' && NEGATIVE_PEOPLE.has(tokens[head].norm)) {
    const partitive = tokens[head + 1];
    if (partitive && /^(der|des|von|dieser)$/.test(partitive.norm)) {
      for (let j = head + 2; j < Math.min(to, head + 6); j++) {
        const w = tokens[j];
        if (w.tags.has('Determiner') || w.tags.has('Value')) continue;
        if (!isNounish(w) && !w.tags.has('Adjective')) break;
        // "Health-Checks": a plural of a system head.
        if (endsWithHead(w.norm.replace(/s$/, ''), SYSTEM_HEADS) > 0) {
          kind = 'system';
          break;
        }
        if (isPeople(kindOfHeadDe(w))) break;
      }
    }
  }
  // "Die Änderung von Mehmet", "das Versäumnis seitens des Teams": the
  // owner follows.
  if (owner === undefined && kind === 'system') {
    const agent = agentAt(tokens, head + 1, to);
    if (agent) owner = agent.kind;
  }
  // "Die Nachlässigkeit des Teams": the owner follows in the genitive.
  if (owner === undefined && tokens[head + 1]?.norm === 'des') {
    const g = tokens[head + 2];
    if (g && (g.name || kindOfHeadDe(g) !== 'system')) {
      const gk = kindOfHeadDe(g);
      if (gk !== 'thing') owner = gk;
    }
  }
  const guessed =
    kind === 'system' && endsWithHead(tokens[head].norm, SYSTEM_HEADS) === 0;
  return { kind, from: p, to: head, owner, firstPerson, guessed };
}

function splitClauses(tokens: Token[]): Clause[] {
  const clauses: Clause[] = [];
  let from = 0;
  let marker: string | undefined;
  const close = (to: number) => {
    if (to > from)
      clauses.push({
        from,
        to,
        marker,
        subject: { kind: 'none', from: -1, to: -1 },
        verb: -1,
        question: false,
      });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const afterComma = i > 0 && /,/.test(tokens[i - 1].post);
    if (i === from && !t.quoted) {
      // "Während des Freeze hat …", "seit dem Update": a preposition.
      if (
        SUBORDINATORS.has(t.norm) &&
        /^(während|seit|bis)$/.test(t.norm) &&
        OBJECT_DETERMINERS.has(tokens[i + 1]?.norm ?? '')
      )
        marker = undefined;
      else if (SUBORDINATORS.has(t.norm)) marker = t.norm;
      else if (COORDINATORS.has(t.norm)) marker = t.norm;
      // "…, die hätte blockiert werden müssen" is relative; "…, das Runbook
      // zu lesen" opens with an article.
      else if (
        afterComma &&
        RELATIVE_PRONOUNS.has(t.norm) &&
        !(tokens[i + 1] && isNounish(tokens[i + 1])) &&
        !tokens[i + 1]?.tags.has('Adjective')
      )
        marker = 'rel';
    } else if (
      !t.quoted &&
      COORDINATORS.has(t.norm) &&
      // "hätte doch wissen müssen": a particle, unless after a comma.
      (t.norm === 'und' || t.norm === 'oder' || afterComma) &&
      (isFinite(tokens[i + 1], tokens) ||
        SUBORDINATORS.has(tokens[i + 1]?.norm ?? ''))
    ) {
      close(i);
      from = i;
      marker = t.norm;
    }
    if (CLAUSE_PUNCT.test(t.post) && !t.quoted) {
      close(i + 1);
      from = i + 1;
      marker = undefined;
    }
  }
  close(tokens.length);
  return clauses;
}

/**
 * The first token from p that is no modal particle: the subject may follow
 * them ("Hat eigentlich irgendwer …", "wieso hat eigentlich keiner …").
 */
function afterParticles(tokens: Token[], p: number, to: number): number {
  let k = p;
  while (k < to && MODAL_PARTICLES.has(tokens[k].norm) && !tokens[k].quoted)
    k++;
  // "Warum hat im DBA-Team niemand …": a place before nobody or somebody.
  if (tokens[k]?.tags.has('Preposition')) {
    for (let j = k + 1; j < Math.min(to, k + 5); j++) {
      const n = tokens[j].norm;
      if (NEGATIVE_PEOPLE.has(n) || INDEFINITE_PEOPLE.has(n)) {
        if (n === 'kein' || n === 'keine') break;
        return j;
      }
      if (tokens[j].tags.has('Verb') && !tokens[j].tags.has('Noun')) break;
    }
  }
  return k;
}

function findSubject(tokens: Token[], c: Clause, prev: Clause | undefined) {
  let k = c.from;
  if (c.marker && c.marker !== 'rel') k++;
  if (c.marker === 'rel') {
    // The antecedent: the noun before the comma.
    const a = tokens[c.from - 1];
    c.subject = a
      ? { kind: kindOfHeadDe(a), from: a.i, to: a.i }
      : { kind: 'thing', from: c.from, to: c.from };
    return;
  }
  // "…, warum du ohne Review deployt hast": an embedded question is
  // verb-final too.
  const embedded =
    (!c.marker || COORDINATORS.has(c.marker)) &&
    c.from > 0 &&
    QUESTION_WORDS.has(tokens[k]?.norm ?? '') &&
    tokens[k].norm !== 'wer' &&
    !!tokens[k + 1] &&
    !isFinite(tokens[k + 1], tokens);
  if ((c.marker && SUBORDINATORS.has(c.marker)) || embedded) {
    // Verb-final: the first noun phrase that can be nominative.
    let p = embedded ? k + 1 : k;
    while (p < c.to) {
      const t = tokens[p];
      if (t.tags.has('Preposition') || OBJECT_DETERMINERS.has(t.norm)) {
        p++;
        while (p < c.to && !isNounish(tokens[p])) p++;
        p++;
        continue;
      }
      if (isNounish(t) || t.tags.has('Determiner')) break;
      p++;
    }
    c.subject = p < c.to ? phraseAt(tokens, p, c.to) : c.subject;
    c.verb = tokens.findIndex(
      (t, x) => x > p && x < c.to && isFinite(t, tokens),
    );
    return;
  }
  // A question word or an inverted verb first ("Warum hat X …", "Hätte X …").
  let q = k;
  if (QUESTION_WORDS.has(tokens[q]?.norm ?? '') && tokens[q].norm !== 'wer') {
    c.question = true;
    q++;
  }
  if (isFinite(tokens[q], tokens) && (c.question || q === c.from)) {
    c.verb = q;
    c.subject = phraseAt(tokens, afterParticles(tokens, q + 1, c.to), c.to);
    if (c.subject.kind === 'none' && prev && c.marker) c.subject = prev.subject;
    return;
  }
  let f = k + 1;
  while (f < c.to && !isFinite(tokens[f], tokens)) f++;
  c.verb = f < c.to ? f : -1;
  const first = tokens[k];
  if (!first) return;
  const nominative =
    !first.tags.has('Preposition') &&
    !OBJECT_DETERMINERS.has(first.norm) &&
    !first.tags.has('Adverb') &&
    !NEGATORS.has(first.norm) &&
    !first.tags.has('Value') &&
    (isNounish(first) ||
      first.tags.has('Determiner') ||
      first.name ||
      PERSON_POSSESSIVES.has(first.norm) ||
      first.tags.has('Adjective'));
  if (nominative && f > k) {
    c.subject = phraseAt(tokens, k, f);
    if (c.subject.kind !== 'none') return;
  }
  if (c.verb >= 0) {
    let p = c.verb + 1;
    // Reflexive and expletive words after the verb ("hat sich", "hat es").
    while (p < c.to && ['sich', 'es', 'mal', 'schon'].includes(tokens[p].norm))
      p++;
    p = afterParticles(tokens, p, c.to);
    const after = phraseAt(tokens, p, c.to);
    if (after.kind !== 'none' && !OBJECT_DETERMINERS.has(tokens[p]?.norm))
      c.subject = after;
  }
  if (c.subject.kind === 'none' && prev && c.marker) c.subject = prev.subject;
}

/**
 * "Der Health-Check …, obwohl er keine Anfragen beantwortete": "er", "sie"
 * and "es" after a sentence that so far names no people stand for its
 * things.
 */
function thingPronoun(tokens: Token[], c: Clause) {
  const { subject } = c;
  if (subject.from < 0 || subject.from !== subject.to) return;
  const p = tokens[subject.from];
  if (!p || !/^(er|sie)$/.test(p.norm) || p.i === 0) return;
  const before = tokens.slice(0, p.i);
  const people = before.some(
    t =>
      !t.quoted &&
      (t.name ||
        PERSON_PRONOUNS.has(t.norm) ||
        INDEFINITE_PEOPLE.has(t.norm) ||
        NEGATIVE_PEOPLE.has(t.norm) ||
        (['person', 'role', 'team'].includes(kindOfHeadDe(t)) &&
          !t.tags.has('Determiner'))),
  );
  const things = before.some(
    t => endsWithHead(t.norm, SYSTEM_HEADS) > 0 || t.tags.has('Noun'),
  );
  if (!people && things) c.subject = { ...subject, kind: 'system' };
}

/**
 * "Die Datenplattform hat es gewusst", "Payments hat die Abhängigkeit
 * nicht bedacht": a team named like a system is people when
 * its verb is one only people do. Not "Die Datenplattform hat die Last
 * verteilt".
 */
function peopleByVerb(tokens: Token[], c: Clause) {
  const { subject } = c;
  if (subject.kind !== 'system' || subject.owner || subject.from < 0) return;
  if (tokens[subject.to]?.quoted) return;
  for (let k = c.from; k < c.to; k++) {
    const t = tokens[k];
    if (k >= subject.from && k <= subject.to) continue;
    if (t.quoted || (/^\p{Lu}/u.test(t.text) && k > 0)) continue;
    if (PERSON_VERB_STEMS.some(stem => t.norm.includes(stem))) {
      c.subject = { ...subject, kind: 'team', guessed: false };
      return;
    }
  }
}

const PASSIVE_AUX = /^(wurde|wurden|worden|wird|werden)$/;

/**
 * A passive with people as its agent ("Die Datenbank wurde von Reto
 * gelöscht", "Es wurde von der Bereitschaft versäumt, …"): the agent does
 * the act, so it is the clause's subject for the rules.
 */
function passiveAgent(tokens: Token[], c: Clause) {
  if (c.marker === 'rel') return;
  const s = c.subject;
  if (s.kind === 'person' || s.kind === 'role' || s.kind === 'team') return;
  if (s.kind === 'negative' || s.kind === 'indefinite') return;
  const passive = tokens
    .slice(c.from, c.to)
    .some(t => !t.quoted && PASSIVE_AUX.test(t.norm));
  if (!passive) return;
  for (let k = c.from + 1; k < c.to; k++) {
    // Not the owner of a noun right before it ("die Änderung von Anna").
    const before = tokens[k - 1];
    if (
      before.tags.has('Noun') &&
      !before.tags.has('Pronoun') &&
      !PASSIVE_AUX.test(before.norm)
    )
      continue;
    const agent = agentAt(tokens, k, c.to);
    if (agent) {
      c.subject = agent;
      return;
    }
  }
}

/** Parses one German sentence of `text` (offsets are into the whole text). */
export function parseSentenceDe(
  text: string,
  start: number,
  names: NameIndex,
): Sentence {
  const tokens = tokenize(text, start);
  markNames(tokens, names);
  markGenitiveNames(tokens, names);
  const clauses = splitClauses(tokens);
  const clauseOf: number[] = new Array(tokens.length).fill(0);
  clauses.forEach((c, ci) => {
    for (let i = c.from; i < c.to; i++) clauseOf[i] = ci;
    findSubject(tokens, c, clauses[ci - 1]);
    passiveAgent(tokens, c);
    thingPronoun(tokens, c);
    peopleByVerb(tokens, c);
  });
  const last = tokens[tokens.length - 1];
  const question =
    !!last &&
    /\?/.test(last.post) &&
    !last.quoted &&
    !/["\u201c\u201d\u00ab\u00bb]\s*$/.test(last.post.replace(/\?+$/, ''));
  if (question) {
    for (const c of clauses) {
      if (QUESTION_WORDS.has(tokens[c.from]?.norm ?? '')) c.question = true;
    }
  }
  return {
    text,
    start,
    end: start + text.length,
    tokens,
    clauses,
    clauseOf,
    question,
  };
}
