import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  PostmortemStage,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexOutboxStore } from '../database/KnexOutboxStore';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { KnexStoredTextStore } from '../database/KnexStoredTextStore';
import type { PostmortemStore } from '../database/PostmortemStore';
import { NotificationOutbox } from '../outbox/NotificationOutbox';
import { DEFAULT_DEADLINE_POLICY } from '../workflow/deadlines';
import { ReminderService, ReminderSettings } from './ReminderService';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IC = 'user:default/ada.okafor';
const OWNER = 'user:default/liam.chen';
const CONTRIBUTOR = 'user:default/priya.raman';
const SETTINGS: ReminderSettings = {
  approachingHours: 24,
  contributorWindowHours: 48,
  escalationHours: 24,
  reevaluationDays: 30,
};

/** What reached the notifications backend, one line per notification. */
class RecordingNotifications implements NotificationService {
  sent: string[] = [];
  async send(options: Parameters<NotificationService['send']>[0]) {
    const { entityRef } = options.recipients as { entityRef: string[] };
    this.sent.push(`${options.payload.title} -> ${entityRef.join(',')}`);
  }
}

/**
 * The store, noting every postmortem the reminder job reads anything of
 * ('*' for a read of all of them).
 */
function watched(store: PostmortemStore) {
  const read = new Set<string>();
  const byIds = new Set([
    'getPostmortems',
    'listOpenRemediationItems',
    'listFullyVerified',
  ]);
  const byId = new Set([
    'getPostmortem',
    'listComments',
    'listHistory',
    'listReminders',
    'listSubRecords',
  ]);
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver);
      if (typeof original !== 'function' || typeof property !== 'string') {
        return original;
      }
      return (...args: unknown[]) => {
        if (byIds.has(property)) {
          for (const id of (args[0] as string[] | undefined) ?? ['*'])
            read.add(id);
        }
        if (byId.has(property)) read.add((args[0] as string) ?? '*');
        return original.apply(target, args);
      };
    },
  });
  return { store: proxy as PostmortemStore, read };
}

function reminderService(
  knex: Knex,
  store: PostmortemStore,
  clock: () => Date,
  settings: ReminderSettings = SETTINGS,
) {
  const notifications = new RecordingNotifications();
  const service = new ReminderService(
    store,
    new NotificationOutbox(
      new KnexOutboxStore(knex),
      notifications,
      mockServices.logger.mock(),
    ),
    DEFAULT_DEADLINE_POLICY,
    settings,
    mockServices.logger.mock(),
    clock,
  );
  return { service, notifications };
}

async function declare(
  store: PostmortemStore,
  title: string,
  options: {
    severity: Severity;
    resolvedAt: Date;
    contributors?: string[];
    owners?: string[];
    ic?: string;
  },
) {
  const declared = newIncident(title);
  const { postmortem } = await store.createIncident({
    ...declared,
    severity: options.severity,
    status: 'resolved',
    impactStartedAt: new Date(
      options.resolvedAt.getTime() - HOUR,
    ).toISOString(),
    resolvedAt: options.resolvedAt.toISOString(),
    postmortem: {
      ...declared.postmortem,
      roles: {
        incidentCommander: options.ic ?? IC,
        technicalOwners: options.owners ?? [],
        reviewers: [],
        contributors: options.contributors ?? [],
      },
    },
    author: IC,
  });
  return postmortem;
}

describe.each(databases.eachSupportedId())('reminder passes on %p', id => {
  it('read the postmortems that can need a reminder now, and no others', async () => {
    const knex = await migratedDatabase(databases, id);
    const { store, read } = watched(KnexPostmortemStore.create(knex));
    const start = Date.now();
    let now = new Date(start);
    const { service, notifications } = reminderService(knex, store, () => now);

    // SEV5: published is due in 30 business days, six weeks away.
    const far = await declare(store, 'Far deadline', {
      severity: 'SEV5',
      resolvedAt: new Date(start - HOUR),
    });
    // SEV1 resolved a month ago: every deadline passed and escalated.
    const overdue = await declare(store, 'Long overdue', {
      severity: 'SEV1',
      resolvedAt: new Date(start - 30 * DAY),
    });
    // Published, no remediation: nothing to remind about, ever.
    const done = await declare(store, 'Done', {
      severity: 'SEV2',
      resolvedAt: new Date(start - 30 * DAY),
    });
    await store.updatePostmortem(
      done.id,
      { stage: 'published' },
      { author: IC },
    );

    // The first pass looks at each once (new postmortems, and every one
    // when the migration ran).
    await service.run();
    expect([...read].sort()).toEqual([far.id, overdue.id, done.id].sort());
    expect(notifications.sent.sort()).toEqual(
      [
        `${overdue.humanId} missed its draft deadline twice -> ${IC}`,
        `${overdue.humanId} passed its draft deadline -> ${IC}`,
        `${overdue.humanId} missed its in_review deadline twice -> ${IC}`,
        `${overdue.humanId} passed its in_review deadline -> ${IC}`,
        `${overdue.humanId} missed its published deadline twice -> ${IC}`,
        `${overdue.humanId} passed its published deadline -> ${IC}`,
      ].sort(),
    );
    const dueAt = async (postmortemId: string) => {
      const row = await knex('postmortems')
        .where({ id: postmortemId })
        .first('reminder_due_at');
      return row.reminder_due_at === null
        ? null
        : new Date(row.reminder_due_at).getTime();
    };
    // Nothing can fall due for the overdue and the published one until
    // they change; the far one is due a day before its deadline.
    expect(await dueAt(overdue.id)).toBeNull();
    expect(await dueAt(done.id)).toBeNull();
    const farDeadline = (await dueAt(far.id))! + 24 * HOUR - 1;
    expect(farDeadline - start).toBeGreaterThan(30 * DAY);

    // Later passes before then read nothing at all.
    for (const later of [0, HOUR, 7 * DAY, farDeadline - 24 * HOUR - start]) {
      read.clear();
      notifications.sent = [];
      now = new Date(start + later);
      expect(await service.run()).toBe(0);
      expect([...read]).toEqual([]);
    }

    // The far deadline approaches: that postmortem is read, and only it.
    read.clear();
    now = new Date(farDeadline - 24 * HOUR + 1);
    expect(await service.run()).toBe(1);
    expect([...read]).toEqual([far.id]);
    expect(notifications.sent).toEqual([
      `${far.humanId} should reach published by ${new Date(
        farDeadline,
      ).toISOString()} -> ${IC}`,
    ]);

    // A change is looked at in the next pass, before any time comes: a
    // contributor asked on the overdue one (past the window at once).
    read.clear();
    notifications.sent = [];
    await store.updatePostmortem(
      overdue.id,
      {
        roles: {
          incidentCommander: IC,
          technicalOwners: [],
          reviewers: [],
          contributors: [CONTRIBUTOR],
        },
      },
      { author: IC },
    );
    // (Long past the contributor window; the far deadline is a day off.)
    now = new Date(now.getTime() + HOUR);
    expect(await service.run()).toBe(1);
    expect([...read]).toEqual([overdue.id]);
    expect(notifications.sent).toEqual([
      `Your perspective is wanted on ${overdue.humanId} -> ${CONTRIBUTOR}`,
    ]);
    // And nothing is sent twice.
    read.clear();
    notifications.sent = [];
    now = new Date(now.getTime() + HOUR);
    expect(await service.run()).toBe(0);
    expect([...read]).toEqual([]);
  });

  it('look again at a postmortem that changed while a pass read it', async () => {
    const knex = await migratedDatabase(databases, id);
    const real = KnexPostmortemStore.create(knex);
    const now = new Date(Date.now() + 3 * DAY); // past the contributor window
    const overdue = await declare(real, 'Long overdue', {
      severity: 'SEV1',
      resolvedAt: new Date(now.getTime() - 30 * DAY),
    });
    // The change lands after the pass read the postmortem, before it
    // stores when to look next.
    let changeDuringRead = true;
    const store = new Proxy(real, {
      get(target, property, receiver) {
        if (property !== 'getPostmortems') {
          return Reflect.get(target, property, receiver);
        }
        return async (ids: string[]) => {
          const read = await target.getPostmortems(ids);
          if (changeDuringRead) {
            changeDuringRead = false;
            await target.updatePostmortem(
              overdue.id,
              {
                roles: {
                  incidentCommander: IC,
                  technicalOwners: [],
                  reviewers: [],
                  contributors: [CONTRIBUTOR],
                },
              },
              { author: IC },
            );
          }
          return read;
        };
      },
    });
    const { service, notifications } = reminderService(knex, store, () => now);
    expect(await service.run()).toBe(6); // the deadlines, as read
    notifications.sent = [];
    expect(await service.run()).toBe(1);
    expect(notifications.sent).toEqual([
      `Your perspective is wanted on ${overdue.humanId} -> ${CONTRIBUTOR}`,
    ]);
  });

  it('look again at a postmortem whose stored text a redaction pass changed', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const now = new Date(Date.now() + 3 * DAY);
    const overdue = await declare(store, 'Long overdue', {
      severity: 'SEV1',
      resolvedAt: new Date(now.getTime() - 30 * DAY),
      contributors: ['user:default/someone'],
    });
    await store.addComment({
      postmortemId: overdue.id,
      author: 'user:default/someone',
      perspective: 'sre',
      text: 'What I saw',
    });
    const { service, notifications } = reminderService(knex, store, () => now);
    expect(await service.run()).toBe(6); // the deadlines; someone commented
    expect(await service.run()).toBe(0);
    // A pass of a newer redactor masks the commenter: the contributor no
    // longer shows as having contributed.
    const texts = new KnexStoredTextStore(knex);
    const [comment] = await knex('comments').where({
      postmortem_id: overdue.id,
    });
    await texts.updateIfUnchanged(
      { table: 'comments', keys: ['id'], rows: [comment] },
      comment,
      { author: 'user:default/[redacted]' },
    );
    notifications.sent = [];
    expect(await service.run()).toBe(1);
    expect(notifications.sent).toEqual([
      `Your perspective is wanted on ${overdue.humanId} -> user:default/someone`,
    ]);
  });

  it('look at every postmortem again when the rules change', async () => {
    const knex = await migratedDatabase(databases, id);
    const { store, read } = watched(KnexPostmortemStore.create(knex));
    const now = new Date();
    const far = await declare(store, 'Far deadline', {
      severity: 'SEV5',
      resolvedAt: new Date(now.getTime() - HOUR),
    });
    const first = reminderService(knex, store, () => now);
    expect(await first.service.run()).toBe(0);
    read.clear();
    expect(await first.service.run()).toBe(0);
    expect([...read]).toEqual([]);

    // Reminded 60 days ahead: the deadline approaches now.
    const wider = reminderService(knex, store, () => now, {
      ...SETTINGS,
      approachingHours: 60 * 24,
    });
    expect(await wider.service.run()).toBe(1);
    expect([...read]).toEqual([far.id]);
    expect(wider.notifications.sent).toEqual([
      expect.stringContaining(`${far.humanId} should reach published by`),
    ]);
  });

  it('read the due postmortems from their index', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const sql: Knex.Sql[] = [];
    const listener = (q: Knex.Sql) => sql.push(q);
    knex.on('query', listener);
    await store.listRemindersDue(new Date());
    knex.removeListener('query', listener);
    const [query] = sql.filter(q => /postmortems/.test(q.sql));
    let plan: string[];
    if (knex.client.config.client === 'pg') {
      // The pg driver's own placeholders ($1...), so on a connection of its
      // own. A table this small is read whole unless scans are ruled out:
      // what is checked is that the index can answer the query at all.
      const connection = await knex.client.acquireConnection();
      try {
        await connection.query('BEGIN');
        await connection.query('SET LOCAL enable_seqscan = off');
        const result = await connection.query({
          text: `EXPLAIN ${query.sql}`,
          values: query.bindings,
        });
        plan = result.rows.map((r: Record<string, string>) => r['QUERY PLAN']);
        await connection.query('ROLLBACK');
      } finally {
        await knex.client.releaseConnection(connection);
      }
    } else {
      const rows = await knex.raw(
        `EXPLAIN QUERY PLAN ${query.sql}`,
        query.bindings as Knex.RawBinding[],
      );
      plan = rows.map((r: { detail: string }) => r.detail);
    }
    expect(String(plan)).toContain('postmortems_reminder_due_idx');
  });

  it('send what a pass over every postmortem would send, at the same pass', async () => {
    // Two databases, the same life: one job reads what is due, the other
    // (the old job) every postmortem at every pass.
    const worlds = await Promise.all(
      [false, true].map(async everything => {
        const knex = await migratedDatabase(databases, id);
        const real = KnexPostmortemStore.create(knex);
        const store: PostmortemStore = everything
          ? new Proxy(real, {
              get(target, property, receiver) {
                if (property === 'listRemindersDue') {
                  return async () =>
                    (
                      await knex('postmortems')
                        .orderBy('id')
                        .select('id', 'revision')
                    ).map(r => ({
                      postmortemId: r.id,
                      revision: Number(r.revision),
                    }));
                }
                if (property === 'setRemindersDue') return async () => {};
                return Reflect.get(target, property, receiver);
              },
            })
          : real;
        return { knex, store, ids: [] as string[] };
      }),
    );
    const start = Date.now();
    let now = new Date(start);
    // Re-evaluation within the life's five weeks.
    const jobs = worlds.map(w =>
      reminderService(w.knex, w.store, () => now, {
        ...SETTINGS,
        reevaluationDays: 5,
      }),
    );

    // A small deterministic generator.
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(values: readonly T[]) =>
      values[Math.floor(rnd() * values.length)];
    const SEVERITIES: Severity[] = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'];
    const STAGES: PostmortemStage[] = [
      'draft',
      'investigation',
      'in_review',
      'approved',
      'published',
    ];
    const both = async (
      fn: (w: (typeof worlds)[number]) => Promise<unknown>,
    ) => {
      for (const w of worlds) await fn(w);
    };

    for (let n = 0; n < 10; n++) {
      const severity = pick(SEVERITIES);
      const resolvedAt = new Date(start - rnd() * 20 * DAY);
      const ic = rnd() < 0.8 ? IC : undefined;
      const owners = rnd() < 0.5 ? [OWNER] : [];
      const contributors = rnd() < 0.4 ? [CONTRIBUTOR] : [];
      const dueDate =
        rnd() < 0.7
          ? new Date(start + (rnd() * 20 - 5) * DAY).toISOString().slice(0, 10)
          : undefined;
      await both(async w => {
        const pm = await declare(w.store, `Case ${n}`, {
          severity,
          resolvedAt,
          ic,
          owners,
          contributors,
        });
        w.ids.push(pm.id);
        if (dueDate) {
          await w.store.addSubRecord(
            'remediation',
            pm.id,
            {
              title: `Item ${n}`,
              impact: 3,
              probability: 3,
              horizon: 'short',
              ownerRef: 'group:default/checkout-team',
              dueDate,
              acceptanceCriteria: 'Holds',
            },
            { author: IC },
          );
        }
      });
    }

    const sentBy = jobs.map(() => [] as string[][]);
    for (let tick = 0; tick < 40; tick++) {
      // Some change between passes, on both.
      const n = Math.floor(rnd() * 10);
      const change = pick(['stage', 'roles', 'severity', 'item', 'none']);
      const stage = pick(STAGES);
      const severity = pick(SEVERITIES);
      const contributed = rnd() < 0.5;
      await both(async w => {
        const postmortemId = w.ids[n];
        if (change === 'stage') {
          await w.store.updatePostmortem(
            postmortemId,
            { stage },
            { author: IC },
          );
        } else if (change === 'roles') {
          await w.store.updatePostmortem(
            postmortemId,
            {
              roles: {
                incidentCommander: IC,
                technicalOwners: [OWNER],
                reviewers: [],
                contributors: [CONTRIBUTOR, 'user:default/sam.ortiz'],
              },
            },
            { author: IC },
          );
          if (contributed) {
            await w.store.addComment({
              postmortemId,
              author: CONTRIBUTOR,
              perspective: 'sre',
              text: 'What I saw',
            });
          }
        } else if (change === 'severity') {
          const pm = (await w.store.getPostmortem(postmortemId))!;
          await w.store.updateIncident(
            pm.incidentId,
            { severity },
            { author: IC },
          );
        } else if (change === 'item') {
          const [item] = await w.store.listSubRecords(
            'remediation',
            postmortemId,
          );
          if (item) {
            await w.store.updateSubRecord(
              'remediation',
              postmortemId,
              item.id,
              { status: item.status === 'verified' ? 'open' : 'verified' },
              { author: IC },
            );
          }
        }
      });
      now = new Date(now.getTime() + (1 + rnd() * 30) * HOUR);
      for (const [i, job] of jobs.entries()) {
        job.notifications.sent = [];
        await job.service.run();
        sentBy[i].push(job.notifications.sent.sort());
      }
    }
    expect(sentBy[0]).toEqual(sentBy[1]);
    // The life reminded of something.
    expect(sentBy[0].flat().length).toBeGreaterThan(10);
  });
});
