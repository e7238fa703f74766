import { InputError } from '@backstage/errors';

/**
 * Position after the last row of a page: the order it was read in (`o`, `d`),
 * that row's sort value (`v`; null where the column is empty) and its id,
 * the tie-breaker.
 */
export interface Cursor {
  o: string;
  d: 'asc' | 'desc';
  v: string | number | null;
  /** The tie-breaker: the incident id (with `k: 'i'`; before, the postmortem id). */
  id: string;
  k?: 'i';
  /** The list's count, taken on its first page. */
  n?: number;
  /** Whether that count stopped at the cap (there are more). */
  c?: boolean;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const isValue = (v: unknown): v is Cursor['v'] =>
  v === null || typeof v === 'string' || typeof v === 'number';

export function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof cursor?.o === 'string' &&
      (cursor.d === 'asc' || cursor.d === 'desc') &&
      isValue(cursor.v) &&
      typeof cursor.id === 'string'
    ) {
      return {
        o: cursor.o,
        d: cursor.d,
        v: cursor.v,
        id: cursor.id,
        ...(Number.isInteger(cursor.n) && cursor.n >= 0 ? { n: cursor.n } : {}),
        ...(cursor.c === true ? { c: true } : {}),
        ...(cursor.k === 'i' ? { k: 'i' as const } : {}),
      };
    }
    // Cursors from before the list could be sorted: newest impact first.
    if (
      typeof cursor?.t === 'string' &&
      !Number.isNaN(Date.parse(cursor.t)) &&
      typeof cursor?.id === 'string'
    ) {
      return { o: 'impactStartedAt', d: 'desc', v: cursor.t, id: cursor.id };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not a cursor this API returned');
}
