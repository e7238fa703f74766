import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import type { SignalKind } from '@postmortems/plugin-postmortem-common';
import { random, ref, Scenario } from './scenario';

/**
 * The labelled faults of the Nezha study (Online Boutique, 2022-08-22) as
 * benchmark scenarios. Code faults (`return`, `exception`) stand in as a
 * deployment of the faulty service among decoy deployments of healthy
 * services, one of them closer to the alert; resource faults have no
 * change at all and their injected component is the expected origin.
 */
export const NEZHA_DIR =
  process.env.POSTMORTEM_NEZHA_DIR ??
  path.resolve(
    resolvePackagePath('@postmortems/plugin-postmortem-backend'),
    '../../../shared/datasets/nezha-online-boutique-2022-08-22',
  );

/** Per-pod columns and what they measure. */
const POD_COLUMNS: Array<{
  column: string;
  name: string;
  signal: SignalKind;
  map?: (v: number) => number;
}> = [
  { column: 'CpuUsageRate(%)', name: 'cpu', signal: 'saturation' },
  { column: 'MemoryUsageRate(%)', name: 'memory', signal: 'saturation' },
  { column: 'PodServerLatencyP90(s)', name: 'latency p90', signal: 'latency' },
  {
    column: 'PodSuccessRate(%)',
    name: 'error ratio',
    signal: 'errors',
    map: v => (100 - v) / 100,
  },
  { column: 'PodWorkload(Ops)', name: 'requests', signal: 'throughput' },
];

function readCsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map(l => l.split(','));
  return lines.map(cells =>
    Object.fromEntries(header.map((h, i) => [h, cells[i]])),
  );
}

/**
 * When a row's minute ended. A row sums up the minute that starts at its
 * `Time`: in 9 of the 24 faults the injected service's first deviating
 * row is stamped up to 50 s before the injection. Prometheus stamps a
 * rate at the end of its window, so each row moves to its minute's end.
 * The `TimeStamp` column of adservice is 200,000,000 s off in this
 * artifact; the text is right.
 */
const ROW_MS = 60_000;
const endOf = (time: string) =>
  Date.parse(`${time.slice(0, 19).replace(' ', 'T')}Z`) + ROW_MS;
const timeOf = (row: Record<string, string>) => endOf(row.Time);

const serviceOf = (pod: string) => pod.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');

export function nezhaAvailable() {
  return fs.existsSync(path.join(NEZHA_DIR, 'fault_list.json'));
}

export function loadNezhaScenarios(): Scenario[] {
  const metricDir = path.join(NEZHA_DIR, 'metric');
  const faults = Object.values(
    JSON.parse(
      fs.readFileSync(path.join(NEZHA_DIR, 'fault_list.json'), 'utf8'),
    ) as Record<
      string,
      Array<{
        inject_timestamp: string;
        inject_pod: string;
        inject_type: string;
      }>
    >,
  )
    .flat()
    .map(f => ({
      at: Number(f.inject_timestamp) * 1000,
      service: serviceOf(f.inject_pod),
      type: f.inject_type,
    }))
    .sort((a, b) => a.at - b.at);

  const edges = readCsv(path.join(metricDir, 'dependency.csv'))
    .filter(r => !/^\d/.test(r.Target) && r.Source !== 'loadgenerator')
    .map(r => ({ from: ref(r.Source), to: ref(r.Target) }));

  const series: Scenario['series'] = [];
  for (const file of fs.readdirSync(metricDir)) {
    if (!file.endsWith('_metric.csv')) continue;
    const rows = readCsv(path.join(metricDir, file));
    const entityRef = ref(serviceOf(rows[0].PodName));
    for (const c of POD_COLUMNS) {
      series.push({
        entityRef,
        name: c.name,
        signal: c.signal,
        points: rows.map(r => [
          timeOf(r),
          (c.map ?? (v => v))(Number(r[c.column])),
        ]),
      });
    }
  }
  const front = readCsv(path.join(metricDir, 'front_service.csv'));
  series.push(
    {
      entityRef: ref('frontend'),
      name: 'slo error ratio',
      signal: 'errors',
      points: front.map(r => [
        timeOf(r),
        (100 - Number(r['SuccessRate(%)'])) / 100,
      ]),
    },
    {
      entityRef: ref('frontend'),
      name: 'slo latency p90',
      signal: 'latency',
      points: front.map(r => [timeOf(r), Number(r['LatencyP90(s)'])]),
    },
  );

  // Per-edge latency measured at the caller (source_50.csv, a column per
  // caller_callee): the callee's latency as its callers feel it, network
  // included, the way a mesh metric with reporter="source" is queried per
  // destination service.
  const edgeLatency = readCsv(path.join(metricDir, 'source_50.csv'));
  for (const column of Object.keys(edgeLatency[0] ?? {})) {
    const [caller, callee] = column.split('_');
    if (!callee) continue;
    series.push({
      entityRef: ref(callee),
      name: `latency seen by ${caller}`,
      signal: 'latency',
      observedBy: ref(caller),
      points: edgeLatency.map(r => [endOf(r.time), Number(r[column])]),
    });
  }

  const services = [...new Set(edges.flatMap(e => [e.from, e.to]))].sort();
  return faults.map((fault, i) => {
    // The window starts once the previous fault has worn off (faults last
    // about three minutes) and ends before the next one.
    const previous = faults[i - 1]?.at ?? fault.at - 30 * 60_000;
    const windowStart = Math.max(
      previous + 4 * 60_000 + ROW_MS,
      fault.at - 30 * 60_000,
    );
    // Two minutes of data after the injection, as rows are stamped.
    const detectedAt = fault.at + 2 * 60_000 + ROW_MS;
    const isCode = fault.type === 'return' || fault.type === 'exception';
    const culprit = ref(fault.service);
    const rand = random(i + 1);
    const healthy = services.filter(s => s !== culprit);
    const pick = () => healthy[Math.floor(rand() * healthy.length)];
    const changes: Scenario['changes'] = isCode
      ? [
          {
            id: 'culprit',
            entityRef: culprit,
            kind: 'deployment',
            occurredAt: fault.at,
          },
          // Decoys: one between the fault and the alert, one before it.
          {
            id: 'decoy-near',
            entityRef: pick(),
            kind: 'deployment',
            occurredAt: fault.at + 40_000,
          },
          {
            id: 'decoy-far',
            entityRef: pick(),
            kind: 'deployment',
            occurredAt: fault.at - 90_000,
          },
        ]
      : [];
    return {
      name: `nezha ${new Date(fault.at).toISOString().slice(11, 16)} ${
        fault.type
      } ${fault.service}`,
      origin: 'nezha' as const,
      alertEntity: ref('frontend'),
      edges,
      // The whole day: the window is where the collector reads from.
      series,
      changes,
      detectedAt,
      windowStart,
      truth: isCode
        ? { kind: 'change' as const, changeId: 'culprit' }
        : { kind: 'origin' as const, entityRef: culprit },
    };
  });
}
