import { NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  HistoryEntry,
  Page,
  Postmortem,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  Approval,
  Change,
  DependencySnapshot,
  ChangeContext,
  Comment,
  Waiver,
  DraftContent,
  SignalInput,
  IncidentPatch,
  ListFilter,
  NewIncident,
  PostmortemContentPatch,
  PostmortemStore,
  SubRecordKind,
  SubRecords,
} from './PostmortemStore';
import { KnexChangeStore } from './KnexChangeStore';
import { KnexIncidentStore } from './KnexIncidentStore';
import { KnexRevisionStore } from './KnexRevisionStore';
import { KnexSignalStore } from './KnexSignalStore';
import { applyPermissionCriteria } from './permissionQuery';
import { PostmortemRows } from './postmortemRows';
import { replaceMembers } from './refRows';
import { json, Row, toIso, UUID, withoutUndefined } from './rows';
import { SUB_RECORDS, subRecordsOf } from './subRecordRows';
import {
  NotificationOutbox,
  OutboxNotification,
} from '../outbox/NotificationOutbox';

export { RevisionConflictError } from './KnexRevisionStore';

/**
 * A list counts its matches up to here; beyond, it says there are more
 * (`totalCountCapped`) instead of reading every match to count it.
 */
const COUNT_CAP = 1_000;

/** Publication columns for a stage change (cleared when leaving published). */
function publicationOf(patch: PostmortemContentPatch): Row {
  if (patch.stage === undefined) return {};
  if (patch.stage !== 'published') {
    return { published_at: null, published_on_time: null };
  }
  return {
    published_at: new Date(),
    published_on_time: patch.publishedOnTime ?? null,
  };
}

/** PostmortemStore on Backstage's database service (SQLite or PostgreSQL). */
export class KnexPostmortemStore implements PostmortemStore {
  static create(
    knex: Knex,
    options: { countCap?: number } = {},
  ): KnexPostmortemStore {
    return new KnexPostmortemStore(knex, options.countCap ?? COUNT_CAP);
  }

  private readonly rows: PostmortemRows;
  private readonly revisions: KnexRevisionStore;
  private readonly incidents: KnexIncidentStore;
  private readonly signals: KnexSignalStore;
  private readonly changes: KnexChangeStore;

  private constructor(private readonly knex: Knex, countCap: number) {
    this.rows = new PostmortemRows(knex, countCap);
    this.revisions = new KnexRevisionStore(knex);
    this.incidents = new KnexIncidentStore(
      knex,
      this.rows,
      this.revisions,
      this,
    );
    this.signals = new KnexSignalStore(knex, this.incidents, this.revisions);
    this.changes = new KnexChangeStore(knex);
  }

  createIncident(input: NewIncident) {
    return this.incidents.createIncident(input);
  }

  getIncident(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    return this.incidents.getIncident(idOrHumanId, permission);
  }

  updateIncident(id: string, patch: IncidentPatch, change: ChangeContext) {
    return this.incidents.updateIncident(id, patch, change);
  }

  listIncidents(filter: ListFilter) {
    return this.incidents.listIncidents(filter);
  }

  applySignal(input: SignalInput) {
    return this.signals.applySignal(input);
  }

  applyDelivery(inputs: SignalInput[]) {
    return this.signals.applyDelivery(inputs);
  }

  recordChange(change: Omit<Change, 'id'>) {
    return this.changes.recordChange(change);
  }

  listChanges(entityRefs: string[], from: Date, to: Date) {
    return this.changes.listChanges(entityRefs, from, to);
  }

  async applyDraft(
    postmortemId: string,
    draft: DraftContent,
    author: string,
  ): Promise<number | undefined> {
    return this.knex.transaction(async tx => {
      // Take the row lock first (a no-op update), so that concurrent draft
      // runs for one postmortem serialize instead of racing on origin keys.
      await tx('postmortems')
        .where({ id: postmortemId })
        .update({ revision: tx.ref('revision') });
      const row0 = await tx('postmortems')
        .where({ id: postmortemId })
        .first('incident_id');
      const changed = new Set<string>();
      const existingKeys = async (table: string) =>
        new Map<string, string>(
          (
            await tx(table)
              .where({ postmortem_id: postmortemId })
              .whereNotNull('origin_key')
              .select('origin_key', 'id')
          ).map(r => [r.origin_key, r.id]),
        );
      const insertNew = async <T extends { originKey: string }>(
        kind: SubRecordKind,
        items: T[],
        extra: (item: T) => Row = () => ({}),
      ) => {
        const spec = SUB_RECORDS[kind];
        const known = await existingKeys(spec.table);
        const now = new Date();
        for (const item of items) {
          if (known.has(item.originKey)) continue;
          const id = randomUUID();
          const row: Row = withoutUndefined({
            ...(spec.toRow as (i: unknown) => Row)(item),
            ...extra(item),
            id,
            postmortem_id: postmortemId,
          });
          if (kind === 'evidence') row.captured_at = now;
          if (kind === 'remediation') {
            row.priority = row.impact * row.probability;
            row.status ??= 'open';
            row.created_at = now;
            row.updated_at = now;
          }
          if (kind === 'causes') {
            row.status ??= 'proposed';
            row.perspective ??= 'sre';
          }
          await tx(spec.table).insert(row);
          known.set(item.originKey, id);
          changed.add(kind);
        }
        return known;
      };

      const evidenceIds = await insertNew('evidence', draft.evidence);
      await insertNew('timeline', draft.timeline, () => ({ author }));
      const causeIds = await insertNew('causes', draft.causes, cause => ({
        evidence_ids: JSON.stringify(
          cause.evidenceOriginKeys.map(k => evidenceIds.get(k)).filter(Boolean),
        ),
        generated_statement: cause.statement,
      }));
      if (await this.refreshDraftedCauses(tx, postmortemId, draft, causeIds)) {
        changed.add('causes');
      }
      if (draft.impactStartedAt) {
        // Metrics can show impact earlier than the alert; never later.
        const moved = await tx('incidents')
          .where({ id: row0.incident_id })
          .andWhere(q =>
            q
              .whereNull('impact_started_at')
              .orWhere(
                'impact_started_at',
                '>',
                new Date(draft.impactStartedAt!),
              ),
          )
          .update({ impact_started_at: new Date(draft.impactStartedAt) });
        if (moved) changed.add('incident');
      }
      await insertNew('remediation', draft.remediation);

      const row = await tx('postmortems').where({ id: postmortemId }).first();
      const narrative = json<Record<string, string>>(row.narrative, {});
      const generated = new Set(json<string[]>(row.generated_sections, []));
      for (const [section, text] of Object.entries(draft.narrative)) {
        if (!text) continue;
        const untouched = !narrative[section] || generated.has(section);
        if (untouched && narrative[section] !== text) {
          narrative[section] = text;
          generated.add(section);
          changed.add('narrative');
        }
      }
      if (!changed.size) return undefined;
      await tx('postmortems')
        .where({ id: postmortemId })
        .update({
          narrative: JSON.stringify(narrative),
          generated_sections: JSON.stringify([...generated].sort()),
        });
      await this.revisions.bumpRevision(tx, postmortemId, { author }, [
        'draft',
        ...[...changed].sort(),
      ]);
      const { revision } = await tx('postmortems')
        .where({ id: postmortemId })
        .first('revision');
      return revision as number;
    });
  }

  /**
   * Re-scores drafted causes that people have not judged yet: a later draft
   * (at resolution) has more series and may rank differently. A statement
   * is rewritten only while it is still the generated one; hypotheses the
   * new evidence no longer proposes drop to probability 0.
   */
  private async refreshDraftedCauses(
    tx: Knex.Transaction,
    postmortemId: string,
    draft: DraftContent,
    known: Map<string, string>,
  ): Promise<boolean> {
    const proposed = new Map(draft.causes.map(c => [c.originKey, c]));
    const rows = await tx('causes')
      .where({ postmortem_id: postmortemId, status: 'proposed' })
      .whereNotNull('origin_key')
      .whereNotNull('analysis');
    let changed = false;
    for (const row of rows) {
      const next = proposed.get(row.origin_key);
      const update: Row = next
        ? {
            score: next.score,
            confidence: next.confidence,
            analysis: JSON.stringify(next.analysis),
          }
        : { score: 0, confidence: 'low' };
      if (next && row.statement === row.generated_statement) {
        update.statement = next.statement;
        update.generated_statement = next.statement;
      }
      const same = Object.entries(update).every(([k, v]) => row[k] === v);
      if (same || !known.has(row.origin_key)) continue;
      await tx('causes').where({ id: row.id }).update(update);
      changed = true;
    }
    return changed;
  }

  async setDependencySnapshot(
    postmortemId: string,
    snapshot: DependencySnapshot,
  ) {
    await this.knex('postmortems')
      .where({ id: postmortemId })
      .update({ dependency_snapshot: JSON.stringify(snapshot) });
  }

  async getDependencySnapshot(postmortemId: string) {
    const row = await this.knex('postmortems')
      .where({ id: postmortemId })
      .first('dependency_snapshot');
    return row?.dependency_snapshot
      ? json<DependencySnapshot>(row.dependency_snapshot, undefined as any)
      : undefined;
  }

  async listDraftsDue(limit: number): Promise<string[]> {
    const rows = await this.knex('incidents')
      .whereNotNull('draft_requested_at')
      .andWhere(qb =>
        qb
          .whereNull('draft_generated_at')
          .orWhereRaw('draft_generated_at < draft_requested_at'),
      )
      .orderBy('draft_requested_at', 'asc')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async markDraftGenerated(incidentId: string, at: Date) {
    await this.knex('incidents')
      .where({ id: incidentId })
      .update({ draft_generated_at: at });
  }

  async addComment(
    comment: Omit<Comment, 'id' | 'createdAt'>,
  ): Promise<Comment> {
    const row = {
      id: randomUUID(),
      postmortem_id: comment.postmortemId,
      author: comment.author,
      perspective: comment.perspective,
      section: comment.section ?? null,
      text: comment.text,
      created_at: new Date(),
    };
    await this.knex('comments').insert(row);
    return { ...comment, id: row.id, createdAt: row.created_at.toISOString() };
  }

  async listComments(postmortemId: string): Promise<Comment[]> {
    const rows = await this.knex('comments')
      .where({ postmortem_id: postmortemId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      author: r.author,
      perspective: r.perspective,
      section: r.section ?? undefined,
      text: r.text,
      createdAt: toIso(r.created_at)!,
    }));
  }

  async addApproval(
    postmortemId: string,
    approval: Omit<Approval, 'approvedAt'>,
  ) {
    await this.knex('approvals')
      .insert({
        postmortem_id: postmortemId,
        reviewer: approval.reviewer,
        revision: approval.revision,
        comment: approval.comment ?? null,
        approved_at: new Date(),
      })
      .onConflict(['postmortem_id', 'reviewer', 'revision'])
      .ignore();
  }

  async listApprovals(postmortemId: string): Promise<Approval[]> {
    const rows = await this.knex('approvals')
      .where({ postmortem_id: postmortemId })
      .orderBy('approved_at', 'asc');
    return rows.map(r => ({
      reviewer: r.reviewer,
      revision: r.revision,
      comment: r.comment ?? undefined,
      approvedAt: toIso(r.approved_at)!,
    }));
  }

  async addWaiver(postmortemId: string, waiver: Omit<Waiver, 'createdAt'>) {
    await this.knex('language_waivers')
      .insert({
        postmortem_id: postmortemId,
        finding_key: waiver.findingKey,
        waived_by: waiver.waivedBy,
        reason: waiver.reason,
        created_at: new Date(),
      })
      .onConflict(['postmortem_id', 'finding_key'])
      .ignore();
  }

  async listWaivers(postmortemId: string): Promise<Waiver[]> {
    const rows = await this.knex('language_waivers').where({
      postmortem_id: postmortemId,
    });
    return rows.map(r => ({
      findingKey: r.finding_key,
      waivedBy: r.waived_by,
      reason: r.reason,
      createdAt: toIso(r.created_at)!,
    }));
  }

  async recordReminder(reminder: {
    key: string;
    postmortemId: string;
    kind: string;
    recipients: string[];
    sentAt: Date;
    notification: OutboxNotification;
  }): Promise<boolean> {
    // The unique key decides which replica records the reminder; the
    // notification goes into the outbox in the same transaction and is
    // sent after commit, never while the transaction is open.
    return this.knex.transaction(async tx => {
      const inserted = await tx('reminders')
        .insert({
          reminder_key: reminder.key,
          postmortem_id: reminder.postmortemId,
          kind: reminder.kind,
          recipients: JSON.stringify(reminder.recipients),
          sent_at: reminder.sentAt,
        })
        .onConflict('reminder_key')
        .ignore()
        .returning('reminder_key');
      if (!inserted.length) return false;
      await NotificationOutbox.record(
        tx,
        reminder.key,
        reminder.notification,
        reminder.sentAt,
      );
      return true;
    });
  }

  async listReminders(postmortemId?: string) {
    const query = this.knex('reminders').orderBy([
      { column: 'sent_at', order: 'asc' },
      { column: 'reminder_key', order: 'asc' },
    ]);
    if (postmortemId) query.where({ postmortem_id: postmortemId });
    return (await query).map(r => ({
      key: r.reminder_key,
      kind: r.kind,
      recipients: json<string[]>(r.recipients, []),
      sentAt: toIso(r.sent_at)!,
    }));
  }

  async listFullyVerified() {
    const rows = await this.knex('remediation_items')
      .whereNot('status', 'wont_do')
      .groupBy('postmortem_id')
      .havingRaw("sum(case when status = 'verified' then 0 else 1 end) = 0")
      .select('postmortem_id', this.knex.raw('max(verified_at) as last'));
    return (rows as Array<{ postmortem_id: string; last: unknown }>)
      .filter(r => r.last)
      .map(r => ({
        postmortemId: r.postmortem_id,
        lastVerifiedAt: toIso(r.last)!,
      }));
  }

  async listOpenPostmortemIds(): Promise<string[]> {
    const rows = await this.knex('postmortems')
      .whereNot('stage', 'published')
      .orderBy('id')
      .select('id');
    return rows.map(r => r.id);
  }

  async listOpenRemediationItems(): Promise<RemediationItem[]> {
    const rows = await this.knex('remediation_items')
      .whereIn('status', ['open', 'in_progress'])
      .orderBy('id');
    return rows.map(r => SUB_RECORDS.remediation.fromRow(r) as RemediationItem);
  }

  async getPostmortem(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    const find = async (where: Record<string, string>) => {
      const query = this.rows.postmortemQuery().where(where);
      if (permission) applyPermissionCriteria(this.knex, query, permission);
      return query.first();
    };
    // A UUID is a postmortem's or its incident's id: two lookups, each by
    // its index (an OR across the join read every row of both tables).
    const row = UUID.test(idOrHumanId)
      ? (await find({ 'p.id': idOrHumanId })) ??
        (await find({ 'i.id': idOrHumanId }))
      : await find({ 'i.human_id': idOrHumanId.toLocaleUpperCase('en-US') });
    return row ? (await this.rows.hydrate([row]))[0] : undefined;
  }

  async getPostmortems(ids: string[]) {
    const rows = await this.rows.postmortemQuery().whereIn('p.id', ids);
    const byId = new Map((await this.rows.hydrate(rows)).map(p => [p.id, p]));
    return ids.map(id => byId.get(id));
  }

  async listPostmortems(filter: ListFilter): Promise<Page<Postmortem>> {
    const { rows, totalCount, totalCountCapped, nextCursor } =
      await this.rows.listRows(filter);
    return {
      items: await this.rows.hydrate(rows),
      totalCount,
      ...(totalCountCapped ? { totalCountCapped } : {}),
      nextCursor,
    };
  }

  async updatePostmortem(
    id: string,
    patch: PostmortemContentPatch,
    change: ChangeContext,
  ) {
    await this.knex.transaction(async tx => {
      const changed = Object.keys(patch).filter(
        k => patch[k as keyof PostmortemContentPatch] !== undefined,
      );
      await this.revisions.bumpRevision(tx, id, change, changed, async () => {
        const row: Row = {
          roles: patch.roles && JSON.stringify(patch.roles),
          attachments: patch.attachments && JSON.stringify(patch.attachments),
          visibility: patch.visibility,
          stage: patch.stage,
          ...publicationOf(patch),
          deadlines: patch.deadlines && JSON.stringify(patch.deadlines),
        };
        if (patch.narrative) {
          // Sections not sent keep their text: editors patch one section at a
          // time. A section a person edits is no longer generated, so a later
          // draft run leaves it alone.
          const current = await tx('postmortems')
            .where({ id })
            .first('narrative', 'generated_sections');
          row.narrative = JSON.stringify({
            ...json(current.narrative, {}),
            ...patch.narrative,
          });
          row.generated_sections = JSON.stringify(
            json<string[]>(current.generated_sections, []).filter(
              section => !(section in patch.narrative!),
            ),
          );
        }
        const update = withoutUndefined(row);
        if (Object.keys(update).length) {
          await tx('postmortems').where({ id }).update(update);
        }
        if (patch.roles) await replaceMembers(tx, id, patch.roles);
      });
    });
    return (await this.getPostmortem(id))!;
  }

  async deletePostmortem(id: string) {
    const row = await this.knex('postmortems')
      .where({ id })
      .first('incident_id');
    if (!row) throw new NotFoundError(`No postmortem ${id}`);
    // Children first: SQLite enforces foreign keys only when told to.
    await this.knex.transaction(async tx => {
      for (const table of [
        'history',
        'remediation_items',
        'causes',
        'evidence',
        'timeline_events',
        'revisions',
        'postmortem_owners',
        'postmortem_members',
      ]) {
        await tx(table).where({ postmortem_id: id }).delete();
      }
      await tx('postmortems').where({ id }).delete();
      await tx('incident_entities')
        .where({ incident_id: row.incident_id })
        .delete();
      await tx('incidents').where({ id: row.incident_id }).delete();
    });
  }

  async listSubRecords<K extends SubRecordKind>(kind: K, postmortemId: string) {
    return subRecordsOf(this.knex, kind, postmortemId);
  }

  async addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    const id = randomUUID();
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const now = new Date();
          const row: Row = withoutUndefined({
            ...(spec.toRow as (i: unknown) => Row)(input),
            id,
            postmortem_id: postmortemId,
          });
          if (kind === 'timeline') row.author = change.author;
          if (kind === 'evidence') row.captured_at = now;
          if (kind === 'causes') {
            row.status ??= 'proposed';
            row.perspective ??= 'other';
          }
          if (kind === 'remediation') {
            row.priority = row.impact * row.probability;
            row.status ??= 'open';
            row.created_at = now;
            row.updated_at = now;
          }
          if (kind === 'timeline') row.source ??= 'manual';
          if (kind === 'evidence') row.source ??= 'manual';
          await tx(spec.table).insert(row);
        },
      );
    });
    const [record] = (await this.knex(spec.table).where({ id })).map(
      spec.fromRow,
    );
    return record as SubRecords[K]['record'];
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const current = await tx(spec.table)
            .where({ id: itemId, postmortem_id: postmortemId })
            .first();
          if (!current) throw new NotFoundError(`No ${kind} item ${itemId}`);
          const row = withoutUndefined(
            (spec.toRow as (i: unknown) => Row)(patch),
          );
          if (kind === 'remediation') {
            row.priority =
              (row.impact ?? current.impact) *
              (row.probability ?? current.probability);
            row.updated_at = new Date();
            // Cycle time ends at verification; reopening clears it.
            if (row.status === 'verified' && current.status !== 'verified') {
              row.verified_at = row.updated_at;
            } else if (row.status && row.status !== 'verified') {
              row.verified_at = null;
            }
          }
          await tx(spec.table).where({ id: itemId }).update(row);
        },
      );
    });
    const [record] = (await this.knex(spec.table).where({ id: itemId })).map(
      spec.fromRow,
    );
    return record as SubRecords[K]['record'];
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const deleted = await tx(spec.table)
            .where({ id: itemId, postmortem_id: postmortemId })
            .delete();
          if (!deleted) throw new NotFoundError(`No ${kind} item ${itemId}`);
        },
      );
    });
  }

  listRevisions(postmortemId: string) {
    return this.revisions.listRevisions(postmortemId);
  }

  getSnapshot(postmortemId: string, revision: number) {
    return this.revisions.getSnapshot(postmortemId, revision);
  }

  addHistory(postmortemId: string, entry: Omit<HistoryEntry, 'createdAt'>) {
    return this.revisions.addHistory(postmortemId, entry);
  }

  listHistory(postmortemId: string) {
    return this.revisions.listHistory(postmortemId);
  }
}
