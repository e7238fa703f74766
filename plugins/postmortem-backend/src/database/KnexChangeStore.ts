import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import type { Change, ChangeStore } from './PostmortemStore';
import { toIso } from './rows';

/** Deployments and config changes posted by CI/CD systems. */
export class KnexChangeStore implements ChangeStore {
  constructor(private readonly knex: Knex) {}

  async recordChange(change: Omit<Change, 'id'>): Promise<boolean> {
    // One statement, so two deliveries of one event at the same time (a
    // redelivery, two draft runs) store it once and neither fails.
    const inserted = await this.knex('changes')
      .insert({
        id: randomUUID(),
        source: change.source,
        event_id: change.eventId,
        entity_ref: change.entityRef,
        kind: change.kind,
        version: change.version ?? null,
        description: change.description ?? null,
        author: change.author ?? null,
        link: change.link ?? null,
        rollback_ref: change.rollbackRef ?? null,
        occurred_at: new Date(change.occurredAt),
        received_at: new Date(),
      })
      .onConflict(['source', 'event_id'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async listChanges(
    entityRefs: string[],
    from: Date,
    to: Date,
  ): Promise<Change[]> {
    if (!entityRefs.length) return [];
    const rows = await this.knex('changes')
      .whereIn('entity_ref', entityRefs)
      .andWhere('occurred_at', '>=', from)
      .andWhere('occurred_at', '<=', to)
      .orderBy([
        { column: 'occurred_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      source: r.source,
      eventId: r.event_id,
      entityRef: r.entity_ref,
      kind: r.kind,
      version: r.version ?? undefined,
      description: r.description ?? undefined,
      author: r.author ?? undefined,
      link: r.link ?? undefined,
      rollbackRef: r.rollback_ref ?? undefined,
      occurredAt: toIso(r.occurred_at)!,
    }));
  }
}
