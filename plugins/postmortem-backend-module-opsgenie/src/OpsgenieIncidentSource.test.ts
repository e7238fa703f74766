import { ConfigReader } from '@backstage/config';
import { epochToIso, OpsgenieIncidentSource } from './OpsgenieIncidentSource';

// Shape of the Opsgenie outgoing Webhook integration payload
// (https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-outgoing-webhooks/):
// `action` names what happened, `alert` holds a subset of the alert's fields.
// createdAt is epoch milliseconds, updatedAt epoch nanoseconds.
const alert = {
  alertId: '052652ac-5d1c-464a-812a-7dd18bbfba8c-1763632800000',
  message: 'Checkout 5xx above 5%',
  tags: ['prod', 'service:checkout-service'],
  tinyId: '23',
  entity: 'checkout-api',
  alias: 'checkout-5xx',
  createdAt: 1763632800000, // 2025-11-20T10:00:00.000Z
  updatedAt: 1763632800000000000,
  username: 'System',
  userId: '',
  description: 'Error ratio above 5% for 5 minutes',
  team: 'payments',
  responders: [{ id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' }],
  teams: ['4513b7ea-3b91-438f-b7e4-e3e54af9147c'],
  actions: [],
  details: { service: 'checkout-service', region: 'eu-west-1' },
  priority: 'P1',
  source: 'Prometheus',
};

const payload = (action: string, changes: Record<string, unknown> = {}) => ({
  action,
  alert: { ...alert, ...changes },
  source: { name: '', type: 'web' },
  integrationName: 'Postmortems',
  integrationId: '37c8f316-17c6-49d7-899b-9c7e540c048d',
  integrationType: 'Webhook',
});

const created = payload('Create');
const acknowledged = payload('Acknowledge', {
  updatedAt: 1763633100123000000, // 10:05:00.123
  username: 'ada.okafor@northwind.example',
  userId: 'daed1180-0ce8-438b-8f8e-57e1a5920a2d',
});
const closed = payload('Close', {
  updatedAt: 1763635320000000000, // 10:42:00
  username: 'ada.okafor@northwind.example',
  userId: 'daed1180-0ce8-438b-8f8e-57e1a5920a2d',
});
const noted = (note: string, updatedAt = 1763633400000000000) =>
  payload('AddNote', {
    updatedAt, // 10:10:00 by default
    username: 'grace.mensah@northwind.example',
    note,
  });

const delivery = (body: unknown, headers: Record<string, string> = {}) => ({
  rawBody: Buffer.from(JSON.stringify(body)),
  body,
  headers: { authorization: 'Bearer s3cret', ...headers } as Record<
    string,
    string | undefined
  >,
});

const sourceWith = (opsgenie: object = {}) =>
  OpsgenieIncidentSource.fromConfig(
    new ConfigReader({
      postmortem: { opsgenie: { token: 's3cret', ...opsgenie } },
    }),
  );

describe('OpsgenieIncidentSource', () => {
  describe('authenticate', () => {
    const source = sourceWith();

    it('accepts the token as bearer or X-Opsgenie-Token header', async () => {
      await expect(
        source.authenticate(delivery(created)),
      ).resolves.toBeUndefined();
      await expect(
        source.authenticate({
          ...delivery(created),
          headers: { 'x-opsgenie-token': 's3cret' },
        }),
      ).resolves.toBeUndefined();
    });

    it('refuses missing or wrong tokens', async () => {
      await expect(
        source.authenticate({ ...delivery(created), headers: {} }),
      ).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(/missing/i),
      });
      await expect(
        source.authenticate(
          delivery(created, { authorization: 'Bearer nope' }),
        ),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate({
          ...delivery(created),
          headers: { 'x-opsgenie-token': 's3cret-but-longer' },
        }),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate(
          delivery(created, { authorization: 'Basic czNjcmV0' }),
        ),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
    });

    it('refuses everything when no token is configured', async () => {
      const unconfigured = OpsgenieIncidentSource.fromConfig(
        new ConfigReader({}),
      );
      await expect(
        unconfigured.authenticate(delivery(created)),
      ).rejects.toThrow(/not configured/);
    });
  });

  describe('parse', () => {
    it('declares an incident on Create', async () => {
      const [signal] = await sourceWith({
        alertUrl: 'https://northwind.app.opsgenie.com/',
      }).parse(delivery(created));
      expect(signal).toEqual({
        dedupKey: 'checkout-5xx',
        eventId:
          '052652ac-5d1c-464a-812a-7dd18bbfba8c-1763632800000:Create:1763632800000000000',
        occurredAt: '2025-11-20T10:00:00.000Z',
        status: 'declared',
        title: 'Checkout 5xx above 5%',
        severity: 'SEV1',
        actor: undefined,
        impactStartedAt: '2025-11-20T10:00:00.000Z',
        detectedAt: '2025-11-20T10:00:00.000Z',
        text: 'Opsgenie alert created: Checkout 5xx above 5%\n\nError ratio above 5% for 5 minutes',
        labels: { service: 'checkout-service', region: 'eu-west-1' },
        entityHints: [
          {
            annotation: 'postmortem.io/alert-service',
            value: 'checkout-service',
          },
        ],
        links: [
          {
            kind: 'pager',
            url: 'https://northwind.app.opsgenie.com/alert/detail/052652ac-5d1c-464a-812a-7dd18bbfba8c-1763632800000/details',
            title: 'Opsgenie alert #23',
          },
        ],
        externalIds: {
          opsgenieAlertId: '052652ac-5d1c-464a-812a-7dd18bbfba8c-1763632800000',
          opsgenieTinyId: '23',
          opsgenieAlias: 'checkout-5xx',
        },
      });
    });

    it('keeps the description on the timeline and the details as labels', async () => {
      const [signal] = await sourceWith().parse(
        delivery(
          payload('Create', {
            description: 'Pool exhausted; page ops@northwind.example',
            details: { service: 'checkout-service', attempts: 3 },
          }),
        ),
      );
      expect(signal.text).toBe(
        'Opsgenie alert created: Checkout 5xx above 5%\n\nPool exhausted; page ops@northwind.example',
      );
      expect(signal.labels).toEqual({
        service: 'checkout-service',
        attempts: '3',
      });
      await expect(
        sourceWith().parse(delivery(payload('Create', { description: 7 }))),
      ).rejects.toThrow(/alert\.description must be a string/);
    });

    it('keys by alert id when the alert has no alias', async () => {
      const [signal] = await sourceWith().parse(
        delivery(payload('Create', { alias: undefined })),
      );
      expect(signal.dedupKey).toBe(alert.alertId);
    });

    it('records who acknowledged on Acknowledge', async () => {
      const [signal] = await sourceWith().parse(delivery(acknowledged));
      expect(signal).toMatchObject({
        dedupKey: 'checkout-5xx',
        eventId: `${alert.alertId}:Acknowledge:${String(1763633100123000000)}`,
        occurredAt: '2025-11-20T10:05:00.123Z',
        status: 'investigating',
        acknowledgedAt: '2025-11-20T10:05:00.123Z',
        actor: 'user:default/ada.okafor',
        text: 'Acknowledged in Opsgenie by user:default/ada.okafor',
      });
    });

    it('maps users through configured overrides and namespace', async () => {
      const source = sourceWith({
        users: {
          namespace: 'staff',
          overrides: [
            { match: 'daed1180-0ce8-438b-8f8e-57e1a5920a2d', user: 'ada' },
            {
              match: 'Grace.Mensah@northwind.example',
              user: 'user:staff/grace',
            },
          ],
        },
      });
      const [ack] = await source.parse(delivery(acknowledged));
      expect(ack.actor).toBe('user:staff/ada');
      const [note] = await source.parse(delivery(noted('x')));
      expect(note.actor).toBe('user:staff/grace');
    });

    it('resolves on Close', async () => {
      const [signal] = await sourceWith().parse(delivery(closed));
      expect(signal).toMatchObject({
        dedupKey: 'checkout-5xx',
        status: 'resolved',
        occurredAt: '2025-11-20T10:42:00.000Z',
        resolvedAt: '2025-11-20T10:42:00.000Z',
        actor: 'user:default/ada.okafor',
      });
    });

    it('adds a timeline note on AddNote, one event per note', async () => {
      const source = sourceWith();
      const [a] = await source.parse(delivery(noted('Rolled back to v412')));
      expect(a).toMatchObject({
        dedupKey: 'checkout-5xx',
        occurredAt: '2025-11-20T10:10:00.000Z',
        status: 'investigating',
        actor: 'user:default/grace.mensah',
        note: 'Rolled back to v412',
        text: 'Note by user:default/grace.mensah: Rolled back to v412',
      });
      expect(a.eventId).toMatch(
        new RegExp(`^${alert.alertId}:AddNote:\\d+:[0-9a-f]{16}$`),
      );
      const [again] = await source.parse(
        delivery(noted('Rolled back to v412')),
      );
      expect(again.eventId).toBe(a.eventId);
      const [b] = await source.parse(
        delivery(noted('Error rate back to 0.1%')),
      );
      expect(b.eventId).not.toBe(a.eventId);
    });

    it('does not reopen a closed alert with a later note', async () => {
      const source = sourceWith();
      await source.parse(delivery(created));
      await source.parse(delivery(closed));
      const [note] = await source.parse(
        delivery(noted('Postmortem scheduled', 1763640000000000000)),
      );
      expect(note).toMatchObject({
        status: 'resolved',
        resolvedAt: '2025-11-20T10:42:00.000Z',
      });
    });

    it('takes services from details, service: tags and optionally the entity', async () => {
      const body = payload('Create', {
        tags: ['service:payments-api', 'Service:checkout-service', 'prod'],
        details: { service: 'checkout-service' },
      });
      const [plain] = await sourceWith().parse(delivery(body));
      expect(plain.entityHints?.map(h => h.value)).toEqual([
        'checkout-service',
        'payments-api',
      ]);
      const [withEntity] = await sourceWith({
        useAlertEntity: true,
        entityAnnotation: 'opsgenie.com/entity',
      }).parse(delivery(body));
      expect(withEntity.entityHints).toEqual([
        { annotation: 'opsgenie.com/entity', value: 'checkout-service' },
        { annotation: 'opsgenie.com/entity', value: 'payments-api' },
        { annotation: 'opsgenie.com/entity', value: 'checkout-api' },
      ]);
    });

    it('maps priorities, numeric ones too, through configuration', async () => {
      const [p3] = await sourceWith().parse(
        delivery(payload('Create', { priority: 3 })),
      );
      expect(p3.severity).toBe('SEV3');
      const [custom] = await sourceWith({ severityMap: { P1: 'SEV2' } }).parse(
        delivery(created),
      );
      expect(custom.severity).toBe('SEV2');
      expect(() => sourceWith({ severityMap: { P1: 'critical' } })).toThrow(
        /severityMap\.P1/,
      );
    });

    it.each([
      'UnAcknowledge',
      'AddTags',
      'RemoveTags',
      'AssignOwnership',
      'TakeOwnership',
      'Escalate',
      'AddRecipient',
      'AddTeam',
      'Delete',
      'CustomAction',
      'TestAction',
      'constructor',
    ])('accepts and ignores %s', async action => {
      await expect(
        sourceWith().parse(delivery(payload(action))),
      ).resolves.toEqual([]);
    });

    it('learns the status from ignored actions', async () => {
      const source = sourceWith();
      await source.parse(delivery(acknowledged));
      await source.parse(
        delivery(payload('UnAcknowledge', { updatedAt: 1763633200000000000 })),
      );
      const [note] = await source.parse(delivery(noted('still failing')));
      expect(note.status).toBe('declared');
    });

    it.each([
      ['not json object', [], /JSON object/],
      ['no action', { alert }, /^action must be/],
      ['no alert', { action: 'Create' }, /^alert must be an object/],
      ['no alertId', payload('Create', { alertId: '' }), /alert\.alertId/],
      [
        'bad updatedAt',
        payload('Close', { updatedAt: 'now' }),
        /alert\.updatedAt/,
      ],
      [
        'no createdAt',
        payload('Create', { createdAt: undefined }),
        /alert\.createdAt/,
      ],
      ['no message', payload('Create', { message: 7 }), /alert\.message/],
      ['no note', payload('AddNote', { note: undefined }), /alert\.note/],
      ['bad tags', payload('Create', { tags: 'a,b' }), /alert\.tags/],
      ['bad details', payload('Create', { details: ['x'] }), /alert\.details/],
      [
        'bad priority',
        payload('Create', { priority: 'urgent' }),
        /alert\.priority/,
      ],
    ])(
      'rejects a malformed payload naming the field (%s)',
      async (_n, body, message) => {
        await expect(sourceWith().parse(delivery(body))).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      },
    );
  });

  it('reads epoch timestamps of any precision', () => {
    expect(epochToIso(1763632800)).toBe('2025-11-20T10:00:00.000Z');
    expect(epochToIso(1763632800000)).toBe('2025-11-20T10:00:00.000Z');
    expect(epochToIso(1763632800000000)).toBe('2025-11-20T10:00:00.000Z');
    expect(epochToIso(1763632800000000000)).toBe('2025-11-20T10:00:00.000Z');
    expect(epochToIso('1763632800000')).toBe('2025-11-20T10:00:00.000Z');
    expect(epochToIso('soon')).toBeUndefined();
    expect(epochToIso(-1)).toBeUndefined();
  });
});
