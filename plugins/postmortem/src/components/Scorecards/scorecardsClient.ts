import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  type DiscoveryApi,
  type FetchApi,
} from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

export type ScorecardGroupBy = 'none' | 'severity' | 'owner' | 'entity';
export type ScorecardInterval = 'week' | 'month' | 'quarter';

export const GROUP_BYS: readonly ScorecardGroupBy[] = [
  'none',
  'severity',
  'owner',
  'entity',
];
export const INTERVALS: readonly ScorecardInterval[] = [
  'week',
  'month',
  'quarter',
];

/** Count, median, p90 and mean of one duration metric, in seconds. */
export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** One group in one period, as `GET /scorecards` answers it. */
export interface ScorecardRow {
  group: string;
  period: string;
  incidents: number;
  timeToDetect: Distribution;
  timeToAcknowledge: Distribution;
  timeToRestore: Distribution;
  postmortemLeadTime: Distribution;
  remediationCycleTime: Distribution;
  /** Share (0..1) of published postmortems published on time. */
  publishedOnTimeShare: number | null;
  /**
   * Share (0..1) of the incidents that repeated an earlier failure (are
   * linked to an earlier incident by recurrence); null without incidents.
   */
  recurrenceRate: number | null;
  overdueItems: number;
}

export type DistributionMetric =
  | 'timeToDetect'
  | 'timeToAcknowledge'
  | 'timeToRestore'
  | 'postmortemLeadTime'
  | 'remediationCycleTime';

export const DISTRIBUTION_METRICS: readonly DistributionMetric[] = [
  'timeToDetect',
  'timeToAcknowledge',
  'timeToRestore',
  'postmortemLeadTime',
  'remediationCycleTime',
];

/** The query of `GET /scorecards`; `from` and `to` are ISO timestamps. */
export interface ScorecardQuery {
  groupBy?: ScorecardGroupBy;
  interval?: ScorecardInterval;
  from?: string;
  to?: string;
  entityRef?: string;
  includeDependencies?: boolean;
  systemRef?: string;
  ownerRef?: string;
  severity?: string[];
}

/** Query string of a filter object; arrays repeat their key, blanks drop. */
export function toSearchParams(query: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      params.append(key, String(v));
    }
  }
  return params;
}

async function failure(response: Response): Promise<Error> {
  let detail = '';
  try {
    const text = await response.text();
    try {
      detail = JSON.parse(text)?.error?.message ?? text;
    } catch {
      detail = text;
    }
  } catch {
    detail = '';
  }
  const status = `${response.status} ${response.statusText ?? ''}`.trim();
  return new Error(detail ? `${status}: ${detail}` : status);
}

/** Reads the scorecards of the postmortem backend. */
export class ScorecardsClient {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async url(query: ScorecardQuery, format: 'json' | 'csv') {
    const base = await this.deps.discoveryApi.getBaseUrl('postmortem');
    const params = toSearchParams({ ...query, format });
    return `${base}/scorecards?${params}`;
  }

  /** The rows of one query, one per group and period. */
  async getScorecards(query: ScorecardQuery): Promise<ScorecardRow[]> {
    const response = await this.deps.fetchApi.fetch(
      await this.url(query, 'json'),
    );
    if (!response.ok) throw await failure(response);
    const body = await response.json();
    return Array.isArray(body?.items) ? body.items : [];
  }

  /** The address of the CSV export of a query. */
  csvUrl(query: ScorecardQuery): Promise<string> {
    return this.url(query, 'csv');
  }

  /** The CSV export of a query, fetched with the user's credentials. */
  async downloadCsv(query: ScorecardQuery): Promise<Blob> {
    const response = await this.deps.fetchApi.fetch(await this.csvUrl(query));
    if (!response.ok) throw await failure(response);
    return response.blob();
  }
}

/** A client over the app's discovery and fetch APIs. */
export function useScorecardsClient(): ScorecardsClient {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => new ScorecardsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}

/** Hands a blob to the browser as a file download. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Give the browser a moment to start the download before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
