// @ts-check

/**
 * The list's text filter at scale on the embedded SQLite (issue 17): what
 * the pg_trgm indexes of list_indexes are on PostgreSQL, a full-text table
 * with the trigram tokenizer is here. It indexes, per postmortem, the text
 * the filter searches: the narrative (as stored, JSON), the incident's
 * title and its human id, each as SQLite's lower() writes it, with
 * case-sensitive trigrams. A phrase of 3 characters or more then matches
 * exactly where `lower(column) LIKE '%phrase%'` does (lower() and LIKE fold
 * ASCII only; the tokenizer's own folding, which goes further, is off), so
 * the list reads its matches from here instead of testing every row.
 *
 * The table is contentless (the text stays in postmortems and incidents
 * only) and keyed by an integer: postmortem_text_ids gives each postmortem
 * its rowid there (an INTEGER PRIMARY KEY, which VACUUM keeps, where the
 * rowid of postmortems itself may change). Triggers keep it in step with
 * every insert, update and delete of postmortems and incidents.
 *
 * A later migration that rebuilds postmortems or incidents on SQLite
 * (knex's alterTable copies a table to a new one) drops their triggers:
 * it must create them again (the text filter tests fail otherwise).
 *
 * Nothing changes on PostgreSQL (or any other engine than SQLite).
 */

/** @param {import('knex').Knex} knex */
const isSqlite = knex => /sqlite/.test(String(knex.client.config.client));

/**
 * Writes the index row of the postmortems selected by `where` (over
 * postmortems p and their postmortem_text_ids t) from what they hold now.
 */
const refresh = (/** @type {string} */ where) => `
  INSERT OR REPLACE INTO postmortem_text (rowid, narrative, title, human_id)
  SELECT t.id, lower(p.narrative), lower(i.title), lower(i.human_id)
  FROM postmortems p
  JOIN postmortem_text_ids t ON t.postmortem_id = p.id
  LEFT JOIN incidents i ON i.id = p.incident_id
  WHERE ${where};`;

const TRIGGERS = {
  postmortem_text_postmortem_insert: `
    AFTER INSERT ON postmortems BEGIN
      INSERT OR IGNORE INTO postmortem_text_ids (postmortem_id) VALUES (new.id);
      ${refresh('p.id = new.id')}
    END`,
  postmortem_text_postmortem_update: `
    AFTER UPDATE OF id, narrative, incident_id ON postmortems
    WHEN old.id IS NOT new.id OR old.narrative IS NOT new.narrative
      OR old.incident_id IS NOT new.incident_id
    BEGIN
      UPDATE postmortem_text_ids SET postmortem_id = new.id
      WHERE postmortem_id = old.id AND old.id IS NOT new.id;
      ${refresh('p.id = new.id')}
    END`,
  postmortem_text_postmortem_delete: `
    AFTER DELETE ON postmortems BEGIN
      DELETE FROM postmortem_text WHERE rowid =
        (SELECT id FROM postmortem_text_ids WHERE postmortem_id = old.id);
      DELETE FROM postmortem_text_ids WHERE postmortem_id = old.id;
    END`,
  postmortem_text_incident_insert: `
    AFTER INSERT ON incidents BEGIN
      ${refresh('p.incident_id = new.id')}
    END`,
  postmortem_text_incident_update: `
    AFTER UPDATE OF title, human_id ON incidents
    WHEN old.title IS NOT new.title OR old.human_id IS NOT new.human_id
    BEGIN
      ${refresh('p.incident_id = new.id')}
    END`,
  postmortem_text_incident_delete: `
    AFTER DELETE ON incidents BEGIN
      ${refresh('p.incident_id = old.id')}
    END`,
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isSqlite(knex)) return;
  await knex.raw(
    `CREATE TABLE postmortem_text_ids (
      id INTEGER PRIMARY KEY,
      postmortem_id varchar(36) NOT NULL UNIQUE
    )`,
  );
  await knex.raw(
    `CREATE VIRTUAL TABLE postmortem_text USING fts5 (
      narrative, title, human_id,
      content = '', contentless_delete = 1,
      tokenize = 'trigram case_sensitive 1'
    )`,
  );
  await knex.raw(
    'INSERT INTO postmortem_text_ids (postmortem_id) SELECT id FROM postmortems ORDER BY id',
  );
  await knex.raw(refresh('1 = 1'));
  for (const [name, body] of Object.entries(TRIGGERS)) {
    await knex.raw(`CREATE TRIGGER ${name} ${body}`);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isSqlite(knex)) return;
  for (const name of Object.keys(TRIGGERS)) {
    await knex.raw(`DROP TRIGGER ${name}`);
  }
  await knex.raw('DROP TABLE postmortem_text');
  await knex.raw('DROP TABLE postmortem_text_ids');
};
