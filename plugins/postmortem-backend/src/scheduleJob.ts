import { SchedulerService } from '@backstage/backend-plugin-api';
import type { JobSchedule } from './config/readConfig';

/**
 * Schedules one of the plugin's background jobs: with scope `global`, so of
 * many replicas one runs each tick; a run still going after five minutes
 * is given up, so that a hung call cannot stop the job for good.
 */
export async function scheduleJob(
  scheduler: SchedulerService,
  id: string,
  schedule: JobSchedule,
  run: () => Promise<unknown>,
): Promise<void> {
  await scheduler.scheduleTask({
    id,
    scope: 'global',
    frequency: schedule.frequency,
    timeout: { minutes: 5 },
    fn: async () => {
      await run();
    },
  });
}
