import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CauseAnalysis,
  CauseStatus,
  CauseType,
  PostmortemStage,
  RemediationStatus,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { applyPermissionCriteria } from './permissionQuery';

/** A postmortem as the similarity ranking sees it. */
export interface SimilarityRecord {
  postmortemId: string;
  humanId: string;
  title: string;
  severity: Severity;
  stage: PostmortemStage;
  impactStartedAt?: string;
  /** The alerting tool and its labels, which name the alert. */
  source: string;
  incidentTitle: string;
  labels: Record<string, string>;
  entityRefs: string[];
  causes: Array<{
    type: CauseType;
    statement: string;
    status: CauseStatus;
    score?: number;
    analysis?: CauseAnalysis;
  }>;
  remediation: Array<{ status: RemediationStatus; dueDate?: string }>;
}

/** How many earlier postmortems a search looks at, beyond shared entities. */
const RECENT = 300;
const SHARING = 200;

const iso = (value: unknown) =>
  value === null || value === undefined
    ? undefined
    : new Date(value as string).toISOString();

function parse<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return (text as T) ?? fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * Reads what "similar incidents" compares: a postmortem with its incident,
 * entities, causes and remediation, and the earlier postmortems that may be
 * like it (those sharing an entity, and the most recent others), each in a
 * fixed number of queries whatever the count. Restricted postmortems are
 * filtered in SQL for callers who may not read them.
 */
export class SimilarPostmortemStore {
  constructor(private readonly knex: Knex) {}

  /** The postmortem itself, or undefined when it does not exist. */
  async record(postmortemId: string): Promise<SimilarityRecord | undefined> {
    const rows = await this.base().where('p.id', postmortemId);
    return (await this.complete(rows))[0];
  }

  /**
   * Postmortems of incidents that started before `target`'s (all others
   * when its start is unknown), sharing one of its entities or among the
   * most recent.
   */
  async candidates(
    target: SimilarityRecord,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ): Promise<SimilarityRecord[]> {
    const earlier = () => {
      const qb = this.base().whereNot('p.id', target.postmortemId);
      if (target.impactStartedAt) {
        qb.where('i.impact_started_at', '<', new Date(target.impactStartedAt));
      }
      if (permission) applyPermissionCriteria(this.knex, qb, permission);
      return qb.orderBy('i.impact_started_at', 'desc').orderBy('p.id');
    };
    const sharing = target.entityRefs.length
      ? await earlier()
          .whereIn(
            'i.id',
            this.knex('incident_entities')
              .select('incident_id')
              .whereIn(
                'entity_ref',
                target.entityRefs.map(r => r.toLocaleLowerCase('en-US')),
              ),
          )
          .limit(SHARING)
      : [];
    const recent = await earlier().limit(RECENT);
    const rows = new Map<string, any>();
    for (const row of [...sharing, ...recent]) rows.set(row.id, row);
    return this.complete([...rows.values()]);
  }

  private base() {
    return this.knex('postmortems as p')
      .join('incidents as i', 'i.id', 'p.incident_id')
      .select(
        'p.id',
        'i.human_id',
        'i.title',
        'i.severity',
        'p.stage',
        'i.id as incident_id',
        'i.impact_started_at',
        'i.source',
        'i.labels',
      );
  }

  /** Entities, causes and remediation of the rows, one query each. */
  private async complete(rows: any[]): Promise<SimilarityRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map(r => r.id);
    const [entities, causes, items] = await Promise.all([
      this.knex('incident_entities')
        .select('incident_id', 'entity_ref')
        .whereIn(
          'incident_id',
          rows.map(r => r.incident_id),
        ),
      this.knex('causes')
        .select(
          'postmortem_id',
          'type',
          'statement',
          'status',
          'score',
          'analysis',
        )
        .whereIn('postmortem_id', ids)
        .orderBy('id'),
      this.knex('remediation_items')
        .select('postmortem_id', 'status', 'due_date')
        .whereIn('postmortem_id', ids),
    ]);
    const group = <T extends Record<string, any>>(list: T[], key: string) => {
      const map = new Map<string, T[]>();
      for (const item of list) {
        const k = item[key];
        map.set(k, [...(map.get(k) ?? []), item]);
      }
      return map;
    };
    const entitiesOf = group(entities, 'incident_id');
    const causesOf = group(causes, 'postmortem_id');
    const itemsOf = group(items, 'postmortem_id');
    return rows.map(r => ({
      postmortemId: r.id,
      humanId: r.human_id,
      title: r.title,
      severity: r.severity,
      stage: r.stage,
      impactStartedAt: iso(r.impact_started_at),
      source: r.source,
      incidentTitle: r.title,
      labels: parse<Record<string, string>>(r.labels, {}),
      entityRefs: (entitiesOf.get(r.incident_id) ?? []).map(e => e.entity_ref),
      causes: (causesOf.get(r.id) ?? []).map(c => ({
        type: c.type,
        statement: c.statement,
        status: c.status,
        ...(c.score === null || c.score === undefined
          ? {}
          : { score: Number(c.score) }),
        ...(c.analysis ? { analysis: parse(c.analysis, undefined) } : {}),
      })),
      remediation: (itemsOf.get(r.id) ?? []).map(item => ({
        status: item.status,
        ...(item.due_date ? { dueDate: item.due_date } : {}),
      })),
    }));
  }
}
