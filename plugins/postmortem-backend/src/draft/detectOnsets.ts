import { median, medianAbsoluteDeviation, mode } from 'simple-statistics';
import type { SignalKind } from '@postmortems/plugin-postmortem-common';

/** One metric series of one entity, as a collector reported it. */
export interface EntitySeries {
  entityRef: string;
  name: string;
  signal: SignalKind;
  /** [epoch ms, value], any order. */
  points: Array<[number, number]>;
  /** The same series a day earlier, on today's times (seasonal reference). */
  reference?: Array<[number, number]>;
  /** The same series a week earlier, on today's times. */
  weekReference?: Array<[number, number]>;
  /** The evidence item that carries the series. */
  evidenceKey: string;
  /** For a per-edge series, the caller whose view it is. */
  observedBy?: string;
}

/** Where a series left its baseline, and how far. */
export interface Onset {
  entityRef: string;
  name: string;
  signal: SignalKind;
  evidenceKey: string;
  /** First point of the sustained deviation (epoch ms). */
  at: number;
  direction: 'up' | 'down';
  /** Median of the baseline, which ends before the onset. */
  baseline: number;
  /** Most extreme value of the deviation, in its direction. */
  peak: number;
  /** Median deviation in robust standard deviations (1.4826 MAD). */
  robustZ: number;
  /** Sampling interval of the series (ms), the resolution of `at`. */
  stepMs: number;
  /** For a per-edge series, the caller whose view it is. */
  observedBy?: string;
}

export interface OnsetOptions {
  /** A deviation must start before this time (the alert plus a grace). */
  latestOnset: number;
  /** Fewest baseline points a verdict needs. */
  minBaselinePoints: number;
  /** Robust z a deviation must reach, point by point and in its median. */
  threshold: number;
  /** Smallest change relative to a non-zero baseline median. */
  minRelativeChange: number;
}

export const DEFAULT_ONSET_OPTIONS: Omit<OnsetOptions, 'latestOnset'> = {
  minBaselinePoints: 3,
  threshold: 4,
  minRelativeChange: 0.15,
};

/**
 * Pettitt's rank test: the split that best separates the series into a
 * before and an after, without assuming a distribution or a threshold.
 * Uses the rank form U_k = 2·Σ_{i≤k} r_i − k(n+1), O(n log n). Returns
 * the index of the first point after the split.
 */
export function pettittSplit(values: number[], minBefore: number): number {
  const n = values.length;
  // Ranks 1..n, ties sharing their average rank.
  const order = values
    .map((v, i) => [v, i] as const)
    .sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && order[end + 1][0] === order[start][0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k][1]] = rank;
    start = end + 1;
  }
  let sum = 0;
  let best = -1;
  let bestIndex = minBefore;
  for (let k = 1; k < n; k++) {
    sum += ranks[k - 1];
    const u = Math.abs(2 * sum - k * (n + 1));
    if (k >= minBefore && u > best) {
      best = u;
      bestIndex = k;
    }
  }
  return bestIndex;
}

function robustScale(values: number[], center: number): number {
  const mad = values.length > 1 ? medianAbsoluteDeviation(values) : 0;
  // A flat baseline has MAD 0: fall back to a small share of its level so
  // that any visible move counts, but float noise does not.
  return Math.max(1.4826 * mad, 0.01 * Math.abs(center), 1e-9);
}

/**
 * A range query with a step finer than the scrape interval repeats each
 * scraped value until the next scrape (Prometheus scrapes every minute by
 * default, queries here step 15 s): runs of equal values of one typical
 * length, give or take one step where scrape times jitter against the
 * query grid. Those copies are not evidence: they would shrink the spread
 * and let one scrape look like a sustained move. Keeps one point per
 * scrape, where its value first appeared; a run of equal scrapes keeps
 * one point per scrape interval.
 */
/** Fewest runs of equal values from which a scrape interval is inferred. */
const MIN_RUNS = 8;

export function atScrapeResolution(
  points: Array<[number, number]>,
): Array<[number, number]> {
  const runs: number[] = [];
  for (let i = 0; i < points.length; ) {
    let end = i;
    while (end + 1 < points.length && points[end + 1][1] === points[i][1]) {
      end++;
    }
    runs.push(end - i + 1);
    i = end + 1;
  }
  // Copies only when most of many runs are one length, or a multiple of
  // it, above one: a series that steps between a few levels has runs of
  // any length. Jitter of a step is told apart from 3 copies a scrape on.
  const k = runs.length ? mode(runs) : 1;
  const slack = k >= 3 ? 1 : 0;
  const nearMultiple = (r: number) =>
    [r - slack, r, r + slack].some(n => n > 0 && n % k === 0);
  const typical = runs.filter(nearMultiple).length;
  if (k < 2 || runs.length < MIN_RUNS || typical < 0.6 * runs.length) {
    return points;
  }
  const kept: Array<[number, number]> = [];
  let at = 0;
  for (const run of runs) {
    const scrapes = Math.max(1, Math.round(run / k));
    for (let j = 0; j < scrapes; j++) {
      kept.push(points[at + Math.floor((j * run) / scrapes)]);
    }
    at += run;
  }
  return kept;
}

/**
 * Finds where a series left its baseline before `latestOnset`: a change
 * point splits it, the baseline is what came before, and the onset is the
 * first point from which the series stays beyond the baseline's spread.
 * Undefined when the series stayed within its normal range.
 */
export function detectOnset(
  series: EntitySeries,
  options: OnsetOptions,
): Onset | undefined {
  const points = atScrapeResolution(
    series.points
      .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
      .sort((a, b) => a[0] - b[0]),
  );
  const { minBaselinePoints: minBase, threshold } = options;
  const lastOnsetIndex = points.findLastIndex(
    ([t]) => t <= options.latestOnset,
  );
  if (lastOnsetIndex < minBase) return undefined;
  const stepMs = median(points.slice(1).map(([t], i) => t - points[i][0]));
  // What a deviation that started by latestOnset looks like: up to it and
  // a few points after (the alert usually fires soon after the onset).
  const window = points.slice(0, lastOnsetIndex + 4);
  const values = window.map(([, v]) => v);
  const split = pettittSplit(values.slice(0, lastOnsetIndex + 1), minBase);

  // The deviation that matters is the one in progress at the alert: its
  // direction is where the last points stand against the baseline.
  const until = lastOnsetIndex + 2;
  const verdict = (baseEnd: number, from: number) => {
    const base = values.slice(0, baseEnd);
    const center = median(base);
    const scale = robustScale(base, center);
    const after = values.slice(from, until);
    const direction: 'up' | 'down' = median(after) >= center ? 'up' : 'down';
    const sign = direction === 'up' ? 1 : -1;
    const z = (v: number) => (sign * (v - center)) / scale;
    return { center, scale, direction, z };
  };

  let { center, direction, z } = verdict(
    split,
    Math.max(split, lastOnsetIndex - 2),
  );
  // The onset: the earliest point beyond the threshold, followed by one
  // still beyond half of it (a lone blip is not an onset), from which at
  // least three quarters of the points up to the alert stay beyond half
  // of it (a recovery after the alert does not undo an onset).
  let onset = -1;
  for (let i = minBase; i <= lastOnsetIndex; i++) {
    if (z(values[i]) < threshold) continue;
    if (i + 1 < until && z(values[i + 1]) < threshold / 2) continue;
    const rest = values.slice(i, until);
    let sustained = 0;
    for (const v of rest) if (z(v) >= threshold / 2) sustained++;
    if (rest.length >= 2 && sustained >= 0.75 * rest.length) {
      onset = i;
      break;
    }
  }
  if (onset < 0) return undefined;
  // Re-measure against a baseline that ends at the onset.
  ({ center, direction, z } = verdict(onset, onset));
  const deviation = values.slice(onset, until);
  const robustZ = median(deviation.map(z));
  const relative =
    center === 0
      ? Infinity
      : Math.abs(median(deviation) - center) / Math.abs(center);
  if (robustZ < threshold || Math.abs(relative) < options.minRelativeChange) {
    return undefined;
  }
  if (isSeasonal(series, points.slice(onset, until), z, threshold)) {
    return undefined;
  }
  const peak =
    direction === 'up' ? Math.max(...deviation) : Math.min(...deviation);
  return {
    entityRef: series.entityRef,
    name: series.name,
    signal: series.signal,
    evidenceKey: series.evidenceKey,
    at: points[onset][0],
    direction,
    baseline: center,
    peak,
    robustZ,
    stepMs,
    ...(series.observedBy ? { observedBy: series.observedBy } : {}),
  };
}

/**
 * Whether the deviation also happened a day or a week earlier at the same
 * time: the points stay within the threshold of that day's values there.
 * Only judged where the earlier day has values for most of the deviation.
 */
function isSeasonal(
  series: EntitySeries,
  deviation: Array<[number, number]>,
  z: (v: number) => number,
  threshold: number,
): boolean {
  return [series.reference, series.weekReference].some(reference => {
    if (!reference?.length) return false;
    const then = new Map(reference);
    const pairs = deviation
      .map(([t, v]) => [v, then.get(t)] as const)
      .filter((p): p is readonly [number, number] => Number.isFinite(p[1]));
    if (pairs.length < Math.max(2, deviation.length / 2)) return false;
    // How far today stands above that day, in the baseline's spread.
    const beyond = median(
      pairs.map(([today, earlier]) => z(today) - z(earlier)),
    );
    return beyond < threshold;
  });
}

/** Onsets of every series that deviated, earliest first. */
export function detectOnsets(
  series: EntitySeries[],
  options: OnsetOptions,
): Onset[] {
  return series
    .map(s => detectOnset(s, options))
    .filter((o): o is Onset => o !== undefined)
    .sort((a, b) => a.at - b.at);
}
