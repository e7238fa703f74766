import type { Page, Postmortem } from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { PostmortemFilter, PostmortemStore } from './PostmortemStore';

const json = <T>(value: unknown, fallback: T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : fallback;

const iso = (value: unknown): string =>
  new Date(value as string | number | Date).toISOString();

/** PostmortemStore on Backstage's database service (SQLite or PostgreSQL). */
export class KnexPostmortemStore implements PostmortemStore {
  static create(knex: Knex): KnexPostmortemStore {
    return new KnexPostmortemStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async listPostmortems(filter: PostmortemFilter): Promise<Page<Postmortem>> {
    const query = this.knex('postmortems as p')
      .join('incidents as i', 'i.id', 'p.incident_id')
      .select('p.*', 'i.human_id', 'i.title', 'i.severity');
    if (filter.entityRef) {
      query.whereIn(
        'p.incident_id',
        this.knex('incident_entities')
          .select('incident_id')
          .where('entity_ref', filter.entityRef.toLocaleLowerCase('en-US')),
      );
    }
    const rows = await query.orderBy([
      { column: 'i.created_at', order: 'desc' },
      { column: 'p.id', order: 'asc' },
    ]);
    const entities = await this.entitiesOf(rows.map(r => r.incident_id));
    const items = rows.map(row => this.toPostmortem(row, entities));
    return { items, totalCount: items.length };
  }

  private async entitiesOf(incidentIds: string[]) {
    const byIncident = new Map<string, string[]>();
    if (!incidentIds.length) return byIncident;
    const rows = await this.knex('incident_entities')
      .whereIn('incident_id', incidentIds)
      .orderBy('entity_ref');
    for (const row of rows) {
      byIncident.set(row.incident_id, [
        ...(byIncident.get(row.incident_id) ?? []),
        row.entity_ref,
      ]);
    }
    return byIncident;
  }

  private toPostmortem(
    row: Record<string, any>,
    entities: Map<string, string[]>,
  ): Postmortem {
    return {
      id: row.id,
      incidentId: row.incident_id,
      humanId: row.human_id,
      title: row.title,
      severity: row.severity,
      templateId: row.template_id,
      templateVersion: row.template_version,
      stage: row.stage,
      roles: json(row.roles, {
        technicalOwners: [],
        reviewers: [],
        contributors: [],
      }),
      narrative: json(row.narrative, {}),
      attachments: json(row.attachments, []),
      deadlines: json(row.deadlines, {}),
      visibility: row.visibility,
      revision: row.revision,
      entityRefs: entities.get(row.incident_id) ?? [],
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }
}
