/** Conversions between rows and records shared by the knex stores. */

export type Row = Record<string, any>;

export const json = <T>(value: unknown, fallback: T): T =>
  typeof value === 'string' && value !== ''
    ? (JSON.parse(value) as T)
    : fallback;

export const toIso = (value: unknown): string | undefined =>
  value === null || value === undefined
    ? undefined
    : new Date(value as string | number | Date).toISOString();

export const toDate = (value: string | undefined | null) =>
  value ? new Date(value) : null;

export const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const withoutUndefined = (row: Row) =>
  Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));

export const dateOf = (value: unknown) =>
  value ? new Date(toIso(value as string)!) : undefined;
