// @ts-check

/**
 * The owner and entity filters of the postmortem list at scale: an index
 * that holds both columns answers "the postmortems of this owner" (and "the
 * incidents of this entity") from the index alone, so the planner takes the
 * few matching rows first instead of walking every incident by date and
 * probing each.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('postmortem_owners', table => {
    table.index(['owner_ref', 'postmortem_id'], 'postmortem_owners_ref_pm_idx');
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.index(['entity_ref', 'incident_id'], 'incident_entities_ref_inc_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex(
      ['entity_ref', 'incident_id'],
      'incident_entities_ref_inc_idx',
    );
  });
  await knex.schema.alterTable('postmortem_owners', table => {
    table.dropIndex(
      ['owner_ref', 'postmortem_id'],
      'postmortem_owners_ref_pm_idx',
    );
  });
};
