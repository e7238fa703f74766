import { AuthenticationError } from '@backstage/errors';
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
 * Checks a `sha256=<hex>` signature header (GitHub's `X-Hub-Signature-256`,
 * Jira's `X-Hub-Signature`, the WebSub format): the HMAC-SHA256 of the raw
 * body under the secret. Throws an AuthenticationError that says what is
 * wrong: no secret configured (named by `configKey`), no header, or a
 * signature that does not match.
 *
 * @public
 */
export function verifyHubSignature(
  delivery: { rawBody: Buffer; headers: Record<string, string | undefined> },
  header: string,
  secret: string | undefined,
  configKey: string,
): void {
  if (!secret) {
    throw new AuthenticationError(
      `The webhook is not configured (${configKey})`,
    );
  }
  const value = delivery.headers[header.toLocaleLowerCase('en-US')];
  if (!value) throw new AuthenticationError(`Missing ${header} header`);
  const given = /^sha256=([0-9a-f]{64})$/i.exec(value.trim())?.[1];
  const expected = createHmac('sha256', secret)
    .update(delivery.rawBody)
    .digest('hex');
  if (!given || !secretsEqual(given.toLocaleLowerCase('en-US'), expected)) {
    throw new AuthenticationError(`Invalid ${header}`);
  }
}
