import { isAnomalous } from './PrometheusEvidenceCollector';

const series = (values: number[]) => ({
  metric: {},
  values: values.map((v, i) => [i * 15, String(v)] as [number, string]),
});

describe('isAnomalous', () => {
  it('flags a series that leaves its baseline', () => {
    expect(
      isAnomalous(series([1, 1.1, 0.9, 1, 1, 1, 1, 9, 12, 10, 1, 1])),
    ).toBe(true);
  });
  it('does not flag a steady or noisy-but-flat series', () => {
    expect(
      isAnomalous(series([1, 1.2, 0.8, 1, 1.1, 0.9, 1, 1.05, 0.95, 1, 1, 1])),
    ).toBe(false);
    expect(isAnomalous(series([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe(false);
  });
  it('needs enough points to judge', () => {
    expect(isAnomalous(series([1, 50]))).toBe(false);
  });
});
