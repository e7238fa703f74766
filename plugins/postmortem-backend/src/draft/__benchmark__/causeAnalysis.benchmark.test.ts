import { hasBinary } from '@postmortems/plugin-postmortem-node/testUtils';
import { loadNezhaScenarios, nezhaAvailable } from './nezha';
import { writtenScenarios } from './writtenScenarios';
import {
  analyse,
  describeOutcome,
  inMemorySeries,
  judge,
  Outcome,
  report,
} from './evaluate';
import { shifted, startPrometheusWith } from './viaPrometheus';
import type { Scenario } from './scenario';
import type { EntitySeries } from '../detectOnsets';

// Runs on demand (scripts/benchmark-causes.sh), not in `./run test`.
const describeBenchmark =
  process.env.POSTMORTEM_BENCHMARK === 'causes' ? describe : describe.skip;

jest.setTimeout(900_000);

const DAY = 86_400_000;

describeBenchmark('cause analysis benchmark', () => {
  it('ranks culprits from evidence', async () => {
    const all = [
      // POSTMORTEM_BENCHMARK_SEEDS=3,4,5 plays the written shapes with
      // other timings and noise than the default two.
      ...writtenScenarios(
        process.env.POSTMORTEM_BENCHMARK_SEEDS?.split(',').map(Number),
      ),
      ...(nezhaAvailable() ? loadNezhaScenarios() : []),
    ];
    // Through a real Prometheus unless asked for the quick in-memory run.
    const viaPrometheus =
      process.env.POSTMORTEM_BENCHMARK_SOURCE !== 'memory' &&
      hasBinary('prometheus') &&
      hasBinary('promtool');
    let outcomes: Outcome[];
    // Time of the analysis steps alone (onsets, hypotheses, scores).
    const analysisMs: number[] = [];
    let points = 0;
    const timed = (s: Scenario, series: EntitySeries[]) => {
      const started = performance.now();
      const ranked = analyse(s, series);
      analysisMs.push(performance.now() - started);
      points += series.reduce((n, x) => n + x.points.length, 0);
      return judge(s, ranked);
    };
    if (viaPrometheus) {
      // Into a recent window: each set's newest incident two days ago.
      const offset = (origin: string) => {
        const newest = Math.max(
          ...all.filter(s => s.origin === origin).map(s => s.detectedAt),
        );
        return Math.floor((Date.now() - 2 * DAY - newest) / 60_000) * 60_000;
      };
      const scenarios = all.map(s => shifted(s, offset(s.origin)));
      const prometheus = await startPrometheusWith(scenarios);
      try {
        outcomes = [];
        for (const [i, s] of scenarios.entries()) {
          outcomes.push(timed(s, await prometheus.read(s, i)));
        }
      } finally {
        await prometheus.stop();
      }
    } else {
      outcomes = all.map(s => timed(s, inMemorySeries(s)));
    }
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    // eslint-disable-next-line no-console
    console.log(
      `${outcomes.map(describeOutcome).join('\n')}\n\nSeries read ${
        viaPrometheus
          ? 'through a real Prometheus (promtool backfill)'
          : 'in memory'
      }; analysis ${(
        analysisMs.reduce((a, b) => a + b, 0) / analysisMs.length
      ).toFixed(0)} ms a scenario on average, ${Math.max(...analysisMs).toFixed(
        0,
      )} ms at most (${Math.round(
        points / analysisMs.length,
      )} points a scenario)\n\n${report(outcomes)}`,
    );
  });
});
