// @ts-check

/**
 * Tickets filed for remediation items in outside trackers, with the state
 * of the sync: attempts, the next retry and the last error, which the item
 * shows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('tracker_links', table => {
    table.string('item_id', 36).primary();
    table.string('tracker', 64).notNullable();
    table.string('external_id', 255).nullable();
    table.text('url').nullable();
    table.string('state', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.timestamp('last_synced_at', { useTz: true }).nullable();
    table.index(['state', 'next_attempt_at'], 'tracker_links_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('tracker_links');
};
