import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
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
  private stopped = false;
  /** Ends the pause in progress early (at shutdown). */
  private wake?: () => void;

  static async start(options: {
    config: Config;
    scheduler: SchedulerService;
    store: PostmortemStore;
    drafts: DraftGenerator;
    logger: LoggerService;
    lifecycle: LifecycleService;
  }): Promise<DraftJob> {
    const job = new DraftJob(options.store, options.drafts, options.logger);
    // A pass asked for must not outlive the plugin (its database goes).
    options.lifecycle.addShutdownHook(() => job.stop());
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
    if (this.stopped) return;
    this.lastAsk = Date.now();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.intakePause();
        if (this.stopped) return;
        await this.runDue();
      } while (this.again && !this.stopped);
    })()
      .catch(error => this.logger.error('Draft generation failed', error))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** No pass starts after this; the one in progress ends its draft. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Until intake has been quiet for QUIET_MS, or MOST_WAIT_MS at most. */
  private async intakePause(): Promise<void> {
    const until = Date.now() + MOST_WAIT_MS;
    while (!this.stopped) {
      const quietAt = this.lastAsk + QUIET_MS;
      const wait = Math.min(quietAt, until) - Date.now();
      if (wait <= 0) return;
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async runDue(): Promise<void> {
    for (const incidentId of await this.store.listDraftsDue(20)) {
      if (this.stopped) return;
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
