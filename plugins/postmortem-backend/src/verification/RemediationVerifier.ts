import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  RemediationItem,
  RemediationVerification,
} from '@postmortems/plugin-postmortem-common';
import type { RemediationCheckVerifier } from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { readVerificationConfig } from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';
import { scheduleJob } from '../scheduleJob';

/**
 * Verifies done remediation items that carry an automated check, through
 * the verifier a module added for the check's kind (the Prometheus module
 * checks `prometheus` queries against their threshold). A pass makes the
 * item verified; a failure reopens it and tells its owner.
 */
export class RemediationVerifier {
  /** Reads `postmortem.verification` and schedules the checks. */
  static async create(options: {
    config: Config;
    scheduler: SchedulerService;
    knex: Knex;
    store: PostmortemStore;
    verifiers: RemediationCheckVerifier[];
    notifications: NotificationService | undefined;
    logger: LoggerService;
  }): Promise<RemediationVerifier> {
    const { frequency } = readVerificationConfig(
      options.config,
      options.logger,
    );
    const verifier = new RemediationVerifier(
      options.knex,
      options.store,
      options.verifiers,
      options.notifications,
      options.logger,
    );
    await scheduleJob(
      options.scheduler,
      'postmortem-verify-remediation',
      { frequency },
      () => verifier.run(),
    );
    return verifier;
  }

  private readonly verifiers: Map<string, RemediationCheckVerifier>;

  constructor(
    private readonly knex: Knex,
    private readonly store: PostmortemStore,
    verifiers: RemediationCheckVerifier[],
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {
    this.verifiers = new Map(verifiers.map(v => [v.kind, v]));
  }

  async run(): Promise<void> {
    if (!this.verifiers.size) return;
    const rows = await this.knex('remediation_items')
      .where({ status: 'done' })
      .whereNotNull('verification')
      .select('id', 'postmortem_id', 'verification');
    for (const row of rows) {
      const check = JSON.parse(
        row.verification,
      ) as RemediationItem['verification'];
      const verifier = check && this.verifiers.get(check.kind);
      if (!verifier) continue;
      try {
        await this.verify(row.postmortem_id, row.id, verifier, check!);
      } catch (error) {
        this.logger.warn(`Verification of ${row.id} could not run: ${error}`);
      }
    }
  }

  private async verify(
    postmortemId: string,
    itemId: string,
    verifier: RemediationCheckVerifier,
    check: RemediationVerification,
  ) {
    const { passed, detail } = await verifier.verify(check);
    await this.knex('remediation_items')
      .where({ id: itemId })
      .update({
        last_check: JSON.stringify({
          at: new Date().toISOString(),
          passed,
          detail,
        }),
      });
    const author = `verification:${check.kind}`;
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
