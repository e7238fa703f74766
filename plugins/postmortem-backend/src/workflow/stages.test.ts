import { classifyTransition } from './stages';
import {
  addBusinessDays,
  deadlinesFor,
  DEFAULT_DEADLINE_POLICY,
} from './deadlines';

describe('classifyTransition', () => {
  it.each([
    ['draft', 'investigation', 'advance'],
    ['draft', 'in_review', 'advance'],
    ['in_review', 'approved', 'approve'],
    ['in_review', 'cause_analysis', 'send_back'],
    ['approved', 'published', 'publish'],
    ['published', 'investigation', 'reopen'],
    ['approved', 'investigation', 'reopen'],
  ] as const)('%s to %s is %s', (from, to, kind) => {
    expect(classifyTransition(from, to)).toBe(kind);
  });

  it.each([
    ['draft', 'approved'],
    ['draft', 'published'],
    ['investigation', 'draft'],
    ['published', 'draft'],
    ['draft', 'draft'],
  ] as const)('refuses %s to %s', (from, to) => {
    expect(classifyTransition(from, to)).toHaveProperty('refused');
  });
});

describe('deadlines', () => {
  it('counts business days only', () => {
    // Friday 2026-11-20 + 1 business day = Monday 2026-11-23.
    expect(
      addBusinessDays(new Date('2026-11-20T10:00:00Z'), 1).toISOString(),
    ).toBe('2026-11-23T10:00:00.000Z');
    expect(
      addBusinessDays(new Date('2026-11-23T10:00:00Z'), 5).toISOString(),
    ).toBe('2026-11-30T10:00:00.000Z');
  });

  it('follows the policy for the severity', () => {
    expect(
      deadlinesFor(DEFAULT_DEADLINE_POLICY, 'SEV1', '2026-11-20T10:00:00Z'),
    ).toEqual({
      draft: '2026-11-23T10:00:00.000Z',
      in_review: '2026-11-25T10:00:00.000Z',
      published: '2026-11-27T10:00:00.000Z',
    });
  });

  it('lets the incident commander sign a light postmortem off from a working stage', () => {
    expect(classifyTransition('draft', 'published', 'incident_commander')).toBe(
      'sign_off',
    );
    expect(
      classifyTransition(
        'remediation_planning',
        'published',
        'incident_commander',
      ),
    ).toBe('sign_off');
    expect(
      classifyTransition('cause_analysis', 'in_review', 'incident_commander'),
    ).toEqual({
      refused: expect.stringMatching(/sign-off, without in review/),
    });
    expect(
      classifyTransition('published', 'investigation', 'incident_commander'),
    ).toBe('reopen');
    expect(classifyTransition('draft', 'published')).toEqual({
      refused: expect.stringMatching(/cannot move/),
    });
  });
});
