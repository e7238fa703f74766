import { ConfigReader } from '@backstage/config';
import { REDACTION_KINDS, Redactor } from './Redactor';
import { REDACTION_CORPUS } from './__fixtures__/redactionCorpus';

describe('Redactor', () => {
  const redactor = Redactor.create();

  it('has at least 20 kinds, each with at least 2 corpus samples', () => {
    expect(REDACTION_KINDS.length).toBeGreaterThanOrEqual(20);
    const thin = REDACTION_KINDS.filter(
      kind => REDACTION_CORPUS.samples.filter(s => s.kind === kind).length < 2,
    );
    expect(thin).toEqual([]);
    expect(REDACTION_CORPUS.clean.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(REDACTION_CORPUS.samples.map(s => [s.kind, s.text, s]))(
    '%s sample %#',
    (_kind, _text, sample) => {
      it('is masked with the right kind and counted', () => {
        const result = redactor.redact(sample.text);
        for (const secret of sample.secrets) {
          expect(result.text).not.toContain(secret);
        }
        expect(result.text).toContain(`[REDACTED:${sample.kind}]`);
        expect(result.counts).toEqual(sample.counts ?? { [sample.kind]: 1 });
      });

      it('is found only when its kind is enabled', () => {
        const result = Redactor.create({ disabledKinds: [sample.kind] }).redact(
          sample.text,
        );
        expect(result.text).not.toContain(`[REDACTED:${sample.kind}]`);
        expect(result.counts[sample.kind]).toBeUndefined();
      });
    },
  );

  it.each(REDACTION_CORPUS.clean)('leaves a clean line unchanged: %s', line => {
    expect(redactor.redact(line)).toEqual({ text: line, counts: {} });
  });

  it('keeps the key and the URL around masked values', () => {
    expect(
      redactor.redact(
        'DATABASE_URL=postgres://pm_app:s3cr3t@db.example.com:5432/pm',
      ).text,
    ).toBe(
      'DATABASE_URL=postgres://pm_app:[REDACTED:url_password]@db.example.com:5432/pm',
    );
    expect(redactor.redact('{"password": "hunter2", "user": "x"}').text).toBe(
      '{"password": "[REDACTED:credential_assignment]", "user": "x"}',
    );
    expect(redactor.redact("api_key='abc123def'").text).toBe(
      "api_key='[REDACTED:credential_assignment]'",
    );
    expect(redactor.redact('Authorization: Bearer abcdef0123456789').text).toBe(
      'Authorization: Bearer [REDACTED:bearer_token]',
    );
    expect(
      redactor.redact('upstream 10.0.0.7:8080 returned 503 for ssn 078-05-1120')
        .text,
    ).toBe(
      'upstream [REDACTED:ipv4]:8080 returned 503 for ssn [REDACTED:us_ssn]',
    );
  });

  it('masks a truncated private key without swallowing the next line', () => {
    const text = [
      'tls.key:',
      '-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
      'Warning BackOff restarting failed container',
    ].join('\n');
    expect(redactor.redact(text)).toEqual({
      text: 'tls.key:\n[REDACTED:private_key]\nWarning BackOff restarting failed container',
      counts: { private_key: 1 },
    });
  });

  it('masks each of two private keys separately', () => {
    const key = (type: string) =>
      `-----BEGIN ${type}PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX\n-----END ${type}PRIVATE KEY-----`;
    const text = `a ${key('EC ')} b ${key('')} c`;
    expect(redactor.redact(text)).toEqual({
      text: 'a [REDACTED:private_key] b [REDACTED:private_key] c',
      counts: { private_key: 2 },
    });
  });

  it('counts every occurrence across kinds', () => {
    const text = [
      'user alice@example.com from 203.0.113.9',
      'user bob@example.com from 203.0.113.10',
      'user carol@example.com from 2001:db8::7',
      'key AKIAIOSFODNN7EXAMPLE card 4111111111111111',
    ].join('\n');
    expect(redactor.redact(text).counts).toEqual({
      email: 3,
      ipv4: 2,
      ipv6: 1,
      aws_access_key_id: 1,
      credit_card: 1,
    });
  });

  it('rejects look-alikes that fail their checksum or range', () => {
    const lines = [
      'card 4111 1111 1111 1112', // Luhn fails
      'iban GB82 WEST 1234 5698 7654 33', // mod 97 fails
      'ip 256.1.1.1 and 1.2.3', // octet out of range, 3 octets
      'ssn 666-12-3456 and 900-12-3456 and 000-12-3456', // excluded areas
      'delta +1234567', // too few digits for a phone number
      'AKIAIOSFODNN7EXAMPL', // one character short
      '{"span_id":"4111111111111111"}', // all-digit identifier
      'std::io::Error and Foo::Bar', // not IPv6
    ];
    for (const line of lines) {
      expect(redactor.redact(line).text).toBe(line);
    }
  });

  it('honours disabledKinds', () => {
    const text = 'mail alice@example.com from 203.0.113.9';
    expect(Redactor.create({ disabledKinds: ['email'] }).redact(text)).toEqual({
      text: 'mail alice@example.com from [REDACTED:ipv4]',
      counts: { ipv4: 1 },
    });
  });

  it('applies extraPatterns under their own name', () => {
    const custom = Redactor.create({
      extraPatterns: [
        { name: 'employee_id', pattern: 'EMP-\\d{6}' },
        { name: 'acme_token', pattern: 'acme_[a-z0-9]{16}' },
      ],
    });
    expect(
      custom.redact(
        'EMP-004211 used acme_0123456789abcdef; EMP-000001 mailed bob@example.com',
      ),
    ).toEqual({
      text: '[REDACTED:employee_id] used [REDACTED:acme_token]; [REDACTED:employee_id] mailed [REDACTED:email]',
      counts: { employee_id: 2, acme_token: 1, email: 1 },
    });
  });

  it('ignores empty matches of extra patterns', () => {
    const custom = Redactor.create({
      extraPatterns: [{ name: 'maybe', pattern: 'x*' }],
    });
    expect(custom.redact('abc xx def')).toEqual({
      text: 'abc [REDACTED:maybe] def',
      counts: { maybe: 1 },
    });
  });

  it('rejects invalid extra patterns', () => {
    expect(() =>
      Redactor.create({ extraPatterns: [{ name: 'broken', pattern: '(' }] }),
    ).toThrow(/broken/);
    expect(() =>
      Redactor.create({ extraPatterns: [{ name: 'a b]', pattern: 'x' }] }),
    ).toThrow(/a b\]/);
  });

  describe('fromConfig', () => {
    it('reads disabledKinds and extraPatterns', () => {
      const configured = Redactor.fromConfig(
        new ConfigReader({
          postmortem: {
            redaction: {
              disabledKinds: ['ipv4', 'email'],
              extraPatterns: [{ name: 'ticket', pattern: 'SEC-\\d+' }],
            },
          },
        }),
      );
      expect(
        configured.redact('SEC-42 by alice@example.com from 203.0.113.9'),
      ).toEqual({
        text: '[REDACTED:ticket] by alice@example.com from 203.0.113.9',
        counts: { ticket: 1 },
      });
    });

    it('works without any redaction config', () => {
      const configured = Redactor.fromConfig(new ConfigReader({}));
      expect(configured.redact('mail alice@example.com').counts).toEqual({
        email: 1,
      });
    });

    it('rejects unknown kinds, naming them', () => {
      const config = new ConfigReader({
        postmortem: {
          redaction: { disabledKinds: ['email', 'emails', 'ssn'] },
        },
      });
      expect(() => Redactor.fromConfig(config)).toThrow(
        /Unknown redaction kinds .*: emails, ssn;/,
      );
    });
  });

  describe('texts seen before', () => {
    it('are redacted as the first time, with their own counts', async () => {
      const log = [
        'deploy of checkout-service by alice@example.com with token',
        'ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz to',
        'https://hooks.slack.com/services/T0000AAAA/B0000BBBB/abcdefghijklmnopqrstuvwx',
      ].join(' ');
      const input = {
        log,
        again: [log],
        clean: 'nothing secret in this line at all',
      };
      const first = await redactor.redactValueAsync(input);
      const expected = JSON.parse(JSON.stringify(first));
      expect(first.value.log).not.toContain('ghp_');
      expect(first.value.log).not.toContain('alice@');
      // A caller changing what it got changes nothing remembered.
      first.counts.github_token = 99;
      const second = await redactor.redactValueAsync(input);
      expect(second).toEqual(expected);
      expect(redactor.redact(log)).toEqual(redactor.redact(log));
      const once = redactor.redact(log);
      once.counts.email = 99;
      expect(redactor.redact(log).counts.email).toBe(1);
    });
  });

  describe('redactValue', () => {
    it('walks nested objects and arrays, summing counts', () => {
      const input = {
        incident: 'INC-42',
        responders: [
          { name: 'Alice', email: 'alice@example.com' },
          { name: 'Bob', contact: ['bob@example.com', '+44 20 7946 0958'] },
        ],
        deployment: {
          env: {
            DB_PASSWORD: 'hunter2',
            API_TOKEN: 'ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz',
          },
          replicas: 3,
          paused: false,
          note: null,
        },
        logs: ['client 203.0.113.9 ok', 'password=changeme retry'],
      };
      const { value, counts } = redactor.redactValue(input);
      expect(value).toEqual({
        incident: 'INC-42',
        responders: [
          { name: 'Alice', email: '[REDACTED:email]' },
          {
            name: 'Bob',
            contact: ['[REDACTED:email]', '[REDACTED:phone]'],
          },
        ],
        deployment: {
          env: {
            DB_PASSWORD: '[REDACTED:credential_assignment]',
            API_TOKEN: '[REDACTED:github_token]',
          },
          replicas: 3,
          paused: false,
          note: null,
        },
        logs: [
          'client [REDACTED:ipv4] ok',
          'password=[REDACTED:credential_assignment] retry',
        ],
      });
      expect(counts).toEqual({
        email: 2,
        phone: 1,
        credential_assignment: 2,
        github_token: 1,
        ipv4: 1,
      });
      // The input is left alone.
      expect(input.responders[0].email).toBe('alice@example.com');
    });

    it('handles primitives and cycles', () => {
      expect(redactor.redactValue('bob@example.com')).toEqual({
        value: '[REDACTED:email]',
        counts: { email: 1 },
      });
      expect(redactor.redactValue(42)).toEqual({ value: 42, counts: {} });
      const cyclic: Record<string, unknown> = { mail: 'bob@example.com' };
      cyclic.self = cyclic;
      const { value, counts } = redactor.redactValue(cyclic);
      expect(value.mail).toBe('[REDACTED:email]');
      expect(value.self).toBe(value);
      expect(counts).toEqual({ email: 1 });
    });
  });

  it('redacts a 1 MB log', () => {
    const secrets = REDACTION_CORPUS.samples.flatMap(s => s.secrets);
    const lines: string[] = [];
    let size = 0;
    let i = 0;
    while (size < 1024 * 1024) {
      const line =
        i % 50 === 0
          ? REDACTION_CORPUS.samples[(i / 50) % REDACTION_CORPUS.samples.length]
              .text
          : REDACTION_CORPUS.clean[i % REDACTION_CORPUS.clean.length];
      lines.push(line);
      size += line.length + 1;
      i++;
    }
    const log = lines.join('\n');
    const result = redactor.redact(log);
    for (const secret of secrets) {
      expect(result.text).not.toContain(secret);
    }
    // Redacting line by line gives the same result as the whole log.
    expect(result.text).toBe(
      lines.map(line => redactor.redact(line).text).join('\n'),
    );
  }, 60_000);

  it('stays fast on adversarial input', () => {
    const inputs = [
      'a.'.repeat(200_000),
      '1.'.repeat(200_000),
      '1-'.repeat(200_000),
      ':'.repeat(400_000),
      'f:'.repeat(200_000),
      '+1 '.repeat(150_000),
      'eyJ'.repeat(150_000),
      'password='.repeat(50_000),
      `-----BEGIN PRIVATE KEY-----${'A'.repeat(100)}`.repeat(3_000),
      `x://${'a'.repeat(300)}:`.repeat(1_000),
      'Bearer '.repeat(60_000),
      'AB12'.repeat(100_000),
      '@'.repeat(100_000) + 'a'.repeat(100_000),
    ];
    for (const input of inputs) {
      expect(typeof redactor.redact(input).text).toBe('string');
    }
  }, 60_000);
});
