import type { EvidenceRequest } from '@postmortems/plugin-postmortem-node';
import {
  hasBinary,
  startBackfilledPrometheus,
} from '@postmortems/plugin-postmortem-node/testUtils';
import { PrometheusEvidenceCollector } from './PrometheusEvidenceCollector';
import { PrometheusRemediationVerifier } from './PrometheusRemediationVerifier';

/**
 * `collect()` and the verifier against a real Prometheus (Debian's
 * `prometheus` and `promtool`): the answers' shape, PromQL escaping and the
 * errors are Prometheus's own, not a fake's.
 */
const present = hasBinary('prometheus') && hasBinary('promtool');
if (!present && process.env.CI) {
  throw new Error(
    'prometheus and promtool must be installed in CI (apt-get install prometheus)',
  );
}
const describeWithPrometheus = present ? describe : describe.skip;
jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 86_400_000;
// Weeks in the past: backfilled into the TSDB, not scraped.
const FROM = Date.UTC(2026, 10, 20, 10, 0);
const TO = FROM + 60 * MINUTE;
const ONSET = FROM + 40 * MINUTE;

/** checkout-service's errors jump at ONSET; a day earlier they were flat at 5 %. */
function openMetrics(): string {
  const lines = ['# TYPE demo_error_ratio gauge'];
  const sample = (service: string, t: number, value: number) =>
    lines.push(`demo_error_ratio{service="${service}"} ${value} ${t / 1000}`);
  for (let t = FROM - DAY; t <= TO - DAY; t += 15_000) {
    sample('checkout-service', t, 0.05);
  }
  for (let t = FROM; t <= TO; t += 15_000) {
    sample('checkout-service', t, t >= ONSET ? 0.3 : 0.01);
    sample('payments-service', t, 0.02);
  }
  return lines.join('\n');
}

const ANNOTATION = 'postmortem.io/alert-service';
const entity = (
  name: string,
  distance: number,
  value?: string,
): EvidenceRequest['entities'][number] => ({
  entityRef: `component:default/${name}`,
  distance,
  annotations: value ? { [ANNOTATION]: value } : {},
});

describeWithPrometheus(
  'the Prometheus module against a real Prometheus',
  () => {
    let prometheus: { baseUrl: string; stop: () => Promise<void> };
    beforeAll(async () => {
      prometheus = await startBackfilledPrometheus({
        openMetrics: openMetrics(),
        readyQuery: 'count(demo_error_ratio)',
        readyAt: TO / 1000,
      });
    });
    afterAll(() => prometheus?.stop());

    const collector = (query: string) =>
      new PrometheusEvidenceCollector({
        baseUrl: prometheus.baseUrl,
        queries: [{ name: 'error ratio', query, signal: 'errors' }],
        entityAnnotation: ANNOTATION,
        maxDistance: 3,
        stepSeconds: 15,
        maxPoints: 1000,
        seasonalReference: true,
      });
    const request = (
      entities: EvidenceRequest['entities'],
    ): EvidenceRequest => ({
      incidentId: 'i-1',
      humanId: 'INC-1',
      entities,
      from: new Date(FROM),
      to: new Date(TO),
      labels: {},
    });

    it('collects each annotated entity within reach, with a day-earlier reference', async () => {
      const evidence = await collector(
        'demo_error_ratio{service="$value"}',
      ).collect(
        request([
          entity('checkout', 0, 'checkout-service'),
          entity('payments', 1, 'payments-service'),
          entity('inventory', 4, 'inventory-service'), // beyond maxDistance
          entity('docs', 0), // no annotation
        ]),
      );

      expect(evidence.map(e => [e.entityRef, e.query])).toEqual([
        [
          'component:default/checkout',
          'demo_error_ratio{service="checkout-service"}',
        ],
        [
          'component:default/payments',
          'demo_error_ratio{service="payments-service"}',
        ],
      ]);
      const [checkout, payments] = evidence.map(e => e.series![0]);
      expect(checkout.name).toBe('error ratio');
      expect(checkout.signal).toBe('errors');
      // Every 15 s over the hour, both ends included, in milliseconds.
      expect(checkout.points).toHaveLength(241);
      expect(checkout.points[0]).toEqual([FROM, 0.01]);
      expect(checkout.points.find(([t]) => t === ONSET - 15_000)![1]).toBe(
        0.01,
      );
      expect(checkout.points.find(([t]) => t === ONSET)![1]).toBe(0.3);
      // Yesterday's series, moved onto today's window.
      expect(checkout.reference).toHaveLength(241);
      expect(checkout.reference![0]).toEqual([FROM, 0.05]);
      expect(payments.reference).toBeUndefined();
      expect(JSON.parse(evidence[0].content!)).toMatchObject({
        name: 'error ratio',
        step: 15,
      });
    });

    it('quotes annotation values so that they cannot break the query', async () => {
      // Unescaped, Prometheus would refuse this as a parse error.
      const evidence = await collector(
        'demo_error_ratio{service="$value"}',
      ).collect(request([entity('odd', 0, 'say "hi" \\ bye')]));
      expect(evidence).toEqual([]);
    });

    it('fails with Prometheus status and the query named when a query is invalid', async () => {
      await expect(
        collector('rate(demo_error_ratio{service="$value"}[').collect(
          request([entity('checkout', 0, 'checkout-service')]),
        ),
      ).rejects.toThrow(
        'Prometheus answered 400 to error ratio for component:default/checkout',
      );
    });

    it('verifies a check when every series meets the threshold, not otherwise', async () => {
      const verifier = new PrometheusRemediationVerifier(prometheus.baseUrl);
      const check = (query: string, threshold: number) =>
        verifier.verify({
          kind: 'prometheus',
          query,
          comparator: '<',
          threshold,
        });

      await expect(check('vector(0.01)', 0.05)).resolves.toEqual({
        passed: true,
        detail: 'vector(0.01) = 0.01 (want < 0.05)',
      });
      const twoSeries =
        'label_replace(vector(0.01), "s", "a", "", "") or label_replace(vector(0.2), "s", "b", "", "")';
      const mixed = await check(twoSeries, 0.05);
      expect(mixed.passed).toBe(false);
      expect([
        `${twoSeries} = 0.01, 0.2 (want < 0.05)`,
        `${twoSeries} = 0.2, 0.01 (want < 0.05)`,
      ]).toContain(mixed.detail);
      await expect(
        check('demo_error_ratio{service="none"}', 1),
      ).resolves.toEqual({
        passed: false,
        detail: 'demo_error_ratio{service="none"} returned no series',
      });
      await expect(check('vector(', 1)).rejects.toThrow(
        'Prometheus answered 400',
      );
    });
  },
);
