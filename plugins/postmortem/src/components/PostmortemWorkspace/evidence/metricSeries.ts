/** One series of a Prometheus range query, with numeric points. */
export interface MetricSeries {
  /** The series' labels, `__name__` included when present. */
  metric: Record<string, string>;
  /** [unix milliseconds, value] pairs in time order. */
  points: Array<[number, number]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSeries(raw: unknown): MetricSeries | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.values)) return undefined;
  const metric: Record<string, string> = {};
  if (isRecord(raw.metric)) {
    for (const [key, value] of Object.entries(raw.metric)) {
      metric[key] = String(value);
    }
  }
  const points: Array<[number, number]> = [];
  for (const pair of raw.values) {
    if (!Array.isArray(pair) || pair.length < 2) return undefined;
    const seconds = Number(pair[0]);
    const value = Number(pair[1]);
    if (!Number.isFinite(seconds)) return undefined;
    // Prometheus writes NaN and ±Inf as strings; they cannot be drawn.
    if (Number.isFinite(value)) points.push([seconds * 1000, value]);
  }
  points.sort((a, b) => a[0] - b[0]);
  return { metric, points };
}

/**
 * Reads the `content` of `metric_series` evidence: a Prometheus range-query
 * series `{"metric":{...},"values":[[unixSeconds,"value"],...]}`, an array of
 * them, or a whole query answer (`{"data":{"result":[...]}}`). Returns
 * undefined when the content has another shape.
 */
export function parseMetricSeries(content: string): MetricSeries[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (isRecord(parsed) && isRecord(parsed.data)) {
    parsed = parsed.data.result;
  }
  const raw = Array.isArray(parsed) ? parsed : [parsed];
  if (raw.length === 0) return undefined;
  const series: MetricSeries[] = [];
  for (const item of raw) {
    const one = toSeries(item);
    if (!one) return undefined;
    series.push(one);
  }
  return series.some(s => s.points.length > 0) ? series : undefined;
}

/** `name{label="value",…}`, or undefined for a series without labels. */
export function seriesName(metric: Record<string, string>): string | undefined {
  const { __name__: name, ...labels } = metric;
  const pairs = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(', ');
  if (!name && !pairs) return undefined;
  return pairs ? `${name ?? ''}{${pairs}}` : name;
}

/** Rows for a recharts chart: one per timestamp, one column per series. */
export function chartRows(
  series: MetricSeries[],
): Array<Record<string, number>> {
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, index) => {
    for (const [time, value] of s.points) {
      const row = rows.get(time) ?? { time };
      row[`s${index}`] = value;
      rows.set(time, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.time - b.time);
}
