// @ts-check

/**
 * Workflow: comments and perspectives from contributors, approvals tied to
 * the revision they approved, reviewer waivers of language findings, and a
 * record of every reminder sent (its unique key makes each reminder go out
 * once even when several replicas run the job).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  /** @param {import('knex').Knex.CreateTableBuilder} table */
  const postmortemRef = table =>
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');

  await knex.schema.createTable('comments', table => {
    table.string('id', 36).primary();
    postmortemRef(table);
    table.string('author', 255).notNullable();
    table.string('perspective', 16).notNullable();
    table.string('section', 32).nullable();
    table.text('text').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['postmortem_id', 'created_at'], 'comments_postmortem_idx');
  });

  await knex.schema.createTable('approvals', table => {
    postmortemRef(table);
    table.string('reviewer', 255).notNullable();
    table.integer('revision').notNullable();
    table.text('comment').nullable();
    table.timestamp('approved_at', { useTz: true }).notNullable();
    table.primary(['postmortem_id', 'reviewer', 'revision']);
  });

  await knex.schema.createTable('language_waivers', table => {
    postmortemRef(table);
    table.string('finding_key', 512).notNullable();
    table.string('waived_by', 255).notNullable();
    table.text('reason').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['postmortem_id', 'finding_key']);
  });

  await knex.schema.createTable('reminders', table => {
    table.comment('Every reminder sent; the key makes each one go out once');
    table.string('reminder_key', 512).primary();
    table.string('postmortem_id', 36).notNullable();
    table.string('kind', 64).notNullable();
    table.text('recipients').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(['postmortem_id'], 'reminders_postmortem_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reminders');
  await knex.schema.dropTable('language_waivers');
  await knex.schema.dropTable('approvals');
  await knex.schema.dropTable('comments');
};
