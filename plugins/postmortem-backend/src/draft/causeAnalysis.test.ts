import type { SignalKind } from '@postmortems/plugin-postmortem-common';
import type { Change } from '../database/PostmortemStore';
import { buildHypotheses, CauseAnalysisInput } from './buildHypotheses';
import {
  atScrapeResolution,
  DEFAULT_ONSET_OPTIONS,
  detectOnset,
  detectOnsets,
  EntitySeries,
} from './detectOnsets';
import { scoreHypotheses } from './scoreHypotheses';

const MIN = 60_000;
const ALERT = Date.UTC(2026, 11, 1, 12, 0);
const ref = (name: string) => `component:default/${name}`;

/** A noisy series, 30 s apart over two hours, stepping up at `onset`. */
function series(
  entity: string,
  signal: SignalKind,
  options: {
    onset?: number;
    factor?: number;
    ramp?: number;
    seed?: number;
  } = {},
): EntitySeries {
  let seed = options.seed ?? entity.length * 31 + signal.length;
  const noise = () => {
    seed = (seed * 16807) % 2147483647;
    return 1 + 0.1 * (seed / 2147483647 - 0.5);
  };
  const points: Array<[number, number]> = [];
  for (let t = ALERT - 120 * MIN; t <= ALERT + 10 * MIN; t += 30_000) {
    let f = 1;
    if (options.onset !== undefined && t >= ALERT + options.onset * MIN) {
      const progress = options.ramp
        ? Math.min(1, (t - ALERT - options.onset * MIN) / (options.ramp * MIN))
        : 1;
      f = 1 + ((options.factor ?? 10) - 1) * progress;
    }
    points.push([t, 0.01 * f * noise()]);
  }
  return {
    entityRef: ref(entity),
    name: signal,
    signal,
    points,
    evidenceKey: `${entity}:${signal}`,
  };
}

const onsetOptions = { ...DEFAULT_ONSET_OPTIONS, latestOnset: ALERT + MIN };

describe('detectOnset', () => {
  it('finds nothing in a flat, noisy series', () => {
    expect(detectOnset(series('a', 'errors'), onsetOptions)).toBeUndefined();
  });

  it('finds a step at its start, with direction and size', () => {
    const onset = detectOnset(
      series('a', 'errors', { onset: -7 }),
      onsetOptions,
    );
    expect(onset).toMatchObject({ direction: 'up' });
    expect(Math.abs(onset!.at - (ALERT - 7 * MIN))).toBeLessThanOrEqual(30_000);
    expect(onset!.peak / onset!.baseline).toBeGreaterThan(8);
  });

  it('takes the baseline from before the deviation, however early it began', () => {
    // Errors began 50 minutes before the alert: a window that starts 30
    // minutes before the alert would call this "normal".
    const onset = detectOnset(
      series('a', 'errors', { onset: -50 }),
      onsetOptions,
    );
    expect(Math.abs(onset!.at - (ALERT - 50 * MIN))).toBeLessThanOrEqual(
      30_000,
    );
  });

  it('dates a slow leak near its start, not where it crossed a line', () => {
    const onset = detectOnset(
      series('a', 'saturation', { onset: -90, factor: 3, ramp: 90 }),
      onsetOptions,
    );
    expect(onset!.at).toBeLessThan(ALERT - 60 * MIN);
  });

  it('does not take a rise that also happened a day earlier for a deviation', () => {
    // A daily batch: the same step at the same time yesterday.
    const today = series('a', 'throughput', { onset: -7, factor: 3 });
    const seasonal = {
      ...today,
      reference: series('a', 'throughput', { onset: -7, factor: 3, seed: 7 })
        .points,
    };
    expect(detectOnset(seasonal, onsetOptions)).toBeUndefined();
    // Yesterday was quiet: today's rise stands.
    const quietYesterday = {
      ...today,
      reference: series('a', 'throughput', { seed: 7 }).points,
    };
    expect(detectOnset(quietYesterday, onsetOptions)).toBeDefined();
  });

  it('does not take a weekly rise for a deviation when yesterday was quiet', () => {
    // Monday's peak: quiet on Sunday, the same step a week ago.
    const today = series('a', 'throughput', { onset: -7, factor: 3 });
    const weekly = {
      ...today,
      reference: series('a', 'throughput', { seed: 7 }).points,
      weekReference: series('a', 'throughput', {
        onset: -7,
        factor: 3,
        seed: 9,
      }).points,
    };
    expect(detectOnset(weekly, onsetOptions)).toBeUndefined();
  });

  it('finds drops as well as rises', () => {
    expect(
      detectOnset(
        series('a', 'throughput', { onset: -5, factor: 0.2 }),
        onsetOptions,
      ),
    ).toMatchObject({ direction: 'down' });
  });

  it('ignores deviations that begin after the alert', () => {
    expect(
      detectOnset(series('a', 'errors', { onset: 5 }), onsetOptions),
    ).toBeUndefined();
  });
});

describe('atScrapeResolution', () => {
  /** What a 15 s range query returns for a series scraped every minute. */
  const queried = (scraped: number[]) =>
    scraped.flatMap((v, i) =>
      [0, 1, 2, 3].map(
        j => [ALERT + (i * 4 + j) * 15_000, v] as [number, number],
      ),
    );

  it('keeps one point per scrape where a finer step repeated it', () => {
    const scraped = [1, 2, 1, 3, 2, 2, 5, 4, 3, 1];
    expect(atScrapeResolution(queried(scraped)).map(([, v]) => v)).toEqual(
      scraped,
    );
  });

  it('keeps a flat stretch at one point per scrape', () => {
    const scraped = [
      ...new Array(20).fill(0),
      ...[0.5, 0.6, 0.4, 0.7, 0.5, 0.6, 0.4, 0.8],
    ];
    expect(atScrapeResolution(queried(scraped))).toHaveLength(28);
  });

  it('keeps one point per scrape when scrape times jitter against the step', () => {
    // Scrapes a second off the grid: some land one step early or late, so
    // runs of 4 copies become 5 and 3 now and then.
    const scraped = [1, 2, 1, 3, 2, 2, 5, 4, 3, 1, 2, 3];
    const points = queried(scraped);
    points[4 * 4][1] = scraped[3]; // scrape 4 landed a step late
    points[7 * 4 + 3][1] = scraped[8]; // scrape 8 landed a step early
    expect(atScrapeResolution(points).map(([, v]) => v)).toEqual(scraped);
  });

  it('leaves a series that steps between a few levels alone', () => {
    // A gauge set by hand: too few runs to tell a scrape interval.
    const points = queried([0.01, 0.01, 0.01, 0.6, 0.6, 0.6]);
    expect(atScrapeResolution(points)).toEqual(points);
  });

  it('leaves a series without copies alone', () => {
    const points = series('a', 'errors').points;
    expect(atScrapeResolution(points)).toEqual(points);
  });

  it('does not take one scrape repeated by the query step for an onset', () => {
    let seed = 7;
    const noise = () => {
      seed = (seed * 16807) % 2147483647;
      return 1 + 0.1 * (seed / 2147483647 - 0.5);
    };
    const scraped = Array.from({ length: 60 }, () => noise());
    scraped[59] = 5; // one bad scrape at the alert
    const points = queried(scraped).map(
      ([t, v]) => [t - 58 * MIN, v] as [number, number],
    );
    expect(
      detectOnset(
        { ...series('a', 'latency'), points },
        { ...onsetOptions, latestOnset: ALERT + MIN },
      ),
    ).toBeUndefined();
  });
});

// web → api → orders → payments; search beside them; bff calls api.
const EDGES = [
  ['web', 'api'],
  ['bff', 'api'],
  ['api', 'orders'],
  ['api', 'search'],
  ['orders', 'payments'],
].map(([from, to]) => ({ from: ref(from), to: ref(to) }));

function change(
  id: string,
  entity: string,
  minutes: number,
  kind: Change['kind'] = 'deployment',
): Change {
  return {
    id,
    source: 'test',
    eventId: id,
    entityRef: ref(entity),
    kind,
    occurredAt: new Date(ALERT + minutes * MIN).toISOString(),
  };
}

function rank(all: EntitySeries[], changes: Change[], alert = 'web') {
  const input: CauseAnalysisInput = {
    alertEntities: [ref(alert)],
    graph: {
      nodes: ['web', 'bff', 'api', 'orders', 'payments', 'search'].map(n => ({
        entityRef: ref(n),
        distance: 0,
      })),
      edges: EDGES,
    },
    onsets: detectOnsets(all, onsetOptions),
    measured: new Set(all.map(s => s.entityRef)),
    changes,
    detectedAt: ALERT,
    lookbackMinutes: 1440,
  };
  const built = buildHypotheses(input);
  return {
    ...built,
    ranked: scoreHypotheses(built.candidates, { halfLifeMinutes: 30 }),
  };
}

const flat = (...entities: string[]) =>
  entities.flatMap(e => [series(e, 'errors'), series(e, 'latency')]);

describe('cause analysis', () => {
  it('prefers the change whose own entity deviated over a closer decoy', () => {
    const { ranked, impactStart, impactFromMetrics } = rank(
      [
        series('payments', 'errors', { onset: -14 }),
        series('orders', 'errors', { onset: -13 }),
        series('api', 'errors', { onset: -12 }),
        series('web', 'errors', { onset: -11 }),
        ...flat('search', 'bff'),
      ],
      [change('culprit', 'payments', -15), change('decoy', 'search', -12.5)],
    );
    expect(ranked[0]).toMatchObject({ kind: 'change', confidence: 'high' });
    expect(ranked[0].change!.id).toBe('culprit');
    expect(ranked[0].path).toEqual(
      ['payments', 'orders', 'api', 'web'].map(ref),
    );
    // Impact start is the alerting entity's onset, not the alert.
    expect(impactFromMetrics).toBe(true);
    expect(Math.abs(impactStart - (ALERT - 11 * MIN))).toBeLessThanOrEqual(
      30_000,
    );
    const decoy = ranked.find(h => h.change?.id === 'decoy')!;
    expect(decoy.facts.own).toBe('flat');
    expect(decoy.confidence).toBe('low');
  });

  it('excludes changes made after the impact began', () => {
    const { ranked } = rank(
      [series('web', 'errors', { onset: -20 }), ...flat('api', 'orders')],
      [change('late', 'api', -5)],
    );
    expect(ranked.some(h => h.change?.id === 'late')).toBe(false);
  });

  it('considers callers: a caller deploy that floods the alerting service', () => {
    const { ranked } = rank(
      [
        series('bff', 'throughput', { onset: -9, factor: 4 }),
        series('api', 'latency', { onset: -8 }),
        ...flat('orders', 'search'),
      ],
      [change('retry-storm', 'bff', -10), change('decoy', 'orders', -4)],
      'api',
    );
    expect(ranked[0].change?.id).toBe('retry-storm');
  });

  it('establishes no cause when nothing but the symptom moved', () => {
    const { ranked } = rank(
      [
        series('web', 'errors', { onset: -3, factor: 40 }),
        ...flat('api', 'orders', 'payments', 'search'),
      ],
      [change('decoy', 'api', -20), change('decoy-2', 'payments', -60)],
    );
    expect(ranked[0].kind).toBe('none');
    expect(ranked[0].probability).toBeGreaterThan(0.8);
  });

  it('names a saturated component as the origin when no change explains it', () => {
    const { ranked } = rank(
      [
        series('payments', 'saturation', { onset: -14, factor: 3 }),
        series('orders', 'errors', { onset: -12 }),
        series('api', 'errors', { onset: -11.5 }),
        series('web', 'errors', { onset: -11 }),
        ...flat('search'),
      ],
      [change('decoy', 'search', -5)],
    );
    expect(ranked[0]).toMatchObject({
      kind: 'origin',
      entityRef: ref('payments'),
    });
  });

  it('without metrics, timing alone stays low confidence', () => {
    const { ranked } = rank([], [change('only', 'orders', -5)]);
    expect(ranked.every(h => h.kind === 'none' || h.confidence === 'low')).toBe(
      true,
    );
  });

  it('does not let a failure that only another caller saw explain a change', () => {
    const seenByBff = {
      ...series('api', 'latency', { onset: -12 }),
      name: 'latency seen by bff',
      observedBy: ref('bff'),
    };
    const { ranked } = rank(
      [seenByBff, series('web', 'errors', { onset: -9 }), ...flat('orders')],
      [change('culprit', 'web', -10)],
    );
    expect(ranked[0].change?.id).toBe('culprit');
    expect(ranked[0].facts.explainedByDependency).toBe(false);
  });

  it("counts calls to a dependency stopping, not getting a little faster, as the change's effect", () => {
    const seenByApi = (factor: number) => ({
      ...series('orders', 'latency', { onset: -9, factor }),
      name: 'latency seen by api',
      observedBy: ref('api'),
    });
    const candidate = (factor: number) =>
      rank(
        [seenByApi(factor), series('web', 'errors', { onset: -8 })],
        [change('suspect', 'api', -10)],
      ).ranked.find(h => h.change?.id === 'suspect')!;
    // A tenth as long: it all but stopped calling orders.
    expect(candidate(0.1).facts.own).toBe('deviated-after');
    // A third faster: everyday variation, not evidence against the change.
    expect(candidate(0.65).facts.own).toBe('unmeasured');
  });

  it('does not let a dependency failure long before explain a change', () => {
    const { ranked } = rank(
      [
        series('api', 'errors', { onset: -40 }),
        series('web', 'errors', { onset: -9 }),
        ...flat('orders'),
      ],
      [change('culprit', 'web', -10)],
    );
    const culprit = ranked.find(h => h.change?.id === 'culprit')!;
    expect(culprit.facts.explainedByDependency).toBe(false);
  });

  it('takes a deviation stamped within a sample before a change as its effect', () => {
    // A sample sums up the interval before it: the change at -10.25 min can
    // be behind the deviation first seen in the sample at -10.5 min.
    const { ranked } = rank(
      [series('orders', 'errors', { onset: -10.5 }), ...flat('web')],
      [change('culprit', 'orders', -10.25)],
    );
    const culprit = ranked.find(h => h.change?.id === 'culprit')!;
    expect(culprit.facts).toMatchObject({
      own: 'deviated-after',
      sameSample: true,
    });
  });

  it('credits a change with a failure after it, though memory crept up before', () => {
    const { ranked } = rank(
      [
        series('orders', 'saturation', { onset: -60, factor: 3, ramp: 40 }),
        series('orders', 'errors', { onset: -9 }),
        series('web', 'errors', { onset: -8 }),
        ...flat('api', 'search'),
      ],
      [change('culprit', 'orders', -10)],
    );
    expect(ranked[0].change?.id).toBe('culprit');
    expect(ranked[0].facts.own).toBe('deviated-after');
  });

  it('blames the callee when it and its caller fail in the same sample', () => {
    const { ranked } = rank(
      [
        series('orders', 'latency', { onset: -12 }),
        series('api', 'latency', { onset: -12 }),
        series('web', 'errors', { onset: -11 }),
        ...flat('search', 'payments'),
      ],
      [],
    );
    expect(ranked[0]).toMatchObject({
      kind: 'origin',
      entityRef: ref('orders'),
    });
    const api = ranked.find(h => h.entityRef === ref('api'))!;
    expect(api.facts.dependencyFailedTogether).toBe(true);
  });

  it('does not name a component whose failure stopped at a caller that stayed healthy', () => {
    const { ranked } = rank(
      [
        series('payments', 'errors', { onset: -14 }),
        ...flat('orders', 'api'),
        series('web', 'errors', { onset: -11 }),
      ],
      [],
    );
    const payments = ranked.find(h => h.entityRef === ref('payments'))!;
    expect(payments.facts.connected).toBe(false);
    expect(ranked[0].kind).toBe('none');
  });

  it('gives probabilities that add up to one', () => {
    const { ranked } = rank(
      [series('orders', 'errors', { onset: -5 }), ...flat('web')],
      [change('a', 'orders', -6), change('b', 'search', -2)],
    );
    expect(ranked.reduce((a, h) => a + h.probability, 0)).toBeCloseTo(1, 6);
  });
});
