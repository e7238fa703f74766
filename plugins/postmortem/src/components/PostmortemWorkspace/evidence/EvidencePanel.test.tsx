import type { Evidence } from '@postmortems/plugin-postmortem-common';
import { screen } from '@testing-library/react';
import {
  fakeWith,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { EvidencePanel } from './EvidencePanel';
import { chartRows, parseMetricSeries, seriesName } from './metricSeries';

const evidence = (overrides: Partial<Evidence>): Evidence => ({
  id: 'ev',
  postmortemId: 'pm-1',
  kind: 'log_excerpt',
  source: 'loki',
  content: '',
  capturedAt: '2026-11-01T10:00:00Z',
  redactions: {},
  ...overrides,
});

const series = {
  metric: { __name__: 'http_latency_p99', service: 'checkout' },
  values: [
    [1762000000, '0.25'],
    [1762000060, '1.5'],
    [1762000120, 'NaN'],
  ],
};

describe('parseMetricSeries', () => {
  it('reads one series, an array of series and a whole query answer', () => {
    const one = parseMetricSeries(JSON.stringify(series));
    expect(one).toEqual([
      {
        metric: series.metric,
        points: [
          [1762000000000, 0.25],
          [1762000060000, 1.5],
        ],
      },
    ]);
    expect(parseMetricSeries(JSON.stringify([series, series]))).toHaveLength(2);
    expect(
      parseMetricSeries(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [series] },
        }),
      ),
    ).toHaveLength(1);
  });

  it('rejects other shapes', () => {
    expect(parseMetricSeries('not json')).toBeUndefined();
    expect(parseMetricSeries('{"metric":{}}')).toBeUndefined();
    expect(parseMetricSeries('[]')).toBeUndefined();
    expect(parseMetricSeries('{"values":[["x","1"]]}')).toBeUndefined();
  });

  it('names series and merges them into chart rows', () => {
    expect(seriesName(series.metric)).toBe(
      'http_latency_p99{service="checkout"}',
    );
    expect(seriesName({})).toBeUndefined();
    expect(
      chartRows([
        {
          metric: {},
          points: [
            [1, 1],
            [2, 2],
          ],
        },
        { metric: {}, points: [[2, 5]] },
      ]),
    ).toEqual([
      { time: 1, s0: 1 },
      { time: 2, s0: 2, s1: 5 },
    ]);
  });
});

describe('EvidencePanel', () => {
  it('draws metric series as a line chart and shows text evidence', async () => {
    const api = fakeWith({
      evidence: [
        evidence({
          id: 'm',
          kind: 'metric_series',
          source: 'prometheus',
          query: 'histogram_quantile(0.99, rate(http_latency_bucket[5m]))',
          content: JSON.stringify([series]),
        }),
        evidence({
          id: 'l',
          kind: 'log_excerpt',
          content: 'ERROR pool exhausted\nuser=[REDACTED:email]',
          redactions: { email: 2, token: 1 },
        }),
      ],
    });
    await renderWithApi(<EvidencePanel postmortem={makePostmortem()} />, api);

    expect(
      await screen.findByRole('img', {
        name: 'Line chart of 1 metric series over time',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Metric series')).toBeInTheDocument();
    expect(screen.getByText('Source: prometheus')).toBeInTheDocument();
    expect(
      screen.getByText(
        'histogram_quantile(0.99, rate(http_latency_bucket[5m]))',
      ),
    ).toBeInTheDocument();

    expect(screen.getByText('Log excerpt')).toBeInTheDocument();
    const pre = screen.getByText(/ERROR pool exhausted/);
    expect(pre.tagName).toBe('PRE');
    expect(
      screen.getByText('Redacted before storage: email × 2, token × 1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Nothing was redacted.')).toBeInTheDocument();
  });

  it('falls back to the raw text when a metric series cannot be read', async () => {
    const api = fakeWith({
      evidence: [
        evidence({ kind: 'metric_series', content: 'up{job="api"} 0' }),
      ],
    });
    await renderWithApi(<EvidencePanel postmortem={makePostmortem()} />, api);
    expect(
      await screen.findByText(
        'This metric series could not be drawn; showing the raw content.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('up{job="api"} 0').tagName).toBe('PRE');
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows loading, empty and error states', async () => {
    const { unmount } = await renderWithApi(
      <EvidencePanel postmortem={makePostmortem()} />,
      fakeWith().hang('listEvidence'),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    unmount();

    const empty = await renderWithApi(
      <EvidencePanel postmortem={makePostmortem()} />,
      fakeWith(),
    );
    expect(
      await screen.findByText('No evidence collected yet.'),
    ).toBeInTheDocument();
    empty.unmount();

    await renderWithApi(
      <EvidencePanel postmortem={makePostmortem()} />,
      fakeWith().failWith('listEvidence', new Error('forbidden')),
    );
    expect(
      await screen.findByText(/Could not load the evidence: forbidden/),
    ).toBeInTheDocument();
  });
});
