import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { readVerificationConfig } from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';

type Check = Extract<
  NonNullable<RemediationItem['verification']>,
  { kind: 'prometheus' }
>;

const COMPARE: Record<Check['comparator'], (a: number, b: number) => boolean> =
  {
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
  };

/**
 * Verifies done remediation items that carry a Prometheus check: every
 * series of the query must meet the threshold. A pass makes the item
 * verified; a failure reopens it and tells its owner.
 */
export class RemediationVerifier {
  /** Reads `postmortem.verification` and schedules the checks. */
  static async create(options: {
    config: Config;
    scheduler: SchedulerService;
    knex: Knex;
    store: PostmortemStore;
    notifications: NotificationService | undefined;
    logger: LoggerService;
  }): Promise<RemediationVerifier> {
    const { frequency, prometheusBaseUrl } = readVerificationConfig(
      options.config,
      options.logger,
    );
    const verifier = new RemediationVerifier(
      options.knex,
      options.store,
      prometheusBaseUrl,
      options.notifications,
      options.logger,
    );
    await options.scheduler.scheduleTask({
      id: 'postmortem-verify-remediation',
      scope: 'global',
      frequency,
      timeout: { minutes: 5 },
      fn: () => verifier.run(),
    });
    return verifier;
  }

  constructor(
    private readonly knex: Knex,
    private readonly store: PostmortemStore,
    private readonly prometheusBaseUrl: string | undefined,
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  async run(): Promise<void> {
    if (!this.prometheusBaseUrl) return;
    const rows = await this.knex('remediation_items')
      .where({ status: 'done' })
      .whereNotNull('verification')
      .select('id', 'postmortem_id', 'verification');
    for (const row of rows) {
      const check = JSON.parse(
        row.verification,
      ) as RemediationItem['verification'];
      if (check?.kind !== 'prometheus') continue;
      try {
        await this.verify(row.postmortem_id, row.id, check);
      } catch (error) {
        this.logger.warn(`Verification of ${row.id} could not run: ${error}`);
      }
    }
  }

  private async verify(postmortemId: string, itemId: string, check: Check) {
    const url = new URL(
      `${this.prometheusBaseUrl!.replace(/\/$/, '')}/api/v1/query`,
    );
    url.searchParams.set('query', check.query);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Prometheus answered ${response.status}`);
    const body = (await response.json()) as {
      data?: {
        result?: Array<{
          metric: Record<string, string>;
          value: [number, string];
        }>;
      };
    };
    const values = (body.data?.result ?? []).map(r => Number(r.value[1]));
    const passed =
      values.length > 0 &&
      values.every(v => COMPARE[check.comparator](v, check.threshold));
    const detail = values.length
      ? `${check.query} = ${values.join(', ')} (want ${check.comparator} ${
          check.threshold
        })`
      : `${check.query} returned no series`;
    await this.knex('remediation_items')
      .where({ id: itemId })
      .update({
        last_check: JSON.stringify({
          at: new Date().toISOString(),
          passed,
          detail,
        }),
      });
    const author = 'verification:prometheus';
    if (passed) {
      await this.store.updateSubRecord(
        'remediation',
        postmortemId,
        itemId,
        { status: 'verified' },
        { author },
      );
      return;
    }
    const item = await this.store.updateSubRecord(
      'remediation',
      postmortemId,
      itemId,
      { status: 'open' },
      { author },
    );
    const postmortem = await this.store.getPostmortem(postmortemId);
    if (this.notifications && item.ownerRef && postmortem) {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: [item.ownerRef] },
        payload: {
          title: `Verification failed, item reopened: ${item.title}`,
          description: `From ${postmortem.humanId}: ${detail}`,
          link: `/postmortems/${postmortem.humanId}`,
          severity: 'high',
          topic: 'postmortem',
        },
      });
    }
  }
}
