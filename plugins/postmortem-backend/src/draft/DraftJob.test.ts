import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { PostmortemStore } from '../database/PostmortemStore';
import type { DraftGenerator } from './DraftGenerator';
import { DraftJob } from './DraftJob';

// Fake timers: the clock moves only when the test moves it.
const sleep = (ms: number) => jest.advanceTimersByTimeAsync(ms);

async function startJob() {
  const drafted: number[] = [];
  let due = ['incident-1'];
  const store = {
    listDraftsDue: async () => due,
  } as unknown as PostmortemStore;
  const drafts = {
    generate: async () => {
      drafted.push(Date.now());
      due = [];
    },
  } as unknown as DraftGenerator;
  const job = await DraftJob.start({
    config: new ConfigReader({}),
    scheduler: { scheduleTask: async () => {} } as any,
    store,
    drafts,
    logger: mockServices.logger.mock(),
    lifecycle: mockServices.lifecycle.mock(),
  });
  return {
    job,
    drafted,
    due: (id: string) => {
      due = [id];
    },
  };
}

describe('DraftJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('drafts a lone declaration at once, and in an alert storm only in its pauses or after 2 s', async () => {
    const { job, drafted, due } = await startJob();
    const asked = Date.now();
    job.runSoon();
    await sleep(1_000);
    expect(drafted).toHaveLength(1);
    expect(drafted[0] - asked).toBe(200);

    // A storm: an alert every 50 ms for 3.5 s.
    due('incident-2');
    const stormStart = Date.now();
    while (Date.now() - stormStart < 3_500) {
      job.runSoon();
      await sleep(50);
    }
    const stormEnd = Date.now();
    const inStorm = drafted.slice(1);
    // Not at the first alert, but not later than 2 s either.
    expect(inStorm).toHaveLength(1);
    expect(inStorm[0] - stormStart).toBeGreaterThanOrEqual(2_000);
    expect(inStorm[0] - stormStart).toBeLessThan(2_100);

    // After the storm, what came due meanwhile is drafted once it pauses.
    due('incident-3');
    job.runSoon();
    await sleep(1_000);
    expect(drafted).toHaveLength(3);
    expect(drafted[2] - stormEnd).toBeLessThanOrEqual(250);
  });

  it('starts no pass once stopped, also not one asked for before', async () => {
    const { job, drafted } = await startJob();
    job.runSoon();
    await sleep(50);
    await job.stop();
    job.runSoon();
    await sleep(3_000);
    expect(drafted).toEqual([]);
  });
});
