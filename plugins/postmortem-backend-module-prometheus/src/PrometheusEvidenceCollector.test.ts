import {
  PrometheusEvidenceCollector,
  signalOf,
  stepFor,
} from './PrometheusEvidenceCollector';

describe('signalOf', () => {
  it('tells what a query measures from its name', () => {
    expect(signalOf('error ratio')).toBe('errors');
    expect(signalOf('5xx rate')).toBe('errors');
    expect(signalOf('p99 latency')).toBe('latency');
    expect(signalOf('request duration')).toBe('latency');
    expect(signalOf('CPU usage')).toBe('saturation');
    expect(signalOf('db connections in use')).toBe('saturation');
    expect(signalOf('requests per second')).toBe('throughput');
  });
});

describe('stepFor', () => {
  it('keeps the configured step for short windows', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(stepFor(from, new Date('2026-01-01T01:00:00Z'), 15, 1000)).toBe(15);
  });
  it('grows the step so a late incident stays under the point limit', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-05T00:00:00Z');
    const step = stepFor(from, to, 15, 1000);
    expect((to.getTime() - from.getTime()) / 1000 / step).toBeLessThan(1000);
  });
});

describe('PrometheusEvidenceCollector', () => {
  it('returns numeric series with their signal for the analysis', async () => {
    const urls: URL[] = [];
    const collector = new PrometheusEvidenceCollector({
      baseUrl: 'http://prometheus.test',
      queries: [
        {
          name: 'error ratio',
          query: 'errors{service="$value"}',
          signal: 'errors',
        },
      ],
      entityAnnotation: 'postmortem.io/alert-service',
      maxDistance: 3,
      stepSeconds: 15,
      maxPoints: 100,
      seasonalReference: true,
      fetch: (async (url: URL) => {
        urls.push(url);
        return new Response(
          JSON.stringify({
            status: 'success',
            data: {
              result: [
                {
                  metric: {},
                  values: [
                    [1700000000, '0.5'],
                    [1700000015, '0.75'],
                  ],
                },
              ],
            },
          }),
        );
      }) as any,
    });
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-01-01T10:00:00Z');
    const items = await collector.collect({
      incidentId: 'i',
      humanId: 'INC-1',
      entities: [
        {
          entityRef: 'component:default/a',
          distance: 0,
          annotations: { 'postmortem.io/alert-service': 'a"b' },
        },
        {
          entityRef: 'component:default/far',
          distance: 4,
          annotations: { 'postmortem.io/alert-service': 'far' },
        },
      ],
      from,
      to,
      labels: {},
    });
    // The window, then the same window a day and a week earlier.
    expect(urls).toHaveLength(3);
    expect(urls[0].searchParams.get('query')).toBe('errors{service="a\\"b"}');
    expect(Number(urls[0].searchParams.get('step'))).toBeGreaterThan(15);
    expect(
      Number(urls[0].searchParams.get('start')) -
        Number(urls[1].searchParams.get('start')),
    ).toBe(86_400);
    expect(
      Number(urls[0].searchParams.get('start')) -
        Number(urls[2].searchParams.get('start')),
    ).toBe(7 * 86_400);
    expect(items[0].series).toEqual([
      {
        name: 'error ratio',
        signal: 'errors',
        points: [
          [1700000000000, 0.5],
          [1700000015000, 0.75],
        ],
        reference: [
          [1700086400000, 0.5],
          [1700086415000, 0.75],
        ],
        weekReference: [
          [1700604800000, 0.5],
          [1700604815000, 0.75],
        ],
      },
    ]);
  });
});
