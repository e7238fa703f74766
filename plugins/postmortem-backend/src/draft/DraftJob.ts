import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readDraftJobConfig } from '../config/readConfig';
import { scheduleJob } from '../scheduleJob';
import type { PostmortemStore } from '../database/PostmortemStore';
import type { DraftGenerator } from './DraftGenerator';

/** How long intake must have been quiet before a pass starts... */
const QUIET_MS = 200;
/** ...or how long a pass waits at most, so a storm still gets drafts. */
const MOST_WAIT_MS = 2_000;

/**
 * Generates the drafts that are due (requested at declaration and at
 * resolution, so a request survives a restart). A scheduled task on any
 * replica catches up; `runSoon` runs when intake asks, so nobody waits for
 * the next tick. Concurrent asks on one replica coalesce into one more pass
 * instead of parallel runs over the same incidents. Intake comes first: a
 * pass starts once alerts have paused for a moment (at most 2 s later), so
 * in an alert storm drafting takes the gaps instead of the CPU and the
 * database the webhooks need; a lone declaration is drafted 0.2 s after.
 */
export class DraftJob {
  private running?: Promise<void>;
  private again = false;
  private lastAsk = 0;

  static async start(options: {
    config: Config;
    scheduler: SchedulerService;
    store: PostmortemStore;
    drafts: DraftGenerator;
    logger: LoggerService;
  }): Promise<DraftJob> {
    const job = new DraftJob(options.store, options.drafts, options.logger);
    await scheduleJob(
      options.scheduler,
      'postmortem-generate-due-drafts',
      readDraftJobConfig(options.config, options.logger),
      () => job.runDue(),
    );
    return job;
  }

  private constructor(
    private readonly store: PostmortemStore,
    private readonly drafts: DraftGenerator,
    private readonly logger: LoggerService,
  ) {}

  /** Runs now, or once more right after the run in progress. */
  runSoon(): void {
    this.lastAsk = Date.now();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.intakePause();
        await this.runDue();
      } while (this.again);
    })()
      .catch(error => this.logger.error('Draft generation failed', error))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Until intake has been quiet for QUIET_MS, or MOST_WAIT_MS at most. */
  private async intakePause(): Promise<void> {
    const until = Date.now() + MOST_WAIT_MS;
    for (;;) {
      const quietAt = this.lastAsk + QUIET_MS;
      const wait = Math.min(quietAt, until) - Date.now();
      if (wait <= 0) return;
      await new Promise(resolve => setTimeout(resolve, wait));
    }
  }

  private async runDue(): Promise<void> {
    for (const incidentId of await this.store.listDraftsDue(20)) {
      try {
        await this.drafts.generate(incidentId);
      } catch (error) {
        this.logger.error(
          `Draft generation failed for ${incidentId}`,
          error as Error,
        );
      }
    }
  }
}
