import { checkBlamelessLanguage } from './blamelessCheck';
import { blameProbability, clauseFeatures, peopleClause } from './clauseModel';
import { trainClauseModel } from './__fixtures__/trainClauseModel';
import { DE_CLAUSE_MODEL } from './model/de';
import { EN_CLAUSE_MODEL } from './model/en';
import { buildNameIndex, parseSentence } from './parse';

const parse = (text: string) => parseSentence(text, 0, buildNameIndex([]));

describe('clause model', () => {
  it.each([
    ['en', EN_CLAUSE_MODEL],
    ['de', DE_CLAUSE_MODEL],
  ] as const)(
    'is stored as training on the current %s corpus and features gives it',
    (language, stored) => {
      // Change the corpus or the features, then run `yarn language:train`.
      expect(trainClauseModel(language).model).toEqual(stored);
    },
  );

  it('reads the words of clauses about people, with their classes', () => {
    const features = clauseFeatures(
      parse('The scheduler restarted the pod, and Priya muted the alert.'),
      'en',
    );
    expect(features).toEqual(
      expect.arrayContaining([
        'subject:system',
        'subject:person',
        'word:mute',
        'pair:mute_the',
        'class:SILENCING_VERBS',
      ]),
    );
    expect(features).not.toContain('word:restart');
  });

  it('reads the words of the whole sentence, names and quotations left out', () => {
    const named = (text: string) =>
      clauseFeatures(
        parseSentence(text, 0, buildNameIndex(['Mei Tanaka'])),
        'en',
      );
    const features = named('The table was dropped by Mei at 14:05.');
    expect(features).toEqual(
      expect.arrayContaining([
        's:table',
        's:drop',
        'sp:drop_by',
        's:#number',
        'mentions-people',
      ]),
    );
    expect(features.some(f => f.includes('mei'))).toBe(false);
    expect(named('The ticket said "drop it".')).not.toContain('s:drop');
    expect(named('The job dropped the table.')).not.toContain(
      'mentions-people',
    );
  });

  it('marks the clause about people, not a quoted one', () => {
    const s = parse('After the review, Priya dropped the table.');
    const m = peopleClause(s)!;
    expect(s.tokens[m.from].text).toBe('Priya');
    expect(
      peopleClause(parse('"Priya dropped it" was the ticket title.')),
    ).toBe(undefined);
    expect(peopleClause(parse('The job dropped the table.'))).toBe(undefined);
  });

  it('marks the name when no clause has people as its subject', () => {
    const s = parseSentence(
      'The table was dropped by Mei during the freeze.',
      0,
      buildNameIndex(['Mei Tanaka']),
    );
    const m = peopleClause(s)!;
    expect(s.tokens[m.from].text).toBe('Mei');
    expect(s.tokens[m.to].text).toBe('freeze');
  });

  it('tells blame no rule words from the same people at ordinary work', () => {
    const blame = 'The intern muted the alerts and went home.';
    const work = 'The intern restarted the pods and watched the error rate.';
    expect(blameProbability(EN_CLAUSE_MODEL, parse(blame))).toBeGreaterThan(
      blameProbability(EN_CLAUSE_MODEL, parse(work)),
    );
    expect(checkBlamelessLanguage(blame)).not.toEqual([]);
    expect(checkBlamelessLanguage(work)).toEqual([]);
  });

  it('never dismisses wording that blames by itself', () => {
    const [finding] = checkBlamelessLanguage('The root cause was human error.');
    expect(finding.rule).toBe('human-error');
  });
});
