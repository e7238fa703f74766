import { NotFoundError } from '@backstage/errors';
import type { RemediationItem } from '@postmortems/plugin-postmortem-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { KnexRevisionStore } from './KnexRevisionStore';
import type {
  ChangeContext,
  SubRecordKind,
  SubRecords,
  SubRecordStore,
} from './PostmortemStore';
import { Row, toIso, withoutUndefined } from './rows';
import { SUB_RECORDS, subRecordsOf } from './subRecordRows';

/**
 * The records under a postmortem: timeline events, evidence, causes and
 * remediation items; each change is a revision of the postmortem.
 */
export class KnexSubRecordStore implements SubRecordStore {
  constructor(
    private readonly knex: Knex,
    private readonly revisions: KnexRevisionStore,
  ) {}

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
    await this.inRevision(kind, postmortemId, change, async tx => {
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
    });
    return this.recordById(kind, id);
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.inRevision(kind, postmortemId, change, async tx => {
      const current = await tx(spec.table)
        .where({ id: itemId, postmortem_id: postmortemId })
        .first();
      if (!current) throw new NotFoundError(`No ${kind} item ${itemId}`);
      const row = withoutUndefined((spec.toRow as (i: unknown) => Row)(patch));
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
    });
    return this.recordById(kind, itemId);
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.inRevision(kind, postmortemId, change, async tx => {
      const deleted = await tx(spec.table)
        .where({ id: itemId, postmortem_id: postmortemId })
        .delete();
      if (!deleted) throw new NotFoundError(`No ${kind} item ${itemId}`);
    });
  }

  async listOpenRemediationItems(
    postmortemIds?: string[],
  ): Promise<RemediationItem[]> {
    const query = this.knex('remediation_items')
      .whereIn('status', ['open', 'in_progress'])
      .orderBy('id');
    if (postmortemIds) query.whereIn('postmortem_id', postmortemIds);
    const rows = await query;
    return rows.map(r => SUB_RECORDS.remediation.fromRow(r) as RemediationItem);
  }

  async listFullyVerified(postmortemIds?: string[]) {
    const query = this.knex('remediation_items')
      .whereNot('status', 'wont_do')
      .groupBy('postmortem_id')
      .havingRaw("sum(case when status = 'verified' then 0 else 1 end) = 0")
      .select('postmortem_id', this.knex.raw('max(verified_at) as last'));
    if (postmortemIds) query.whereIn('postmortem_id', postmortemIds);
    const rows = await query;
    return (rows as Array<{ postmortem_id: string; last: unknown }>)
      .filter(r => r.last)
      .map(r => ({
        postmortemId: r.postmortem_id,
        lastVerifiedAt: toIso(r.last)!,
      }));
  }

  private async recordById<K extends SubRecordKind>(
    kind: K,
    id: string,
  ): Promise<SubRecords[K]['record']> {
    const spec = SUB_RECORDS[kind];
    const [record] = (await this.knex(spec.table).where({ id })).map(
      spec.fromRow,
    );
    return record as SubRecords[K]['record'];
  }

  /** Applies a change of one kind of record as the postmortem's next revision. */
  private inRevision(
    kind: SubRecordKind,
    postmortemId: string,
    change: ChangeContext,
    apply: (tx: Knex.Transaction) => Promise<void>,
  ) {
    return this.knex.transaction(tx =>
      this.revisions.bumpRevision(tx, postmortemId, change, [kind], () =>
        apply(tx),
      ),
    );
  }
}
