import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  HistoryEntry,
  PostmortemSnapshot,
  Revision,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { REMINDER_LOOK_NOW } from './KnexReminderStore';
import type { ChangeContext, RevisionStore } from './PostmortemStore';
import {
  diffJson,
  replayDeltas,
  RevisionDelta,
  setsWholeValue,
} from './revisionDelta';
import { json, Row, toIso } from './rows';
import { subRecordsOf } from './subRecordRows';

/** Raised when a change is based on a revision that is no longer current. */
export class RevisionConflictError extends ConflictError {
  constructor(readonly currentRevision: number) {
    super(
      `The postmortem changed since revision you edited; the current revision is ${currentRevision}`,
    );
  }
}

/**
 * Every this many revisions (1, 33, 65, …) the whole snapshot is stored
 * instead of a delta: a read replays at most this many deltas.
 */
export const KEYFRAME_EVERY = 32;
const isKeyframe = (revision: number) => revision % KEYFRAME_EVERY === 1;

/**
 * Revisions and history of postmortems. Every content change moves the
 * postmortem to its next revision through {@link KnexRevisionStore.bumpRevision}
 * in the writer's transaction, which stores the new snapshot as a delta.
 */
export class KnexRevisionStore implements RevisionStore {
  constructor(private readonly knex: Knex) {}

  async listRevisions(postmortemId: string): Promise<Revision[]> {
    const rows = await this.knex('revisions')
      .where({ postmortem_id: postmortemId })
      .select('postmortem_id', 'revision', 'author', 'created_at', 'changed')
      .orderBy('revision', 'desc');
    return rows.map(r => ({
      postmortemId: r.postmortem_id,
      revision: r.revision,
      author: r.author,
      createdAt: toIso(r.created_at)!,
      changed: json(r.changed, []),
    }));
  }

  async getSnapshot(postmortemId: string, revision: number) {
    return this.snapshotAt(this.knex, postmortemId, revision);
  }

  async addHistory(
    postmortemId: string,
    entry: Omit<HistoryEntry, 'createdAt'>,
  ) {
    await this.historyInsert(this.knex, postmortemId, entry);
  }

  async listHistory(postmortemId: string): Promise<HistoryEntry[]> {
    const rows = await this.knex('history')
      .where({ postmortem_id: postmortemId })
      .orderBy('seq', 'asc');
    return rows.map(r => ({
      actor: r.actor,
      action: r.action,
      details: json(r.details, {}),
      createdAt: toIso(r.created_at)!,
    }));
  }

  /**
   * Moves the postmortem to its next revision, refusing a stale expected
   * revision; applies the change; then stores the snapshot. On PostgreSQL the
   * conditional update takes the row lock first, so concurrent editors of one
   * postmortem are serialized and the loser sees the new revision.
   */
  async bumpRevision(
    tx: Knex.Transaction,
    postmortemId: string,
    change: ChangeContext,
    changed: string[],
    apply?: () => Promise<void>,
  ) {
    const query = tx('postmortems').where({ id: postmortemId });
    if (change.expectedRevision !== undefined) {
      query.andWhere('revision', change.expectedRevision);
    }
    const updated = await query.update({
      revision: tx.raw('revision + 1'),
      updated_at: new Date(),
      // The reminder job looks at a changed postmortem at its next pass.
      reminder_due_at: REMINDER_LOOK_NOW,
    });
    if (!updated) {
      const current = await tx('postmortems')
        .where({ id: postmortemId })
        .first('revision');
      if (!current) throw new NotFoundError(`No postmortem ${postmortemId}`);
      throw new RevisionConflictError(current.revision);
    }
    if (apply) await apply();
    // The conditional update moved a stated revision one on (the row stays
    // locked until commit); otherwise it is read back.
    const revision =
      change.expectedRevision !== undefined
        ? Number(change.expectedRevision) + 1
        : (
            await tx('postmortems')
              .where({ id: postmortemId })
              .first('revision')
          ).revision;
    await this.writeSnapshot(
      tx,
      postmortemId,
      revision,
      change.author,
      changed,
    );
  }

  /**
   * Stores the revision's snapshot as a delta from the one before. `fresh`:
   * the row of a postmortem inserted in this transaction, which has no
   * sub-records yet (nothing to read back).
   */
  async writeSnapshot(
    tx: Knex.Transaction,
    postmortemId: string,
    revision: number,
    author: string,
    changed: string[],
    fresh?: Row,
  ) {
    // The columns a snapshot holds, not the dependency snapshot and the
    // rest of the row.
    const row: Row =
      fresh ??
      (await tx('postmortems')
        .where({ id: postmortemId })
        .first('stage', 'visibility', 'roles', 'narrative', 'attachments'))!;
    const [timeline, causes, remediation] = fresh
      ? [[], [], []]
      : await Promise.all([
          subRecordsOf(tx, 'timeline', postmortemId),
          subRecordsOf(tx, 'causes', postmortemId),
          subRecordsOf(tx, 'remediation', postmortemId),
        ]);
    const snapshot: PostmortemSnapshot = {
      stage: row.stage,
      visibility: row.visibility,
      roles: json(row.roles, {
        technicalOwners: [],
        reviewers: [],
        contributors: [],
      }),
      narrative: json(row.narrative, {}),
      attachments: json(row.attachments, []),
      timeline: timeline.map(({ occurredAt, kind, text, keyDecision }) => ({
        occurredAt,
        kind,
        text,
        keyDecision,
      })),
      causes: causes.map(({ type, status, statement, rollbackPlan }) => ({
        type,
        status,
        statement,
        rollbackPlan,
      })),
      remediation: remediation.map(r => ({
        title: r.title,
        ownerRef: r.ownerRef,
        dueDate: r.dueDate,
        priority: r.priority,
        horizon: r.horizon,
        status: r.status,
        acceptanceCriteria: r.acceptanceCriteria,
      })),
    };
    // A keyframe holds the whole snapshot, so no read replays more than
    // KEYFRAME_EVERY deltas however long a postmortem has been edited.
    const previous = isKeyframe(revision)
      ? undefined
      : await this.snapshotAt(tx, postmortemId, revision - 1);
    // Through JSON, so keys holding undefined are absent on both sides.
    const delta = diffJson(previous, JSON.parse(JSON.stringify(snapshot)));
    await tx('revisions').insert({
      postmortem_id: postmortemId,
      revision,
      author,
      created_at: new Date(),
      changed: JSON.stringify(changed),
      delta: JSON.stringify(delta),
    });
  }

  /**
   * A revision's full snapshot, replayed from the last keyframe up to it
   * (from revision 1 where that row predates keyframes and holds a delta).
   */
  private async snapshotAt(
    db: Knex | Knex.Transaction,
    postmortemId: string,
    revision: number,
  ): Promise<PostmortemSnapshot | undefined> {
    if (revision < 1) return undefined;
    const deltasFrom = async (first: number) => {
      const rows = await db('revisions')
        .where({ postmortem_id: postmortemId })
        .andWhere('revision', '>=', first)
        .andWhere('revision', '<=', revision)
        .orderBy('revision', 'asc')
        .select('revision', 'delta');
      if (rows[rows.length - 1]?.revision !== revision) return undefined;
      return rows.map(row => json<RevisionDelta>(row.delta, []));
    };
    const keyframe = revision - ((revision - 1) % KEYFRAME_EVERY);
    let deltas = await deltasFrom(keyframe);
    if (deltas && !setsWholeValue(deltas[0])) deltas = await deltasFrom(1);
    return deltas && replayDeltas<PostmortemSnapshot>(deltas);
  }

  async historyInsert(
    db: Knex | Knex.Transaction,
    postmortemId: string,
    entry: Omit<HistoryEntry, 'createdAt'>,
  ) {
    await db('history').insert({
      postmortem_id: postmortemId,
      actor: entry.actor,
      action: entry.action,
      details: JSON.stringify(entry.details),
      created_at: new Date(),
    });
  }
}
