import { quantileSorted } from 'simple-statistics';

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  mean: number;
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export const msSince = (start: bigint) =>
  Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Runs `fn` a few times to warm caches and plans, then `runs` times,
 * and reports p50/p95 in milliseconds.
 */
export async function time(
  fn: () => Promise<unknown>,
  runs = 40,
  warmup = 3,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(msSince(start));
  }
  samples.sort((a, b) => a - b);
  return {
    runs,
    p50: quantileSorted(samples, 0.5),
    p95: quantileSorted(samples, 0.95),
    mean: samples.reduce((a, b) => a + b, 0) / runs,
  };
}
