import { RedactionResult } from '../Redactor';
import { BENCHMARK_SECRETS, runRedactionBenchmark } from './redactionBenchmark';

// Timing does not belong in unit tests: this only runs on demand, with
// POSTMORTEM_BENCHMARK=1, and asserts nothing about speed.
const describeBenchmark = process.env.POSTMORTEM_BENCHMARK
  ? describe
  : describe.skip;

describeBenchmark('redaction benchmark', () => {
  it('redacts about 20 MB of logs without leaking a secret', () => {
    let result: RedactionResult | undefined;
    const figures = runRedactionBenchmark({
      onResult: r => {
        result = r;
      },
    });

    // eslint-disable-next-line no-console
    console.log(
      `redaction benchmark: ${figures.megabytes.toFixed(1)} MB in ` +
        `${figures.seconds.toFixed(2)} s = ${figures.mbPerSecond.toFixed(
          1,
        )} MB/s, ` +
        `heap delta ${figures.heapDeltaMb.toFixed(1)} MB, ` +
        `counts ${JSON.stringify(result?.counts)}`,
    );

    expect(figures.megabytes).toBeGreaterThan(19);
    for (const secret of BENCHMARK_SECRETS) {
      expect(result?.text.includes(secret)).toBe(false);
    }
  }, 300_000);
});
