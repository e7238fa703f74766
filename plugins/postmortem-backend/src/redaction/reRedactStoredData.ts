import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { StoredTextStore } from '../database/KnexStoredTextStore';
import { Redactor } from './Redactor';
import { hashIdentifier } from './RedactingPostmortemStore';

// Identifier columns: hashed, as the boundary stores them, not masked.
const IDENTIFIER_COLUMNS = new Set(['dedup_key', 'origin_key', 'event_id']);

/**
 * Bumped whenever detection improves, so that data stored before runs
 * through the redactor again.
 */
export const REDACTION_VERSION = 1;

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
  store: StoredTextStore,
  redactor: Redactor,
  logger: LoggerService,
): Promise<number | undefined> {
  if (await store.hasPass(REDACTION_VERSION)) return undefined;
  const perTable: Record<string, number> = {};
  let total = 0;
  for await (const page of store.pages(PAGE)) {
    const { table, keys, rows } = page;
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
        await store.updateIfUnchanged(page, row, changes);
        perTable[table] = (perTable[table] ?? 0) + count;
        total += count;
      }
    }
  }
  await store.recordPass(REDACTION_VERSION, total);
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
  stores: { storedText: StoredTextStore };
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
      await reRedactStoredData(
        options.stores.storedText,
        options.redactor,
        options.logger,
      );
    },
  });
}
