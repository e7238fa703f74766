/**
 * Matching over parsed sentences for the rules that weigh meaning: phrases
 * of lemmas indexed by their first word, the forms of a token, and where a
 * sentence mentions people.
 */
import {
  INDEFINITE_PEOPLE,
  PERSON_PRONOUNS,
  ROLE_HEADS,
  TEAM_HEADS,
} from './lexicon';
import {
  Clause,
  isPeople,
  kindOfHead,
  kindOfPhrase,
  lemma,
  lemmaCandidates,
  Sentence,
  Token,
} from './parse';

/**
 * Phrases indexed by their first word, so that each token is compared only
 * with the phrases that can start at it.
 */
type PhraseIndex = Map<string, string[][]>;

export const phrases = (list: ReadonlyArray<string>): PhraseIndex => {
  const index: PhraseIndex = new Map();
  for (const p of list) {
    const words = p.split(' ');
    const bucket = index.get(words[0]) ?? [];
    bucket.push(words);
    index.set(words[0], bucket);
  }
  return index;
};

/** The forms of a token a phrase may name: as written, lemma, base forms. */
export const formsCache = new WeakMap<Token, string[]>();
export function formsOf(t: Token): string[] {
  let forms = formsCache.get(t);
  if (!forms) {
    forms = [...new Set([t.norm, t.lemma, ...lemmaCandidates(t.norm)])];
    formsCache.set(t, forms);
  }
  return forms;
}

/** Length of the longest phrase of `index` that matches at token i, or 0. */
export function matchIndexed(
  s: Sentence,
  i: number,
  index: PhraseIndex,
): number {
  const t = s.tokens[i];
  if (!t || t.quoted) return 0;
  let best = 0;
  for (const form of formsOf(t)) {
    const bucket = index.get(form);
    if (!bucket) continue;
    for (const phrase of bucket) {
      const n = matchFrom(s, i + 1, phrase, 1);
      if (n > best) best = n;
    }
  }
  return best;
}

/** Up to how many words `~` in a phrase stands for. */
const GAP = 4;

/**
 * Matches `phrase` from its word k at token j; returns the number of tokens
 * from the phrase's first word (at j - k) to its end, or 0. `*` is any one
 * word, `~` up to {@link GAP} words inside the clause ("kept the other
 * teams in the dark").
 */
function matchFrom(
  s: Sentence,
  j: number,
  phrase: string[],
  k: number,
): number {
  const start = j - k;
  let at = j;
  for (let p = k; p < phrase.length; p++) {
    if (phrase[p] === '~') {
      for (let skip = 0; skip <= GAP; skip++) {
        const gap = s.tokens.slice(at, at + skip);
        if (gap.some(w => w.quoted || /[,;:.!?]/.test(w.post))) break;
        const n = matchFrom(s, at + skip, phrase.slice(p + 1), 0);
        if (n > 0 || p + 1 === phrase.length) return at + skip + n - start;
      }
      return 0;
    }
    const w = s.tokens[at];
    if (!w || w.quoted) return 0;
    if (phrase[p] !== '*' && !formsOf(w).includes(phrase[p])) return 0;
    at++;
  }
  return at - start;
}

/** Any inflection of a word of `set`; chat's "yolo'd" is "yolo". */
export const isForm = (t: Token, set: Set<string>) =>
  formsOf(t).some(f => set.has(f)) ||
  (/'d$/.test(t.norm) && set.has(t.norm.slice(0, -2)));

export const PASSIVE_AUX = new Set([
  'was',
  'were',
  'been',
  'is',
  'are',
  'be',
  'got',
  'get',
]);

export const isVerbToken = (t: Token) =>
  t.tags.has('Verb') || t.tags.has('PastTense') || t.tags.has('Gerund');

/** A word that stands for a person, a role or a team (not "we"). */
export function mentionsPeople(s: Sentence, i: number): boolean {
  const t = s.tokens[i];
  if (t.quoted) return false;
  if (t.name) return true;
  if (PERSON_PRONOUNS.has(t.norm)) return !['we', 'i', 'us'].includes(t.norm);
  if (INDEFINITE_PEOPLE.has(t.norm)) return true;
  const next = s.tokens[i + 1];
  const modifier =
    !!next &&
    next.tags.has('Noun') &&
    !next.tags.has('Pronoun') &&
    !/[,;:.!?]/.test(t.post);
  if (
    (TEAM_HEADS.has(t.norm) ||
      ROLE_HEADS.has(t.norm) ||
      ROLE_HEADS.has(lemma(t.norm))) &&
    !modifier
  )
    return true;
  if (t.possessive && isPeople(kindOfHead(t, false)) && i > 0) return true;
  // A capitalised unknown word inside the sentence: a first name.
  return (
    i > 0 &&
    /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
    kindOfHead(t, false) === 'person'
  );
}

/**
 * The tokens that mention people, in order; in a question "who" stands for
 * people ("Seriously, who merges …?").
 */
export function peopleMentions(s: Sentence): number[] {
  const { tokens } = s;
  const people: number[] = [];
  for (let i = 0; i < tokens.length; i++)
    if (mentionsPeople(s, i)) people.push(i);
  // "Seriously, who merges …?": in a question, "who" stands for people.
  if (s.question)
    tokens.forEach((t, i) => {
      if (t.norm === 'who' && !t.quoted && i <= 2 && !people.includes(i))
        people.push(i);
    });
  people.sort((a, b) => a - b);
  return people;
}

/**
 * The last token of a people agent of the passive participle at token i
 * ("was disabled by Diego months ago"), or -1.
 */
export function peopleAgent(s: Sentence, i: number): number {
  const { tokens } = s;
  const by = tokens.slice(i + 1, i + 5).find(w => w.norm === 'by');
  if (!by) return -1;
  for (let k = by.i + 1; k < Math.min(tokens.length, by.i + 6); k++) {
    const w = tokens[k];
    if (w.quoted || (k > by.i + 1 && w.tags.has('Preposition'))) break;
    if (
      mentionsPeople(s, k) ||
      (w.possessive && isPeople(kindOfHead(w, false)))
    )
      return k;
    if (/[,;:]/.test(w.post)) break;
  }
  // "by the night shift": a group the phrase makes people.
  let end = by.i + 1;
  while (
    end < tokens.length &&
    !tokens[end].quoted &&
    !tokens[end].tags.has('Preposition') &&
    !tokens[end].tags.has('Verb') &&
    !/[,;:.!?]/.test(tokens[end].post)
  )
    end++;
  if (end < tokens.length && /[,;:.!?]/.test(tokens[end].post)) end++;
  if (end > by.i + 1) {
    const agent = kindOfPhrase(tokens, by.i + 1, end - 1);
    if (isPeople(agent.kind) && !agent.firstPerson) return end - 1;
  }
  return -1;
}

/** The passive participle of clause `c` with people as its agent, or -1. */
export function passiveWithPeopleAgent(s: Sentence, c: Clause): number {
  for (let i = Math.max(c.from, 1); i < c.to; i++) {
    const t = s.tokens[i];
    if (t.quoted || !PASSIVE_AUX.has(s.tokens[i - 1].norm)) continue;
    if (!isVerbToken(t)) continue;
    if (peopleAgent(s, i) >= 0) return i;
  }
  return -1;
}
