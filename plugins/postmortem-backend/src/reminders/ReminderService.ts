import { createHash } from 'node:crypto';
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  POSTMORTEM_STAGES,
  Postmortem,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import { readReminderConfig, readWorkflowConfig } from '../config/readConfig';
import { PostmortemStore, ReminderLook } from '../database/PostmortemStore';
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

/** A reminder and the time it falls due (ms). */
interface Scheduled {
  from: number;
  reminder: Reminder;
}

const HOUR = 3_600_000;
const stageIndex = (stage: PostmortemStage) => POSTMORTEM_STAGES.indexOf(stage);

/**
 * The first millisecond after `time`: a reminder due once the clock is past
 * a time (now > time) is due from then on (now >= it).
 */
const after = (time: number) => Math.floor(time) + 1;

/** Postmortems read at once (and their times stored at once). */
const LOOK_BATCH = 200;

/**
 * Part of the rules' fingerprint: raise it when the rules below change what
 * is due when, so that the times stored with the old rules are not used.
 */
const RULES_VERSION = 1;

/**
 * Keeps postmortems moving: reminders for stage deadlines (approaching and
 * passed), for contributors who were asked and have not contributed, and
 * for remediation items due and overdue; a second miss escalates to the
 * incident commander. Each reminder has a key and is recorded, with its
 * notification in the outbox, in one transaction; it is sent after commit,
 * so replicas running the job at once send it once and no transaction is
 * open while the notifications backend is called.
 *
 * A pass looks only at the postmortems whose time to be looked at has come
 * (postmortems.reminder_due_at, from an index): after each look the job
 * stores the earliest time at which a reminder it has not sent can fall
 * due, and every change of a postmortem sets the time back to look at once.
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
    // Times computed with other rules (another policy or other windows)
    // are not these rules' times: every postmortem is looked at again.
    await this.store.adoptReminderRules(this.rulesFingerprint());
    // Only the postmortems that can need a reminder now: a reminder not
    // sent yet may have fallen due since the last look, or they changed.
    const looks = await this.store.listRemindersDue(now);
    let sent = 0;
    for (let i = 0; i < looks.length; i += LOOK_BATCH) {
      sent += await this.lookAt(looks.slice(i, i + LOOK_BATCH), now);
    }
    if (sent) this.logger.info(`Sent ${sent} postmortem reminder(s)`);
    return sent;
  }

  /**
   * Sends what is due now about these postmortems and stores when each may
   * next need a reminder: the earliest time one not due now falls due.
   */
  private async lookAt(looks: ReminderLook[], now: Date): Promise<number> {
    const ids = looks.map(l => l.postmortemId);
    // Read after the revisions were: a change since then makes the
    // revision stale, and the time stored below is then not stored.
    const postmortems = (await this.store.getPostmortems(ids)).filter(
      (p): p is Postmortem => Boolean(p),
    );
    const byId = new Map(postmortems.map(p => [p.id, p]));
    const items = await this.store.listOpenRemediationItems(ids);
    const verified = await this.store.listFullyVerified(ids);

    const due: Array<{ postmortem: Postmortem; reminder: Reminder }> = [];
    const next = new Map<string, number>();
    const later = (postmortemId: string, from: number) => {
      if (!Number.isFinite(from)) return; // an unreadable date: never due
      const known = next.get(postmortemId);
      if (known === undefined || from < known) next.set(postmortemId, from);
    };
    const consider = (
      postmortem: Postmortem,
      { from, reminder }: Scheduled,
    ) => {
      if (now.getTime() >= from) due.push({ postmortem, reminder });
      else later(postmortem.id, from);
    };

    // Published postmortems are met by reaching the last stage: only their
    // remediation items and re-evaluation remind.
    for (const postmortem of postmortems) {
      if (postmortem.stage === 'published') continue;
      for (const scheduled of this.deadlineReminders(postmortem, now)) {
        consider(postmortem, scheduled);
      }
      const asked = postmortem.roles.contributors;
      if (!asked.length) continue;
      const from = after(
        Date.parse(postmortem.createdAt) +
          this.settings.contributorWindowHours * HOUR,
      );
      if (now.getTime() < from) {
        later(postmortem.id, from);
        continue;
      }
      for (const reminder of await this.contributorReminders(postmortem)) {
        due.push({ postmortem, reminder });
      }
    }

    for (const item of items) {
      const postmortem = byId.get(item.postmortemId);
      if (!postmortem || !item.dueDate || !item.ownerRef) continue;
      const dueAt = Date.parse(`${item.dueDate}T23:59:59Z`);
      const ic = postmortem.roles.incidentCommander;
      const schedule = (
        from: number,
        suffix: string,
        reminder: Omit<Reminder, 'key' | 'kind'>,
      ) =>
        consider(postmortem, {
          from,
          reminder: {
            key: `item:${item.id}:${suffix}`,
            kind: `remediation.${suffix}`,
            ...reminder,
          },
        });
      if (ic) {
        schedule(
          after(dueAt + this.settings.escalationHours * HOUR),
          'escalated',
          {
            recipients: [ic],
            title: `Remediation item of ${postmortem.humanId} is still overdue`,
            description: `"${item.title}" (owner ${item.ownerRef}) was due ${item.dueDate}.`,
            severity: 'high',
          },
        );
      }
      schedule(after(dueAt), 'overdue', {
        recipients: [item.ownerRef],
        title: `Remediation item overdue: ${item.title}`,
        description: `From ${postmortem.humanId}; it was due ${item.dueDate}.`,
        severity: 'high',
      });
      // Until it is overdue.
      if (!(now.getTime() > dueAt)) {
        schedule(after(dueAt - this.settings.approachingHours * HOUR), 'due', {
          recipients: [item.ownerRef],
          title: `Remediation item due ${item.dueDate}: ${item.title}`,
          description: `From ${postmortem.humanId}.`,
          severity: 'normal',
        });
      }
    }

    // Closed loop: once every item is verified, ask the commander later
    // whether the outcome held.
    for (const { postmortemId, lastVerifiedAt } of verified) {
      const at =
        Date.parse(lastVerifiedAt) +
        this.settings.reevaluationDays * 86_400_000;
      const postmortem = byId.get(postmortemId);
      const ic = postmortem?.roles.incidentCommander;
      if (!postmortem || !ic) continue;
      consider(postmortem, {
        from: at,
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
    // Everything due now is recorded: each postmortem is looked at again
    // when its next reminder can fall due (never, if none can, until it
    // changes). A postmortem deleted since is not there to update.
    await this.store.setRemindersDue(
      looks.map(look => {
        const at = next.get(look.postmortemId);
        return { ...look, dueAt: at === undefined ? null : new Date(at) };
      }),
    );
    // After commit: the notifications backend may need a connection too.
    await this.outbox.deliver(recorded);
    return sent;
  }

  /** A fingerprint of the rules: the times stored were computed with them. */
  private rulesFingerprint(): string {
    return createHash('sha256')
      .update(JSON.stringify([RULES_VERSION, this.policy, this.settings]))
      .digest('hex');
  }

  /**
   * The reminders of the stage deadlines not met yet, each with the time it
   * falls due (approaching, until the deadline; passed; escalated).
   */
  private deadlineReminders(postmortem: Postmortem, now: Date): Scheduled[] {
    const reminders: Scheduled[] = [];
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
      // postmortems are not looked at here at all).
      if (stageIndex(postmortem.stage) > stageIndex(stage) || !owners.length)
        continue;
      const deadline = Date.parse(at);
      const base = `deadline:${postmortem.id}:${stage}`;
      if (ic) {
        reminders.push({
          from: after(deadline + this.settings.escalationHours * HOUR),
          reminder: {
            key: `${base}:escalated`,
            kind: 'deadline.escalated',
            recipients: [ic],
            title: `${postmortem.humanId} missed its ${stage} deadline twice`,
            description: `The deadline was ${at}; the postmortem is still in ${postmortem.stage}.`,
            severity: 'high',
          },
        });
      }
      reminders.push({
        from: after(deadline),
        reminder: {
          key: `${base}:passed`,
          kind: 'deadline.passed',
          recipients: owners,
          title: `${postmortem.humanId} passed its ${stage} deadline`,
          description: `The deadline was ${at}; the postmortem is in ${postmortem.stage}.`,
          severity: 'high',
        },
      });
      // Until the deadline passes.
      if (!(now.getTime() > deadline)) {
        reminders.push({
          from: after(deadline - this.settings.approachingHours * HOUR),
          reminder: {
            key: `${base}:approaching`,
            kind: 'deadline.approaching',
            recipients: owners,
            title: `${postmortem.humanId} should reach ${stage} by ${at}`,
            description: `It is in ${postmortem.stage}.`,
            severity: 'normal',
          },
        });
      }
    }
    return reminders;
  }

  /** Contributors asked, past the window, who have not contributed. */
  private async contributorReminders(
    postmortem: Postmortem,
  ): Promise<Reminder[]> {
    const contributed = new Set(
      [
        ...(await this.store.listComments(postmortem.id)).map(c => c.author),
        ...(await this.store.listHistory(postmortem.id)).map(h => h.actor),
      ].map(r => r.toLocaleLowerCase('en-US')),
    );
    return postmortem.roles.contributors
      .filter(c => !contributed.has(c.toLocaleLowerCase('en-US')))
      .map(contributor => ({
        key: `contributor:${postmortem.id}:${contributor}`,
        kind: 'contributor.asked',
        recipients: [contributor],
        title: `Your perspective is wanted on ${postmortem.humanId}`,
        description: `${postmortem.title}: add what you saw and did, from your role.`,
        severity: 'normal' as const,
      }));
  }
}
