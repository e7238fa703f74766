import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { diffJson } from '../../database/revisionDelta';
import { REDACTION_VERSION } from '../../redaction/reRedactStoredData';
import {
  componentRef,
  HOT_ENTITY,
  ownerOf,
  random,
  sentence,
  Sizes,
  WORDS,
} from './dataset';

type Row = Record<string, unknown>;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Incidents are spread over the last three years. */
export const SPAN_DAYS = 3 * 365;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV3', 'SEV4', 'SEV4', 'SEV5'];
const TYPES = ['availability', 'latency', 'security', 'data-loss'];
const STAGES = [
  'draft',
  'investigation',
  'cause_analysis',
  'in_review',
  'published',
  'published',
  'published',
  'published',
];
const KINDS = ['alert', 'page', 'decision', 'action', 'observation'];
const ITEM_STATUSES = ['open', 'in_progress', 'done', 'verified', 'verified'];
const HORIZONS = ['short', 'medium', 'long'];

/** One incident with everything under it, as the store's tables hold it. */
interface IncidentRows {
  incidents: Row;
  incident_entities: Row[];
  postmortems: Row;
  postmortem_owners: Row[];
  postmortem_members: Row[];
  timeline_events: Row[];
  remediation_items: Row[];
  revisions: Row[];
  incident_links: Row[];
}

const TABLES: Array<keyof IncidentRows> = [
  'incidents',
  'incident_entities',
  'postmortems',
  'postmortem_owners',
  'postmortem_members',
  'timeline_events',
  'remediation_items',
  'revisions',
  'incident_links',
];

/**
 * The rows of incident `i`. Its five revisions are the ones the store would
 * have written for this life: declared, drafted (timeline, items,
 * narrative), a section edited, an item done, the stage moved; stored as
 * the store stores them (deltas, see database/revisionDelta.ts).
 */
function incidentRows(
  i: number,
  sizes: Sizes,
  now: number,
  earlierIds: string[],
): IncidentRows {
  const rnd = random(i + 1);
  const id = randomUUID();
  const pmId = randomUUID();
  const impact =
    now -
    ((i + 0.5) / sizes.incidents) * SPAN_DAYS * DAY -
    rnd.int(600) * MINUTE;
  const at = (minutes: number) => new Date(impact + minutes * MINUTE);
  const detected = 2 + rnd.int(30);
  const acknowledged = detected + 1 + rnd.int(20);
  const resolved = acknowledged + 10 + rnd.int(240);
  const year = new Date(impact).getUTCFullYear();
  const hotEvery = Math.floor(sizes.incidents / sizes.hotEntityPostmortems);
  const entities = new Set([componentRef(rnd.int(sizes.entities))]);
  if (rnd.next() < 0.3) entities.add(componentRef(rnd.int(sizes.entities)));
  if (i % hotEvery === 0 && i / hotEvery < sizes.hotEntityPostmortems) {
    entities.add(sizes.hotEntity ?? HOT_ENTITY);
  }
  const owners = new Set(
    [...entities].map(ref =>
      ref === sizes.hotEntity
        ? sizes.hotEntityOwner ?? ownerOf(0)
        : ownerOf(Number(ref.split('svc-')[1])),
    ),
  );
  const stage = rnd.pick(STAGES);
  const published = stage === 'published';
  // As the reminder job leaves them: an open postmortem of the last six
  // weeks is looked at again by its last deadline, the rest only when they
  // change; the newest few changed since the last pass.
  let reminderDue: Date | null = null;
  if (i < 5) reminderDue = new Date(0);
  else if (!published && now - impact < 42 * DAY) {
    reminderDue = new Date(impact + 42 * DAY);
  }
  const commander = `user:default/responder-${rnd.int(400)}`;
  const roles = {
    incidentCommander: commander,
    technicalOwners: [],
    reviewers: ['user:default/reviewer-1'],
    contributors: [],
  };
  const narrative = {
    summary: sentence(rnd, 25),
    impact: sentence(rnd, 20),
    whatHappened: sentence(rnd, 30),
    whyItHappened: sentence(rnd, 30),
  };
  const timeline = Array.from(
    { length: sizes.timelinePerIncident },
    (_, n) => ({
      id: randomUUID(),
      postmortem_id: pmId,
      occurred_at: at(n * 6),
      kind: KINDS[n % KINDS.length],
      source: n === 0 ? 'alertmanager' : 'manual',
      author: null,
      text: sentence(rnd, 12),
      key_decision: n === 3,
      evidence_ids: '[]',
      origin_key: null,
    }),
  );
  const items = Array.from({ length: sizes.remediationPerIncident }, (_, n) => {
    const status = rnd.pick(ITEM_STATUSES);
    const impactScore = 1 + rnd.int(5);
    const probability = 1 + rnd.int(5);
    const created = at(resolved + 60 + n);
    return {
      id: randomUUID(),
      postmortem_id: pmId,
      title: `${rnd.pick(WORDS)} ${rnd.pick(WORDS)} ${rnd.pick(WORDS)}`,
      description: sentence(rnd, 10),
      owner_ref: [...owners][0],
      due_date: new Date(impact + (14 + rnd.int(60)) * DAY)
        .toISOString()
        .slice(0, 10),
      acceptance_criteria: null,
      impact: impactScore,
      probability,
      priority: impactScore * probability,
      horizon: rnd.pick(HORIZONS),
      status,
      tracker_url: null,
      origin_key: null,
      created_at: created,
      updated_at: created,
      verified_at:
        status === 'verified'
          ? new Date(created.getTime() + (1 + rnd.int(40)) * DAY)
          : null,
    };
  });

  // The snapshots of the five revisions, as writeSnapshot builds them.
  const snapshotOf = (s: {
    stage: string;
    narrative: Record<string, string>;
    timeline: typeof timeline;
    items: typeof items;
  }) =>
    JSON.parse(
      JSON.stringify({
        stage: s.stage,
        visibility: 'normal',
        roles,
        narrative: s.narrative,
        attachments: [],
        timeline: s.timeline.map(t => ({
          occurredAt: (t.occurred_at as Date).toISOString(),
          kind: t.kind,
          text: t.text,
          keyDecision: t.key_decision,
        })),
        causes: [],
        remediation: s.items.map(r => ({
          title: r.title,
          ownerRef: r.owner_ref,
          dueDate: r.due_date,
          priority: r.priority,
          horizon: r.horizon,
          status: r.status,
        })),
      }),
    );
  const draftSummary = sentence(rnd, 25);
  const itemsAsDrafted = items.map(r => ({ ...r, status: 'open' }));
  const snapshots = [
    snapshotOf({ stage: 'draft', narrative: {}, timeline: [], items: [] }),
    snapshotOf({
      stage: 'draft',
      narrative: { ...narrative, summary: draftSummary },
      timeline,
      items: itemsAsDrafted,
    }),
    snapshotOf({
      stage: 'draft',
      narrative,
      timeline,
      items: itemsAsDrafted,
    }),
    snapshotOf({ stage: 'draft', narrative, timeline, items }),
    snapshotOf({ stage, narrative, timeline, items }),
  ].slice(0, sizes.revisionsPerPostmortem);
  const revisions = snapshots.map((snapshot, n) => ({
    postmortem_id: pmId,
    revision: n + 1,
    author: n === 1 ? 'postmortem-draft' : commander,
    created_at: at(resolved + n * 60),
    changed: JSON.stringify(
      [['created'], ['draft'], ['narrative'], ['remediation'], ['stage']][n],
    ),
    delta: JSON.stringify(diffJson(n ? snapshots[n - 1] : undefined, snapshot)),
  }));

  const created = at(0);
  const updated = at(resolved + 4 * 60);
  return {
    incidents: {
      id,
      human_id: `INC-${year}-${String(i).padStart(6, '0')}`,
      title: `${rnd.pick(WORDS)} ${rnd.pick(WORDS)} on ${
        [...entities][0].split('/')[1]
      }`,
      severity: rnd.pick(SEVERITIES),
      type: rnd.pick(TYPES),
      status: i < 20 ? 'investigating' : 'resolved',
      impact_started_at: created,
      detected_at: at(detected),
      acknowledged_at: at(acknowledged),
      mitigated_at: at(resolved - 5),
      resolved_at: i < 20 ? null : at(resolved),
      source: i % 3 ? 'manual' : 'alertmanager',
      dedup_key: null,
      external_ids: '{}',
      links: '[]',
      responders: JSON.stringify([
        { ref: commander, role: 'incident_commander' },
      ]),
      labels: '{}',
      created_at: created,
      updated_at: updated,
      status_event_at: at(resolved),
      draft_requested_at: at(resolved),
      draft_generated_at: at(resolved + 1),
    },
    incident_entities: [...entities].map(entity_ref => ({
      incident_id: id,
      entity_ref,
    })),
    postmortems: {
      id: pmId,
      incident_id: id,
      template_id: 'default',
      template_version: 1,
      stage,
      roles: JSON.stringify(roles),
      narrative: JSON.stringify(narrative),
      generated_sections: '[]',
      attachments: '[]',
      deadlines: '{}',
      visibility: i % 20 === 7 ? 'restricted' : 'normal',
      revision: revisions.length,
      created_at: created,
      updated_at: updated,
      published_at: published ? at(resolved + (5 * DAY) / MINUTE) : null,
      published_on_time: published ? rnd.next() < 0.7 : null,
      reminder_due_at: reminderDue,
    },
    postmortem_owners: [...owners].map(owner_ref => ({
      postmortem_id: pmId,
      owner_ref,
    })),
    postmortem_members: [
      {
        postmortem_id: pmId,
        member_ref: commander,
        role: 'incident_commander',
      },
      {
        postmortem_id: pmId,
        member_ref: 'user:default/reviewer-1',
        role: 'reviewer',
      },
    ],
    timeline_events: timeline,
    remediation_items: items,
    revisions,
    incident_links:
      earlierIds.length && rnd.next() < 0.05
        ? [
            {
              incident_id: id,
              related_incident_id:
                earlierIds[
                  earlierIds.length -
                    1 -
                    rnd.int(Math.min(5_000, earlierIds.length))
                ],
              reason: 'same failure fingerprint',
              created_at: updated,
            },
          ]
        : [],
  };
}

/** Multi-row inserts kept under both engines' bound-parameter limits. */
async function insertAll(tx: Knex.Transaction, table: string, rows: Row[]) {
  if (!rows.length) return;
  const perRow = Object.keys(rows[0]).length;
  // SQLite also caps a multi-row insert (a compound SELECT) at 500 rows.
  const chunk = Math.max(1, Math.min(500, Math.floor(30_000 / perRow)));
  for (let n = 0; n < rows.length; n += chunk) {
    await tx(table).insert(rows.slice(n, n + chunk));
  }
}

/**
 * Seeds the data set in batches, one transaction per batch of incidents,
 * newest first; then refreshes the planner's statistics.
 */
export async function seed(
  knex: Knex,
  sizes: Sizes,
  log: (message: string) => void,
): Promise<{ seconds: number; rows: Record<string, number> }> {
  const started = performance.now();
  const now = Date.now();
  const BATCH = 1_000;
  const rows: Record<string, number> = {};
  const ids: string[] = [];
  // One batch is inserted while the next is generated: the database and
  // this process work at the same time.
  let inserting: Promise<void> | undefined;
  for (let from = 0; from < sizes.incidents; from += BATCH) {
    const batch: IncidentRows[] = [];
    for (let i = from; i < Math.min(sizes.incidents, from + BATCH); i++) {
      // One in twenty is a repeat of one seeded shortly before it.
      const r = incidentRows(i, sizes, now, ids);
      ids.push(r.incidents.id as string);
      batch.push(r);
    }
    await inserting;
    inserting = knex.transaction(async tx => {
      for (const table of TABLES) {
        const tableRows = batch.flatMap(r => r[table]) as Row[];
        rows[table] = (rows[table] ?? 0) + tableRows.length;
        await insertAll(tx, table, tableRows);
      }
    });
    if ((from / BATCH) % 10 === 9) {
      log(`seeded ${from + BATCH} incidents`);
    }
  }
  await inserting;
  // The data set stands for data this version wrote through its redaction
  // boundary: no pass over stored data is due.
  await knex('redaction_passes')
    .insert({
      version: REDACTION_VERSION,
      values_changed: 0,
      applied_at: new Date(),
    })
    .onConflict('version')
    .ignore();
  if (knex.client.config.client === 'pg') {
    await knex.raw('VACUUM ANALYZE');
  } else {
    await knex.raw('ANALYZE');
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}
