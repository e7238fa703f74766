/**
 * Sentence structure for the blameless-language check: sentences, tokens
 * tagged by compromise's English model, quotations, clauses and the kind of
 * each clause's subject (a person, a role, a team, a system …).
 */
import nlp from 'compromise';
import {
  ABBREVIATIONS,
  CHAT_SPELLINGS,
  CLAUSE_MARKERS,
  COORDINATORS,
  DEPARTMENT_HEADS,
  INDEFINITE_PEOPLE,
  IRREGULAR_LEMMAS,
  NEGATIVE_PEOPLE,
  NEGATORS,
  NOUN_SUFFIXES,
  PERSON_POSSESSIVES,
  PERSON_PRONOUNS,
  ROLE_HEADS,
  SYSTEM_HEADS,
  TEAM_HEADS,
  TECHNICAL_GROUP_MODIFIERS,
} from './lexicon';

/** One word of a sentence. */
export interface Token {
  /** Index in the sentence. */
  i: number;
  /** The text as written; empty for implicit words ("not" in "didn't"). */
  text: string;
  /** Lower case, typographic apostrophes straightened, possessive removed. */
  norm: string;
  /** Base form of verbs and plural nouns ("checked" → "check"). */
  lemma: string;
  /** Offsets into the checked text. */
  start: number;
  end: number;
  /** Part-of-speech tags from compromise ("Verb", "PastTense", "Person" …). */
  tags: Set<string>;
  /** Inside quotation marks: mentioned, not used. */
  quoted: boolean;
  possessive: boolean;
  /** Punctuation after the word. */
  post: string;
  /** Part of a person name from the catalog. */
  name: boolean;
}

/** What a clause's subject stands for. */
export type SubjectKind =
  | 'person'
  | 'role'
  | 'team'
  | 'indefinite'
  | 'negative'
  | 'system'
  | 'thing'
  | 'none';

/** The subject of a clause. */
export interface Subject {
  kind: SubjectKind;
  /** First and last token, inclusive; -1 when inherited from nothing. */
  from: number;
  to: number;
  /** The kind of a possessor in the noun phrase ("Ada's change"). */
  owner?: SubjectKind;
  /** A first-person group ("we", "our team"). */
  firstPerson?: boolean;
  /**
   * A system only by default: the head is no word of the lexicon ("Billing",
   * "Customer Care"), so a predicate only people do makes it a team.
   */
  guessed?: boolean;
}

/** A clause: a stretch of tokens with its own verb. */
export interface Clause {
  from: number;
  /** Exclusive. */
  to: number;
  marker?: string;
  subject: Subject;
  /** Index of the first verb after the subject, or -1. */
  verb: number;
  /** A question clause ("Why didn't …?"). */
  question: boolean;
}

/** A parsed sentence. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  clauses: Clause[];
  clauseOf: number[];
  question: boolean;
}

// ---------------------------------------------------------------------------
// Sentences

/**
 * Longest span analysed as one sentence. Longer runs without sentence
 * punctuation are cut at a clause or word boundary, which keeps the work per
 * sentence bounded and the whole check linear in the length of the text.
 */
const MAX_SENTENCE_LENGTH = 600;

/** Sentence ranges of a text; quotation marks keep "Forgot password?" whole. */
export function splitSentences(
  text: string,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const emit = (from: number, to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  const push = (from0: number, end: number) => {
    let from = from0;
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
      if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
      emit(from, cut);
      from = cut;
    }
    emit(from, end);
  };
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      push(start, i);
      start = i + 1;
      inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    // English opens with \u201c and closes with \u201d; German opens with
    // \u201e and closes with \u201c; guillemets in either direction.
    else if (ch === '\u201c') inQuote = !inQuote;
    else if (ch === '\u201e') inQuote = true;
    else if (ch === '\u201d') inQuote = false;
    else if (ch === '\u00ab' || ch === '\u00bb') inQuote = !inQuote;
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (
      j < text.length &&
      /[.!?"'\u201c\u201d\u2019\u00ab\u00bb)\]]/.test(text[j])
    ) {
      if (/["\u201c\u201d\u00ab\u00bb]/.test(text[j])) inQuote = false;
      j++;
    }
    const boundary = j >= text.length || /\s/.test(text[j]);
    // A question mark inside a quotation that the sentence goes on after
    // ('the "Forgot password?" flow') does not end the sentence.
    const quotedInside =
      j > i + 1 &&
      /["\u201c\u201d\u00ab\u00bb]/.test(text.slice(i + 1, j)) &&
      /^\s+\p{Ll}/u.test(text.slice(j, j + 3));
    let abbreviation = false;
    if (boundary && ch === '.') {
      let k = i;
      while (k > start && k > i - 8 && /[\p{L}.]/u.test(text[k - 1])) k--;
      abbreviation = ABBREVIATIONS.has(text.slice(k, i).toLowerCase());
    }
    if (
      boundary &&
      !abbreviation &&
      !(inQuote && ch !== '.') &&
      !quotedInside
    ) {
      push(start, j);
      start = j;
      inQuote = false;
    }
    i = j - 1;
  }
  push(start, text.length);
  return out;
}

// ---------------------------------------------------------------------------
// Words

const has = (set: Set<string>, w: string) => set.has(w);

/** The base form of a word, for looking it up in the lexicon. */
export function lemma(word: string, known?: Set<string>): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR_LEMMAS[w];
  if (irregular) return irregular;
  const candidates: string[] = [];
  if (w.endsWith('ied')) candidates.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('ies')) candidates.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('ing')) {
    const stem = w.slice(0, -3);
    candidates.push(stem, `${stem}e`);
    if (/(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1));
  }
  if (w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    candidates.push(stem, `${stem}e`, w.slice(0, -1));
    if (/(.)\1$/.test(stem)) candidates.push(stem.slice(0, -1));
  }
  if (w.endsWith('es')) candidates.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) candidates.push(w.slice(0, -1));
  if (known) {
    for (const c of candidates) if (known.has(c)) return c;
    return w;
  }
  return candidates[0] ?? w;
}

/** Every base form a word may have ("dropped" → drop, dropp, droppe …). */
export function lemmaCandidates(word: string): string[] {
  const w = word.toLowerCase();
  const irregular = IRREGULAR_LEMMAS[w];
  const out = [w];
  if (irregular) out.push(irregular);
  const probe = new Set<string>();
  const known = {
    has: (c: string) => {
      probe.add(c);
      return false;
    },
  } as Set<string>;
  lemma(w, known);
  return [...out, ...probe];
}

/** Whether a word is one of the base forms in `set`, in any inflection. */
export function isForm(word: string, set: Set<string>): boolean {
  const w = word.toLowerCase();
  return set.has(w) || set.has(lemma(w, set));
}

// ---------------------------------------------------------------------------
// Names

interface NameEntry {
  parts: string[];
  caseSensitive: boolean;
}

/** Catalog names, indexed by their first word. */
export type NameIndex = Map<string, NameEntry[]>;

const normWord = (w: string) =>
  w
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/'s$/, '');

/** Indexes display names and user names: full, first, last, user name. */
export function buildNameIndex(personNames: string[] | undefined): NameIndex {
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
    const parts = name.split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    if (parts.length > 1) add(parts.map(normWord), false);
    for (const p of parts) {
      const isUserName = /[._\d]/.test(p) || p === p.toLowerCase();
      if (isUserName) {
        if (p.length >= 3) add([normWord(p)], false);
        for (const piece of p.split(/[._-]+/)) {
          if (piece.length >= 3 && piece !== p) add([normWord(piece)], false);
        }
      } else if (p.length >= 2) {
        add([normWord(p)], true);
      }
    }
  }
  return index;
}

export function markNames(tokens: Token[], names: NameIndex) {
  for (let i = 0; i < tokens.length; i++) {
    const entries = names.get(tokens[i].norm);
    if (!entries) continue;
    for (const entry of entries) {
      const n = entry.parts.length;
      let ok = i + n <= tokens.length;
      for (let k = 0; k < n && ok; k++) {
        const t = tokens[i + k];
        if (t.norm !== entry.parts[k]) ok = false;
        else if (k < n - 1 && t.possessive) ok = false;
        else if (entry.caseSensitive && !/^\p{Lu}/u.test(t.text)) {
          // Lower-case first names count in chat-like text, except where
          // the word is also an ordinary English word ("grant", "will").
          if (isKnownWord(t.norm)) ok = false;
        }
      }
      if (ok) {
        for (let k = 0; k < n; k++) tokens[i + k].name = true;
        i += n - 1;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Tokens

type NlpTerm = {
  text: string;
  pre: string;
  post: string;
  normal: string;
  implicit?: string;
  root?: string;
  tags: string[];
  offset: { start: number; length: number };
};

const lexiconOf = (): Record<string, string> => {
  const world = (
    nlp as unknown as {
      world: () => { model: { one: { lexicon: Record<string, string> } } };
    }
  ).world();
  return world.model.one.lexicon;
};
let knownWords: Record<string, string> | undefined;

/** Whether compromise's English lexicon knows the word (names excluded). */
export function isKnownWord(w: string): boolean {
  knownWords ??= lexiconOf();
  const tag = knownWords[w];
  return !!tag && !/Name$/.test(tag);
}

/** Whether compromise's lexicon knows the word as a verb form. */
const verbCache = new Map<string, boolean>();
function isKnownVerb(w: string): boolean {
  if (!/^[a-z-]+$/.test(w)) return false;
  let verb = verbCache.get(w);
  if (verb === undefined) {
    // Read as the verb of "they …", the way a clause would use it.
    const terms = (
      nlp(`they ${w}`).json() as Array<{ terms: Array<{ tags: string[] }> }>
    )[0]?.terms;
    verb = !!terms?.[1]?.tags.includes('Verb');
    if (verbCache.size < 10000) verbCache.set(w, verb);
  }
  return verb;
}

function nameTag(w: string): boolean {
  knownWords ??= lexiconOf();
  return /Name$/.test(knownWords[w] ?? '');
}

const BE_FORMS = new Set(['is', 'am', 'are', 'was', 'were']);

function rootOf(term: NlpTerm, raw: string, norm: string): string {
  if (raw !== term.text || !term.root) return lemma(norm);
  const root = term.root.toLowerCase();
  return BE_FORMS.has(root) ? 'be' : root;
}

const OPEN_QUOTES = /["\u201c\u2018']/;
const CLOSE_QUOTES = /["\u201d\u2019']/;
const CLAUSE_PUNCT = /[,;:()\u2013\u2014[\]]|\s-\s/;

function tokenize(text: string, offset: number): Token[] {
  const doc = nlp(text);
  doc.compute('root');
  const terms: NlpTerm[] = (
    doc.json({ offset: true }) as Array<{ terms: NlpTerm[] }>
  ).flatMap(s => s.terms);
  const tokens: Token[] = [];
  let inQuote = false;
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k];
    let { text: raw, post } = term;
    let tags = new Set(term.tags);
    const start = offset + term.offset.start;
    let end = start + term.offset.length;
    // Hyphenated words ("on-call", "fat-fingered") are one token.
    while (
      post === '-' &&
      k + 1 < terms.length &&
      terms[k + 1].pre === '' &&
      terms[k + 1].text
    ) {
      const next = terms[++k];
      raw = `${raw}-${next.text}`;
      post = next.post;
      tags = new Set(next.tags);
      end = offset + next.offset.start + next.offset.length;
    }
    const opens = OPEN_QUOTES.test(term.pre) && !term.pre.includes("'s");
    if (opens) inQuote = true;
    const straight = raw.toLowerCase().replace(/\u2019/g, "'");
    const possessive = /'s$/.test(straight) && straight.length > 2;
    const implicit = term.implicit?.toLowerCase();
    const norm =
      implicit ??
      // "bc" in chat, not "BC Hydro".
      (raw === straight ? CHAT_SPELLINGS.get(straight) : undefined) ??
      (possessive ? straight.slice(0, -2) : straight);
    const token: Token = {
      i: tokens.length,
      text: raw,
      norm,
      lemma: rootOf(term, raw, norm),
      start: raw ? start : tokens[tokens.length - 1]?.end ?? start,
      end: raw ? end : tokens[tokens.length - 1]?.end ?? start,
      tags,
      quoted: inQuote,
      possessive,
      post,
      name: false,
    };
    if (!raw && implicit === 'not') token.tags.add('Negative');
    tokens.push(token);
    if (
      inQuote &&
      CLOSE_QUOTES.test(post.replace(/^[.,;:!?]+/, '').slice(0, 1))
    ) {
      inQuote = false;
    } else if (inQuote && /["\u201d]/.test(post)) {
      inQuote = false;
    }
  }
  splitBareContractions(tokens);
  possessivesAfterVerbs(tokens);
  gerundsAfterPossessives(tokens);
  markLabels(tokens);
  // Words of the lexicon used as nouns before a verb ("Support failed").
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    // A present-tense verb read as a plural noun after a team or role
    // ("the infra team shows no interest"): the verb of the clause.
    const prevToken = tokens[i - 1];
    if (
      prevToken &&
      (TEAM_HEADS.has(prevToken.norm) || ROLE_HEADS.has(prevToken.norm)) &&
      t.tags.has('Noun') &&
      !t.tags.has('Verb') &&
      /[^s]s$/.test(t.norm) &&
      next &&
      (next.tags.has('Determiner') ||
        next.norm === 'no' ||
        PERSON_POSSESSIVES.has(next.norm)) &&
      !t.quoted
    ) {
      t.tags = new Set(['Verb', 'PresentTense']);
      t.lemma = t.norm.slice(0, -1);
      continue;
    }
    // A capitalised word before a team or role head names it ("Finance
    // ops", "Growth engineering"), whatever compromise tagged it.
    if (
      /^\p{Lu}/u.test(t.text) &&
      t.tags.has('Verb') &&
      next &&
      (TEAM_HEADS.has(next.norm) || ROLE_HEADS.has(next.norm)) &&
      !t.quoted
    ) {
      t.tags = new Set(['Noun', 'Singular']);
      continue;
    }
    const nounish =
      ROLE_HEADS.has(t.norm) ||
      TEAM_HEADS.has(t.norm) ||
      SYSTEM_HEADS.has(t.norm);
    if (nounish && t.tags.has('Verb') && next && isVerbLike(next)) {
      t.tags = new Set(['Noun', 'Singular']);
    }
  }
  return tokens;
}

/** Nouns of interface elements: a Title Case run before one is a label. */
const UI_NOUNS = new Set([
  'button',
  'link',
  'page',
  'flow',
  'screen',
  'dialog',
  'form',
  'email',
  'checkbox',
  'menu',
  'field',
  'tab',
  'option',
  'setting',
  'endpoint',
  'feature',
  'prompt',
  'banner',
  'modal',
]);
const CREDENTIALS = new Set([
  'password',
  'passwords',
  'username',
  'pin',
  'your',
  'login',
  'passcode',
  'credentials',
]);

/**
 * Interface labels are mentioned, not used: "the Forgot Password button",
 * "the forgot-password email". They are marked as quoted.
 */
function markLabels(tokens: Token[]) {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (/^forgot(ten)?(-|$)/.test(t.norm) && /-/.test(t.norm)) {
      t.quoted = true;
      continue;
    }
    if (
      (t.norm === 'forgot' || t.norm === 'forgotten') &&
      CREDENTIALS.has(tokens[i + 1]?.norm ?? '')
    ) {
      t.quoted = true;
      tokens[i + 1].quoted = true;
      continue;
    }
    // A Title Case run (not at the start) right before an interface noun.
    if (i > 0 && /^\p{Lu}\p{Ll}/u.test(t.text) && !t.name) {
      let e = i;
      while (e + 1 < tokens.length && /^\p{Lu}\p{Ll}/u.test(tokens[e + 1].text))
        e++;
      if (e > i && UI_NOUNS.has(tokens[e + 1]?.norm ?? '')) {
        for (let k = i; k <= e; k++) tokens[k].quoted = true;
      }
      i = e;
    }
  }
}

const BARE_NEGATED =
  /^(did|does|do|was|were|is|are|has|have|had|could|would|should|wo|ca|must|need)nt$/;
const BARE_PERFECT = /^(should|could|would|must|might)ve$/;

/**
 * Chat-like text drops apostrophes ("didnt", "shouldve"): such a word
 * becomes the auxiliary and an implicit "not" or "have", as compromise does
 * with "didn't".
 */
function splitBareContractions(tokens: Token[]) {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.quoted) continue;
    const negated = BARE_NEGATED.exec(t.norm);
    const perfect = BARE_PERFECT.exec(t.norm);
    if (!negated && !perfect) continue;
    const aux = (negated ?? perfect)![1];
    t.norm = { wo: 'will', ca: 'can' }[aux] ?? aux;
    t.lemma = IRREGULAR_LEMMAS[t.norm] ?? t.norm;
    t.tags = new Set(['Verb', 'Auxiliary']);
    if (/^(should|could|would|must|might|can|will)$/.test(t.norm))
      t.tags.add('Modal');
    const implicit: Token = {
      ...t,
      text: '',
      norm: negated ? 'not' : 'have',
      lemma: negated ? 'not' : 'have',
      start: t.end,
      end: t.end,
      tags: new Set(negated ? ['Negative'] : ['Verb', 'Auxiliary']),
      possessive: false,
      name: false,
    };
    tokens.splice(i + 1, 0, implicit);
    i++;
  }
  tokens.forEach((t, k) => {
    t.i = k;
  });
}

/** Verbs, auxiliaries and the adverbs and negations of a verb group. */
export function isVerbLike(t: Token): boolean {
  return (
    t.tags.has('Verb') ||
    t.tags.has('Auxiliary') ||
    t.tags.has('Modal') ||
    t.tags.has('Copula') ||
    t.tags.has('Negative') ||
    (t.tags.has('Adverb') && !t.tags.has('Noun'))
  );
}

export const isVerb = (t: Token | undefined): boolean =>
  !!t &&
  (t.tags.has('Verb') ||
    t.tags.has('Auxiliary') ||
    t.tags.has('Modal') ||
    t.tags.has('Copula'));

/**
 * compromise reads "X's" after a verb as "X is" ("ignored Mei's warning"
 * becomes "ignored Mei is warning"): in object position, before a noun,
 * it is a possessive, and the word before it the verb of the clause.
 */
function possessivesAfterVerbs(tokens: Token[]) {
  for (let i = 1; i + 2 < tokens.length; i++) {
    const owner = tokens[i];
    const implicit = tokens[i + 1];
    const next = tokens[i + 2];
    const before = tokens[i - 1];
    if (
      !owner.possessive ||
      implicit.text !== '' ||
      implicit.norm !== 'is' ||
      owner.quoted
    )
      continue;
    const objectPosition =
      isVerb(before) ||
      (before.tags.has('Adjective') && /ed$/.test(before.norm)) ||
      before.tags.has('Preposition');
    const nounNext =
      (next.tags.has('Noun') || next.tags.has('Gerund')) &&
      !next.tags.has('Pronoun') &&
      !next.tags.has('Participle');
    if (!objectPosition || !nounNext || /[,;:]/.test(owner.post)) continue;
    tokens.splice(i + 1, 1);
    next.tags = new Set(['Noun', 'Singular']);
    if (before.tags.has('Adjective') && /ed$/.test(before.norm))
      before.tags = new Set(['Verb', 'PastTense']);
  }
  tokens.forEach((t, k) => {
    t.i = k;
  });
}

/**
 * A gerund between a possessive and a noun modifies the noun ("our paging
 * policy", "their build cache"): compromise reads it as the verb.
 */
function gerundsAfterPossessives(tokens: Token[]) {
  const OWNERS = new Set(['our', 'my', 'their', 'your', 'his']);
  for (let i = 0; i + 2 < tokens.length; i++) {
    const g = tokens[i + 1];
    const next = tokens[i + 2];
    if (
      OWNERS.has(tokens[i].norm) &&
      !/\S/.test(tokens[i].post) &&
      !/\S/.test(g.post) &&
      g.tags.has('Gerund') &&
      next.tags.has('Noun') &&
      !next.tags.has('Pronoun') &&
      !isVerb(next)
    )
      g.tags = new Set(['Noun', 'Singular']);
  }
}

// ---------------------------------------------------------------------------
// Subjects

const THING_WORDS = new Set([
  'it',
  'this',
  'that',
  'these',
  'those',
  'there',
  'which',
  'what',
]);
const FIRST_PERSON = new Set(['we', 'i', 'us', 'our', 'my']);
/** Words that take part of a group ("one of", "some of"). */
const PARTITIVES = new Set([
  'one',
  'some',
  'two',
  'three',
  'several',
  'many',
  'most',
  'few',
  'all',
  'each',
  'any',
  'half',
]);
/** Times of a shift of people ("the night shift"). */
const SHIFT_TIMES = new Set([
  'night',
  'day',
  'morning',
  'evening',
  'late',
  'early',
  'weekend',
  'graveyard',
  'swing',
]);

/** A word that heads a noun phrase of people on its own ("Tariq", "team", "on-call"). */
function isPeopleHead(t: Token): boolean {
  return (
    t.name ||
    PERSON_PRONOUNS.has(t.norm) ||
    INDEFINITE_PEOPLE.has(t.norm) ||
    NEGATIVE_PEOPLE.has(t.norm) ||
    TEAM_HEADS.has(t.norm) ||
    ROLE_HEADS.has(t.norm) ||
    t.tags.has('Person')
  );
}

function isPeopleWord(t: Token): boolean {
  const k = kindOfHead(t, true);
  return k !== 'system' && k !== 'thing';
}

/** The kind of a single head word. */
export function kindOfHead(t: Token, hasDeterminer: boolean): SubjectKind {
  const w = t.norm;
  if (t.name) return 'person';
  if (PERSON_PRONOUNS.has(w) || PERSON_POSSESSIVES.has(w)) return 'person';
  if (INDEFINITE_PEOPLE.has(w)) return 'indefinite';
  if (NEGATIVE_PEOPLE.has(w)) return 'negative';
  if (THING_WORDS.has(w)) return 'thing';
  if (TEAM_HEADS.has(w)) return 'team';
  if (ROLE_HEADS.has(w) || ROLE_HEADS.has(lemma(w))) return 'role';
  // A department said bare or capitalised ("Networking", "the NOC").
  if (
    DEPARTMENT_HEADS.has(w) &&
    (!hasDeterminer || /^\p{Lu}/u.test(t.text)) &&
    !t.tags.has('Verb')
  )
    return 'team';
  if (SYSTEM_HEADS.has(w) || SYSTEM_HEADS.has(lemma(w, SYSTEM_HEADS)))
    return 'system';
  if (
    t.tags.has('Actor') &&
    !/^(customer|user|client|vendor|partner|visitor)s?$/.test(w)
  )
    return 'role';
  if (
    !hasDeterminer &&
    !t.tags.has('Value') &&
    !t.tags.has('Acronym') &&
    /^[\p{L}][\p{L}.']*$/u.test(t.text) &&
    (t.tags.has('Person') ||
      nameTag(w) ||
      (!isKnownWord(w) &&
        !t.tags.has('Plural') &&
        // "exhaustion", "readiness": endings of nouns, not of names.
        !(w.length > 6 && NOUN_SUFFIXES.test(w))))
  ) {
    return 'person';
  }
  return 'system';
}

/** Role heads that also name software. */
const SOFTWARE_ROLE_HEADS = new Set([
  'manager',
  'managers',
  'operator',
  'operators',
]);

/** Modifiers that make such a head software ("package manager"). */
const SOFTWARE_ROLE_MODIFIERS = new Set([
  'certificate',
  'cert',
  'package',
  'secrets',
  'secret',
  'password',
  'task',
  'window',
  'dependency',
  'config',
  'configuration',
  'connection',
  'storage',
  'volume',
  'kubernetes',
  'k8s',
  'lock',
  'queue',
  'cache',
  'memory',
  'device',
  'file',
  'disk',
  'license',
  'session',
  'state',
  'database',
  'postgres',
  'kafka',
  'redis',
]);

/** The kind of the noun phrase `from..to` (head = last word before a preposition). */
export function kindOfPhrase(
  tokens: Token[],
  from: number,
  to: number,
): Subject {
  // "one of our administrators", "some of the engineers": the group.
  if (
    to > from + 1 &&
    PARTITIVES.has(tokens[from].norm) &&
    tokens[from + 1].norm === 'of'
  ) {
    const group = kindOfPhrase(tokens, from + 2, to);
    return { ...group, from };
  }
  let head = -1;
  let owner: SubjectKind | undefined;
  let hasDeterminer = false;
  let firstPerson = false;
  for (let k = from; k <= to; k++) {
    const t = tokens[k];
    if (t.tags.has('Preposition') && head >= 0) break;
    if (t.tags.has('Determiner') || PERSON_POSSESSIVES.has(t.norm))
      hasDeterminer = true;
    if (FIRST_PERSON.has(t.norm)) firstPerson = true;
    if (t.possessive || (PERSON_POSSESSIVES.has(t.norm) && k < to)) {
      owner = kindOfHead(t, hasDeterminer);
      if (t.possessive && t.name) owner = 'person';
      continue;
    }
    if (t.tags.has('Adverb') || t.tags.has('Expression')) continue;
    // "Anyone paying attention", "the engineer responsible": a person
    // head keeps its modifiers.
    if (
      head >= 0 &&
      (t.tags.has('Gerund') ||
        /ing$/.test(t.norm) ||
        t.tags.has('Adjective')) &&
      isPeopleWord(tokens[head])
    )
      break;
    if (t.name && k < to && tokens[k + 1].name) {
      head = k;
      continue;
    }
    head = k;
    if (t.name) {
      // A full name is one head.
      while (k + 1 <= to && tokens[k + 1].name && !tokens[k].possessive) k++;
      if (tokens[k].possessive) {
        owner = 'person';
        head = -1;
      }
    }
  }
  if (head < 0) {
    return { kind: owner ?? 'none', from, to, firstPerson };
  }
  // Several capitalised unknown words without a determiner: a full name.
  let kind = kindOfHead(tokens[head], hasDeterminer);
  // "the DBA team", "the payments squad": any name before a team head.
  if (kind === 'system' && head > from && TEAM_HEADS.has(tokens[head].norm))
    kind = 'team';
  // A technical grouping ("the consumer group", "a security group").
  if (
    kind === 'team' &&
    head > from &&
    !/^(team|squad|crew)s?$/.test(tokens[head].norm) &&
    TECHNICAL_GROUP_MODIFIERS.has(tokens[head - 1].norm)
  )
    kind = 'system';
  // Software named after a role ("the certificate manager", "the
  // Kubernetes operator").
  if (
    kind === 'role' &&
    head > from &&
    SOFTWARE_ROLE_HEADS.has(tokens[head].norm) &&
    SOFTWARE_ROLE_MODIFIERS.has(tokens[head - 1].norm)
  )
    kind = 'system';
  // An agent of people ("the support agent"), not of software.
  if (
    kind === 'system' &&
    tokens[head].norm === 'agent' &&
    head > from &&
    isPeopleHead(tokens[head - 1])
  )
    kind = 'role';
  // A rotation of people ("the on-call rotation"), not of certificates; a
  // shift of people ("the night shift"), not of traffic.
  const h0 = tokens[head].norm;
  if (h0 === 'rotation' || h0 === 'shift') {
    const mod = head > from ? tokens[head - 1] : undefined;
    kind =
      mod && (isPeopleHead(mod) || SHIFT_TIMES.has(mod.norm))
        ? 'team'
        : 'system';
  }
  // "our SRE", "our support team" are people; "we", "our team" the writers.
  if (
    firstPerson &&
    (kind === 'role' ||
      (kind === 'team' &&
        head > from &&
        !FIRST_PERSON.has(tokens[head - 1].norm))) &&
    !FIRST_PERSON.has(tokens[head].norm)
  )
    firstPerson = false;
  if (FIRST_PERSON.has(tokens[head].norm)) firstPerson = true;
  const h = tokens[head];
  const guessed =
    kind === 'system' &&
    !SYSTEM_HEADS.has(h.norm) &&
    !SYSTEM_HEADS.has(lemma(h.norm, SYSTEM_HEADS)) &&
    !h.tags.has('Pronoun') &&
    !h.tags.has('Value');
  return { kind, from, to, owner, firstPerson, guessed };
}

// ---------------------------------------------------------------------------
// Clauses

const QUESTION_AUX = new Set([
  'do',
  'did',
  'does',
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'could',
  'would',
  'should',
  'can',
  'will',
]);

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
    // "at once", "for once": a preposition's object, not a clause.
    const afterPreposition = tokens[i - 1]?.tags.has('Preposition') ?? false;
    // A keyword in capitals ("the missing WHERE clause") is no marker.
    const keyword = /^[A-Z]{2,}$/.test(t.text);
    if (
      i > from &&
      CLAUSE_MARKERS.has(t.norm) &&
      !t.quoted &&
      !keyword &&
      !(afterPreposition && t.norm === 'once')
    ) {
      const determinerThat =
        t.norm === 'that' &&
        (t.tags.has('Determiner') || !isVerb(tokens[i - 1])) &&
        !tokens[i - 1].tags.has('Noun') &&
        !isVerb(tokens[i - 1]);
      if (!determinerThat) {
        close(i);
        from = i;
        marker = t.norm;
      }
    } else if (i === from && CLAUSE_MARKERS.has(t.norm)) {
      marker = t.norm;
    }
    // A quotation closed before the punctuation ("…"), the script …).
    const closedBefore = t.quoted && /["\u201d\u2019'][^\w]*[,;:]/.test(t.post);
    if (CLAUSE_PUNCT.test(t.post) && (!t.quoted || closedBefore)) {
      close(i + 1);
      from = i + 1;
      marker = undefined;
    }
  }
  close(tokens.length);
  return clauses;
}

function findSubject(tokens: Token[], c: Clause): void {
  let k = c.from;
  if (c.marker && tokens[k]?.norm === c.marker) k++;
  // Questions: "Why didn't X check …", "why did X not …".
  const q = tokens[k];
  if (
    q &&
    (q.tags.has('QuestionWord') || q.norm === 'why' || q.norm === 'how')
  ) {
    const aux = tokens[k + 1];
    if (aux && QUESTION_AUX.has(aux.norm) && k + 2 < c.to) {
      c.question = true;
      let s = k + 2;
      while (s < c.to && tokens[s].tags.has('Negative')) s++;
      let e = s;
      while (e < c.to && !isVerb(tokens[e]) && !tokens[e].tags.has('Negative'))
        e++;
      // compromise reads the bare verb after a question's subject as a noun
      // ("why didn't Tariq page the DB team"): a person, role or team head
      // followed by a word that is no part of its name ends the subject.
      for (let h = s; h < e - 1; h++) {
        const next = tokens[h + 1];
        if (
          isPeopleHead(tokens[h]) &&
          !tokens[h].possessive &&
          !next.name &&
          !TEAM_HEADS.has(next.norm) &&
          !ROLE_HEADS.has(next.norm) &&
          !next.tags.has('Preposition')
        ) {
          e = h + 1;
          break;
        }
      }
      if (e > s) {
        c.subject = kindOfPhrase(tokens, s, e - 1);
        c.verb = e < c.to ? e : -1;
        return;
      }
    }
  }
  // Skip sentence adverbs and interjections ("Honestly, …").
  while (
    k < c.to &&
    (tokens[k].tags.has('Expression') ||
      (tokens[k].tags.has('Adverb') &&
        !tokens[k].tags.has('Noun') &&
        !isVerb(tokens[k + 1])))
  )
    k++;
  let e = k;
  while (e < c.to && !isVerb(tokens[e])) {
    if (
      tokens[e].tags.has('Negative') &&
      (e === k || !tokens[e].tags.has('Noun'))
    )
      break;
    e++;
  }
  // No verb found: compromise may have read the verb after a team, role
  // or name as a noun ("Ops cut corners on the test"). A people head
  // followed by a word that is no part of its name ends the subject.
  if (e >= c.to && !c.question) {
    for (let h = k; h < Math.min(c.to - 1, k + 4); h++) {
      const next = tokens[h + 1];
      if (
        isPeopleHead(tokens[h]) &&
        !tokens[h].possessive &&
        !tokens[h].tags.has('Pronoun') &&
        !next.name &&
        !TEAM_HEADS.has(next.norm) &&
        !ROLE_HEADS.has(next.norm) &&
        !next.tags.has('Preposition') &&
        !next.tags.has('Determiner') &&
        !next.tags.has('Conjunction') &&
        !/[,;:.!?]/.test(tokens[h].post) &&
        isKnownVerb(next.norm)
      ) {
        e = h + 1;
        break;
      }
    }
  }
  // A noun of the lexicon tagged as a verb still heads the subject.
  c.verb = e < c.to ? e : -1;
  if (e > k) c.subject = kindOfPhrase(tokens, k, e - 1);
}

/** Parses one sentence of `text` (offsets are into the whole text). */
export function parseSentence(
  text: string,
  start: number,
  names: NameIndex,
): Sentence {
  const tokens = tokenize(text, start);
  markNames(tokens, names);
  const clauses = splitClauses(tokens);
  const clauseOf: number[] = new Array(tokens.length).fill(0);
  clauses.forEach((c, ci) => {
    for (let i = c.from; i < c.to; i++) clauseOf[i] = ci;
  });
  for (let ci = 0; ci < clauses.length; ci++) {
    const c = clauses[ci];
    findSubject(tokens, c);
    const prev = clauses[ci - 1];
    if (c.subject.kind !== 'none' || !prev) continue;
    if (c.marker === 'who' || c.marker === 'that' || c.marker === 'whom') {
      // The antecedent: the noun phrase just before the relative pronoun.
      let e = c.from - 1;
      while (e >= prev.from && !tokens[e].tags.has('Noun') && !tokens[e].name)
        e--;
      let s = e;
      while (
        s - 1 >= prev.from &&
        (tokens[s - 1].tags.has('Noun') ||
          tokens[s - 1].tags.has('Adjective') ||
          tokens[s - 1].tags.has('Determiner') ||
          tokens[s - 1].name) &&
        !isVerb(tokens[s - 1])
      )
        s--;
      if (e >= prev.from) c.subject = kindOfPhrase(tokens, s, e);
    } else if (c.marker === 'which') {
      c.subject = { kind: 'thing', from: c.from, to: c.from };
    } else if (
      !c.marker ||
      COORDINATORS.has(c.marker) ||
      (c.marker && !isVerb(tokens[c.from + 1]) === false)
    ) {
      // "… and deleted the volume", "before merging": the same agent.
      let p = ci - 1;
      while (p >= 0 && clauses[p].subject.kind === 'none') p--;
      if (p >= 0) c.subject = clauses[p].subject;
    }
  }
  const last = tokens[tokens.length - 1];
  const question =
    !!last &&
    /\?/.test(last.post) &&
    !last.quoted &&
    !/["\u201d]\s*$/.test(last.post.replace(/\?+$/, ''));
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

/** The subject of the clause that holds token `i`. */
export function subjectAt(s: Sentence, i: number): Subject {
  return (
    s.clauses[s.clauseOf[i]]?.subject ?? { kind: 'none', from: -1, to: -1 }
  );
}

/** The clause that holds token `i`. */
export function clauseAt(s: Sentence, i: number): Clause {
  return s.clauses[s.clauseOf[i]];
}

/** People: persons, roles, teams and indefinite people. */
export function isPeople(kind: SubjectKind): boolean {
  return (
    kind === 'person' ||
    kind === 'role' ||
    kind === 'team' ||
    kind === 'indefinite'
  );
}

/** Whether a negation stands in token i's clause within `window` words before it. */
export function negatedBefore(s: Sentence, i: number, window = 4): boolean {
  const c = clauseAt(s, i);
  for (let k = i - 1; k >= Math.max(c.from, i - window); k--) {
    const t = s.tokens[k];
    if (t.tags.has('Negative') || NEGATORS.has(t.norm)) return true;
  }
  return false;
}

/** Matches a phrase of lemmas (`*` is any one word) at token i. */
export function matchPhrase(s: Sentence, i: number, phrase: string[]): number {
  let k = i;
  for (const p of phrase) {
    const t = s.tokens[k];
    if (!t || t.quoted) return 0;
    if (
      p !== '*' &&
      t.norm !== p &&
      t.lemma !== p &&
      !lemmaCandidates(t.norm).includes(p)
    )
      return 0;
    k++;
  }
  return k - i;
}

/** Length of the first of `phrases` that matches at token i, or 0. */
export function matchAnyPhrase(
  s: Sentence,
  i: number,
  phrases: string[][],
): number {
  for (const phrase of phrases) {
    const n = matchPhrase(s, i, phrase);
    if (n > 0) return n;
  }
  return 0;
}

export { has };
