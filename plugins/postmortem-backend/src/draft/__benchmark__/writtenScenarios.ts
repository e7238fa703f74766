import type {
  ChangeKind,
  SignalKind,
} from '@postmortems/plugin-postmortem-common';
import { random, ref, Scenario } from './scenario';

/**
 * Written scenarios with the shapes that fool proximity-based analysis:
 * decoys closer in time, deep culprits, delayed effects, caller changes,
 * changes between onset and alert, several changes on one service,
 * incidents with no change at all. Each shape runs with several seeds, so
 * timings and noise differ from case to case.
 */
const STEP = 30_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 12, 0, 0);

// web → api → orders → payments → ledger → ledger-db; api → search;
// mobile-bff → api; orders → inventory
const EDGES = [
  ['web', 'api'],
  ['mobile-bff', 'api'],
  ['api', 'orders'],
  ['api', 'search'],
  ['orders', 'payments'],
  ['orders', 'inventory'],
  ['payments', 'ledger'],
  ['ledger', 'ledger-db'],
].map(([from, to]) => ({ from: ref(from), to: ref(to) }));
const SERVICES = [...new Set(EDGES.flatMap(e => [e.from, e.to]))];

type Effect = {
  entity: string;
  signal: SignalKind;
  /** Minutes relative to the alert (negative: before). */
  start: number;
  shape: 'step' | 'ramp';
  /** Multiple of the baseline level at full effect. */
  factor: number;
  /** Minutes a ramp takes to reach full effect. */
  rampMinutes?: number;
  /** Only this caller sees it (its side of the call: network, CPU). */
  observedBy?: string;
};

const LEVEL: Record<SignalKind, number> = {
  errors: 0.004,
  latency: 0.12,
  saturation: 0.35,
  throughput: 200,
};

interface Shape {
  name: string;
  alert: string;
  effects: (r: () => number) => Effect[];
  changes: (r: () => number) => Array<{
    id: string;
    entity: string;
    kind: ChangeKind;
    /** Minutes relative to the alert. */
    at: number;
  }>;
  truth: Scenario['truth'];
  /** Minutes of history before the alert the collector fetches. */
  historyMinutes?: number;
}

/** Impact reaching the alerting entity `lag` minutes after `start`. */
const propagate = (
  chain: string[],
  start: number,
  signal: SignalKind = 'errors',
  lag = 1,
): Effect[] =>
  chain.map((entity, i) => ({
    entity,
    signal: i === 0 ? signal : 'errors',
    start: start + i * lag,
    shape: 'step',
    factor: 12,
  }));

const between = (r: () => number, lo: number, hi: number) =>
  lo + Math.floor(r() * (hi - lo + 1));

const SHAPES: Shape[] = [
  {
    name: 'nearest change is the culprit',
    alert: 'web',
    effects: () => propagate(['orders', 'api', 'web'], -4),
    changes: r => [
      { id: 'culprit', entity: 'orders', kind: 'deployment', at: -5 },
      {
        id: 'decoy',
        entity: 'search',
        kind: 'deployment',
        at: between(r, -60, -20),
      },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'decoy closer in time',
    alert: 'web',
    effects: () => propagate(['payments', 'orders', 'api', 'web'], -12),
    changes: r => [
      { id: 'culprit', entity: 'payments', kind: 'deployment', at: -14 },
      {
        id: 'decoy',
        entity: 'inventory',
        kind: 'deployment',
        at: between(r, -4, -2),
      },
      { id: 'decoy-2', entity: 'search', kind: 'config', at: -6 },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'deep dependency',
    alert: 'web',
    effects: () =>
      propagate(
        ['ledger-db', 'ledger', 'payments', 'orders', 'api', 'web'],
        -10,
      ),
    changes: r => [
      { id: 'culprit', entity: 'ledger-db', kind: 'migration', at: -11 },
      {
        id: 'decoy',
        entity: 'api',
        kind: 'deployment',
        at: between(r, -3, -1),
      },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'delayed effect (leak)',
    alert: 'api',
    historyMinutes: 360,
    effects: r => {
      const leakStart = -between(r, 150, 200);
      return [
        {
          entity: 'payments',
          signal: 'saturation',
          start: leakStart,
          shape: 'ramp',
          factor: 2.6,
          rampMinutes: -leakStart,
        },
        ...propagate(['payments', 'orders', 'api'], -3).slice(0),
      ];
    },
    changes: r => [
      { id: 'culprit', entity: 'payments', kind: 'deployment', at: -205 },
      {
        id: 'decoy',
        entity: 'orders',
        kind: 'deployment',
        at: between(r, -20, -8),
      },
      { id: 'decoy-2', entity: 'inventory', kind: 'deployment', at: -40 },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'hourly batch after a config change',
    alert: 'web',
    historyMinutes: 180,
    effects: () => propagate(['inventory', 'orders', 'api', 'web'], -6),
    changes: r => [
      {
        id: 'culprit',
        entity: 'inventory',
        kind: 'config',
        at: -between(r, 50, 58),
      },
      { id: 'decoy', entity: 'search', kind: 'deployment', at: -9 },
      { id: 'decoy-2', entity: 'ledger', kind: 'deployment', at: -15 },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'caller change (retry storm)',
    alert: 'api',
    effects: () => [
      {
        entity: 'mobile-bff',
        signal: 'throughput',
        start: -9,
        shape: 'step',
        factor: 4,
      },
      {
        entity: 'api',
        signal: 'latency',
        start: -8,
        shape: 'step',
        factor: 15,
      },
      { entity: 'api', signal: 'errors', start: -7, shape: 'step', factor: 12 },
    ],
    changes: r => [
      { id: 'culprit', entity: 'mobile-bff', kind: 'deployment', at: -10 },
      {
        id: 'decoy',
        entity: 'orders',
        kind: 'deployment',
        at: between(r, -6, -3),
      },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'change between onset and alert',
    alert: 'web',
    effects: () => propagate(['orders', 'api', 'web'], -15),
    changes: r => [
      { id: 'culprit', entity: 'orders', kind: 'flag', at: -16 },
      { id: 'decoy', entity: 'api', kind: 'deployment', at: -between(r, 4, 8) },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'several changes on one service',
    alert: 'web',
    effects: () => propagate(['payments', 'orders', 'api', 'web'], -20),
    changes: r => [
      {
        id: 'earlier',
        entity: 'payments',
        kind: 'deployment',
        at: -between(r, 70, 120),
      },
      { id: 'culprit', entity: 'payments', kind: 'deployment', at: -22 },
      { id: 'decoy', entity: 'search', kind: 'deployment', at: -5 },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'culprit older than three hours',
    alert: 'api',
    historyMinutes: 600,
    effects: r => {
      const start = -between(r, 280, 320);
      return [
        {
          entity: 'ledger',
          signal: 'saturation',
          start,
          shape: 'ramp',
          factor: 2.5,
          rampMinutes: -start,
        },
        ...propagate(['ledger', 'payments', 'orders', 'api'], -4),
      ];
    },
    changes: r => [
      { id: 'culprit', entity: 'ledger', kind: 'config', at: -330 },
      {
        id: 'decoy',
        entity: 'orders',
        kind: 'deployment',
        at: -between(r, 10, 30),
      },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'traffic surge, no change',
    alert: 'web',
    effects: () => [
      {
        entity: 'web',
        signal: 'throughput',
        start: -12,
        shape: 'step',
        factor: 3,
      },
      {
        entity: 'api',
        signal: 'throughput',
        start: -12,
        shape: 'step',
        factor: 3,
      },
      {
        entity: 'api',
        signal: 'latency',
        start: -8,
        shape: 'step',
        factor: 10,
      },
      { entity: 'web', signal: 'errors', start: -6, shape: 'step', factor: 12 },
    ],
    changes: r => [
      {
        id: 'decoy',
        entity: 'search',
        kind: 'deployment',
        at: -between(r, 20, 40),
      },
      { id: 'decoy-2', entity: 'orders', kind: 'deployment', at: -3 },
    ],
    truth: { kind: 'surge', entityRef: ref('web') },
  },
  {
    name: 'expired certificate, nothing correlates',
    alert: 'web',
    effects: () => [
      { entity: 'web', signal: 'errors', start: -3, shape: 'step', factor: 40 },
    ],
    changes: r => [
      {
        id: 'decoy',
        entity: 'api',
        kind: 'deployment',
        at: -between(r, 8, 30),
      },
      {
        id: 'decoy-2',
        entity: 'payments',
        kind: 'config',
        at: -between(r, 40, 90),
      },
    ],
    truth: { kind: 'none' },
  },
  {
    name: 'saturated database, no change',
    alert: 'web',
    effects: () => [
      {
        entity: 'ledger-db',
        signal: 'saturation',
        start: -14,
        shape: 'step',
        factor: 2.5,
      },
      ...propagate(['ledger', 'payments', 'orders', 'api', 'web'], -12),
    ],
    changes: r => [
      {
        id: 'decoy',
        entity: 'search',
        kind: 'deployment',
        at: -between(r, 3, 9),
      },
    ],
    truth: { kind: 'origin', entityRef: ref('ledger-db') },
  },
  {
    name: 'slowness only another caller saw',
    alert: 'web',
    effects: r => [
      // A network problem on the mobile BFF's side, well before.
      {
        entity: 'api',
        signal: 'latency',
        start: -between(r, 15, 25),
        shape: 'step',
        factor: 8,
        observedBy: 'mobile-bff',
      },
      ...propagate(['orders', 'api', 'web'], -6),
    ],
    changes: () => [
      { id: 'culprit', entity: 'orders', kind: 'deployment', at: -7 },
      { id: 'decoy', entity: 'mobile-bff', kind: 'deployment', at: -26 },
    ],
    truth: { kind: 'change', changeId: 'culprit' },
  },
  {
    name: 'callee and caller slow in the same sample, no change',
    alert: 'web',
    effects: () => [
      ...propagate(['inventory', 'orders'], -9, 'latency', 0).map(e => ({
        ...e,
        signal: 'latency' as const,
      })),
      ...propagate(['api', 'web'], -8),
    ],
    changes: r => [
      {
        id: 'decoy',
        entity: 'search',
        kind: 'deployment',
        at: -between(r, 20, 40),
      },
    ],
    truth: { kind: 'origin', entityRef: ref('inventory') },
  },
];

function seriesFor(
  entity: string,
  signal: SignalKind,
  effects: Effect[],
  from: number,
  to: number,
  r: () => number,
  viewer?: string,
): Array<[number, number]> {
  const level = LEVEL[signal] * (0.6 + 0.8 * r());
  // Every caller sees the entity's own trouble; one caller's side only
  // that caller.
  const mine = effects.filter(
    e =>
      e.entity === entity &&
      e.signal === signal &&
      (e.observedBy === undefined || e.observedBy === viewer),
  );
  const points: Array<[number, number]> = [];
  for (let t = from; t <= to; t += STEP) {
    let factor = 1;
    for (const e of mine) {
      const start = T0 + e.start * MIN;
      if (t < start) continue;
      const progress =
        e.shape === 'ramp'
          ? Math.min(1, (t - start) / ((e.rampMinutes ?? 30) * MIN))
          : 1;
      factor = Math.max(factor, 1 + (e.factor - 1) * progress);
    }
    const noise = 1 + 0.08 * (r() + r() + r() - 1.5);
    points.push([t, level * factor * noise]);
  }
  return points;
}

export function writtenScenarios(seeds = [1, 2]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const shape of SHAPES) {
    for (const seed of seeds) {
      const r = random(seed * 7919 + shape.name.length);
      const effects = shape.effects(r).map(e => ({
        ...e,
        entity: ref(e.entity),
        observedBy: e.observedBy && ref(e.observedBy),
      }));
      const history = shape.historyMinutes ?? 120;
      const from = T0 - history * MIN;
      const to = T0 + 10 * MIN;
      const series: Scenario['series'] = [];
      for (const entity of SERVICES) {
        for (const signal of Object.keys(LEVEL) as SignalKind[]) {
          series.push({
            entityRef: entity,
            name: signal,
            signal,
            points: seriesFor(entity, signal, effects, from, to, r),
          });
        }
      }
      // Per-edge latency, as a mesh reports it at each caller.
      for (const { from: caller, to: callee } of EDGES) {
        series.push({
          entityRef: callee,
          name: `latency seen by ${caller.replace(/^.*\//, '')}`,
          signal: 'latency',
          observedBy: caller,
          points: seriesFor(callee, 'latency', effects, from, to, r, caller),
        });
      }
      scenarios.push({
        name: `${shape.name} #${seed}`,
        origin: 'written',
        alertEntity: ref(shape.alert),
        edges: EDGES,
        series,
        changes: shape.changes(r).map(c => ({
          id: c.id,
          entityRef: ref(c.entity),
          kind: c.kind,
          occurredAt: T0 + c.at * MIN,
        })),
        detectedAt: T0,
        windowStart: from,
        truth: shape.truth,
      });
    }
  }
  return scenarios;
}
