import { Change } from '../database/PostmortemStore';
import { rankHypotheses } from './rankHypotheses';

const change = (id: string, entityRef: string, occurredAt: string): Change => ({
  id,
  source: 'changes',
  eventId: id,
  entityRef,
  kind: 'deployment',
  occurredAt,
});

const distances = new Map([
  ['component:default/checkout-service', 0],
  ['component:default/payments-service', 1],
  ['resource:default/orders-db', 2],
]);
const impact = new Date('2026-11-20T10:00:00Z');
const options = { halfLifeMinutes: 30, graceMinutes: 2 };

describe('rankHypotheses', () => {
  it('prefers recent changes close in the dependency graph', () => {
    const ranked = rankHypotheses(
      [
        change(
          'old-direct',
          'component:default/checkout-service',
          '2026-11-20T08:00:00Z',
        ),
        change(
          'recent-dependency',
          'component:default/payments-service',
          '2026-11-20T09:55:00Z',
        ),
        change(
          'recent-far',
          'resource:default/orders-db',
          '2026-11-20T09:56:00Z',
        ),
      ],
      distances,
      impact,
      options,
    );
    expect(ranked.map(h => h.change.id)).toEqual([
      'recent-dependency',
      'recent-far',
      'old-direct',
    ]);
    expect(ranked[0].score).toBeCloseTo(Math.pow(2, -5 / 30) / 2, 6);
  });

  it('ignores changes after impact start (beyond the grace) and unrelated entities', () => {
    const ranked = rankHypotheses(
      [
        change(
          'after',
          'component:default/checkout-service',
          '2026-11-20T10:10:00Z',
        ),
        change(
          'skew',
          'component:default/checkout-service',
          '2026-11-20T10:01:00Z',
        ),
        change(
          'unrelated',
          'component:default/label-service',
          '2026-11-20T09:59:00Z',
        ),
      ],
      distances,
      impact,
      options,
    );
    expect(ranked.map(h => h.change.id)).toEqual(['skew']);
  });
});
