// The benchmark reads series the way the product does, with its collector.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { PrometheusEvidenceCollector } from '@postmortems/plugin-postmortem-backend-module-prometheus';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  freePort,
  startProcess,
  tempDir,
  waitFor,
} from '@postmortems/plugin-postmortem-node/testUtils';
import type { EntitySeries } from '../detectOnsets';
import type { Scenario } from './scenario';

const MIN = 60_000;

/** Moves a scenario in time, so that its data sits in a recent window. */
export function shifted(scenario: Scenario, offsetMs: number): Scenario {
  return {
    ...scenario,
    series: scenario.series.map(s => ({
      ...s,
      points: s.points.map(([t, v]) => [t + offsetMs, v] as [number, number]),
    })),
    changes: scenario.changes.map(c => ({
      ...c,
      occurredAt: c.occurredAt + offsetMs,
    })),
    detectedAt: scenario.detectedAt + offsetMs,
    windowStart: scenario.windowStart + offsetMs,
  };
}

/**
 * Where the range query starts: at the window's first row of every series.
 * Prometheus answers each step with the newest sample of the five minutes
 * before it, so a query from `windowStart` itself would open with the last
 * row before the window (in the labelled faults, the tail of the previous
 * fault), which the as-recorded window leaves out.
 */
function firstRowOf(scenario: Scenario): number {
  let first = scenario.windowStart;
  for (const s of scenario.series) {
    let own = Infinity;
    for (const [t] of s.points) {
      if (t >= scenario.windowStart && t < own) own = t;
    }
    if (own !== Infinity) first = Math.max(first, own);
  }
  return first;
}

const label = (v: string) => v.replace(/["\\\n]/g, '_');
const EDGE = 'latency seen by caller';

/**
 * Backfills every scenario's series into a real Prometheus (promtool's
 * OpenMetrics import), starts it, and reads the series back through the
 * product's Prometheus collector, as a draft would.
 */
export async function startPrometheusWith(scenarios: Scenario[]) {
  const dir = tempDir('postmortem-bench-');
  const file = path.join(dir, 'series.om');
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '# TYPE bench_value gauge\n');
  const written = new Set<string>();
  for (const [i, scenario] of scenarios.entries()) {
    // Scenarios from one study share their series: write those once.
    const group = scenario.origin === 'nezha' ? 'nezha' : `s${i}`;
    for (const s of scenario.series) {
      const key = `${group}|${s.entityRef}|${s.name}`;
      if (written.has(key)) continue;
      written.add(key);
      // Per-edge series are one metric with a label naming the caller, as
      // a mesh reports them.
      const labels = s.observedBy
        ? `entity="${label(`${group}/${s.entityRef}`)}",name="${EDGE}",` +
          `caller="${label(`${group}/${s.observedBy}`)}"`
        : `entity="${label(`${group}/${s.entityRef}`)}",name="${label(
            s.name,
          )}"`;
      let chunk = '';
      for (const [t, v] of s.points) {
        chunk += `bench_value{${labels}} ${v} ${(t / 1000).toFixed(3)}\n`;
      }
      fs.writeSync(out, chunk);
    }
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
  const tsdb = path.join(dir, 'tsdb');
  execFileSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb],
    { stdio: 'ignore' },
  );
  fs.rmSync(file);
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global: {}\n');
  const port = await freePort();
  const prometheus = startProcess('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${tsdb}`,
    '--storage.tsdb.retention.time=10y',
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    'Prometheus to load the backfilled blocks',
    async () => {
      const res = await fetch(
        `${baseUrl}/api/v1/query?query=count(bench_value)`,
      );
      return res.ok ? true : undefined;
    },
    60_000,
    prometheus.output,
  );

  /** The scenario's series as the product's collector reads them. */
  const read = async (
    scenario: Scenario,
    index: number,
  ): Promise<EntitySeries[]> => {
    const group = scenario.origin === 'nezha' ? 'nezha' : `s${index}`;
    const own = scenario.series.filter(s => !s.observedBy);
    const names = [...new Set(own.map(s => s.name))];
    const signalOf = new Map(own.map(s => [s.name, s.signal]));
    const edges = scenario.series.some(s => s.observedBy);
    const step = scenario.origin === 'nezha' ? 15 : 30;
    const collector = new PrometheusEvidenceCollector({
      baseUrl,
      queries: [
        ...names.map(name => ({
          name,
          query: `bench_value{entity="$value",name="${label(name)}"}`,
          signal: signalOf.get(name)!,
        })),
        ...(edges
          ? [
              {
                name: EDGE,
                query: `bench_value{entity="$value",name="${EDGE}"}`,
                signal: 'latency' as const,
                callerLabel: 'caller',
              },
            ]
          : []),
      ],
      entityAnnotation: 'postmortem.io/alert-service',
      maxDistance: 10,
      stepSeconds: step,
      maxPoints: 1000,
      seasonalReference: true,
    });
    const entities = [...new Set(scenario.series.map(s => s.entityRef))];
    const items = await collector.collect({
      incidentId: scenario.name,
      humanId: scenario.name,
      entities: entities.map(entityRef => ({
        entityRef,
        distance: 0,
        annotations: {
          'postmortem.io/alert-service': `${group}/${entityRef}`,
        },
      })),
      from: new Date(firstRowOf(scenario)),
      to: new Date(scenario.detectedAt + 6 * MIN),
      labels: {},
    });
    return items.flatMap(item =>
      (item.series ?? []).map(s => ({
        ...s,
        entityRef: item.entityRef!,
        evidenceKey: `${item.entityRef}:${s.name}`,
      })),
    );
  };
  return { read, stop: prometheus.stop };
}
