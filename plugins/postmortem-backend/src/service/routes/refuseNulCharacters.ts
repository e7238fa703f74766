import express from 'express';
import { InputError } from '@backstage/errors';

/** The JSON path of the first string (or key) with a NUL character. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const found = nulPath(key, path) ?? nulPath(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * NUL characters are refused in bodies and query strings: PostgreSQL
 * cannot store them in text, and nothing a person writes contains one.
 */
export const refuseNulCharacters: express.RequestHandler = (
  req,
  _res,
  next,
) => {
  const found = nulPath(req.body, 'body') ?? nulPath(req.query, 'query');
  next(
    found
      ? new InputError(`${found} must not contain NUL characters`)
      : undefined,
  );
};
