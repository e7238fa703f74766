import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { RemediationVerification } from '@postmortems/plugin-postmortem-common';
import type { RemediationCheckVerifier } from '@postmortems/plugin-postmortem-node';
import { readVerificationConfig } from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';
import { VerificationStore } from '../database/KnexVerificationStore';
import { Redactor } from '../redaction/Redactor';
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
    stores: { verification: VerificationStore };
    store: PostmortemStore;
    verifiers: RemediationCheckVerifier[];
    redactor: Redactor;
    notifications: NotificationService | undefined;
    logger: LoggerService;
  }): Promise<RemediationVerifier> {
    const { frequency } = readVerificationConfig(
      options.config,
      options.logger,
    );
    const verifier = new RemediationVerifier(
      options.stores.verification,
      options.store,
      options.verifiers,
      options.redactor,
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
    private readonly checks: VerificationStore,
    private readonly store: PostmortemStore,
    verifiers: RemediationCheckVerifier[],
    private readonly redactor: Redactor,
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {
    this.verifiers = new Map(verifiers.map(v => [v.kind, v]));
  }

  async run(): Promise<void> {
    if (!this.verifiers.size) return;
    const items = await this.checks.listItemsToVerify();
    for (const row of items) {
      const check = row.verification;
      const verifier = check && this.verifiers.get(check.kind);
      if (!verifier) continue;
      try {
        await this.verify(row.postmortemId, row.id, verifier, check!);
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
    const outcome = await verifier.verify(check);
    const { passed } = outcome;
    // A verifier's words come from outside (a query's error, a tool's
    // answer): masked before they are stored or sent, like any outside text.
    const { text: detail } = await this.redactor.redactAsync(outcome.detail);
    await this.checks.recordCheck(itemId, {
      at: new Date().toISOString(),
      passed,
      detail,
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
