import { checkBlamelessLanguage, keepsFacts } from './blamelessCheck';

const personNames = ['Ada Okafor', 'ada.okafor', 'Liam Chen', 'liam.chen'];
const check = (text: string) =>
  checkBlamelessLanguage(text, { personNames, language: 'en' });

describe('structural features of a clause with people as its subject', () => {
  it.each([
    // an act without a step
    'Ada restarted the broker without draining the consumers.',
    // a safeguard out of the way, a destructive act on production
    'The payments squad disabled the fraud checks before the launch.',
    'Liam truncated the production table during the cleanup.',
    // hindsight about care, a record, no idea
    'Ada needed to be more careful with the command.',
    'Liam has a bad track record with schema changes.',
    // a fault put on people without an act
    'This one is on the payments team.',
    'The delay was due to negligence on the part of an administrator.',
    // culprit questions
    'who deleted the backups',
    'What was the storage team doing while the disks filled up?',
    // speech reported by a person
    '"Ada ignored the alert," the incident commander wrote.',
  ])('flags %p', sentence => {
    expect(check(sentence).length).toBeGreaterThan(0);
  });

  it.each([
    'Ada failed over without dropping any requests.',
    'The pipeline ran the migration without a dry run.',
    'Liam dropped the unused index after confirming it had no readers.',
    'Ada disabled the noisy alert to stop the paging storm.',
    'The consumer group forgot its offsets after the rebalance.',
    'Connection pool exhaustion caused timeouts in the checkout service.',
    'Who broke the build? Nobody: the CI cache was corrupt.',
    'The linter flags phrases like "Ada ignored the alert" in drafts.',
    'Someone asked "who broke prod?" and we looked at the timeline.',
  ])('does not flag %p', sentence => {
    expect(check(sentence)).toEqual([]);
  });
});

describe('rewrites by the act', () => {
  it.each([
    [
      'Why didn\u2019t Liam escalate when the error rate doubled?',
      'Escalating when the error rate doubled did not happen, and nothing in the process prompted it.',
    ],
    [
      'The operator acted recklessly by removing the node from the cluster.',
      'The node was removed from the cluster.',
    ],
    [
      'The runbook was ignored by Liam, and the database was dropped at 02:10.',
      'The runbook was ignored and the database was dropped at 02:10.',
    ],
    [
      'Why on earth did Liam restart the primary during peak hours?',
      'The primary was restarted during peak hours.',
    ],
    [
      "Ada's recklessness took down the payment gateway at 09:40.",
      'The payment gateway was taken down at 09:40.',
    ],
    [
      'The networking team is responsible for the outage.',
      'The outage had contributing conditions, which this review describes.',
    ],
    [
      'Ada ignored the runbook and improvised a fix.',
      'The runbook was ignored and a fix was improvised.',
    ],
    [
      'The support lead was too proud to ask for help.',
      'Asking for help did not happen, and nothing in the process prompted it.',
    ],
  ])('rewrites %p', (sentence, rewrite) => {
    const [finding] = check(sentence);
    expect(finding.rewrite).toBe(rewrite);
    expect(check(rewrite)).toEqual([]);
  });

  // The act ends where a coordinated clause with its own subject begins,
  // which stays as it is.
  it.each([
    [
      'Liam carelessly deleted the staging bucket at 16:40, and the nightly export failed at 02:00.',
      'The staging bucket was deleted at 16:40; the nightly export failed at 02:00.',
    ],
    [
      'The SRE on shift never reads the runbook, and this outage is the result.',
      'The runbook was not read; this outage is the result.',
    ],
    [
      'Ada ignored the disk alert; the volume filled up within 30 minutes.',
      'The disk alert was not acted on; the volume filled up within 30 minutes.',
    ],
  ])('rewrites %p up to the next clause', (sentence, rewrite) => {
    const [finding] = check(sentence);
    expect(finding.rewrite).toBe(rewrite);
    expect(check(rewrite)).toEqual([]);
    expect(keepsFacts(sentence, rewrite)).toBe(true);
  });

  it.each([
    'Liam messed things up and the postmortem should say so.',
    'Ada rushed the migration, so the outage is on her.',
    'Liam merged with a red build and the note "trust me, it is fine".',
    'The reviewers have become a rubber stamp, and this outage shows it.',
  ])('makes no rewrite that runs on or keeps blame in %p', sentence => {
    const findings = check(sentence);
    expect(findings.length).toBeGreaterThan(0);
    const rewrite = findings[0].rewrite ?? '';
    expect(check(rewrite)).toEqual([]);
    expect(rewrite).not.toMatch(/postmortem should say so (was|did)/);
    expect(rewrite).not.toMatch(/\b(her|him|trust me|was became)\b/);
  });

  it('offers no rewrite that loses a number or a time', () => {
    expect(keepsFacts('At 02:17 Ada ran v2.4 on 3 hosts.', 'v2.4 ran.')).toBe(
      false,
    );
    expect(
      keepsFacts(
        'At 02:17 Ada ran v2.4 on 3 hosts.',
        'At 02:17 v2.4 ran on 3 hosts.',
      ),
    ).toBe(true);
  });
});
