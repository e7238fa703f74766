/**
 * A learned judgement of sentences about people: a logistic model over the
 * words of the clauses whose subject is a person, a role or a team ("shipped
 * a build with the debug flag on", "went home mid-incident") and over the
 * words of the whole sentence ("the table was dropped by Mei"). The rules
 * recognise blame by its wording; authors who write blame in words no rule
 * knows are caught here, from what the training sentences taught about acts,
 * states and circumstances that blame.
 *
 * The weights are data in `model/`, written by `yarn language:train`
 * (`__fixtures__/trainClauseModel.ts`) from the training parts of the
 * corpus, never from a held-out part.
 */
import * as ENGLISH_LEXICON from './lexicon';
import * as GERMAN_LEXICON from './de/lexicon';
import type { Clause, Sentence, SubjectKind } from './parse';
import type { RuleMatch } from './rules/types';

/** A trained clause model of one language. */
export interface ClauseModel {
  language: 'en' | 'de';
  /** Probability above which a sentence no rule flagged blames. */
  threshold: number;
  /**
   * Probability below which the rules' findings about conduct are
   * dismissed: the model is sure the sentence does not blame.
   */
  veto: number;
  bias: number;
  weights: Readonly<Record<string, number>>;
}

const PEOPLE_KINDS = new Set<SubjectKind>([
  'person',
  'role',
  'team',
  'indefinite',
  'negative',
]);

/**
 * Whether the clause's subject may stand for people: a person, role or team,
 * or a head no lexicon knows ("Payments", "kev"); not the writers.
 */
function mayBePeople(c: Clause): boolean {
  // The writers' own account ("we missed it") is no blame of others.
  if (c.subject.firstPerson) return false;
  return (
    PEOPLE_KINDS.has(c.subject.kind) ||
    (c.subject.kind === 'system' && !!c.subject.guessed)
  );
}

/** The classes of each word of a lexicon: the names of the sets it is in. */
type WordClasses = ReadonlyMap<string, string[]>;

function wordClasses(lexicon: Record<string, unknown>): WordClasses {
  const classes = new Map<string, string[]>();
  for (const [name, value] of Object.entries(lexicon)) {
    if (!(value instanceof Set)) continue;
    for (const word of value) {
      const of = classes.get(word) ?? [];
      of.push(name);
      classes.set(word, of);
    }
  }
  return classes;
}

const WORD_CLASSES: Record<'en' | 'de', WordClasses> = {
  en: wordClasses(ENGLISH_LEXICON),
  de: wordClasses(GERMAN_LEXICON),
};

/** A token as a feature word: its base form, numbers and times as one word. */
function featureWord(t: Sentence['tokens'][number]): string | undefined {
  const word = /\d/.test(t.norm) ? '#number' : t.lemma || t.norm;
  return /\p{L}/u.test(word) || word === '#number' ? word : undefined;
}

/**
 * Whether the sentence names people anywhere outside quotation marks: a
 * catalog name, a clause about a person, role or team (not the writers), or
 * a possessor that is one ("Aiko's change").
 */
function namesOthers(s: Sentence): boolean {
  return (
    s.tokens.some(t => t.name && !t.quoted) ||
    s.clauses.some(
      c =>
        (PEOPLE_KINDS.has(c.subject.kind) && !c.subject.firstPerson) ||
        (!!c.subject.owner && PEOPLE_KINDS.has(c.subject.owner)),
    )
  );
}

/** The 4-letter runs of a word, its start and end marked ("^for", "got$"). */
function letterGrams(word: string): string[] {
  const marked = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 4 <= marked.length; i++)
    grams.push(marked.slice(i, i + 4));
  return grams;
}

/**
 * The features of a sentence:
 * - the kind of each clause's subject;
 * - for clauses that may be about people, their other words and word pairs
 *   and the lexicon's classes of those words, which carry what was learned
 *   to words of a class no training sentence used;
 * - the words and word pairs of the whole sentence (names and quotations
 *   left out), since blame is also written where no clause has people as
 *   its subject ("the table was dropped by Mei", "Aiko's hasty change
 *   caused the errors"), and whether the sentence names people at all;
 * - the letter 4-grams of those words, which carry what was learned across
 *   inflections, compounds and chat spellings ("Bereitschaftshabender",
 *   "forgot"/"forgotten", "pls").
 */
export function clauseFeatures(s: Sentence, language: 'en' | 'de'): string[] {
  const classes = WORD_CLASSES[language];
  const features = new Set<string>();
  for (const c of s.clauses) {
    const guessed = c.subject.kind === 'system' && c.subject.guessed;
    features.add(`subject:${guessed ? 'guessed' : c.subject.kind}`);
    if (!mayBePeople(c)) continue;
    let previous = '';
    for (let i = c.from; i < c.to; i++) {
      if (i >= c.subject.from && i <= c.subject.to) continue;
      const t = s.tokens[i];
      if (t.quoted || !t.norm) continue;
      const word = featureWord(t);
      if (!word) continue;
      features.add(`word:${word}`);
      if (previous) features.add(`pair:${previous}_${word}`);
      previous = word;
      for (const name of classes.get(t.norm) ?? [])
        features.add(`class:${name}`);
      for (const name of classes.get(t.lemma) ?? [])
        features.add(`class:${name}`);
    }
    if (c.question) features.add('question');
  }
  let previous = '';
  for (const t of s.tokens) {
    if (t.quoted || !t.norm || t.name) {
      previous = '';
      continue;
    }
    const word = featureWord(t);
    if (!word) continue;
    features.add(`s:${word}`);
    if (previous) features.add(`sp:${previous}_${word}`);
    previous = word;
    if (word !== '#number')
      for (const gram of letterGrams(t.norm)) features.add(`g:${gram}`);
  }
  if (namesOthers(s)) features.add('mentions-people');
  return [...features];
}

/** The logistic function of the bias and the weights of the features. */
export function logistic(
  bias: number,
  weightOf: (feature: string) => number | undefined,
  features: string[],
): number {
  let z = bias;
  for (const f of features) z += weightOf(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The model's probability that the sentence blames. */
export function blameProbability(model: ClauseModel, s: Sentence): number {
  return logistic(
    model.bias,
    f => model.weights[f],
    clauseFeatures(s, model.language),
  );
}

/**
 * The span a finding of the model marks: the first clause about people that
 * is not quoted, from its subject to its end; without one, the words that
 * name people ("dropped by Mei", "Aiko's hasty change") to the end of their
 * clause. "Nobody" is left to the rules: "nobody checked" blames, "nobody
 * could have known" clears.
 */
export function peopleClause(s: Sentence): RuleMatch | undefined {
  const clause = s.clauses.find(
    c =>
      mayBePeople(c) &&
      c.subject.kind !== 'negative' &&
      c.subject.from >= 0 &&
      !s.tokens[c.subject.from].quoted &&
      c.to > c.subject.to + 1,
  );
  if (clause)
    return {
      rule: 'named-person',
      from: clause.subject.from,
      to: clause.to - 1,
    };
  const owned = s.clauses.find(
    c =>
      !!c.subject.owner &&
      PEOPLE_KINDS.has(c.subject.owner) &&
      c.subject.from >= 0 &&
      !s.tokens[c.subject.from].quoted,
  );
  if (owned)
    return { rule: 'named-person', from: owned.subject.from, to: owned.to - 1 };
  const named = s.tokens.find(t => t.name && !t.quoted);
  if (!named) return undefined;
  const { to } = s.clauses[s.clauseOf[named.i]];
  return { rule: 'named-person', from: named.i, to: Math.max(named.i, to - 1) };
}
