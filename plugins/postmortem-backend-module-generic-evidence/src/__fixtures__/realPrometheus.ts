// Helpers for real peers (free ports, processes, waiting).
import * as peers from '@postmortems/plugin-postmortem-node/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHECKOUT_ONSET, FROM, PAYMENTS_ONSET, TO } from './vendorServer';

export const { hasBinary } = peers;

/** The metric the worked Prometheus query reads, per service. */
export const ERROR_RATIO_QUERY = 'http_error_ratio{service="$value"}';

/**
 * A real Prometheus (Debian's `prometheus`) holding the scenario's error
 * ratios: every 15 s from the start of the window, 1 % until each
 * service's onset and 40 % after, backfilled with `promtool tsdb
 * create-blocks-from openmetrics` since the scenario lies in the past.
 */
export async function startRealPrometheus(): Promise<{
  baseUrl: string;
  stop: () => Promise<unknown>;
}> {
  const dir = peers.tempDir('generic-evidence-prometheus-');
  const file = path.join(dir, 'series.om');
  const lines = ['# TYPE http_error_ratio gauge'];
  for (const [service, onset] of [
    ['checkout-service', CHECKOUT_ONSET],
    ['payments-service', PAYMENTS_ONSET],
  ] as const) {
    for (let t = FROM - 30 * 60_000; t <= TO; t += 15_000) {
      const wobble = ((t / 15_000) % 5) * 0.001;
      const value = (t >= onset ? 0.4 : 0.01) + wobble;
      lines.push(
        `http_error_ratio{service="${service}"} ${value.toFixed(3)} ${
          t / 1000
        }`,
      );
    }
  }
  lines.push('# EOF', '');
  fs.writeFileSync(file, lines.join('\n'));
  const tsdb = path.join(dir, 'tsdb');
  execFileSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb],
    { stdio: 'pipe' },
  );
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global: {}\n');
  const port = await peers.freePort();
  const prometheus = peers.startProcess('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${tsdb}`,
    // The scenario is months old: keep what was backfilled.
    '--storage.tsdb.retention.time=10y',
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const at = TO / 1000;
  await peers.waitFor(
    'Prometheus to load the backfilled blocks',
    async () => {
      const res = await fetch(
        `${baseUrl}/api/v1/query?query=count(http_error_ratio)&time=${at}`,
      );
      const body = await res.json();
      return body.data?.result?.[0]?.value?.[1] === '2' ? true : undefined;
    },
    60_000,
    prometheus.output,
  );
  return {
    baseUrl,
    stop: async () => {
      await prometheus.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
