// @ts-check

/**
 * Recurrence: incidents whose failure fingerprint matches an earlier one are
 * linked to it, and the remediation items that should have prevented the
 * repeat are flagged.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_links', table => {
    table.string('incident_id', 36).notNullable();
    table.string('related_incident_id', 36).notNullable();
    table.text('reason').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['incident_id', 'related_incident_id']);
    table.index(['related_incident_id'], 'incident_links_related_idx');
  });
  await knex.schema.alterTable('remediation_items', table => {
    table.string('recurrence_incident_id', 36).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('remediation_items', table => {
    table.dropColumn('recurrence_incident_id');
  });
  await knex.schema.dropTable('incident_links');
};
