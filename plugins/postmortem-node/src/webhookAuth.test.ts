import { createHmac } from 'node:crypto';
import { bearerToken, hubSignatureValid, secretsEqual } from './webhookAuth';

describe('webhook authentication helpers', () => {
  const body = Buffer.from('{"action":"closed"}');
  const sign = (secret: string, bytes = body) =>
    `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

  it('accepts the HMAC-SHA256 of the raw body, in either hex case', () => {
    expect(hubSignatureValid(body, sign('s3cret'), 's3cret')).toBe(true);
    expect(
      hubSignatureValid(
        body,
        sign('s3cret').toUpperCase().replace('SHA256', 'sha256'),
        's3cret',
      ),
    ).toBe(true);
  });

  it('refuses other secrets, other bodies, other formats and no header', () => {
    expect(hubSignatureValid(body, sign('other'), 's3cret')).toBe(false);
    expect(
      hubSignatureValid(
        Buffer.from('{"action":"opened"}'),
        sign('s3cret'),
        's3cret',
      ),
    ).toBe(false);
    expect(hubSignatureValid(body, sign('s3cret').slice(7), 's3cret')).toBe(
      false,
    );
    expect(
      hubSignatureValid(
        body,
        sign('s3cret').replace('sha256', 'sha1'),
        's3cret',
      ),
    ).toBe(false);
    expect(hubSignatureValid(body, undefined, 's3cret')).toBe(false);
  });

  it('compares secrets and parses bearer tokens', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abd', 'abc')).toBe(false);
    expect(secretsEqual(undefined, 'abc')).toBe(false);
    expect(bearerToken({ authorization: 'Bearer t0k' })).toBe('t0k');
    expect(bearerToken({ authorization: 'Basic t0k' })).toBeUndefined();
  });
});
