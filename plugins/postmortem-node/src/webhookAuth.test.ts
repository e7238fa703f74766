import { createHmac } from 'node:crypto';
import { bearerToken, secretsEqual, verifyHubSignature } from './webhookAuth';

describe('webhook authentication helpers', () => {
  const body = Buffer.from('{"action":"closed"}');
  const sign = (secret: string, bytes = body) =>
    `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

  const check = (header: string | undefined, bytes = body, secret = 's3cret') =>
    verifyHubSignature(
      { rawBody: bytes, headers: { 'x-hub-signature-256': header } },
      'X-Hub-Signature-256',
      secret,
      'postmortem.x.webhookSecret',
    );

  it('accepts the HMAC-SHA256 of the raw body, in either hex case', () => {
    expect(() => check(sign('s3cret'))).not.toThrow();
    expect(() =>
      check(`sha256=${sign('s3cret').slice(7).toUpperCase()}`),
    ).not.toThrow();
  });

  it('refuses other secrets, other bodies, other formats and no header', () => {
    expect(() => check(sign('other'))).toThrow('Invalid X-Hub-Signature-256');
    expect(() =>
      check(sign('s3cret'), Buffer.from('{"action":"opened"}')),
    ).toThrow('Invalid X-Hub-Signature-256');
    expect(() => check(sign('s3cret').slice(7))).toThrow('Invalid');
    expect(() => check(sign('s3cret').replace('sha256', 'sha1'))).toThrow(
      'Invalid',
    );
    expect(() => check(undefined)).toThrow(
      'Missing X-Hub-Signature-256 header',
    );
    expect(() => check(sign('s3cret'), body, '')).toThrow(
      'The webhook is not configured (postmortem.x.webhookSecret)',
    );
  });

  it('compares secrets and parses bearer tokens', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abd', 'abc')).toBe(false);
    expect(secretsEqual(undefined, 'abc')).toBe(false);
    expect(bearerToken({ authorization: 'Bearer t0k' })).toBe('t0k');
    expect(bearerToken({ authorization: 'Basic t0k' })).toBeUndefined();
  });
});
