import { NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Incident, Page } from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { KnexRevisionStore } from './KnexRevisionStore';
import { applyPermissionCriteria } from './permissionQuery';
import { PostmortemRows } from './postmortemRows';
import type {
  ChangeContext,
  IncidentPatch,
  IncidentStore,
  ListFilter,
  NewIncident,
  PostmortemStore,
} from './PostmortemStore';
import { replaceEntities, replaceMembers, replaceOwners } from './refRows';
import { json, Row, toDate, toIso, withoutUndefined } from './rows';

function incidentFromRow(row: Row, entityRefs: string[]): Incident {
  return {
    id: row.id,
    humanId: row.human_id,
    title: row.title,
    severity: row.severity,
    type: row.type ?? undefined,
    status: row.status,
    impactStartedAt: toIso(row.impact_started_at),
    detectedAt: toIso(row.detected_at),
    acknowledgedAt: toIso(row.acknowledged_at),
    mitigatedAt: toIso(row.mitigated_at),
    resolvedAt: toIso(row.resolved_at),
    entityRefs,
    responders: json(row.responders, []),
    source: row.source,
    externalIds: json(row.external_ids, {}),
    links: json(row.links, []),
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  };
}

const TIME_COLUMNS = {
  impactStartedAt: 'impact_started_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
} as const;

/** Gives a new incident its human id; returns it. */
export interface Numbering {
  incidentId: string;
  number(): Promise<string>;
}

/** Incidents: declared with their postmortem, numbered, read and edited. */
export class KnexIncidentStore implements IncidentStore {
  constructor(
    private readonly knex: Knex,
    private readonly rows: PostmortemRows,
    private readonly revisions: KnexRevisionStore,
    private readonly postmortems: Pick<PostmortemStore, 'getPostmortem'>,
  ) {}

  async createIncident(input: NewIncident) {
    const { incidentId, postmortemId } = await this.knex.transaction(tx =>
      this.insertIncident(tx, input, new Date()),
    );
    return {
      incident: (await this.getIncident(incidentId))!,
      postmortem: (await this.postmortems.getPostmortem(postmortemId))!,
    };
  }

  /**
   * Inserts an incident with its postmortem. Its human id is given last
   * (the year's counter row stays locked until commit, and every incident
   * declared meanwhile waits for it); with `deferNumbering`, by the caller
   * at the end of its transaction.
   */
  async insertIncident(
    tx: Knex.Transaction,
    input: NewIncident,
    now: Date,
    statusEventAt?: Date,
    deferNumbering?: Numbering[],
  ) {
    const incidentId = randomUUID();
    const postmortemId = randomUUID();
    const incidentRow: Row = {
      id: incidentId,
      // Unique until numbered (below), and never seen outside the
      // transaction.
      human_id: `~${incidentId.replace(/-/g, '').slice(0, 31)}`,
      title: input.title,
      severity: input.severity,
      type: input.type ?? null,
      status: input.status,
      // Impact start orders every list; when a source does not know it,
      // detection (or declaration) is the best estimate.
      impact_started_at: toDate(
        input.impactStartedAt ?? input.detectedAt ?? now.toISOString(),
      ),
      detected_at: toDate(input.detectedAt),
      acknowledged_at: toDate(input.acknowledgedAt),
      mitigated_at: toDate(input.mitigatedAt),
      resolved_at: toDate(input.resolvedAt),
      source: input.source,
      dedup_key: input.dedupKey ?? null,
      group_key: input.groupKey ?? null,
      external_ids: JSON.stringify(input.externalIds),
      links: JSON.stringify(input.links),
      responders: JSON.stringify(input.responders),
      labels: JSON.stringify(input.labels),
      status_event_at: statusEventAt ?? now,
      // Evidence is collected at declaration and again at resolution.
      draft_requested_at: now,
      created_at: now,
      updated_at: now,
    };
    await tx('incidents').insert(incidentRow);
    // New rows: the link tables hold nothing of them to replace.
    await replaceEntities(tx, incidentId, input.entityRefs, true);
    const pm = input.postmortem;
    const postmortemRow: Row = {
      id: postmortemId,
      incident_id: incidentId,
      template_id: pm.templateId,
      template_version: pm.templateVersion,
      stage: 'draft',
      roles: JSON.stringify(pm.roles),
      narrative: JSON.stringify(pm.narrative),
      attachments: '[]',
      deadlines: JSON.stringify(pm.deadlines),
      visibility: pm.visibility,
      revision: 1,
      created_at: now,
      updated_at: now,
    };
    await tx('postmortems').insert(postmortemRow);
    await replaceMembers(tx, postmortemId, pm.roles, true);
    await replaceOwners(tx, postmortemId, pm.ownerRefs, true);
    await this.revisions.writeSnapshot(
      tx,
      postmortemId,
      1,
      input.author,
      ['created'],
      postmortemRow,
    );
    const numbering = {
      incidentId,
      number: () =>
        this.number(tx, {
          incidentId,
          postmortemId,
          year: now.getUTCFullYear(),
          actor: input.author,
          source: input.source,
        }),
    };
    if (deferNumbering) deferNumbering.push(numbering);
    else await numbering.number();
    return { incidentId, postmortemId, incidentRow };
  }

  /**
   * Gives the incident INC-YYYY-NNNN from the year's counter and records its
   * creation. The counter's row lock serializes every writer until commit,
   * so on PostgreSQL the three writes go in one statement: one round trip
   * under the lock instead of three (an alert storm's throughput is bounded
   * by it). SQLite has one writer at a time anyway.
   */
  private async number(
    tx: Knex.Transaction,
    target: {
      incidentId: string;
      postmortemId: string;
      year: number;
      actor: string;
      source: string;
    },
  ): Promise<string> {
    const prefix = `INC-${target.year}-`;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (tx.client.config.client === 'pg') {
        // Zero-padded to four digits and never cut (lpad would cut); a
        // data-modifying WITH runs whether or not the query reads it.
        const { rows } = await tx.raw(
          `with counter as (
             update human_id_counters set last_value = last_value + 1
             where year = ? returning last_value::text as n
           ), numbered as (
             update incidents
             set human_id = ? || repeat('0', greatest(0, 4 - length(counter.n))) || counter.n
             from counter where incidents.id = ? returning human_id
           ), logged as (
             insert into history (postmortem_id, actor, action, details, created_at)
             select ?, ?, 'created', json_build_object('source', ?::text, 'humanId', human_id)::text, ?
             from numbered
           )
           select human_id from numbered`,
          [
            target.year,
            prefix,
            target.incidentId,
            target.postmortemId,
            target.actor,
            target.source,
            new Date(),
          ],
        );
        if (rows.length) return rows[0].human_id as string;
      } else {
        const [row] = await tx('human_id_counters')
          .where({ year: target.year })
          .increment('last_value', 1)
          .returning('last_value');
        if (row) {
          const humanId = `${prefix}${String(row.last_value).padStart(4, '0')}`;
          await tx('incidents')
            .where({ id: target.incidentId })
            .update({ human_id: humanId });
          await this.revisions.historyInsert(tx, target.postmortemId, {
            actor: target.actor,
            action: 'created',
            details: { source: target.source, humanId },
          });
          return humanId;
        }
      }
      // The year's first incident: its counter row, then again. (An insert
      // first would wait for the lock once more in every other transaction.)
      await tx('human_id_counters')
        .insert({ year: target.year, last_value: 0 })
        .onConflict('year')
        .ignore();
    }
    throw new Error(`No human id counter for ${target.year}`);
  }

  async getIncident(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    const query = this.knex('incidents as i')
      .join('postmortems as p', 'p.incident_id', 'i.id')
      .select('i.*')
      .where(this.rows.idClause('i', idOrHumanId));
    if (permission) applyPermissionCriteria(this.knex, query, permission);
    const row = await query.first();
    if (!row) return undefined;
    const entities = await this.rows.entitiesOf([row.id]);
    return incidentFromRow(row, entities.get(row.id) ?? []);
  }

  async updateIncident(
    id: string,
    patch: IncidentPatch,
    change: ChangeContext,
  ) {
    await this.knex.transaction(async tx => {
      const pm = await tx('postmortems').where({ incident_id: id }).first('id');
      if (!pm) throw new NotFoundError(`No incident ${id}`);
      const row: Row = {
        title: patch.title,
        severity: patch.severity,
        status: patch.status,
        responders: patch.responders && JSON.stringify(patch.responders),
        links: patch.links && JSON.stringify(patch.links),
        external_ids: patch.externalIds && JSON.stringify(patch.externalIds),
        updated_at: new Date(),
      };
      for (const [key, column] of Object.entries(TIME_COLUMNS)) {
        const value = patch[key as keyof typeof TIME_COLUMNS];
        if (value !== undefined) row[column] = toDate(value);
      }
      await tx('incidents').where({ id }).update(withoutUndefined(row));
      if (patch.entityRefs) await replaceEntities(tx, id, patch.entityRefs);
      if (patch.ownerRefs) await replaceOwners(tx, pm.id, patch.ownerRefs);
      await this.revisions.bumpRevision(tx, pm.id, change, ['incident']);
    });
    return (await this.getIncident(id))!;
  }

  async listIncidents(filter: ListFilter): Promise<Page<Incident>> {
    const { rows, totalCount, totalCountCapped, nextCursor } =
      await this.rows.listRows(filter);
    const entities = await this.rows.entitiesOf(rows.map(r => r.incident_id));
    return {
      items: rows.map(r =>
        incidentFromRow(
          { ...r, id: r.incident_id, title: r.title },
          entities.get(r.incident_id) ?? [],
        ),
      ),
      totalCount,
      ...(totalCountCapped ? { totalCountCapped } : {}),
      nextCursor,
    };
  }
}
