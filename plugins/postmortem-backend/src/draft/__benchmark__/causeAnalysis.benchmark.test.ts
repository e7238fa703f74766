import { loadNezhaScenarios, nezhaAvailable } from './nezha';
import { writtenScenarios } from './writtenScenarios';
import {
  analyse,
  describeOutcome,
  inMemorySeries,
  judge,
  report,
} from './evaluate';

// Runs on demand (scripts/benchmark-causes.sh), not in `./run test`.
const describeBenchmark =
  process.env.POSTMORTEM_BENCHMARK === 'causes' ? describe : describe.skip;

jest.setTimeout(600_000);

describeBenchmark('cause analysis benchmark', () => {
  it('ranks culprits from evidence', async () => {
    const scenarios = [
      ...writtenScenarios(),
      ...(nezhaAvailable() ? loadNezhaScenarios() : []),
    ];
    const outcomes = scenarios.map(s =>
      judge(s, analyse(s, inMemorySeries(s))),
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    // eslint-disable-next-line no-console
    console.log(
      `${outcomes.map(describeOutcome).join('\n')}\n\n${report(outcomes)}`,
    );
  });
});
