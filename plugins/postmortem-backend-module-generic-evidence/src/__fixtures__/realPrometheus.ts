// Helpers for real peers (free ports, processes, waiting).
import * as peers from '@postmortems/plugin-postmortem-node/testUtils';
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
  return peers.startBackfilledPrometheus({
    openMetrics: lines.join('\n'),
    // Both services' series are loaded.
    readyQuery: 'count(http_error_ratio) == 2',
    readyAt: TO / 1000,
  });
}
