import {
  POSTMORTEM_ORDER_BYS,
  POSTMORTEM_STAGES,
  PostmortemOrderBy,
  PostmortemStage,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemListQuery, SortDirection } from '../../api/PostmortemApi';

/** The order of the list when the address names none: newest impact first. */
export const DEFAULT_ORDER_BY: PostmortemOrderBy = 'impactStartedAt';

/** The direction a column sorts in first: dates newest first, else A to Z. */
export function defaultDirection(orderBy: PostmortemOrderBy): SortDirection {
  return orderBy === 'impactStartedAt' || orderBy === 'updatedAt'
    ? 'desc'
    : 'asc';
}

/** The filters of the portal page, as they appear in its query string. */
export interface PostmortemFilters {
  entityRef: string;
  ownerRef: string;
  severity: Severity[];
  stage: PostmortemStage[];
  /** Calendar dates, YYYY-MM-DD. */
  from: string;
  to: string;
  text: string;
  /** Only incidents that repeat an earlier failure. */
  recurring: boolean;
  /** Sorted on the server, across every page. */
  orderBy: PostmortemOrderBy;
  order: SortDirection;
}

export const EMPTY_FILTERS: PostmortemFilters = {
  entityRef: '',
  ownerRef: '',
  severity: [],
  stage: [],
  from: '',
  to: '',
  text: '',
  recurring: false,
  orderBy: DEFAULT_ORDER_BY,
  order: defaultDirection(DEFAULT_ORDER_BY),
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((v): v is T =>
    (allowed as readonly string[]).includes(v),
  );
}

/** Filters from a query string; unknown or malformed values are dropped. */
export function parseFilters(params: URLSearchParams): PostmortemFilters {
  const date = (key: string) => {
    const value = params.get(key) ?? '';
    return DATE.test(value) ? value : '';
  };
  // `sort=oldest` is how addresses from before server-side sorting said it.
  const orderBy =
    oneOf(POSTMORTEM_ORDER_BYS, params.getAll('orderBy'))[0] ??
    DEFAULT_ORDER_BY;
  const legacyOldest =
    !params.has('orderBy') && params.get('sort') === 'oldest';
  const order = oneOf(['asc', 'desc'] as const, params.getAll('order'))[0];
  return {
    entityRef: params.get('entityRef')?.trim() ?? '',
    ownerRef: params.get('ownerRef')?.trim() ?? '',
    severity: oneOf(SEVERITIES, params.getAll('severity')),
    stage: oneOf(POSTMORTEM_STAGES, params.getAll('stage')),
    from: date('from'),
    to: date('to'),
    text: params.get('text')?.trim() ?? '',
    recurring: params.get('recurring') === 'true',
    orderBy,
    order: legacyOldest ? 'asc' : order ?? defaultDirection(orderBy),
  };
}

/** The query string of filters, leaving out what is empty or default. */
export function filtersToParams(filters: PostmortemFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value.trim()) params.set(key, value.trim());
  };
  set('entityRef', filters.entityRef);
  set('ownerRef', filters.ownerRef);
  filters.severity.forEach(s => params.append('severity', s));
  filters.stage.forEach(s => params.append('stage', s));
  set('from', filters.from);
  set('to', filters.to);
  set('text', filters.text);
  if (filters.recurring) params.set('recurring', 'true');
  if (!isDefaultOrder(filters)) {
    params.set('orderBy', filters.orderBy);
    params.set('order', filters.order);
  }
  return params;
}

/** Whether the filters ask for the server's own order. */
export function isDefaultOrder(
  filters: Pick<PostmortemFilters, 'orderBy' | 'order'>,
): boolean {
  return (
    filters.orderBy === DEFAULT_ORDER_BY &&
    filters.order === defaultDirection(DEFAULT_ORDER_BY)
  );
}

/** The start of a local calendar day as an ISO timestamp. */
export function startOfDay(date: string): string | undefined {
  const parsed = new Date(`${date}T00:00:00`);
  return isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** The start of the local day after a calendar date, as an ISO timestamp. */
export function startOfNextDay(date: string): string | undefined {
  const parsed = new Date(`${date}T00:00:00`);
  if (isNaN(parsed.getTime())) return undefined;
  parsed.setDate(parsed.getDate() + 1);
  return parsed.toISOString();
}

/**
 * The API query of filters. `from` and `to` are whole local days: impact
 * from the start of `from` until the end of `to`. The order goes to the
 * server, which sorts before paging, unless it is the server's default.
 */
export function filtersToQuery(
  filters: PostmortemFilters,
): PostmortemListQuery {
  const query: PostmortemListQuery = {};
  if (filters.entityRef) query.entityRef = filters.entityRef;
  if (filters.ownerRef) query.ownerRef = filters.ownerRef;
  if (filters.severity.length) query.severity = filters.severity;
  if (filters.stage.length) query.stage = filters.stage;
  const from = filters.from && startOfDay(filters.from);
  const to = filters.to && startOfNextDay(filters.to);
  if (from) query.from = from;
  if (to) query.to = to;
  if (filters.text) query.text = filters.text;
  if (filters.recurring) query.recurring = true;
  if (!isDefaultOrder(filters)) {
    query.orderBy = filters.orderBy;
    query.order = filters.order;
  }
  return query;
}
