/**
 * Reads a time as tools write it: RFC 3339 text, or an epoch number (or
 * numeric string) in seconds, milliseconds, microseconds or nanoseconds,
 * told apart by magnitude. Loki answers nanoseconds, Jaeger microseconds,
 * Elasticsearch milliseconds and Prometheus-style APIs seconds; any epoch
 * after 1973 is unambiguous this way.
 */
export function toMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    // Nanoseconds do not fit a double exactly: keep milliseconds precise.
    const [whole] = text.split('.');
    if (whole.length > 16) return Number(whole.slice(0, whole.length - 6));
    return fromEpoch(Number(text));
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n < 1e11) return Math.round(n * 1000);
  if (n < 1e14) return Math.round(n);
  if (n < 1e17) return Math.round(n / 1000);
  return Math.round(n / 1e6);
}

/** Seconds between points: at least `stepSeconds`, at most `maxPoints` a window. */
export function stepFor(
  from: Date,
  to: Date,
  stepSeconds: number,
  maxPoints: number,
): number {
  const range = Math.max(0, (to.getTime() - from.getTime()) / 1000);
  return Math.max(stepSeconds, Math.ceil(range / Math.max(1, maxPoints - 1)));
}
