import {
  BlamelessRule,
  checkBlamelessLanguage,
  LanguageFinding,
} from './blamelessCheck';
import { BLAMELESS_CORPUS, BLAMELESS_CORPUS_PERSON_NAMES } from './corpus';
import { scoreCorpus } from './score';

const personNames = ['Ada Okafor', 'ada.okafor', 'Liam Chen', 'liam.chen'];

function check(text: string, names: string[] = personNames) {
  return checkBlamelessLanguage(text, { personNames: names });
}

function rulesOf(findings: LanguageFinding[]): BlamelessRule[] {
  return [...new Set(findings.map(f => f.rule))].sort();
}

describe('checkBlamelessLanguage', () => {
  it('returns nothing for empty or neutral text', () => {
    expect(check('')).toEqual([]);
    expect(check('   \n\n')).toEqual([]);
    expect(
      check(
        'At 14:02 the error rate rose above 5%. We rolled back at 14:20 and recovered by 14:31.',
      ),
    ).toEqual([]);
  });

  it.each([
    'The failover failed to start.',
    'The health check should have caught the regression, so we added a test for it.',
    'The alert failed to fire because the threshold was too high.',
    'The cache forgot its entries after the restart.',
    'The deploy pipeline should have blocked the release.',
    'The runbook now clearly documents how to drain a node.',
    'The failure mode was not obvious from the dashboards.',
    'The lazy loading path skipped the cache warm-up.',
    'Ada Okafor led the incident response.',
    'Every service should have an owner.',
    'If the canary had been enabled, we would have caught the regression earlier.',
    'The team failed over the database to the secondary region.',
    "Liam Chen's rollback failed to complete because the image was gone.",
    'Simply restarting the pods did not clear the stuck connections.',
    'Fault injection now exercises the failover path every week.',
    'The form shows a user error message when the key is malformed.',
    'The config validator overlooked the trailing whitespace.',
    'The replica should have been promoted automatically.',
    'We do not assign blame in this review.',
    'The flag was ignored by the parser.',
  ])('does not flag the neutral look-alike %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });

  it.each<[BlamelessRule, string, string]>([
    ['human-error', 'The outage was caused by human error.', 'human error'],
    ['human-error', 'Root cause: operator error.', 'operator error'],
    [
      'counterfactual',
      'The engineer should have checked the dashboard.',
      'should have checked',
    ],
    [
      'counterfactual',
      "They should've rolled back sooner.",
      "should've rolled",
    ],
    [
      'counterfactual',
      'If Ada had followed the runbook, the outage would have been shorter.',
      'If Ada had followed',
    ],
    [
      'counterfactual',
      'The bug should have been caught in review.',
      'should have been caught',
    ],
    ['failed-to', 'The engineer failed to run the migration.', 'failed to'],
    ['failed-to', 'We failed to update the status page.', 'failed to'],
    [
      'failed-to',
      "Liam Chen's failure to rotate the key left it active.",
      "Liam Chen's failure to",
    ],
    ['forgot', 'The on-call forgot to silence the alert.', 'forgot'],
    ['forgot', 'The warning was overlooked.', 'overlooked'],
    ['forgot', 'The reviewer neglected the change freeze.', 'neglected'],
    ['judgement', 'This was a careless change.', 'careless'],
    ['judgement', 'The rollout plan was sloppy.', 'sloppy'],
    ['judgement', 'The team ignored the capacity warnings.', 'ignored'],
    ['hindsight', 'Obviously, the job needed a timeout.', 'Obviously'],
    ['hindsight', 'The logs clearly showed the disk filling up.', 'clearly'],
    ['hindsight', 'He just had to run the cleanup script.', 'just had to'],
    ['named-person', 'Ada broke the build.', 'Ada broke'],
    ['named-person', 'Ada Okafor missed the page.', 'Ada Okafor missed'],
    ['named-person', 'She messed up the DNS change.', 'She messed up'],
    [
      'named-person',
      "Liam's config change caused the outage.",
      "Liam's config change caused",
    ],
  ])('flags %s in %p with the span %p', (rule, sentence, span) => {
    const findings = check(sentence).filter(f => f.rule === rule);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding.text).toBe(span);
    expect(finding.start).toBe(sentence.indexOf(span));
    expect(finding.end).toBe(sentence.indexOf(span) + span.length);
    expect(sentence.slice(finding.start, finding.end)).toBe(finding.text);
    expect(finding.message.length).toBeGreaterThan(0);
    expect(finding.suggestion.length).toBeGreaterThan(0);
    expect(finding.suggestion.toLowerCase()).not.toContain(span.toLowerCase());
  });

  it('rewrites the sentence around the system', () => {
    const [finding] = check('The engineer failed to run the migration.').filter(
      f => f.rule === 'failed-to',
    );
    expect(finding.suggestion).toMatch(/^The migration was not run; /);
    expect(
      check('Ada Okafor failed to update the status page.').find(
        f => f.rule === 'failed-to',
      )?.suggestion,
    ).toMatch(/^The status page was not updated; /);
    expect(check('The outage was caused by human error.')[0].suggestion).toBe(
      'The outage was caused by a manual step that the tooling did not guard against.',
    );
  });

  it('reports UTF-16 offsets into the whole text, sentence by sentence', () => {
    const text =
      '🔥 The failover failed to start.\nThen the on-call forgot to page the database team. Ada broke the build!';
    const findings = check(text);
    expect(rulesOf(findings)).toEqual(['forgot', 'named-person']);
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.text);
    }
    const forgot = findings.find(f => f.rule === 'forgot')!;
    expect(forgot.start).toBe(text.indexOf('forgot'));
    const named = findings.filter(f => f.rule === 'named-person');
    expect(named.map(f => f.text)).toEqual(['on-call forgot', 'Ada broke']);
    expect(findings.map(f => f.start)).toEqual(
      [...findings.map(f => f.start)].sort((a, b) => a - b),
    );
  });

  it('recognises person names and user names from the options', () => {
    expect(rulesOf(check('Ada broke the build.', []))).toEqual([]);
    expect(rulesOf(check('Ada broke the build.'))).toEqual(['named-person']);
    expect(rulesOf(check('Okafor broke the build.'))).toEqual(['named-person']);
    expect(
      check('ada.okafor skipped the review step.').map(f => f.text),
    ).toEqual(['ada.okafor skipped']);
    expect(
      check('Noah broke the build.', ['Noah Fischer']).map(f => f.text),
    ).toEqual(['Noah broke']);
    // A name that only appears as an object is not the subject of the failure.
    expect(check('The deploy broke the dashboard that Ada owns.')).toEqual([]);
    // Capitalised first names are matched case-sensitively.
    expect(check('The grant broke the build.', ['Grant Hill'])).toEqual([]);
    expect(rulesOf(check('Grant broke the build.', ['Grant Hill']))).toEqual([
      'named-person',
    ]);
  });

  it('uses pronouns and roles as people and nouns as systems', () => {
    expect(rulesOf(check('He ignored three alerts.'))).toEqual([
      'named-person',
    ]);
    expect(rulesOf(check('The cron job ignored the new setting.'))).toEqual([]);
    expect(rulesOf(check('Ada, who was on call, missed the page.'))).toContain(
      'named-person',
    );
    expect(check('Ada noticed that the failover failed to start.')).toEqual([]);
    expect(
      rulesOf(
        check('The engineer restarted the pod and failed to clear the cache.'),
      ),
    ).toContain('failed-to');
  });

  it('gives a non-empty suggestion without the flagged phrase for every corpus finding', () => {
    for (const { sentence } of BLAMELESS_CORPUS) {
      for (const f of checkBlamelessLanguage(sentence, {
        personNames: BLAMELESS_CORPUS_PERSON_NAMES,
      })) {
        expect(f.suggestion.trim().length).toBeGreaterThan(0);
        expect(f.suggestion.toLowerCase()).not.toContain(f.text.toLowerCase());
        expect(sentence.slice(f.start, f.end)).toBe(f.text);
      }
    }
  });

  it('stays fast on long and pathological input', () => {
    const sentence =
      'Ada Okafor should have checked the dashboard because the engineer failed to run the migration, and the failover failed to start. ';
    const long = sentence.repeat(2000);
    const noPunctuation = 'the engineer and the service and '.repeat(20000);
    const started = Date.now();
    const findings = check(long);
    // counterfactual, named-person and failed-to for each sentence; the
    // failover is a system and is not flagged
    expect(findings).toHaveLength(2000 * 3);
    expect(rulesOf(findings)).toEqual([
      'counterfactual',
      'failed-to',
      'named-person',
    ]);
    check(noPunctuation);
    check('a'.repeat(200000));
    check(`${'failed to '.repeat(20000)}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('blameless corpus', () => {
  it('is large, balanced and consistent', () => {
    expect(BLAMELESS_CORPUS.length).toBeGreaterThanOrEqual(150);
    const blameful = BLAMELESS_CORPUS.filter(e => e.blameful).length;
    const ratio = blameful / BLAMELESS_CORPUS.length;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    const sentences = BLAMELESS_CORPUS.map(e => e.sentence);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('contains neutral sentences that look blameful', () => {
    const lookAlike =
      /\b(failed to|should have|should've|could have|would have|forgot|neglected|overlooked|obvious|clearly|simply|lazy|blame|error|broke|missed|ignored|introduced)\b/i;
    const lookAlikes = BLAMELESS_CORPUS.filter(
      e => !e.blameful && lookAlike.test(e.sentence),
    );
    expect(lookAlikes.length).toBeGreaterThanOrEqual(25);
  });

  it('is scored with precision and recall of at least 0.9', () => {
    const score = scoreCorpus(BLAMELESS_CORPUS, BLAMELESS_CORPUS_PERSON_NAMES);
    expect(
      score.truePositives +
        score.falsePositives +
        score.trueNegatives +
        score.falseNegatives,
    ).toBe(BLAMELESS_CORPUS.length);
    expect(score.misses).toHaveLength(
      score.falsePositives + score.falseNegatives,
    );
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('scores an empty corpus without dividing by zero', () => {
    expect(scoreCorpus([], [])).toEqual({
      truePositives: 0,
      falsePositives: 0,
      trueNegatives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      misses: [],
    });
  });
});
