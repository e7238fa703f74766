import type {
  Cause,
  Evidence,
  RemediationItem,
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import type { SubRecordKind, SubRecords } from './PostmortemStore';
import { json, Row, toIso } from './rows';

/** How each kind of sub-record maps to its table. */
export const SUB_RECORDS: {
  [K in SubRecordKind]: {
    table: string;
    order: Array<{ column: string; order: 'asc' | 'desc' }>;
    toRow(input: Partial<SubRecords[K]['input']>): Row;
    fromRow(row: Row): SubRecords[K]['record'];
  };
} = {
  timeline: {
    table: 'timeline_events',
    order: [
      { column: 'occurred_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ],
    toRow: i => ({
      occurred_at: i.occurredAt ? new Date(i.occurredAt) : undefined,
      kind: i.kind,
      source: i.source,
      text: i.text,
      key_decision: i.keyDecision,
      evidence_ids: i.evidenceIds && JSON.stringify(i.evidenceIds),
      origin_key: i.originKey,
    }),
    fromRow: (r): TimelineEvent => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      occurredAt: toIso(r.occurred_at)!,
      kind: r.kind,
      source: r.source,
      author: r.author ?? undefined,
      text: r.text,
      keyDecision: Boolean(r.key_decision),
      evidenceIds: json(r.evidence_ids, []),
    }),
  },
  evidence: {
    table: 'evidence',
    order: [
      { column: 'captured_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ],
    toRow: i => ({
      kind: i.kind,
      source: i.source,
      query: i.query,
      entity_ref: i.entityRef,
      content: i.content,
      occurred_at: i.occurredAt ? new Date(i.occurredAt) : undefined,
      redactions: i.redactions && JSON.stringify(i.redactions),
      origin_key: i.originKey,
    }),
    fromRow: (r): Evidence => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      kind: r.kind,
      source: r.source,
      query: r.query ?? undefined,
      entityRef: r.entity_ref ?? undefined,
      content: r.content,
      capturedAt: toIso(r.captured_at)!,
      redactions: json(r.redactions, {}),
    }),
  },
  causes: {
    table: 'causes',
    order: [
      { column: 'score', order: 'desc' },
      { column: 'id', order: 'asc' },
    ],
    toRow: i => ({
      type: i.type,
      statement: i.statement,
      status: i.status,
      perspective: i.perspective,
      evidence_ids: i.evidenceIds && JSON.stringify(i.evidenceIds),
      rollback_plan: i.rollbackPlan,
      change_related: i.changeRelated,
      entity_ref: i.entityRef,
      score: i.score,
      confidence: i.confidence,
      analysis: i.analysis && JSON.stringify(i.analysis),
      origin_key: i.originKey,
    }),
    fromRow: (r): Cause => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      type: r.type,
      statement: r.statement,
      status: r.status,
      perspective: r.perspective,
      evidenceIds: json(r.evidence_ids, []),
      rollbackPlan: r.rollback_plan ?? undefined,
      changeRelated: Boolean(r.change_related),
      entityRef: r.entity_ref ?? undefined,
      score: r.score ?? undefined,
      confidence: r.confidence ?? undefined,
      analysis: json(r.analysis, undefined),
    }),
  },
  remediation: {
    table: 'remediation_items',
    order: [
      { column: 'priority', order: 'desc' },
      { column: 'id', order: 'asc' },
    ],
    toRow: i => ({
      title: i.title,
      description: i.description,
      owner_ref: i.ownerRef,
      due_date: i.dueDate,
      acceptance_criteria: i.acceptanceCriteria,
      impact: i.impact,
      probability: i.probability,
      horizon: i.horizon,
      status: i.status,
      tracker_url: i.trackerUrl,
      verification: i.verification && JSON.stringify(i.verification),
      origin_key: i.originKey,
    }),
    fromRow: (r): RemediationItem => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      title: r.title,
      description: r.description ?? undefined,
      ownerRef: r.owner_ref ?? undefined,
      dueDate: r.due_date ?? undefined,
      acceptanceCriteria: r.acceptance_criteria ?? undefined,
      impact: r.impact,
      probability: r.probability,
      priority: r.priority,
      horizon: r.horizon,
      status: r.status,
      trackerUrl: r.tracker_url ?? undefined,
      recurrenceIncidentId: r.recurrence_incident_id ?? undefined,
      verification: json(r.verification, undefined),
      lastCheck: json(r.last_check, undefined),
      createdAt: toIso(r.created_at)!,
      updatedAt: toIso(r.updated_at)!,
    }),
  },
};

/** The sub-records of a postmortem, remediation items with their tracker link. */
export async function subRecordsOf<K extends SubRecordKind>(
  db: Knex | Knex.Transaction,
  kind: K,
  postmortemId: string,
): Promise<Array<SubRecords[K]['record']>> {
  const spec = SUB_RECORDS[kind];
  const rows = await db(spec.table)
    .where({ postmortem_id: postmortemId })
    .orderBy(spec.order);
  const records = rows.map(r => spec.fromRow(r) as SubRecords[K]['record']);
  if (kind !== 'remediation' || !records.length) return records;
  // Items show the state of their tracker sync, including the last error.
  const links = new Map(
    (
      await db('tracker_links').whereIn(
        'item_id',
        records.map(r => r.id),
      )
    ).map(l => [l.item_id, l]),
  );
  return records.map(record => {
    const link = links.get(record.id);
    return link
      ? {
          ...record,
          tracker: {
            id: link.tracker,
            state: link.state,
            attempts: link.attempts,
            lastError: link.last_error ?? undefined,
            url: link.url ?? undefined,
          },
        }
      : record;
  });
}
