import fc from 'fast-check';
import { applyDelta, diffJson, replayDeltas } from './revisionDelta';

const snapshot = {
  stage: 'draft',
  narrative: { summary: 'Checkout failed', impact: 'Orders lost' },
  timeline: [
    { occurredAt: '2026-12-01T10:00:00.000Z', text: 'Alert fired' },
    { occurredAt: '2026-12-01T10:05:00.000Z', text: 'Rolled back' },
  ],
  remediation: [
    { title: 'Add a canary', status: 'open', priority: 6 },
    { title: 'Alert on queue depth', status: 'open', priority: 4 },
  ],
};

describe('revision deltas', () => {
  it('records a field edit of one array item as that field alone', () => {
    const after = structuredClone(snapshot);
    after.remediation[1].status = 'done';
    const delta = diffJson(snapshot, after);
    expect(delta).toEqual([[['remediation', 1, 'status'], 'done']]);
    expect(applyDelta(snapshot, delta)).toEqual(after);
  });

  it('records an added timeline entry as one splice, not the whole timeline', () => {
    const entry = { occurredAt: '2026-12-01T10:02:00.000Z', text: 'Paged' };
    const after = structuredClone(snapshot);
    after.timeline.splice(1, 0, entry);
    expect(diffJson(snapshot, after)).toEqual([[['timeline'], 1, 0, [entry]]]);
  });

  it('records removed keys and leaves the value it was applied to alone', () => {
    const after = structuredClone(snapshot) as any;
    delete after.narrative.impact;
    const delta = diffJson(snapshot, after);
    expect(delta).toEqual([[['narrative', 'impact']]]);
    expect(applyDelta(snapshot, delta)).toEqual(after);
    expect(snapshot.narrative.impact).toBe('Orders lost');
  });

  it('starts a chain with the whole first value', () => {
    expect(diffJson(undefined, snapshot)).toEqual([[[], snapshot]]);
    expect(replayDeltas([diffJson(undefined, snapshot)])).toEqual(snapshot);
  });

  it('replays any chain of JSON values back to each of them', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map(v =>
      // JSON as the store keeps it: through a string and back (no -0).
      JSON.parse(JSON.stringify(v)),
    );
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 5 }), values => {
        const deltas = values.map((v, i) =>
          diffJson(i === 0 ? undefined : values[i - 1], v),
        );
        values.forEach((value, i) => {
          const replayed = replayDeltas(
            deltas.slice(0, i + 1).map(d => JSON.parse(JSON.stringify(d))),
          );
          expect(replayed).toEqual(value);
        });
      }),
      { numRuns: 300 },
    );
  });
});
