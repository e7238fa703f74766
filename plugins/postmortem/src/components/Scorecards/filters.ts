import {
  SCORECARD_GROUP_BYS,
  SCORECARD_INTERVALS,
  ScorecardGroupBy,
  ScorecardInterval,
  ScorecardQuery,
  ScorecardRow,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import {
  dateRangeToInstants,
  defaultRange,
  periodBounds,
} from './scorecardFormat';

/** What the scorecard page shows; mirrored in its query string. */
export interface ScorecardFilters {
  groupBy: ScorecardGroupBy;
  interval: ScorecardInterval;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  to: string;
  severity: string[];
  ownerRef: string;
  systemRef: string;
  entityRef: string;
  includeDependencies: boolean;
}

const oneOf = <T extends string>(
  values: readonly T[],
  value: string | null,
  fallback: T,
): T => (values.find(v => v === value) ?? fallback) as T;

/** A YYYY-MM-DD from a date or an ISO timestamp, else the fallback. */
const day = (value: string | null, fallback: string) =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : fallback;

/** Filters from a query string, with defaults for what it leaves out. */
export function parseFilters(
  params: URLSearchParams,
  now: Date = new Date(),
): ScorecardFilters {
  const range = defaultRange(now);
  const known = SEVERITIES as readonly string[];
  return {
    groupBy: oneOf(SCORECARD_GROUP_BYS, params.get('groupBy'), 'none'),
    interval: oneOf(SCORECARD_INTERVALS, params.get('interval'), 'month'),
    from: day(params.get('from'), range.from),
    to: day(params.get('to'), range.to),
    severity: params.getAll('severity').filter(s => known.includes(s)),
    ownerRef: params.get('ownerRef') ?? '',
    systemRef: params.get('systemRef') ?? '',
    entityRef: params.get('entityRef') ?? '',
    includeDependencies: params.get('includeDependencies') === 'true',
  };
}

/** The query string of the filters. */
export function filtersToSearch(filters: ScorecardFilters): string {
  return toSearchParams({
    groupBy: filters.groupBy,
    interval: filters.interval,
    from: filters.from,
    to: filters.to,
    severity: filters.severity,
    ownerRef: filters.ownerRef.trim(),
    systemRef: filters.systemRef.trim(),
    entityRef: filters.entityRef.trim(),
    includeDependencies: filters.includeDependencies ? 'true' : undefined,
  }).toString();
}

/** The backend query of the filters, grouped as asked or as given. */
export function filtersToQuery(
  filters: ScorecardFilters,
  groupBy: ScorecardGroupBy = filters.groupBy,
): ScorecardQuery {
  const range = dateRangeToInstants(filters.from, filters.to);
  const entityRef = filters.entityRef.trim() || undefined;
  return {
    groupBy,
    interval: filters.interval,
    from: range.from?.toISOString(),
    to: range.to?.toISOString(),
    severity: filters.severity.length ? filters.severity : undefined,
    ownerRef: filters.ownerRef.trim() || undefined,
    systemRef: filters.systemRef.trim() || undefined,
    entityRef,
    includeDependencies:
      entityRef && filters.includeDependencies ? true : undefined,
  };
}

/**
 * The postmortem list filtered to one row of the scorecard: its group, its
 * period (within the chosen range) and the page's other filters. Undefined
 * for groups the list cannot filter by (postmortems without an owner, a
 * catalog system: the list has no system filter).
 */
export function drillDownHref(
  root: string,
  filters: ScorecardFilters,
  row: Pick<ScorecardRow, 'group' | 'period'>,
  /** Only the repeats behind the recurrence rate. */
  recurring = false,
): string | undefined {
  if (filters.groupBy === 'owner' && row.group === 'unowned') return undefined;
  if (filters.groupBy === 'system') return undefined;
  const range = dateRangeToInstants(filters.from, filters.to);
  const bounds = periodBounds(row.period);
  const later = (a?: Date, b?: Date) => {
    if (!a || !b) return a ?? b;
    return a > b ? a : b;
  };
  const earlier = (a?: Date, b?: Date) => {
    if (!a || !b) return a ?? b;
    return a < b ? a : b;
  };
  const from = later(range.from, bounds?.from);
  const to = earlier(range.to, bounds?.to);
  const entityRef =
    filters.groupBy === 'entity' ? row.group : filters.entityRef.trim();
  const params = toSearchParams({
    ownerRef: filters.groupBy === 'owner' ? row.group : filters.ownerRef.trim(),
    severity: filters.groupBy === 'severity' ? [row.group] : filters.severity,
    entityRef,
    includeDependencies:
      entityRef && filters.groupBy !== 'entity' && filters.includeDependencies
        ? 'true'
        : undefined,
    from: from?.toISOString(),
    to: to?.toISOString(),
    recurring: recurring ? 'true' : undefined,
  });
  return `${root}?${params}`;
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
