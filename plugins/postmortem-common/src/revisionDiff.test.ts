import { diffLines, diffSnapshots, PostmortemSnapshot } from './revisionDiff';

const base: PostmortemSnapshot = {
  stage: 'draft',
  visibility: 'normal',
  roles: { technicalOwners: [], reviewers: [], contributors: [] },
  narrative: { summary: 'a\nb\nc' },
  attachments: [],
  timeline: [],
  causes: [],
  remediation: [],
};

describe('diffLines', () => {
  it('keeps common lines and marks the rest', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'delete', text: 'b' },
      { op: 'insert', text: 'x' },
      { op: 'equal', text: 'c' },
      { op: 'insert', text: 'd' },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffLines('', 'a')).toEqual([{ op: 'insert', text: 'a' }]);
    expect(diffLines('a', '')).toEqual([{ op: 'delete', text: 'a' }]);
    expect(diffLines('', '')).toEqual([]);
  });
});

describe('diffSnapshots', () => {
  it('returns only the sections that changed', () => {
    const after: PostmortemSnapshot = {
      ...base,
      stage: 'investigation',
      narrative: {
        summary: 'a\nb\nc',
        impact: 'Checkout failed for 12 minutes',
      },
      causes: [
        { type: 'direct', status: 'supported', statement: 'Bad deploy' },
      ],
    };
    const diff = diffSnapshots(base, after);
    expect(diff.map(d => d.section)).toEqual(['stage', 'impact', 'causes']);
    expect(diff[1]).toEqual({
      section: 'impact',
      before: '',
      after: 'Checkout failed for 12 minutes',
      lines: [{ op: 'insert', text: 'Checkout failed for 12 minutes' }],
    });
    expect(diff[2].after).toBe('[direct/supported] Bad deploy');
  });

  it('finds nothing between equal snapshots', () => {
    expect(diffSnapshots(base, { ...base })).toEqual([]);
  });
});
