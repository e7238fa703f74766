/**
 * A learned judgement of clauses whose subject is a person, a role or a
 * team: a logistic model over the words of the clause around its subject
 * ("shipped a build with the debug flag on", "went home mid-incident").
 * The rules recognise blame by its wording; authors who write blame in
 * words no rule knows are caught here, from what the training sentences
 * taught about acts, states and circumstances that blame.
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
  /** Probability above which a clause blames. */
  threshold: number;
  /**
   * Probability below which a rule's finding about conduct is dismissed:
   * the model is sure the sentence does not blame.
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

/**
 * Whether a clause with a verb has a subject that surely is people (a
 * person, role or team, not the writers and not a head no lexicon knows):
 * only then has the model read enough of the sentence to overrule the
 * rules.
 */
export function surelyAboutPeople(s: Sentence): boolean {
  return s.clauses.some(
    c =>
      PEOPLE_KINDS.has(c.subject.kind) &&
      !c.subject.firstPerson &&
      c.verb >= 0 &&
      c.subject.from >= 0 &&
      !s.tokens[c.subject.from].quoted,
  );
}

/**
 * The features of a sentence: the kind of each clause's subject and, for
 * clauses that may be about people, the base forms of their other words
 * (numbers and times as one word) and the lexicon's classes of those words,
 * which carry what was learned to words of a class no training sentence
 * used.
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
      const word = /\d/.test(t.norm) ? '#number' : t.lemma || t.norm;
      if (!(/\p{L}/u.test(word) || word === '#number')) continue;
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
  return [...features];
}

/** The model's probability that the sentence blames. */
export function blameProbability(model: ClauseModel, s: Sentence): number {
  let z = model.bias;
  for (const f of clauseFeatures(s, model.language)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/**
 * The span a finding of the model marks: the first clause about people that
 * is not quoted, from its subject to its end. "Nobody" is left to the rules:
 * "nobody checked" blames, "nobody could have known" clears.
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
  return (
    clause && {
      rule: 'named-person',
      from: clause.subject.from,
      to: clause.to - 1,
    }
  );
}
