import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readDraftJobConfig } from '../config/readConfig';
import { scheduleJob } from '../scheduleJob';
import type { PostmortemStore } from '../database/PostmortemStore';
import type { DraftGenerator } from './DraftGenerator';

/**
 * Generates the drafts that are due (requested at declaration and at
 * resolution, so a request survives a restart). A scheduled task on any
 * replica catches up; `runSoon` runs at once when intake asks, so nobody
 * waits for the next tick. Concurrent asks on one replica coalesce into
 * one more pass instead of parallel runs over the same incidents.
 */
export class DraftJob {
  private running?: Promise<void>;
  private again = false;

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
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runDue();
      } while (this.again);
    })()
      .catch(error => this.logger.error('Draft generation failed', error))
      .finally(() => {
        this.running = undefined;
      });
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
