// @ts-check

/**
 * The draft job asks for the incidents whose draft is due, oldest request
 * first, at every pass and whenever intake asks (an alert storm asks all the
 * time). Through the index of every request it walked every incident ever
 * drafted to find none (0.44 s at 100,000 incidents); an index of only the
 * due ones holds a handful of rows. Its condition is the query's, word for
 * word, so both engines see that the index covers it.
 */

const DUE =
  'draft_requested_at is not null and (draft_generated_at is null or draft_generated_at < draft_requested_at)';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw('DROP INDEX incidents_draft_requested_idx');
  await knex.raw(
    `CREATE INDEX incidents_draft_due_idx ON incidents (draft_requested_at) WHERE ${DUE}`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX incidents_draft_due_idx');
  await knex.raw(
    'CREATE INDEX incidents_draft_requested_idx ON incidents (draft_requested_at)',
  );
};
