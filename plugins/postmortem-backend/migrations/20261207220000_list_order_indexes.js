// @ts-check

/**
 * The postmortem list at scale (issue 17), every sort walking one index:
 * equal sort values are ordered by the incident id in the sort's direction
 * (database/listOrder.ts), so an index on (sort value, incident id) in the
 * table the value is in gives the whole order and a page stops after its
 * rows, where before a sort by severity or stage sorted all 100,000 rows.
 * The stage is sorted in workflow order by a CASE expression: the index is
 * on that expression, written exactly as listOrder.ts writes it.
 *
 * Two covering indexes let the join between postmortems and incidents be
 * read from indexes alone (postmortem id to incident id and back, with the
 * impact start), so a filter that finds a few hundred incidents (an entity,
 * an owner) is joined and sorted without reading their rows.
 */

/** The stages in workflow order, as in -common's POSTMORTEM_STAGES. */
const STAGES = [
  'draft',
  'investigation',
  'evidence_collection',
  'cause_analysis',
  'remediation_planning',
  'in_review',
  'approved',
  'published',
];

const stageRank = `case stage ${STAGES.map(
  (stage, rank) => `when '${stage}' then ${rank}`,
).join(' ')} else ${STAGES.length} end`;

/** [name, table, columns] created; [name, table, columns] they replace. */
const CREATED = [
  ['incidents_impact_id_idx', 'incidents', 'impact_started_at, id'],
  ['incidents_severity_id_idx', 'incidents', 'severity, id'],
  ['incidents_title_id_idx', 'incidents', 'lower(title), id'],
  ['incidents_id_impact_idx', 'incidents', 'id, impact_started_at'],
  [
    'postmortems_updated_incident_idx',
    'postmortems',
    'updated_at, incident_id',
  ],
  ['postmortems_stage_rank_idx', 'postmortems', `(${stageRank}), incident_id`],
  ['postmortems_incident_id_idx', 'postmortems', 'incident_id, id'],
  ['postmortems_id_incident_idx', 'postmortems', 'id, incident_id'],
];
const REPLACED = [
  ['incidents_impact_started_idx', 'incidents', 'impact_started_at'],
  ['incidents_severity_idx', 'incidents', 'severity'],
  ['incidents_title_sort_idx', 'incidents', 'lower(title)'],
  ['postmortems_updated_idx', 'postmortems', 'updated_at, id'],
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [name, table, columns] of CREATED) {
    await knex.raw(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }
  for (const [name] of REPLACED) {
    await knex.raw(`DROP INDEX ${name}`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const [name, table, columns] of REPLACED) {
    await knex.raw(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }
  for (const [name] of CREATED) {
    await knex.raw(`DROP INDEX ${name}`);
  }
};

exports.STAGE_RANK = stageRank;
