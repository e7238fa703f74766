// @ts-check

/**
 * Scorecards and list pages at scale (issue 17) read their columns from
 * indexes instead of the wide rows: the incident index that orders the
 * lists by impact start also holds the times and severity the scorecard
 * takes, the postmortems' incident index holds the publication, and a new
 * index of remediation items by postmortem holds what the scorecard and a
 * list's remediation counts read. A year's scorecard then reads no incident,
 * postmortem or item row (each was a sequential scan of its table).
 */

/** [name, table, columns before, columns now]. */
const WIDENED = [
  [
    'incidents_impact_id_idx',
    'incidents',
    'impact_started_at, id',
    'impact_started_at, id, severity, detected_at, acknowledged_at, resolved_at',
  ],
  [
    'postmortems_incident_id_idx',
    'postmortems',
    'incident_id, id',
    'incident_id, id, published_at, published_on_time',
  ],
];

const ITEMS = 'remediation_items_postmortem_idx';
const ITEM_COLUMNS =
  'postmortem_id, status, due_date, created_at, verified_at, id';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [name, table, , columns] of WIDENED) {
    await knex.raw(`DROP INDEX ${name}`);
    await knex.raw(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }
  await knex.raw(
    `CREATE INDEX ${ITEMS} ON remediation_items (${ITEM_COLUMNS})`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX ${ITEMS}`);
  for (const [name, table, columns] of WIDENED) {
    await knex.raw(`DROP INDEX ${name}`);
    await knex.raw(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }
};
