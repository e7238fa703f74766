import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { PostmortemClient } from '../../../api/PostmortemClient';
import type {
  Distribution,
  ScorecardDurations,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';

const d = (
  median: number | null,
  p90: number | null = median,
): Distribution => ({
  count: median === null ? 0 : 1,
  median,
  p90,
  mean: median,
});

export function row(
  group: string,
  period: string,
  values: Partial<{
    incidents: number;
    ttd: number | null;
    ttdP90: number | null;
    ttr: number | null;
    ttrP90: number | null;
    lead: number | null;
    cycle: number | null;
    onTime: number | null;
    recurrence: number | null;
    overdue: number;
  }> = {},
): ScorecardRow {
  return {
    group,
    period,
    incidents: values.incidents ?? 1,
    timeToDetect: d(values.ttd ?? null, values.ttdP90 ?? values.ttd ?? null),
    timeToAcknowledge: d(null),
    timeToRestore: d(values.ttr ?? null, values.ttrP90 ?? values.ttr ?? null),
    postmortemLeadTime: d(values.lead ?? null),
    remediationCycleTime: d(values.cycle ?? null),
    publishedOnTimeShare: values.onTime ?? null,
    recurrenceRate: values.recurrence ?? null,
    overdueItems: values.overdue ?? 0,
  };
}

/** Single incidents' durations, as GET /scorecards/durations answers. */
export const DURATIONS: ScorecardDurations[] = [
  { group: 'all', count: 3, median: 600, p90: 1800, values: [300, 600, 1800] },
];

/**
 * A fetch that answers with canned rows per groupBy and records URLs (of
 * the rows in `urls`, of single incidents' durations in `durationUrls`).
 */
export function fakeFetch(
  answer: (url: URL) => ScorecardRow[] | { status: number; body: string },
  durations: ScorecardDurations[] = DURATIONS,
) {
  const urls: string[] = [];
  const durationUrls: string[] = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (new URL(url).pathname.endsWith('/scorecards/durations')) {
      durationUrls.push(url);
      return {
        ok: true,
        status: 200,
        statusText: 'OK',
        json: async () => ({ items: durations }),
      } as unknown as Response;
    }
    urls.push(url);
    const result = answer(new URL(url));
    if (!Array.isArray(result)) {
      return {
        ok: false,
        status: result.status,
        statusText: 'Internal Server Error',
        headers: new Headers({ 'content-type': 'application/json' }),
        text: async () => result.body,
        json: async () => JSON.parse(result.body),
      } as unknown as Response;
    }
    const csv = new URL(url).searchParams.get('format') === 'csv';
    return {
      ok: true,
      status: 200,
      statusText: 'OK',
      json: async () => ({ items: result }),
      text: async () =>
        csv ? 'group,period\n' : JSON.stringify({ items: result }),
      blob: async () => new Blob(['group,period\n'], { type: 'text/csv' }),
    } as unknown as Response;
  });
  return { fetch, urls, durationUrls };
}

/** The plugin's API over a fake fetch, as the app would provide it. */
export function scorecardApis(fake: ReturnType<typeof fakeFetch>) {
  const client = new PostmortemClient({
    discoveryApi: { getBaseUrl: async () => 'http://localhost/api/postmortem' },
    fetchApi: { fetch: fake.fetch as typeof fetch },
  });
  const catalog = catalogApiMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'checkout', title: 'Checkout' },
        spec: { owner: 'group:default/sre' },
      },
    ],
  });
  return [
    [postmortemApiRef, client],
    [catalogApiRef, catalog],
  ] as const;
}

/** A backend error body in Backstage's shape. */
export const backendError = (message: string) =>
  JSON.stringify({
    error: { name: 'Error', message },
    response: { statusCode: 500 },
  });
