import { ConfigReader } from '@backstage/config';
import { AlertmanagerIncidentSource } from './AlertmanagerIncidentSource';

// Shape from https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
const payload = (status: 'firing' | 'resolved') => ({
  version: '4',
  groupKey: '{}:{alertname="HighErrorRate"}',
  truncatedAlerts: 0,
  status,
  receiver: 'postmortem',
  groupLabels: { alertname: 'HighErrorRate' },
  commonLabels: {
    alertname: 'HighErrorRate',
    service: 'checkout-service',
    severity: 'critical',
  },
  commonAnnotations: { summary: 'Checkout 5xx above 5%' },
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status,
      labels: {
        alertname: 'HighErrorRate',
        service: 'checkout-service',
        severity: 'critical',
      },
      annotations: {
        summary: 'Checkout 5xx above 5%',
        runbook_url: 'https://runbooks.example/checkout-5xx',
      },
      startsAt: '2026-11-20T10:00:00.000Z',
      endsAt:
        status === 'resolved'
          ? '2026-11-20T10:42:00.000Z'
          : '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph?g0.expr=x',
      fingerprint: 'c2d2e6d4b1a6f0a3',
    },
  ],
});

const delivery = (body: unknown, token = 's3cret') => ({
  rawBody: Buffer.from(JSON.stringify(body)),
  body,
  headers: { authorization: `Bearer ${token}` },
});

const source = AlertmanagerIncidentSource.fromConfig(
  new ConfigReader({ postmortem: { alertmanager: { token: 's3cret' } } }),
);

describe('AlertmanagerIncidentSource', () => {
  it('accepts the configured bearer token and refuses others', async () => {
    await expect(
      source.authenticate(delivery(payload('firing'))),
    ).resolves.toBeUndefined();
    await expect(
      source.authenticate(delivery(payload('firing'), 'wrong')),
    ).rejects.toThrow(/bearer/i);
    await expect(
      source.authenticate({ ...delivery(payload('firing')), headers: {} }),
    ).rejects.toThrow(/bearer/i);
    const unconfigured = AlertmanagerIncidentSource.fromConfig(
      new ConfigReader({}),
    );
    await expect(
      unconfigured.authenticate(delivery(payload('firing'))),
    ).rejects.toThrow(/not configured/);
  });

  it('turns a firing alert into a declaration keyed by fingerprint and startsAt', async () => {
    const [signal] = await source.parse(delivery(payload('firing')));
    expect(signal).toMatchObject({
      dedupKey: 'c2d2e6d4b1a6f0a3@2026-11-20T10:00:00.000Z',
      eventId: 'c2d2e6d4b1a6f0a3@2026-11-20T10:00:00.000Z:firing',
      status: 'declared',
      severity: 'SEV1',
      title: 'Checkout 5xx above 5%',
      impactStartedAt: '2026-11-20T10:00:00.000Z',
      entityHints: [
        {
          annotation: 'postmortem.io/alert-service',
          value: 'checkout-service',
        },
      ],
      externalIds: { alertmanagerFingerprint: 'c2d2e6d4b1a6f0a3' },
    });
    expect(signal.links?.map(l => l.kind)).toEqual([
      'alert',
      'runbook',
      'other',
    ]);
  });

  it('puts the alerts of a notification group into one incident, or each into its own', async () => {
    const [grouped] = await source.parse(delivery(payload('firing')));
    expect(grouped.groupKey).toBe('{}:{alertname="HighErrorRate"}');
    const perAlert = AlertmanagerIncidentSource.fromConfig(
      new ConfigReader({
        postmortem: { alertmanager: { token: 't', incidentPer: 'alert' } },
      }),
    );
    const [single] = await perAlert.parse(delivery(payload('firing')));
    expect(single.groupKey).toBeUndefined();
    const long = await source.parse(
      delivery({ ...payload('firing'), groupKey: 'k'.repeat(5000) }),
    );
    expect(long[0].groupKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(() =>
      AlertmanagerIncidentSource.fromConfig(
        new ConfigReader({
          postmortem: { alertmanager: { token: 't', incidentPer: 'team' } },
        }),
      ),
    ).toThrow(/incidentPer/);
  });

  it('turns a resolved alert into the resolution of the same incident', async () => {
    const [firing] = await source.parse(delivery(payload('firing')));
    const [resolved] = await source.parse(delivery(payload('resolved')));
    expect(resolved.dedupKey).toBe(firing.dedupKey);
    expect(resolved.eventId).not.toBe(firing.eventId);
    expect(resolved).toMatchObject({
      status: 'resolved',
      occurredAt: '2026-11-20T10:42:00.000Z',
      resolvedAt: '2026-11-20T10:42:00.000Z',
    });
  });

  it.each([
    [{ ...payload('firing'), version: '3' }, /version/],
    [{ ...payload('firing'), alerts: 'nope' }, /alerts must be an array/],
    [
      {
        ...payload('firing'),
        alerts: [{ ...payload('firing').alerts[0], fingerprint: '' }],
      },
      /alerts\[0\]\.fingerprint/,
    ],
    [
      {
        ...payload('firing'),
        alerts: [{ ...payload('firing').alerts[0], startsAt: 'soon' }],
      },
      /alerts\[0\]\.startsAt/,
    ],
    [
      {
        ...payload('resolved'),
        alerts: [{ ...payload('resolved').alerts[0], endsAt: undefined }],
      },
      /alerts\[0\]\.endsAt/,
    ],
    [
      {
        ...payload('firing'),
        alerts: [
          {
            ...payload('firing').alerts[0],
            labels: { alertname: 'X', severity: 1 },
          },
        ],
      },
      /alerts\[0\]\.labels\.severity must be a string/,
    ],
    [{ ...payload('firing'), groupKey: 7 }, /groupKey must be a string/],
  ])(
    'rejects a malformed payload naming the field (%#)',
    async (body, message) => {
      await expect(source.parse(delivery(body))).rejects.toThrow(message);
    },
  );

  it('maps severities through configuration', async () => {
    const custom = AlertmanagerIncidentSource.fromConfig(
      new ConfigReader({
        postmortem: {
          alertmanager: { token: 't', severityMap: { critical: 'SEV2' } },
        },
      }),
    );
    const [signal] = await custom.parse(delivery(payload('firing')));
    expect(signal.severity).toBe('SEV2');
    expect(() =>
      AlertmanagerIncidentSource.fromConfig(
        new ConfigReader({
          postmortem: {
            alertmanager: { token: 't', severityMap: { critical: 'P1' } },
          },
        }),
      ),
    ).toThrow(/severityMap\.critical/);
  });
});
