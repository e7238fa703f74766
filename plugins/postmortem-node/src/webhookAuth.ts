import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret a sender presented with the expected one in constant
 * time, so response timing does not reveal how much of it matched.
 *
 * @public
 */
export function secretsEqual(
  given: string | undefined,
  expected: string,
): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token of an `Authorization: Bearer <token>` header, if any.
 *
 * @public
 */
export function bearerToken(
  headers: Record<string, string | undefined>,
): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}
