/**
 * The blameless-language check: finds blame and hindsight in postmortem
 * text and proposes system-centred rewrites.
 *
 * The pipeline: `parse.ts` splits the text into sentences, tags each word
 * with compromise's English model, marks quotations, splits clauses and
 * classifies each clause's subject (person, role, team or system); each rule
 * in `rules/` reads that structure; `rewrite.ts` rewrites a flagged
 * sentence around the system. Word lists live in `lexicon.ts`.
 */
import {
  blameProbability,
  type ClauseModel,
  peopleClause,
} from './clauseModel';
import {
  acknowledgedDe,
  exculpatedDe,
  sanctionedDe,
  writersOwnDe,
} from './de/context';
import { parseSentenceDe } from './de/parse';
import { detectLanguage } from './detectLanguage';
import { RULES_DE } from './de/rules';
import { rewriteSentenceDe } from './de/rewrite';
import {
  buildNameIndex,
  type Clause,
  parseSentence,
  type NameIndex,
  type Sentence,
  splitSentences,
} from './parse';
import { reportedQuotes } from './reportedSpeech';
import { rewriteSentence } from './rewrite';
import { rewriteByAct } from './rewriteAct';
import { DE_CLAUSE_MODEL } from './model/de';
import { EN_CLAUSE_MODEL } from './model/en';
import { RULES } from './rules';
import {
  blameDenied,
  praised,
  exculpated,
  ownAccount,
  disclaimed,
  sanctioned,
  systemReason,
  writersOwn,
} from './rules/context';
import type { Rule, RuleMatch } from './rules/types';
import type { BlamelessRule } from './rules/types';

export type { BlamelessRule } from './rules/types';
export { detectLanguage } from './detectLanguage';

/**
 * One flagged span of text.
 *
 * @public
 */
export interface LanguageFinding {
  /** The rule that flagged the span. */
  rule: BlamelessRule;
  /** UTF-16 offset of the first flagged character in the checked text. */
  start: number;
  /** UTF-16 offset just after the last flagged character. */
  end: number;
  /** The flagged span, equal to `text.slice(start, end)`. */
  text: string;
  /** English explanation. The UI may translate it by `rule`. */
  message: string;
  /**
   * A proposed neutral rewrite of the whole sentence, or, when none could be
   * made, advice on how to rewrite it.
   */
  suggestion: string;
  /** Offsets of the sentence that holds the span. */
  sentenceStart: number;
  sentenceEnd: number;
  /**
   * The rewrite of the sentence (`text.slice(sentenceStart, sentenceEnd)`),
   * when one was made: it names no person and passes the check.
   */
  rewrite?: string;
}

/**
 * Options for {@link checkBlamelessLanguage}.
 *
 * @public
 */
export interface BlamelessCheckOptions {
  /**
   * Display names and user names of people, e.g. from the catalog:
   * `['Ada Okafor', 'ada.okafor']`. Full names, first names, last names and
   * user names are recognised. People are also recognised without them,
   * from the English model's names and from sentence structure.
   */
  personNames?: string[];
  /**
   * The language of the text, `en` or `de`. Postmortems are written in
   * either, whatever the language of the interface; without this option the
   * language is detected from the text ({@link detectLanguage}).
   */
  language?: BlamelessLanguage;
}

/**
 * The languages the check knows.
 *
 * @public
 */
export type BlamelessLanguage = 'en' | 'de';

const MESSAGES: Record<BlamelessRule, string> = {
  'human-error':
    '"Human error" names a person as the cause and ends the inquiry. Describe the conditions that made the action possible or likely.',
  counterfactual:
    'Counterfactuals such as "should have" judge past actions with knowledge gained afterwards. Describe what people knew and saw at the time.',
  'failed-to':
    'The sentence frames an omission as a personal failing. Describe what did not happen and why the system allowed it.',
  forgot:
    '"Forgot", "neglected" and "overlooked" blame memory or attention. Describe the step that did not happen and why nothing prompted it.',
  judgement:
    "The sentence judges a person's competence or motives. Describe the action and the conditions around it.",
  hindsight:
    'Words like "obviously" and "clearly" reflect hindsight: what is obvious afterwards was not obvious at the time.',
  'named-person':
    'A person is the agent of a fault. Put the system, the change or the conditions at the centre of the sentence.',
};

const ADVICE =
  'Describe what the system did and which conditions or missing safeguards allowed it, without judging or singling out a person.';

/**
 * Finds blame and hindsight phrasing in postmortem text.
 *
 * @remarks
 * Flags "human error", counterfactuals about people ("should have"),
 * omissions framed as failings ("failed to", "didn't bother", "why didn't X
 * …?"), forgetting, judgements of competence or motive, hindsight and people
 * as the agents of faults. Systems as subjects ("the failover failed to
 * start"), quoted words and technical terms ("sloppy quorum") are not
 * flagged. Each finding carries a rewrite of its sentence when one can be
 * made.
 *
 * @param text - the text to check, e.g. one narrative section
 * @param options - known person names
 * @returns the findings, ordered by position
 * @public
 */
export function checkBlamelessLanguage(
  text: string,
  options?: BlamelessCheckOptions,
): LanguageFinding[] {
  return check(text, options, true);
}

/** What differs between languages: the parse, the rules and the rewrites. */
interface LanguageModel {
  parse(text: string, start: number, names: NameIndex): Sentence;
  rules: Rule[];
  /** Judges clauses about people whose blame no rule recognised. */
  clauseModel: ClauseModel;
  rewrite(s: Sentence, matches: RuleMatch[]): string | undefined;
  /** Rewrites around the blamed act, when `rewrite` makes none. */
  rewriteByAct?(s: Sentence, matches: RuleMatch[]): string | undefined;
}

const MODELS: Record<BlamelessLanguage, LanguageModel> = {
  en: {
    parse: parseSentence,
    rules: RULES,
    clauseModel: EN_CLAUSE_MODEL,
    rewrite: rewriteSentence,
    rewriteByAct,
  },
  de: {
    parse: parseSentenceDe,
    rules: RULES_DE,
    clauseModel: DE_CLAUSE_MODEL,
    rewrite: rewriteSentenceDe,
  },
};

/** Wording that blames by itself ("human error", hindsight). */
export const byWording = (m: RuleMatch) =>
  m.rule === 'human-error' || m.rule === 'hindsight';

/**
 * The rules' findings in a sentence, after the exceptions that clear an
 * act: the writers' own account, an act others sanctioned or that the
 * sentence excuses, a question the next sentence answers.
 */
export function ruleFindings(
  language: BlamelessLanguage,
  sentence: Sentence,
  answered = false,
): RuleMatch[] {
  const { rules } = MODELS[language] ?? MODELS.en;
  const found = rules.flatMap(rule => rule(sentence));
  // An act the sentence calls sanctioned ("as planned", "as the runbook
  // allows") is the process at work: only wording blames then.
  const isSanctioned =
    language === 'en' && found.length > 0 && sanctioned(sentence);
  return found.filter(
    m =>
      byWording(m) ||
      (!writersOwn(sentence, m) &&
        !disclaimed(sentence, m) &&
        (language !== 'de' ||
          (!writersOwnDe(sentence, m) &&
            !sanctionedDe(sentence, m) &&
            !exculpatedDe(sentence, m))) &&
        (language !== 'en' ||
          (!isSanctioned &&
            !exculpated(sentence, m) &&
            !systemReason(sentence, m) &&
            !ownAccount(sentence, m) &&
            !(answered && m.answerable)))),
  );
}

/**
 * The clause the model may flag where no rule found anything: the clause
 * about people, unless the sentence clears the act (sanctioned, the
 * writers' own account, a reason in a system, blame denied, praise or
 * thanks). The trainer asks the same when it sets the model's threshold.
 */
export function modelMayFlag(
  language: BlamelessLanguage,
  sentence: Sentence,
): RuleMatch | undefined {
  const clause = peopleClause(sentence);
  return clause &&
    !sanctioned(sentence) &&
    (language !== 'en' || (!blameDenied(sentence) && !praised(sentence))) &&
    !ownAccount(sentence, clause) &&
    !systemReason(sentence, clause) &&
    !writersOwn(sentence, clause) &&
    (language !== 'de' ||
      (!sanctionedDe(sentence, clause) &&
        !exculpatedDe(sentence, clause) &&
        !acknowledgedDe(sentence)))
    ? clause
    : undefined;
}

/**
 * What the check flags in a sentence. The clause model judges the sentence
 * from its words: sure that it does not blame, it dismisses the rules'
 * findings, except wording that blames by itself; sure that it does, it
 * flags the clause about people where no rule found anything.
 */
function judge(
  model: LanguageModel,
  language: BlamelessLanguage,
  sentence: Sentence,
  answered: boolean,
): RuleMatch[] {
  const found = ruleFindings(language, sentence, answered);
  const { clauseModel } = model;
  const probability = blameProbability(clauseModel, sentence);
  if (found.length > 0)
    return probability < clauseModel.veto ? found.filter(byWording) : found;
  const flaggable =
    probability > clauseModel.threshold
      ? modelMayFlag(language, sentence)
      : undefined;
  return flaggable ? [flaggable] : [];
}

function check(
  text: string,
  options: BlamelessCheckOptions | undefined,
  withRewrites: boolean,
): LanguageFinding[] {
  const language = options?.language ?? detectLanguage(text);
  const model = MODELS[language] ?? MODELS.en;
  const names = buildNameIndex(options?.personNames);
  const findings: LanguageFinding[] = [];
  const ranges = splitSentences(text);
  ranges.forEach((range, index) => {
    const sentence = model.parse(
      text.slice(range.start, range.end),
      range.start,
      names,
    );
    if (sentence.tokens.length === 0) return;
    // "Why did Lars choose that window? It was the only free one.": a
    // question answered by the next sentence asks; it does not blame.
    const next = ranges[index + 1];
    const answered =
      sentence.question &&
      !!next &&
      !/\?\s*$/.test(text.slice(next.start, next.end));
    const matches = judge(model, language, sentence, answered);
    if (matches.length === 0) {
      // Speech reported in quotation marks blames as its words do.
      if (language === 'en')
        for (const q of reportedQuotes(sentence)) {
          const said = text.slice(q.start, q.end);
          if (!statesOfPeople(model.parse(said, 0, names))) continue;
          for (const f of check(said, options, false))
            findings.push({
              ...f,
              start: f.start + q.start,
              end: f.end + q.start,
              suggestion: ADVICE,
              sentenceStart: range.start,
              sentenceEnd: range.end,
            });
        }
      return;
    }
    let rewrite: string | undefined;
    if (withRewrites) {
      const acceptable = (candidate: string | undefined) =>
        !!candidate &&
        keepsFacts(sentence.text, candidate) &&
        check(candidate, { ...options, language }, false).length === 0 &&
        // No rule may find blame in a rewrite, even where the model would
        // dismiss it ("the recklessness took down the gateway").
        ruleFindings(language, model.parse(candidate, 0, names)).length === 0 &&
        !namesPerson(candidate, options?.personNames ?? []) &&
        !hasPersonAgent(model, candidate, names) &&
        (language !== 'en' || wellFormed(model, candidate, names));
      const structural = model.rewrite(sentence, matches);
      if (acceptable(structural)) rewrite = structural;
      else if (model.rewriteByAct) {
        const byAct = model.rewriteByAct(sentence, matches);
        if (acceptable(byAct)) rewrite = byAct;
      }
    }
    const seen = new Set<string>();
    for (const m of matches) {
      const start = sentence.tokens[m.from].start;
      const end = Math.max(sentence.tokens[m.to].end, start);
      const key = `${m.rule}:${start}:${end}`;
      if (seen.has(key) || end <= start) continue;
      seen.add(key);
      findings.push({
        rule: m.rule,
        start,
        end,
        text: text.slice(start, end),
        message: MESSAGES[m.rule],
        suggestion: rewrite ?? ADVICE,
        sentenceStart: range.start,
        sentenceEnd: range.end,
        ...(rewrite ? { rewrite } : {}),
      });
    }
  });
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

/**
 * Whether a rewrite reads as English where rewrites most often go wrong:
 * a passive participle followed by a bare noun ("the missing was not
 * spotted WHERE clause") means the object was cut in two.
 */
function wellFormed(
  model: LanguageModel,
  text: string,
  names: NameIndex,
): boolean {
  const BE = new Set(['was', 'were', 'is', 'are', 'been', 'be']);
  // A verb where the subject should be ("Be was not needed …", "If done
  // had been had …").
  if (/^(be|have|do|done|had)\b|\bbeen had\b|^if (done|had)\b/i.test(text))
    return false;
  return splitSentences(text).every(range => {
    const parsed = model.parse(
      text.slice(range.start, range.end),
      range.start,
      names,
    );
    const { tokens } = parsed;
    // A subject with no noun ("The first was not responded to …").
    const c0 = parsed.clauses[0];
    if (c0 && c0.subject.from >= 0) {
      const words = tokens
        .slice(c0.subject.from, c0.subject.to + 1)
        .filter(t => !t.tags.has('Determiner'));
      if (
        words.length > 0 &&
        words.every(
          t =>
            (t.tags.has('Adjective') || t.tags.has('Ordinal')) &&
            !t.tags.has('Noun'),
        )
      )
        return false;
    }
    return tokens.every((t, i) => {
      if (!BE.has(t.norm)) return true;
      let p = i + 1;
      if (tokens[p]?.norm === 'not') p++;
      const participle = tokens[p];
      const next = tokens[p + 1];
      if (!participle || !next || /[,;:.!?]/.test(participle.post)) return true;
      if (
        !participle.tags.has('PastTense') &&
        !participle.tags.has('Participle')
      )
        return true;
      const bareNoun =
        (next.tags.has('Noun') || /^[A-Z]{2,}$/.test(next.text)) &&
        !next.tags.has('Preposition') &&
        !next.tags.has('Adverb') &&
        !next.tags.has('Pronoun') &&
        !next.tags.has('Value') &&
        !next.tags.has('Date') &&
        !next.tags.has('Conjunction') &&
        !next.tags.has('Determiner');
      return !bareNoun;
    });
  });
}

/**
 * Whether a rewrite keeps the facts that are easiest to lose: every number
 * and time of the original ("at 02:17", "3 %", "v2.4") appears in it.
 */
export function keepsFacts(original: string, rewrite: string): boolean {
  const facts = original.match(/[\p{L}\d.:%-]*\d[\p{L}\d.:%-]*/gu) ?? [];
  return facts.every(f => rewrite.includes(f.replace(/[.:-]+$/, '')));
}

/**
 * Whether quoted words state something of people (a clause with people as
 * its subject, not a question): "Freya ignored the alert" does, "asleep at
 * the wheel", "check your sloppy config" and "who broke prod?" do not.
 */
function statesOfPeople(s: Sentence): boolean {
  return (
    !s.question &&
    !/\?/.test(s.text) &&
    s.clauses.some(
      c =>
        c.verb >= 0 &&
        c.subject.from >= 0 &&
        (c.subject.kind === 'person' ||
          c.subject.kind === 'role' ||
          c.subject.kind === 'team') &&
        !c.subject.firstPerson,
    )
  );
}

/**
 * Whether a clause of the text has a person, role or team as its subject
 * ("Whoever merged this didn't run it"): a rewrite must have none, though
 * "we" may stay.
 */
function hasPersonAgent(
  model: LanguageModel,
  text: string,
  names: NameIndex,
): boolean {
  return splitSentences(text).some(range => {
    const parsed = model.parse(
      text.slice(range.start, range.end),
      range.start,
      names,
    );
    return parsed.clauses.some(
      c =>
        !patient(parsed, c) &&
        (c.subject.kind === 'person' ||
          c.subject.kind === 'role' ||
          c.subject.kind === 'team' ||
          c.subject.kind === 'indefinite') &&
        !c.subject.firstPerson,
    );
  });
}

/**
 * Whether clause `c` is a passive without an agent ("The downstream teams
 * were not informed"): its subject undergoes the act and does not do it.
 */
function patient(s: Sentence, c: Clause): boolean {
  const BE = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be']);
  const { tokens } = s;
  if (c.verb < 0) return false;
  let k = c.verb;
  while (k < c.to && !BE.has(tokens[k].norm)) {
    if (!tokens[k].tags.has('Auxiliary') && !tokens[k].tags.has('Modal'))
      return false;
    k++;
  }
  if (k >= c.to) return false;
  k++;
  while (
    k < c.to &&
    (tokens[k].tags.has('Negative') || tokens[k].tags.has('Adverb'))
  )
    k++;
  const done = tokens[k];
  return (
    !!done &&
    (done.tags.has('PastTense') || done.tags.has('Participle')) &&
    !tokens.slice(k + 1, c.to).some(t => t.norm === 'by')
  );
}

/** Whether `text` contains one of the names, as a whole word. */
export function namesPerson(text: string, personNames: string[]): boolean {
  const lower = text.toLowerCase();
  return personNames.some(name =>
    name
      .split(/[\s._-]+/)
      .filter(p => p.length >= 3)
      .some(p =>
        new RegExp(
          `(^|[^\\p{L}])${p
            .toLowerCase()
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`,
          'u',
        ).test(lower),
      ),
  );
}
