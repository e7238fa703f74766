import type { Change } from '../../database/PostmortemStore';
import { buildHypotheses } from '../buildHypotheses';
import {
  DEFAULT_ONSET_OPTIONS,
  detectOnsets,
  EntitySeries,
} from '../detectOnsets';
import { ScoredHypothesis, scoreHypotheses } from '../scoreHypotheses';
import { CAUSE_ANALYSIS_DEFAULTS } from '../analysisSettings';
import type { Scenario } from './scenario';

/** Runs the draft's analysis steps on a scenario's series. */
export function analyse(
  scenario: Scenario,
  series: EntitySeries[],
): ScoredHypothesis[] {
  const settings = CAUSE_ANALYSIS_DEFAULTS;
  const onsets = detectOnsets(series, {
    ...DEFAULT_ONSET_OPTIONS,
    latestOnset: scenario.detectedAt + settings.onsetGraceMinutes * 60_000,
  });
  const changes: Change[] = scenario.changes.map(c => ({
    id: c.id,
    source: 'benchmark',
    eventId: c.id,
    entityRef: c.entityRef,
    kind: c.kind,
    occurredAt: new Date(c.occurredAt).toISOString(),
  }));
  const nodes = [...new Set(scenario.edges.flatMap(e => [e.from, e.to]))].map(
    entityRef => ({ entityRef, distance: 0 }),
  );
  const { candidates } = buildHypotheses({
    alertEntities: [scenario.alertEntity],
    graph: { nodes, edges: scenario.edges },
    onsets,
    measured: new Set(series.map(s => s.entityRef)),
    changes,
    detectedAt: scenario.detectedAt,
    lookbackMinutes: settings.changeLookbackMinutes,
  });
  return scoreHypotheses(candidates, {
    halfLifeMinutes: settings.hypothesisHalfLifeMinutes,
  });
}

/** What the collector would fetch: the window up to a few minutes after the alert. */
export const inMemorySeries = (scenario: Scenario): EntitySeries[] =>
  scenario.series.map(s => ({
    ...s,
    points: s.points.filter(
      ([t]) =>
        t >= scenario.windowStart && t <= scenario.detectedAt + 6 * 60_000,
    ),
    evidenceKey: `${s.entityRef}:${s.name}`,
  }));

const isRight = (h: ScoredHypothesis | undefined, truth: Scenario['truth']) =>
  !!h &&
  h.kind === truth.kind &&
  (truth.changeId === undefined || h.change?.id === truth.changeId) &&
  (truth.entityRef === undefined || h.entityRef === truth.entityRef);

export interface Outcome {
  scenario: Scenario;
  ranked: ScoredHypothesis[];
  right: boolean;
  rightAt3: boolean;
}

export function judge(scenario: Scenario, ranked: ScoredHypothesis[]): Outcome {
  return {
    scenario,
    ranked,
    right: isRight(ranked[0], scenario.truth),
    rightAt3: ranked.slice(0, 3).some(h => isRight(h, scenario.truth)),
  };
}

/** The naive baselines the issue compares against. */
export function baselines(scenario: Scenario) {
  const before = scenario.changes
    .filter(c => c.occurredAt <= scenario.detectedAt)
    .sort((a, b) => b.occurredAt - a.occurredAt);
  const downstream = new Set([scenario.alertEntity]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of scenario.edges) {
      if (downstream.has(e.from) && !downstream.has(e.to)) {
        downstream.add(e.to);
        grew = true;
      }
    }
  }
  return {
    latest: before[0]?.id,
    latestDownstream: before.find(c => downstream.has(c.entityRef))?.id,
  };
}

const pct = (n: number, d: number) =>
  d ? `${((100 * n) / d).toFixed(0)} % (${n}/${d})` : 'n/a';

/** The table the benchmark prints. */
export function report(outcomes: Outcome[]): string {
  const rows: string[][] = [];
  for (const origin of ['written', 'nezha'] as const) {
    const mine = outcomes.filter(o => o.scenario.origin === origin);
    if (!mine.length) continue;
    const change = mine.filter(o => o.scenario.truth.kind === 'change');
    const origins = mine.filter(o => o.scenario.truth.kind === 'origin');
    const other = mine.filter(o =>
      ['none', 'surge'].includes(o.scenario.truth.kind),
    );
    const highs = mine.filter(o => o.ranked[0]?.confidence === 'high');
    const base = change.map(o => baselines(o.scenario));
    rows.push(
      [
        origin,
        'change culprit precision@1',
        pct(change.filter(o => o.right).length, change.length),
      ],
      [
        origin,
        'change culprit precision@3',
        pct(change.filter(o => o.rightAt3).length, change.length),
      ],
      [
        origin,
        'baseline: latest change before the alert',
        pct(
          base.filter((b, i) => b.latest === change[i].scenario.truth.changeId)
            .length,
          change.length,
        ),
      ],
      [
        origin,
        'baseline: latest change on the alerting entity or its dependencies',
        pct(
          base.filter(
            (b, i) => b.latestDownstream === change[i].scenario.truth.changeId,
          ).length,
          change.length,
        ),
      ],
      [
        origin,
        'no-change fault: injected component is the top origin',
        pct(origins.filter(o => o.right).length, origins.length),
      ],
      [
        origin,
        'surge / no cause established named as such',
        pct(other.filter(o => o.right).length, other.length),
      ],
      [
        origin,
        'calibration: high-confidence tops that are right',
        pct(highs.filter(o => o.right).length, highs.length),
      ],
      [
        origin,
        'share of tops with high confidence',
        pct(highs.length, mine.length),
      ],
    );
  }
  const width = [8, 68, 16];
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  return [
    line(['set', 'measure', 'result']),
    line(width.map(w => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

export function describeOutcome(o: Outcome): string {
  const top = o.ranked[0];
  const what = (h?: ScoredHypothesis) =>
    h
      ? `${h.kind}${h.change ? `:${h.change.id}` : ''}@${h.entityRef.replace(
          'component:default/',
          '',
        )} ${h.probability.toFixed(2)} ${h.confidence}`
      : 'nothing';
  const line = `${o.right ? 'ok  ' : 'MISS'} ${o.scenario.name}: top ${what(
    top,
  )}; then ${o.ranked.slice(1, 3).map(what).join(', ')}`;
  if (o.right || !process.env.POSTMORTEM_BENCHMARK_VERBOSE) return line;
  // Why it went wrong: the facts and deviations behind the first three.
  const at = (t: number) =>
    `${((t - o.scenario.detectedAt) / 1000).toFixed(0)}s`;
  return [
    line,
    ...o.ranked
      .slice(0, 3)
      .map(
        h =>
          `      ${what(h)} ${JSON.stringify(h.facts)} own: ${h.own
            .map(
              x =>
                `${x.name} ${x.direction} at ${at(x.at)} z${x.robustZ.toFixed(
                  0,
                )}`,
            )
            .join(', ')}`,
      ),
  ].join('\n');
}
