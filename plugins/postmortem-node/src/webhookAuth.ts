import { createHmac, timingSafeEqual } from 'node:crypto';

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

/**
 * Whether a `sha256=<hex>` signature header (GitHub's `X-Hub-Signature-256`,
 * Jira's `X-Hub-Signature`, the WebSub format) is the HMAC-SHA256 of the raw
 * body under the secret.
 *
 * @public
 */
export function hubSignatureValid(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  return secretsEqual(given.toLocaleLowerCase('en-US'), expected);
}
