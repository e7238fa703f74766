// @ts-check

/**
 * Intake that holds under concurrency and faults:
 *
 * - `notification_outbox`: what a write must send (reminders, recurrence
 *   notices) is recorded in the write's transaction and sent after commit,
 *   claimed by one replica at a time, so no request or job calls the
 *   notifications backend while it holds a database connection.
 * - `incident_alerts`: the alerts of an incident that groups them (an
 *   Alertmanager notification group), each with its own state; the incident
 *   is resolved when all of them are.
 * - `intake_locks`: one row per grouping key, locked by the delivery that
 *   applies to it, so two replicas never open two incidents for one group.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_outbox', table => {
    table.comment('Notifications recorded by a write, sent after its commit');
    table.string('outbox_key', 512).primary();
    table.text('payload').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('claimed_at', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('sent_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.index(['sent_at'], 'notification_outbox_sent_idx');
  });

  await knex.schema.alterTable('incidents', table => {
    table.string('group_key', 512).nullable();
    table.index(['source', 'group_key'], 'incidents_source_group_idx');
  });

  await knex.schema.createTable('incident_alerts', table => {
    table.comment('Alerts grouped into an incident, each with its own state');
    table.string('source', 64).notNullable();
    table.string('alert_key', 512).notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.primary(['source', 'alert_key']);
    table.index(['incident_id'], 'incident_alerts_incident_idx');
  });

  await knex.schema.createTable('intake_locks', table => {
    table.comment('Serializes deliveries that concern one grouping key');
    table.string('source', 64).notNullable();
    table.string('lock_key', 512).notNullable();
    table.timestamp('locked_at', { useTz: true }).notNullable();
    table.primary(['source', 'lock_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('intake_locks');
  await knex.schema.dropTable('incident_alerts');
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(['source', 'group_key'], 'incidents_source_group_idx');
    table.dropColumn('group_key');
  });
  await knex.schema.dropTable('notification_outbox');
};
