import { Knex } from 'knex';
import { REMINDER_LOOK_NOW } from './KnexReminderStore';

type Row = Record<string, unknown>;

/**
 * The tables that hold text from outside, with the columns that identify a
 * row. Key columns are left as they are (they identify deliveries and
 * records); every other text or JSON column is redacted.
 */
const TABLES: Array<{ table: string; keys: string[] }> = [
  { table: 'incidents', keys: ['id'] },
  { table: 'postmortems', keys: ['id'] },
  { table: 'revisions', keys: ['postmortem_id', 'revision'] },
  { table: 'timeline_events', keys: ['id'] },
  { table: 'evidence', keys: ['id'] },
  { table: 'causes', keys: ['id'] },
  { table: 'remediation_items', keys: ['id'] },
  { table: 'history', keys: ['seq'] },
  { table: 'changes', keys: ['id'] },
  { table: 'comments', keys: ['id'] },
  { table: 'approvals', keys: ['postmortem_id', 'reviewer', 'revision'] },
  { table: 'language_waivers', keys: ['postmortem_id', 'finding_key'] },
  { table: 'tracker_links', keys: ['item_id'] },
  { table: 'notification_outbox', keys: ['outbox_key'] },
];

/** The tables whose rows the reminder job reads about a postmortem. */
const REMINDER_INPUTS = new Set([
  'postmortems',
  'remediation_items',
  'comments',
  'history',
]);

/** One page of the rows of a table that holds text from outside. */
export interface StoredTextPage {
  table: string;
  /** The columns that identify a row; they are not to be changed. */
  keys: string[];
  rows: Row[];
}

/**
 * Everything stored that holds text from outside, for passes of the
 * redactor over data stored before a detector existed.
 */
export interface StoredTextStore {
  /** Whether the pass of this redactor version has run. */
  hasPass(version: number): Promise<boolean>;
  /** Records that the pass of this version ran (once). */
  recordPass(version: number, valuesChanged: number): Promise<void>;
  /**
   * The rows of every such table, a page at a time in key order; a page is
   * read when the one before has been handled, without a transaction.
   */
  pages(pageSize: number): AsyncIterable<StoredTextPage>;
  /**
   * Writes the changed columns of a row, only if its text columns that
   * change still hold what was read: a write in between wins.
   */
  updateIfUnchanged(
    page: StoredTextPage,
    row: Row,
    changes: Row,
  ): Promise<void>;
}

/** StoredTextStore on the plugin's database. */
export class KnexStoredTextStore implements StoredTextStore {
  constructor(private readonly knex: Knex) {}

  async hasPass(version: number): Promise<boolean> {
    const done = await this.knex('redaction_passes').where({ version }).first();
    return Boolean(done);
  }

  async recordPass(version: number, valuesChanged: number): Promise<void> {
    await this.knex('redaction_passes')
      .insert({
        version,
        values_changed: valuesChanged,
        applied_at: new Date(),
      })
      .onConflict('version')
      .ignore();
  }

  async *pages(pageSize: number): AsyncIterable<StoredTextPage> {
    for (const { table, keys } of TABLES) {
      if (!(await this.knex.schema.hasTable(table))) continue;
      for (let offset = 0; ; offset += pageSize) {
        const rows: Row[] = await this.knex(table)
          .select()
          .orderBy(keys)
          .limit(pageSize)
          .offset(offset);
        yield { table, keys, rows };
        if (rows.length < pageSize) break;
      }
    }
  }

  async updateIfUnchanged(
    page: StoredTextPage,
    row: Row,
    changes: Row,
  ): Promise<void> {
    const query = this.knex(page.table).where(
      Object.fromEntries(page.keys.map(k => [k, row[k]])),
    );
    for (const column of Object.keys(changes)) {
      if (typeof row[column] === 'string') {
        query.andWhere(column, row[column] as string);
      }
    }
    const updated = await query.update(changes);
    // Refs and authors the reminder job reads (contributors, owners) may
    // have changed: it looks at the postmortem again.
    const postmortemId =
      page.table === 'postmortems' ? row.id : row.postmortem_id;
    if (
      updated &&
      REMINDER_INPUTS.has(page.table) &&
      typeof postmortemId === 'string'
    ) {
      await this.knex('postmortems')
        .where({ id: postmortemId })
        .update({ reminder_due_at: REMINDER_LOOK_NOW });
    }
  }
}
