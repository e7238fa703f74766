import type { ScorecardsT } from './translation';
import type {
  ScorecardInterval,
  ScorecardRow,
} from '@postmortems/plugin-postmortem-common';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function number(value: number, t: ScorecardsT, fractionDigits = 0): string {
  return value.toLocaleString(t('numberLocale'), {
    maximumFractionDigits: fractionDigits,
  });
}

/** A duration in seconds as people say it: "45 s", "4 min", "2.5 h", "3 d". */
export function formatDuration(
  seconds: number | null | undefined,
  t: ScorecardsT,
): string {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) {
    return t('common.noData');
  }
  const s = Math.max(0, seconds);
  if (Math.round(s) < MINUTE) {
    return t('duration.seconds', { value: number(Math.round(s), t) });
  }
  if (Math.round(s / MINUTE) < 60) {
    return t('duration.minutes', { value: number(Math.round(s / MINUTE), t) });
  }
  if (Math.round((s / HOUR) * 10) / 10 < 24) {
    return t('duration.hours', { value: number(s / HOUR, t, 1) });
  }
  return t('duration.days', { value: number(s / DAY, t, 1) });
}

/** A share (0..1) as a whole percentage. */
export function formatShare(
  share: number | null | undefined,
  t: ScorecardsT,
): string {
  if (share === null || share === undefined || !isFinite(share)) {
    return t('common.noData');
  }
  return t('common.percent', { value: number(Math.round(share * 100), t) });
}

export function formatCount(value: number, t: ScorecardsT): string {
  return number(value, t);
}

/** YYYY-MM-DD of a date in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The default date range: the last six months up to today, in UTC. */
export function defaultRange(now: Date = new Date()): {
  from: string;
  to: string;
} {
  const from = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate()),
  );
  return { from: isoDate(from), to: isoDate(now) };
}

function parseDate(date: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const parsed = new Date(`${date}T00:00:00.000Z`);
  return isNaN(parsed.getTime()) ? undefined : parsed;
}

/**
 * The half-open instant range [from, to) of an inclusive date range, as the
 * backend takes it (impact started at or after `from`, before `to`).
 */
export function dateRangeToInstants(
  from: string,
  to: string,
): { from?: Date; to?: Date } {
  const start = parseDate(from);
  const end = parseDate(to);
  return {
    from: start,
    to: end ? new Date(end.getTime() + DAY * 1000) : undefined,
  };
}

/** The half-open instant range of a period key as the backend writes it. */
export function periodBounds(
  period: string,
): { from: Date; to: Date } | undefined {
  let match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match) {
    const [y, m] = [Number(match[1]), Number(match[2])];
    return {
      from: new Date(Date.UTC(y, m - 1, 1)),
      to: new Date(Date.UTC(y, m, 1)),
    };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (match) {
    const [y, q] = [Number(match[1]), Number(match[2])];
    return {
      from: new Date(Date.UTC(y, (q - 1) * 3, 1)),
      to: new Date(Date.UTC(y, q * 3, 1)),
    };
  }
  match = /^(\d{4})-W(\d{2})$/.exec(period);
  if (match) {
    // ISO weeks (PostgreSQL). Week 00 only comes from SQLite's %W, which has
    // no ISO meaning, so it stays unbounded.
    const [y, w] = [Number(match[1]), Number(match[2])];
    if (w < 1) return undefined;
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const mondayOfWeek1 = Date.UTC(y, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
    const from = new Date(mondayOfWeek1 + (w - 1) * 7 * DAY * 1000);
    return { from, to: new Date(from.getTime() + 7 * DAY * 1000) };
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Every month or quarter that [from, to) touches, in order, so that periods
 * without incidents show as such. Weeks are numbered differently per
 * database, so they are not generated.
 */
export function periodsBetween(
  from: Date | undefined,
  to: Date | undefined,
  interval: ScorecardInterval,
): string[] {
  if (!from || !to || interval === 'week' || to <= from) return [];
  const last = new Date(to.getTime() - 1);
  const periods: string[] = [];
  let y = from.getUTCFullYear();
  let m = from.getUTCMonth();
  if (interval === 'quarter') m -= m % 3;
  const step = interval === 'quarter' ? 3 : 1;
  while (
    y < last.getUTCFullYear() ||
    (y === last.getUTCFullYear() && m <= last.getUTCMonth())
  ) {
    periods.push(
      interval === 'quarter' ? `${y}-Q${m / 3 + 1}` : `${y}-${pad(m + 1)}`,
    );
    m += step;
    if (m > 11) {
      m -= 12;
      y += 1;
    }
    if (periods.length > 1000) break;
  }
  return periods;
}

/** The periods of the rows and of the range, sorted and without duplicates. */
export function allPeriods(
  rows: ScorecardRow[],
  range: { from?: Date; to?: Date },
  interval: ScorecardInterval,
): string[] {
  const periods = new Set(periodsBetween(range.from, range.to, interval));
  for (const row of rows) periods.add(row.period);
  return [...periods].sort();
}

export type Change =
  | { kind: 'none' }
  | { kind: 'same' }
  | { kind: 'up' | 'down'; amount: number };

/** The relative change, in whole percent, from `previous` to `current`. */
export function percentChange(
  current: number | null | undefined,
  previous: number | null | undefined,
): Change {
  if (
    current === null ||
    current === undefined ||
    previous === null ||
    previous === undefined ||
    previous === 0
  ) {
    return { kind: 'none' };
  }
  const amount = Math.round(((current - previous) / previous) * 100);
  if (amount === 0) return { kind: 'same' };
  return { kind: amount > 0 ? 'up' : 'down', amount: Math.abs(amount) };
}

/** The change of a share (0..1), in whole percentage points. */
export function pointsChange(
  current: number | null | undefined,
  previous: number | null | undefined,
): Change {
  if (
    current === null ||
    current === undefined ||
    previous === null ||
    previous === undefined
  ) {
    return { kind: 'none' };
  }
  const amount = Math.round((current - previous) * 100);
  if (amount === 0) return { kind: 'same' };
  return { kind: amount > 0 ? 'up' : 'down', amount: Math.abs(amount) };
}

/** Upper bounds (seconds) of the histogram's duration ranges. */
export const BIN_EDGES = [
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  4 * HOUR,
  DAY,
  7 * DAY,
] as const;

/** The index of the range a duration falls in: 0..BIN_EDGES.length. */
export function binOf(seconds: number): number {
  const index = BIN_EDGES.findIndex(edge => seconds < edge);
  return index === -1 ? BIN_EDGES.length : index;
}

/** A label for each histogram range. */
export function binLabels(t: ScorecardsT): string[] {
  const labels: string[] = [];
  for (let i = 0; i <= BIN_EDGES.length; i++) {
    if (i === 0) {
      labels.push(t('bins.under', { to: formatDuration(BIN_EDGES[0], t) }));
    } else if (i === BIN_EDGES.length) {
      labels.push(
        t('bins.over', { from: formatDuration(BIN_EDGES[i - 1], t) }),
      );
    } else {
      labels.push(
        t('bins.between', {
          from: formatDuration(BIN_EDGES[i - 1], t),
          to: formatDuration(BIN_EDGES[i], t),
        }),
      );
    }
  }
  return labels;
}
