import { InputError } from '@backstage/errors';

/** Position after the last row of a page: its sort time and id. */
export interface Cursor {
  t: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof cursor?.t === 'string' &&
      !Number.isNaN(Date.parse(cursor.t)) &&
      typeof cursor?.id === 'string'
    ) {
      return cursor;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not a cursor this API returned');
}
