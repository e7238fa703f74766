// @ts-check

/**
 * Columns that take text from outside become unbounded: the redactor puts
 * `[REDACTED:<kind>]` in place of a value, which may be longer than the
 * value was, and a masked value must never fail the write. SQLite does not
 * enforce lengths; only PostgreSQL changes.
 */
const COLUMNS = {
  changes: ['version', 'author', 'rollback_ref'],
  timeline_events: ['source', 'author'],
  evidence: ['source'],
  comments: ['section'],
  history: ['actor'],
};

/** @type {Record<string, number>} */
const LENGTHS = {
  'changes.version': 255,
  'changes.author': 255,
  'changes.rollback_ref': 255,
  'timeline_events.source': 64,
  'timeline_events.author': 255,
  'evidence.source': 64,
  'comments.section': 32,
  'history.actor': 255,
};

/** @param {import('knex').Knex} knex */
const isPostgres = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, columns] of Object.entries(COLUMNS)) {
    for (const column of columns) {
      await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? TYPE text', [
        table,
        column,
      ]);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, columns] of Object.entries(COLUMNS)) {
    for (const column of columns) {
      const length = LENGTHS[`${table}.${column}`];
      await knex.raw(
        `ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(${length}) USING left(??, ${length})`,
        [table, column, column],
      );
    }
  }
};
