import { ConfigReader } from '@backstage/config';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GenericWebhookIncidentSource } from './GenericWebhookIncidentSource';

// The worked example of the README: Grafana alerting's webhook contact point.
// Keep the two in sync; a test below checks every expression is in the README.
const grafanaMapping = {
  dedupKey: "groupKey & '@' & $min(alerts.$toMillis(startsAt))",
  eventId: "groupKey & '@' & $min(alerts.$toMillis(startsAt)) & ':' & status",
  occurredAt:
    "status = 'resolved' ? $fromMillis($max(alerts.$toMillis(endsAt))) : $fromMillis($min(alerts.$toMillis(startsAt)))",
  status: "status = 'resolved' ? 'resolved' : 'declared'",
  title:
    '$exists(commonAnnotations.summary) ? commonAnnotations.summary : title',
  severity:
    "$lookup({'critical': 'SEV1', 'high': 'SEV2', 'warning': 'SEV3', 'info': 'SEV5'}, $lowercase(commonLabels.severity))",
  impactStartedAt: '$fromMillis($min(alerts.$toMillis(startsAt)))',
  resolvedAt:
    "status = 'resolved' ? $fromMillis($max(alerts.$toMillis(endsAt)))",
  entityHints: [
    {
      annotation: 'postmortem.io/alert-service',
      value: 'alerts.labels.service',
    },
  ],
  links:
    "[alerts.{'kind': 'alert', 'url': generatorURL, 'title': labels.alertname}, alerts.{'kind': 'dashboard', 'url': dashboardURL}, alerts.{'kind': 'runbook', 'url': annotations.runbook_url}]",
  text: 'title',
};

const grafanaWebhook = {
  name: 'grafana',
  token: 's3cret',
  mapping: grafanaMapping,
};

// Shape from Grafana's webhook notifier documentation
// (https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/).
// One notification carries every alert of the group.
const grafanaAlert = (
  service: string,
  startsAt: string,
  endsAt: string | undefined,
  fingerprint: string,
) => ({
  status: endsAt ? 'resolved' : 'firing',
  labels: {
    alertname: 'HighErrorRate',
    service,
    severity: 'critical',
    grafana_folder: 'Checkout',
  },
  annotations: {
    summary: `5xx above 5% on ${service}`,
    runbook_url: 'https://runbooks.northwind.example/high-error-rate',
  },
  startsAt,
  endsAt: endsAt ?? '0001-01-01T00:00:00Z',
  generatorURL:
    'https://grafana.northwind.example/alerting/grafana/ae1xl6/view',
  fingerprint,
  silenceURL: `https://grafana.northwind.example/alerting/silence/new?matcher=service%3D${service}`,
  dashboardURL:
    service === 'checkout-service'
      ? 'https://grafana.northwind.example/d/checkout'
      : '',
  panelURL: '',
  values: { B: 7.2, C: 1 },
  valueString: "[ var='B' labels={} value=7.2 ]",
});

const grafanaNotification = (status: 'firing' | 'resolved') => ({
  receiver: 'postmortem',
  status,
  orgId: 1,
  alerts: [
    grafanaAlert(
      'checkout-service',
      '2026-11-20T10:00:00Z',
      status === 'resolved' ? '2026-11-20T10:40:00Z' : undefined,
      'c6eadffa33fcdf37',
    ),
    grafanaAlert(
      'payments-api',
      // Grafana sends local offsets too.
      '2026-11-20T11:02:00.000+01:00',
      status === 'resolved' ? '2026-11-20T11:42:00+01:00' : undefined,
      'bc97ff14869b13e3',
    ),
  ],
  groupLabels: { alertname: 'HighErrorRate' },
  commonLabels: {
    alertname: 'HighErrorRate',
    severity: 'critical',
    grafana_folder: 'Checkout',
  },
  commonAnnotations: {
    runbook_url: 'https://runbooks.northwind.example/high-error-rate',
  },
  externalURL: 'https://grafana.northwind.example/',
  version: '1',
  groupKey: '{}/{severity="critical"}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
  title: `[${status.toUpperCase()}:2] HighErrorRate (critical Checkout)`,
  state: status === 'resolved' ? 'ok' : 'alerting',
  message: `**${
    status === 'resolved' ? 'Resolved' : 'Firing'
  }**\n\nValue: B=7.2`,
});

const delivery = (
  body: unknown,
  subPath = 'grafana',
  headers: Record<string, string> = { authorization: 'Bearer s3cret' },
) => ({
  rawBody: Buffer.from(JSON.stringify(body)),
  body,
  headers: headers as Record<string, string | undefined>,
  subPath,
});

const sourceOf = (...webhooks: object[]) =>
  GenericWebhookIncidentSource.fromConfig(
    new ConfigReader({ postmortem: { genericWebhooks: webhooks } }),
  );

/** A minimal webhook with the given mapping changes. */
const minimal = (mapping: object = {}, extra: object = {}) => ({
  name: 'tool',
  token: 't',
  mapping: {
    dedupKey: 'id',
    occurredAt: 'at',
    status: 'state',
    ...mapping,
  },
  ...extra,
});
const toolPayload = {
  id: 'INC-1',
  at: '2026-11-20T10:00:00Z',
  state: 'declared',
  sev: 'sev2',
  url: 'https://tool.example/INC-1',
  service: 'checkout-service',
};

describe('GenericWebhookIncidentSource', () => {
  describe('Grafana example end to end through parse', () => {
    const source = sourceOf(grafanaWebhook);
    const dedupKey =
      'grafana:{}/{severity="critical"}:{alertname="HighErrorRate"}@1795168800000';

    it('declares one incident for a firing notification', async () => {
      const body = grafanaNotification('firing');
      await expect(
        source.authenticate(delivery(body)),
      ).resolves.toBeUndefined();
      const signals = await source.parse(delivery(body));
      expect(signals).toEqual([
        {
          dedupKey,
          eventId: `${dedupKey}:firing`,
          occurredAt: '2026-11-20T10:00:00.000Z',
          status: 'declared',
          title: '[FIRING:2] HighErrorRate (critical Checkout)',
          severity: 'SEV1',
          impactStartedAt: '2026-11-20T10:00:00.000Z',
          entityRefs: [],
          entityHints: [
            {
              annotation: 'postmortem.io/alert-service',
              value: 'checkout-service',
            },
            {
              annotation: 'postmortem.io/alert-service',
              value: 'payments-api',
            },
          ],
          links: [
            {
              kind: 'alert',
              url: 'https://grafana.northwind.example/alerting/grafana/ae1xl6/view',
              title: 'HighErrorRate',
            },
            {
              kind: 'dashboard',
              url: 'https://grafana.northwind.example/d/checkout',
            },
            {
              kind: 'runbook',
              url: 'https://runbooks.northwind.example/high-error-rate',
            },
          ],
          externalIds: {
            grafanaDedupKey:
              '{}/{severity="critical"}:{alertname="HighErrorRate"}@1795168800000',
          },
          text: '[FIRING:2] HighErrorRate (critical Checkout)',
        },
      ]);
    });

    it('resolves the same incident with the resolved notification', async () => {
      const [firing] = await source.parse(
        delivery(grafanaNotification('firing')),
      );
      const [resolved] = await source.parse(
        delivery(grafanaNotification('resolved')),
      );
      expect(resolved.dedupKey).toBe(firing.dedupKey);
      expect(resolved.eventId).not.toBe(firing.eventId);
      expect(resolved).toMatchObject({
        status: 'resolved',
        occurredAt: '2026-11-20T10:42:00.000Z',
        resolvedAt: '2026-11-20T10:42:00.000Z',
        impactStartedAt: '2026-11-20T10:00:00.000Z',
      });
    });

    it('keeps one event per repeated notification of the same group', async () => {
      const first = grafanaNotification('firing');
      const repeat = {
        ...first,
        alerts: first.alerts.map(a => ({ ...a, values: { B: 9.1, C: 1 } })),
        alertsOrder: 'reversed',
      };
      repeat.alerts.reverse();
      const [a] = await source.parse(delivery(first));
      const [b] = await source.parse(delivery(repeat));
      expect(b.eventId).toBe(a.eventId);
      expect(b.dedupKey).toBe(a.dedupKey);
    });

    it('is the example of the README', () => {
      const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
      const expressions = [
        ...Object.entries(grafanaMapping)
          .filter(([k]) => k !== 'entityHints')
          .map(([, v]) => v as string),
        ...grafanaMapping.entityHints.map(h => h.value),
      ];
      for (const expression of expressions) {
        // Quoted in the YAML, with single quotes when it has none inside.
        const quoted = [`"${expression}"`, `'${expression}'`];
        expect({
          expression,
          inReadme: quoted.some(q => readme.includes(q)),
        }).toEqual({ expression, inReadme: true });
      }
      expect(readme).toContain('/api/postmortem/webhooks/generic/grafana');
    });
  });

  describe('authenticate', () => {
    it('checks the bearer token', async () => {
      const source = sourceOf(grafanaWebhook);
      const body = grafanaNotification('firing');
      await expect(
        source.authenticate(delivery(body, 'grafana', {})),
      ).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(/missing/i),
      });
      await expect(
        source.authenticate(
          delivery(body, 'grafana', { authorization: 'Bearer nope' }),
        ),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
    });

    it('checks an HMAC signature of the raw body', async () => {
      const source = sourceOf({
        ...grafanaWebhook,
        token: undefined,
        hmac: {
          header: 'X-Signature',
          secret: 'hmac-secret',
          prefix: 'sha256=',
        },
      });
      const body = grafanaNotification('firing');
      const raw = Buffer.from(JSON.stringify(body));
      const signature = createHmac('sha256', 'hmac-secret')
        .update(raw)
        .digest('hex');
      await expect(
        source.authenticate(
          delivery(body, 'grafana', { 'x-signature': `sha256=${signature}` }),
        ),
      ).resolves.toBeUndefined();
      await expect(
        source.authenticate(
          delivery(body, 'grafana', { 'x-signature': signature }),
        ),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate(
          delivery(body, 'grafana', {
            'x-signature': `sha256=${createHmac('sha256', 'other')
              .update(raw)
              .digest('hex')}`,
          }),
        ),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate(delivery(body, 'grafana', {})),
      ).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(/missing signature/i),
      });
    });

    it('supports base64 sha512 signatures and token plus hmac together', async () => {
      const source = sourceOf({
        ...grafanaWebhook,
        hmac: {
          header: 'x-sig',
          secret: 'k',
          algorithm: 'sha512',
          encoding: 'base64',
        },
      });
      const body = { hello: 'world' };
      const raw = Buffer.from(JSON.stringify(body));
      const sig = createHmac('sha512', 'k').update(raw).digest('base64');
      await expect(
        source.authenticate(
          delivery(body, 'grafana', {
            authorization: 'Bearer s3cret',
            'x-sig': sig,
          }),
        ),
      ).resolves.toBeUndefined();
      await expect(
        source.authenticate(delivery(body, 'grafana', { 'x-sig': sig })),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
    });

    it('answers NotFound for an unknown or missing name', async () => {
      const source = sourceOf(grafanaWebhook);
      const body = grafanaNotification('firing');
      await expect(
        source.authenticate(delivery(body, 'nagios')),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringMatching(/nagios/),
      });
      await expect(
        source.parse(delivery(body, 'nagios')),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        source.authenticate({ ...delivery(body), subPath: undefined }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        sourceOf().authenticate(delivery(body)),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  });

  describe('configuration', () => {
    it('fails fast on an invalid expression, naming the config key', () => {
      expect(() => sourceOf(minimal({ status: "state = 'x' ? (" }))).toThrow(
        /postmortem\.genericWebhooks\[0\]\.mapping\.status is not a valid JSONata expression/,
      );
      expect(() =>
        sourceOf(
          grafanaWebhook,
          minimal({
            entityHints: [{ annotation: 'a', value: 'labels.[' }],
          }),
        ),
      ).toThrow(
        /postmortem\.genericWebhooks\[1\]\.mapping\.entityHints\[0\]\.value/,
      );
    });

    it.each([
      [
        'a missing required key',
        { name: 'x', token: 't', mapping: { dedupKey: 'a', status: 'b' } },
        /occurredAt/,
      ],
      [
        'an unknown mapping key',
        minimal({ severty: 'sev' }),
        /mapping\.severty is not a mapping key/,
      ],
      [
        'no authentication',
        minimal({}, { token: undefined }),
        /needs a token or hmac/,
      ],
      [
        'a name that is not a URL segment',
        minimal({}, { name: 'a/b' }),
        /name must be a URL segment/,
      ],
      [
        'an unsupported algorithm',
        minimal({}, { hmac: { header: 'x', secret: 's', algorithm: 'md5' } }),
        /algorithm must be sha256 or sha512/,
      ],
    ])('refuses %s', (_what, webhook, message) => {
      expect(() => sourceOf(webhook)).toThrow(message);
    });

    it('refuses two webhooks with the same name', () => {
      expect(() => sourceOf(minimal(), minimal())).toThrow(
        /two webhooks named 'tool'/,
      );
    });
  });

  describe('parse', () => {
    it('maps a minimal payload and derives the event id from the body', async () => {
      const source = sourceOf(
        minimal({
          severity: 'sev',
          type: "'Data_Loss'",
          title: "'Incident ' & id",
          entityRefs: "'component:default/' & service",
          links: "{'url': url, 'kind': 'pager'}",
          mitigatedAt: 'at',
        }),
      );
      const d = delivery(toolPayload, 'tool');
      const [signal] = await source.parse(d);
      expect(signal).toEqual({
        dedupKey: 'tool:INC-1',
        eventId: `tool:${createHash('sha256').update(d.rawBody).digest('hex')}`,
        occurredAt: '2026-11-20T10:00:00.000Z',
        status: 'declared',
        title: 'Incident INC-1',
        severity: 'SEV2',
        type: 'data-loss',
        mitigatedAt: '2026-11-20T10:00:00.000Z',
        entityRefs: ['component:default/checkout-service'],
        entityHints: [],
        links: [{ kind: 'pager', url: 'https://tool.example/INC-1' }],
        externalIds: { toolDedupKey: 'INC-1' },
      });
    });

    it('makes one signal per alert of a group with alerts and groupKey', async () => {
      const source = sourceOf({
        name: 'grouped',
        token: 's3cret',
        mapping: {
          alerts: 'alerts',
          groupKey: '$payload.groupKey',
          dedupKey: 'fingerprint',
          occurredAt: "status = 'resolved' ? endsAt : startsAt",
          status: "status = 'resolved' ? 'resolved' : 'declared'",
          resolvedAt: "status = 'resolved' ? endsAt",
          entityHints: [
            {
              annotation: 'postmortem.io/alert-service',
              value: 'labels.service',
            },
          ],
        },
      });
      const body = {
        groupKey: '{}:{alertname="HighErrorRate"}',
        alerts: [
          grafanaAlert(
            'checkout-service',
            '2026-11-20T10:00:00Z',
            undefined,
            'a1',
          ),
          grafanaAlert(
            'payments-service',
            '2026-11-20T10:05:00Z',
            '2026-11-20T10:30:00Z',
            'b2',
          ),
        ],
      };
      const signals = await source.parse(delivery(body, 'grouped'));
      expect(
        signals.map(s => [s.groupKey, s.dedupKey, s.status, s.resolvedAt]),
      ).toEqual([
        [
          'grouped:{}:{alertname="HighErrorRate"}',
          'grouped:a1',
          'declared',
          undefined,
        ],
        [
          'grouped:{}:{alertname="HighErrorRate"}',
          'grouped:b2',
          'resolved',
          '2026-11-20T10:30:00.000Z',
        ],
      ]);
      expect(signals[1].entityHints).toEqual([
        {
          annotation: 'postmortem.io/alert-service',
          value: 'payments-service',
        },
      ]);
      // Default event ids differ per alert of one body.
      expect(signals[0].eventId).not.toBe(signals[1].eventId);
      await expect(
        source.parse(delivery({ ...body, alerts: [] }, 'grouped')),
      ).rejects.toThrow(/mapping.alerts must evaluate to between 1 and 500/);
      await expect(
        source.parse(
          delivery(
            { ...body, alerts: [{ ...body.alerts[0], startsAt: 'yesterday' }] },
            'grouped',
          ),
        ),
      ).rejects.toThrow(
        /mapping.occurredAt must evaluate to .*\(alerts\[0\]\)/,
      );
    });

    it('accepts epoch milliseconds as times', async () => {
      const [signal] = await sourceOf(minimal({ occurredAt: 'ms' })).parse(
        delivery({ ...toolPayload, ms: 1795168800000 }, 'tool'),
      );
      expect(signal.occurredAt).toBe('2026-11-20T10:00:00.000Z');
    });

    it.each([
      [
        'status outside the enum',
        minimal({ status: "'open'" }),
        /mapping\.status must evaluate to one of declared, investigating, mitigated, resolved/,
      ],
      [
        'severity outside the enum',
        minimal({ severity: "'critical'" }),
        /mapping\.severity must evaluate to one of SEV1/,
      ],
      [
        'a type that is no incident type',
        minimal({ type: "'a/b'" }),
        /mapping\.type must evaluate to an incident type/,
      ],
      [
        'an occurredAt that is not a time',
        minimal({ occurredAt: "'yesterday'" }),
        /mapping\.occurredAt must evaluate to an ISO 8601 time/,
      ],
      [
        'a placeholder time',
        minimal({ resolvedAt: "'0001-01-01T00:00:00Z'" }),
        /mapping\.resolvedAt must evaluate/,
      ],
      [
        'a dedupKey that evaluates to nothing',
        minimal({ dedupKey: 'nope' }),
        /mapping\.dedupKey evaluated to nothing/,
      ],
      [
        'an object where a string is needed',
        minimal({ title: '$' }),
        /mapping\.title must evaluate to a string/,
      ],
      [
        'an expression that fails',
        minimal({ title: "$number('x')" }),
        /mapping\.title could not be evaluated/,
      ],
      [
        'a link without http URL',
        minimal({ links: "{'url': 'ftp://x'}" }),
        /mapping\.links\[0\]\.url must be an http\(s\) URL/,
      ],
      [
        'a link of unknown kind',
        minimal({ links: "{'url': url, 'kind': 'wiki'}" }),
        /mapping\.links\[0\]\.kind must be one of/,
      ],
      [
        'entity refs that are not strings',
        minimal({ entityRefs: '[1, {}]' }),
        /mapping\.entityRefs must evaluate to entity refs/,
      ],
      [
        'entity hints that are objects',
        minimal({ entityHints: [{ annotation: 'a', value: '{}' }] }),
        /mapping\.entityHints\[0\]\.value must evaluate to strings/,
      ],
    ])(
      'rejects %s with an InputError naming the key',
      async (_what, webhook, message) => {
        await expect(
          sourceOf(webhook).parse(delivery(toolPayload, 'tool')),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      },
    );

    it('keeps the incidents of different webhooks apart', async () => {
      const source = sourceOf(minimal(), minimal({}, { name: 'other' }));
      const [a] = await source.parse(delivery(toolPayload, 'tool'));
      const [b] = await source.parse(delivery(toolPayload, 'other'));
      expect(a.dedupKey).not.toBe(b.dedupKey);
      expect(a.eventId).not.toBe(b.eventId);
    });
  });
});
