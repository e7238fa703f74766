import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { Redactor } from './Redactor';
import { hashIdentifier } from './RedactingPostmortemStore';

// Identifier columns: hashed, as the boundary stores them, not masked.
const IDENTIFIER_COLUMNS = new Set(['dedup_key', 'origin_key', 'event_id']);

/**
 * Bumped whenever detection improves, so that data stored before runs
 * through the redactor again.
 */
export const REDACTION_VERSION = 1;

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

const PAGE = 200;

/** A stored value redacted; undefined when nothing changed. */
async function redactColumn(
  redactor: Redactor,
  value: unknown,
): Promise<unknown> {
  if (typeof value === 'string') {
    const trimmed = value.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        const parsed = JSON.parse(value);
        const { value: redacted } = await redactor.redactValueAsync(parsed);
        const text = JSON.stringify(redacted);
        return text === JSON.stringify(parsed) ? undefined : text;
      } catch {
        // Not JSON after all: plain text.
      }
    }
    const { value: redacted } = await redactor.redactValueAsync(value);
    return redacted === value ? undefined : redacted;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A json column PostgreSQL returns parsed.
    const { value: redacted } = await redactor.redactValueAsync(value);
    const text = JSON.stringify(redacted);
    return text === JSON.stringify(value) ? undefined : text;
  }
  return undefined;
}

/**
 * Runs the redactor over everything already stored (rows and revisions),
 * once per {@link REDACTION_VERSION}, and logs how many values changed.
 * Rows are read a page at a time and updated one by one, without a
 * transaction held across the work. Returns the count, or undefined when
 * this version already ran.
 */
export async function reRedactStoredData(
  knex: Knex,
  redactor: Redactor,
  logger: LoggerService,
): Promise<number | undefined> {
  const done = await knex('redaction_passes')
    .where({ version: REDACTION_VERSION })
    .first();
  if (done) return undefined;
  const perTable: Record<string, number> = {};
  let total = 0;
  for (const { table, keys } of TABLES) {
    if (!(await knex.schema.hasTable(table))) continue;
    for (let offset = 0; ; offset += PAGE) {
      const rows: Array<Record<string, unknown>> = await knex(table)
        .select()
        .orderBy(keys)
        .limit(PAGE)
        .offset(offset);
      for (const row of rows) {
        const changes: Record<string, unknown> = {};
        for (const [column, value] of Object.entries(row)) {
          if (keys.includes(column)) continue;
          const redacted =
            IDENTIFIER_COLUMNS.has(column) && typeof value === 'string'
              ? hashIdentifier(redactor, value)
              : await redactColumn(redactor, value);
          if (redacted === value) continue;
          if (redacted !== undefined) changes[column] = redacted;
        }
        const count = Object.keys(changes).length;
        if (count > 0) {
          // Only if the row is still as read: a write in between wins, and
          // the boundary has redacted what it wrote.
          const query = knex(table).where(
            Object.fromEntries(keys.map(k => [k, row[k]])),
          );
          for (const column of Object.keys(changes)) {
            if (typeof row[column] === 'string') {
              query.andWhere(column, row[column] as string);
            }
          }
          await query.update(changes);
          perTable[table] = (perTable[table] ?? 0) + count;
          total += count;
        }
      }
      if (rows.length < PAGE) break;
    }
  }
  await knex('redaction_passes')
    .insert({
      version: REDACTION_VERSION,
      values_changed: total,
      applied_at: new Date(),
    })
    .onConflict('version')
    .ignore();
  logger.info(
    `Redaction pass ${REDACTION_VERSION} over stored data: ${total} values changed${
      total
        ? ` (${Object.entries(perTable)
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')})`
        : ''
    }`,
  );
  return total;
}

/**
 * What was stored before a detector existed is redacted again, once per
 * redactor version, by one replica.
 */
export async function scheduleReRedaction(options: {
  scheduler: SchedulerService;
  knex: Knex;
  redactor: Redactor;
  logger: LoggerService;
}): Promise<void> {
  await options.scheduler.scheduleTask({
    id: 'postmortem-re-redact-stored-data',
    scope: 'global',
    frequency: { hours: 24 },
    initialDelay: { seconds: 5 },
    timeout: { hours: 1 },
    fn: async () => {
      await reRedactStoredData(options.knex, options.redactor, options.logger);
    },
  });
}
