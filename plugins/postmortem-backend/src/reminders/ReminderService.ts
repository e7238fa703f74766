import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  POSTMORTEM_STAGES,
  Postmortem,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import { readReminderConfig, readWorkflowConfig } from '../config/readConfig';
import { PostmortemStore } from '../database/PostmortemStore';
import { scheduleJob } from '../scheduleJob';
import { NotificationOutbox } from '../outbox/NotificationOutbox';
import { DeadlinePolicy, deadlinesFor } from '../workflow/deadlines';

export interface ReminderSettings {
  /** Remind this many hours before a stage deadline or due date. */
  approachingHours: number;
  /** Contributors asked to contribute are reminded after this many hours. */
  contributorWindowHours: number;
  /** A second miss, this many hours after the first, escalates to the IC. */
  escalationHours: number;
  /** Days after the last item is verified to ask whether the outcome held. */
  reevaluationDays: number;
}

interface Reminder {
  key: string;
  kind: string;
  recipients: string[];
  title: string;
  description: string;
  severity: 'normal' | 'high';
}

const HOUR = 3_600_000;
const stageIndex = (stage: PostmortemStage) => POSTMORTEM_STAGES.indexOf(stage);

/**
 * Keeps postmortems moving: reminders for stage deadlines (approaching and
 * passed), for contributors who were asked and have not contributed, and
 * for remediation items due and overdue; a second miss escalates to the
 * incident commander. Each reminder has a key and is recorded, with its
 * notification in the outbox, in one transaction; it is sent after commit,
 * so replicas running the job at once send it once and no transaction is
 * open while the notifications backend is called.
 */
export class ReminderService {
  /**
   * Reads `postmortem.reminders` (and the deadlines of `postmortem.workflow`)
   * and schedules the reminder job.
   */
  static async create(options: {
    config: Config;
    scheduler: SchedulerService;
    store: PostmortemStore;
    outbox: NotificationOutbox;
    logger: LoggerService;
  }): Promise<ReminderService> {
    const { frequency, settings } = readReminderConfig(
      options.config,
      options.logger,
    );
    const reminders = new ReminderService(
      options.store,
      options.outbox,
      readWorkflowConfig(options.config).policy,
      settings,
      options.logger,
    );
    await scheduleJob(
      options.scheduler,
      'postmortem-send-reminders',
      { frequency },
      () => reminders.run(),
    );
    return reminders;
  }

  constructor(
    private readonly store: PostmortemStore,
    private readonly outbox: NotificationOutbox,
    private readonly policy: DeadlinePolicy,
    private readonly settings: ReminderSettings,
    private readonly logger: LoggerService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Sends every reminder that is due now; returns how many were sent. */
  async run(): Promise<number> {
    const now = this.clock();
    const due: Array<{ postmortem: Postmortem; reminder: Reminder }> = [];
    const postmortems = (
      await this.store.getPostmortems(await this.store.listOpenPostmortemIds())
    ).filter((p): p is Postmortem => Boolean(p));
    const byId = new Map(postmortems.map(p => [p.id, p]));

    for (const postmortem of postmortems) {
      for (const reminder of await this.dueFor(postmortem, now)) {
        due.push({ postmortem, reminder });
      }
    }
    for (const item of await this.store.listOpenRemediationItems()) {
      const postmortem =
        byId.get(item.postmortemId) ??
        (await this.store.getPostmortem(item.postmortemId));
      if (!postmortem || !item.dueDate || !item.ownerRef) continue;
      const dueAt = Date.parse(`${item.dueDate}T23:59:59Z`);
      const ic = postmortem.roles.incidentCommander;
      const push = (suffix: string, reminder: Omit<Reminder, 'key' | 'kind'>) =>
        due.push({
          postmortem,
          reminder: {
            key: `item:${item.id}:${suffix}`,
            kind: `remediation.${suffix}`,
            ...reminder,
          },
        });
      if (now.getTime() > dueAt + this.settings.escalationHours * HOUR && ic) {
        push('escalated', {
          recipients: [ic],
          title: `Remediation item of ${postmortem.humanId} is still overdue`,
          description: `"${item.title}" (owner ${item.ownerRef}) was due ${item.dueDate}.`,
          severity: 'high',
        });
      }
      if (now.getTime() > dueAt) {
        push('overdue', {
          recipients: [item.ownerRef],
          title: `Remediation item overdue: ${item.title}`,
          description: `From ${postmortem.humanId}; it was due ${item.dueDate}.`,
          severity: 'high',
        });
      } else if (
        now.getTime() >
        dueAt - this.settings.approachingHours * HOUR
      ) {
        push('due', {
          recipients: [item.ownerRef],
          title: `Remediation item due ${item.dueDate}: ${item.title}`,
          description: `From ${postmortem.humanId}.`,
          severity: 'normal',
        });
      }
    }

    // Closed loop: once every item is verified, ask the commander later
    // whether the outcome held.
    for (const {
      postmortemId,
      lastVerifiedAt,
    } of await this.store.listFullyVerified()) {
      const at =
        Date.parse(lastVerifiedAt) +
        this.settings.reevaluationDays * 86_400_000;
      const postmortem =
        byId.get(postmortemId) ??
        (await this.store.getPostmortem(postmortemId));
      const ic = postmortem?.roles.incidentCommander;
      if (!postmortem || !ic || now.getTime() < at) continue;
      due.push({
        postmortem,
        reminder: {
          key: `reevaluation:${postmortemId}`,
          kind: 'reevaluation',
          recipients: [ic],
          title: `Did the fixes for ${postmortem.humanId} hold?`,
          description: `Every remediation item of ${postmortem.title} was verified ${this.settings.reevaluationDays} days ago. Check that the failure has not come back and record the outcome.`,
          severity: 'normal',
        },
      });
    }

    // A reminder stays due once it is sent (its deadline stays passed);
    // only those not recorded yet are written. Recording each again on every
    // run, each in its own transaction after redaction, was most of the
    // job's work (under load: 20 writes a second that changed nothing). The
    // unique key still decides between replicas running at once.
    const recordedBefore = new Set<string>();
    for (const postmortemId of new Set(due.map(d => d.postmortem.id))) {
      for (const { key } of await this.store.listReminders(postmortemId)) {
        recordedBefore.add(key);
      }
    }

    let sent = 0;
    const recorded: string[] = [];
    for (const { postmortem, reminder } of due) {
      if (recordedBefore.has(reminder.key)) continue;
      const fresh = await this.store.recordReminder({
        key: reminder.key,
        postmortemId: postmortem.id,
        kind: reminder.kind,
        recipients: reminder.recipients,
        sentAt: now,
        notification: {
          recipients: reminder.recipients,
          payload: {
            title: reminder.title,
            description: reminder.description,
            link: `/postmortems/${postmortem.humanId}`,
            severity: reminder.severity,
            topic: 'postmortem',
          },
        },
      });
      if (fresh) {
        sent++;
        recorded.push(reminder.key);
      }
    }
    // After commit: the notifications backend may need a connection too.
    await this.outbox.deliver(recorded);
    if (sent) this.logger.info(`Sent ${sent} postmortem reminder(s)`);
    return sent;
  }

  private async dueFor(postmortem: Postmortem, now: Date): Promise<Reminder[]> {
    const reminders: Reminder[] = [];
    const owners = [
      postmortem.roles.incidentCommander,
      ...postmortem.roles.technicalOwners,
    ].filter((r): r is string => Boolean(r));
    const ic = postmortem.roles.incidentCommander;
    const deadlines = deadlinesFor(
      this.policy,
      postmortem.severity,
      postmortem.resolvedAt ?? postmortem.createdAt,
    );
    for (const [stage, at] of Object.entries(deadlines) as Array<
      [PostmortemStage, string]
    >) {
      // A deadline on a stage is met once the postmortem has moved past it
      // (published, the last stage, is met by reaching it; published
      // postmortems are not listed here at all).
      if (stageIndex(postmortem.stage) > stageIndex(stage) || !owners.length)
        continue;
      const deadline = Date.parse(at);
      const base = `deadline:${postmortem.id}:${stage}`;
      if (
        now.getTime() > deadline + this.settings.escalationHours * HOUR &&
        ic
      ) {
        reminders.push({
          key: `${base}:escalated`,
          kind: 'deadline.escalated',
          recipients: [ic],
          title: `${postmortem.humanId} missed its ${stage} deadline twice`,
          description: `The deadline was ${at}; the postmortem is still in ${postmortem.stage}.`,
          severity: 'high',
        });
      }
      if (now.getTime() > deadline) {
        reminders.push({
          key: `${base}:passed`,
          kind: 'deadline.passed',
          recipients: owners,
          title: `${postmortem.humanId} passed its ${stage} deadline`,
          description: `The deadline was ${at}; the postmortem is in ${postmortem.stage}.`,
          severity: 'high',
        });
      } else if (
        now.getTime() >
        deadline - this.settings.approachingHours * HOUR
      ) {
        reminders.push({
          key: `${base}:approaching`,
          kind: 'deadline.approaching',
          recipients: owners,
          title: `${postmortem.humanId} should reach ${stage} by ${at}`,
          description: `It is in ${postmortem.stage}.`,
          severity: 'normal',
        });
      }
    }

    const asked = postmortem.roles.contributors;
    if (
      asked.length &&
      now.getTime() >
        Date.parse(postmortem.createdAt) +
          this.settings.contributorWindowHours * HOUR
    ) {
      const contributed = new Set(
        [
          ...(await this.store.listComments(postmortem.id)).map(c => c.author),
          ...(await this.store.listHistory(postmortem.id)).map(h => h.actor),
        ].map(r => r.toLocaleLowerCase('en-US')),
      );
      for (const contributor of asked) {
        if (contributed.has(contributor.toLocaleLowerCase('en-US'))) continue;
        reminders.push({
          key: `contributor:${postmortem.id}:${contributor}`,
          kind: 'contributor.asked',
          recipients: [contributor],
          title: `Your perspective is wanted on ${postmortem.humanId}`,
          description: `${postmortem.title}: add what you saw and did, from your role.`,
          severity: 'normal',
        });
      }
    }
    return reminders;
  }
}
