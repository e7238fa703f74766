import { ConfigReader } from '@backstage/config';
import { createHmac } from 'node:crypto';
import {
  PagerDutyIncidentSource,
  userNameFromEmail,
} from './PagerDutyIncidentSource';

// Payload shapes from PagerDuty's V3 webhook documentation
// (https://developer.pagerduty.com/docs/webhooks/v3-overview): one `event`
// per delivery; `data` is an `incident`, `incident_note` or
// `incident_responder` depending on `event_type`.

const agent = {
  html_url: 'https://northwind.pagerduty.com/users/PLH1HKV',
  id: 'PLH1HKV',
  self: 'https://api.pagerduty.com/users/PLH1HKV',
  summary: 'Ada Okafor',
  type: 'user_reference',
};

const incidentReference = {
  html_url: 'https://northwind.pagerduty.com/incidents/PGR0VU2',
  id: 'PGR0VU2',
  self: 'https://api.pagerduty.com/incidents/PGR0VU2',
  summary: 'Checkout 5xx above 5%',
  type: 'incident_reference',
};

const incident = (
  status: 'triggered' | 'acknowledged' | 'resolved',
  priority: string | null = 'P1',
) => ({
  id: 'PGR0VU2',
  type: 'incident',
  self: 'https://api.pagerduty.com/incidents/PGR0VU2',
  html_url: 'https://northwind.pagerduty.com/incidents/PGR0VU2',
  number: 2,
  status,
  incident_key: 'd3640fbd41094207a1c11e58e46b1662',
  created_at: '2026-11-20T10:00:00Z',
  title: 'Checkout 5xx above 5%',
  service: {
    html_url: 'https://northwind.pagerduty.com/services/PCHK001',
    id: 'PCHK001',
    self: 'https://api.pagerduty.com/services/PCHK001',
    summary: 'Checkout',
    type: 'service_reference',
  },
  assignees: [
    {
      html_url: 'https://northwind.pagerduty.com/users/PTUXL6G',
      id: 'PTUXL6G',
      self: 'https://api.pagerduty.com/users/PTUXL6G',
      summary: 'Grace Mensah',
      type: 'user_reference',
    },
  ],
  escalation_policy: {
    html_url: 'https://northwind.pagerduty.com/escalation_policies/PUS0KTE',
    id: 'PUS0KTE',
    self: 'https://api.pagerduty.com/escalation_policies/PUS0KTE',
    summary: 'Default',
    type: 'escalation_policy_reference',
  },
  teams: [],
  priority: priority
    ? {
        html_url: 'https://northwind.pagerduty.com/account/incident_priorities',
        id: 'PSO75BM',
        self: 'https://api.pagerduty.com/priorities/PSO75BM',
        summary: priority,
        type: 'priority_reference',
      }
    : null,
  urgency: 'high',
  conference_bridge: {
    conference_number: '+1 1234123412,,987654321#',
    conference_url: 'https://meet.northwind.example/checkout',
  },
  resolve_reason: null,
});

const envelope = <T>(
  id: string,
  eventType: string,
  occurredAt: string,
  data: T,
  by: unknown = agent,
) => ({
  event: {
    id,
    event_type: eventType,
    resource_type: 'incident',
    occurred_at: occurredAt,
    agent: by,
    client: { name: 'PagerDuty' },
    data,
  },
});

const triggered = envelope(
  '01DEN1HFDTCV8YQJHYJXD3EVAA',
  'incident.triggered',
  '2026-11-20T10:00:05.000Z',
  incident('triggered'),
  {
    html_url: 'https://northwind.pagerduty.com/services/PCHK001',
    id: 'PCHK001',
    self: 'https://api.pagerduty.com/services/PCHK001',
    summary: 'Checkout',
    type: 'service_reference',
  },
);
const acknowledged = envelope(
  '01DEN1HFDTCV8YQJHYJXD3EVAB',
  'incident.acknowledged',
  '2026-11-20T10:03:00.000Z',
  incident('acknowledged'),
);
const resolved = envelope(
  '01DEN1HFDTCV8YQJHYJXD3EVAC',
  'incident.resolved',
  '2026-11-20T10:42:00.000Z',
  incident('resolved'),
);
const reopened = envelope(
  '01DEN1HFDTCV8YQJHYJXD3EVAD',
  'incident.reopened',
  '2026-11-20T11:00:00.000Z',
  incident('triggered'),
);
const priorityUpdated = (priority: string | null, status = 'triggered') =>
  envelope(
    '5ac64822-4adc-4fda-ade0-410becf0de4f',
    'incident.priority_updated',
    '2026-11-20T10:05:00.000Z',
    {
      ...incident(status as 'triggered'),
      priority: incident('triggered', priority).priority,
    },
  );
const annotated = (occurredAt = '2026-11-20T10:10:00.000Z') =>
  envelope('01DEN1HFDTCV8YQJHYJXD3EVAE', 'incident.annotated', occurredAt, {
    incident: incidentReference,
    id: 'P2LA89X',
    content: 'Rolled back checkout to v412',
    trimmed: false,
    type: 'incident_note',
  });
const responderAdded = envelope(
  '01DEN1HFDTCV8YQJHYJXD3EVAF',
  'incident.responder.added',
  '2026-11-20T10:06:00.000Z',
  {
    incident: incidentReference,
    user: {
      html_url: 'https://northwind.pagerduty.com/users/PVMGSML',
      id: 'PVMGSML',
      self: 'https://api.pagerduty.com/users/PVMGSML',
      summary: 'Maeve Lindqvist',
      type: 'user_reference',
    },
    escalation_policy: null,
    message: 'Please help with checkout errors',
    state: 'pending',
    type: 'incident_responder',
  },
);
const ping = {
  event: {
    id: '01BZ6FBLBMBMR2BP3UKWRMXS9Q',
    event_type: 'pagey.ping',
    resource_type: 'pagey',
    occurred_at: '2026-11-20T09:00:00.000Z',
    agent: null,
    client: null,
    data: { message: 'Hello from your friend Pagey!', type: 'ping' },
  },
};

const sign = (raw: Buffer, secret: string) =>
  `v1=${createHmac('sha256', secret).update(raw).digest('hex')}`;

const delivery = (body: unknown, secrets: string[] = ['s3cret']) => {
  const rawBody = Buffer.from(JSON.stringify(body));
  return {
    rawBody,
    body,
    headers: {
      'content-type': 'application/json',
      'x-pagerduty-signature': secrets.map(s => sign(rawBody, s)).join(','),
    } as Record<string, string | undefined>,
  };
};

const sourceWith = (pagerduty: object = {}, deps = {}) =>
  PagerDutyIncidentSource.fromConfig(
    new ConfigReader({
      postmortem: { pagerduty: { signingSecrets: ['s3cret'], ...pagerduty } },
    }),
    deps,
  );

describe('PagerDutyIncidentSource', () => {
  describe('authenticate', () => {
    const source = sourceWith();

    it('accepts a delivery signed with the configured secret', async () => {
      await expect(
        source.authenticate(delivery(triggered)),
      ).resolves.toBeUndefined();
    });

    it('accepts any matching signature while secrets rotate', async () => {
      // PagerDuty signs with old and new secret during a rotation.
      await expect(
        source.authenticate(delivery(triggered, ['old-secret', 's3cret'])),
      ).resolves.toBeUndefined();
      // And we accept both while both are configured.
      const rotating = sourceWith({ signingSecrets: ['new-secret', 's3cret'] });
      await expect(
        rotating.authenticate(delivery(triggered, ['new-secret'])),
      ).resolves.toBeUndefined();
      await expect(
        rotating.authenticate(delivery(triggered, ['s3cret'])),
      ).resolves.toBeUndefined();
    });

    it('refuses a missing, wrong or non-v1 signature', async () => {
      const d = delivery(triggered);
      await expect(
        source.authenticate({ ...d, headers: {} }),
      ).rejects.toMatchObject({
        name: 'AuthenticationError',
        message: expect.stringMatching(/missing/i),
      });
      await expect(
        source.authenticate(delivery(triggered, ['wrong'])),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate({
          ...d,
          headers: {
            'x-pagerduty-signature': d.headers[
              'x-pagerduty-signature'
            ]!.replace('v1=', 'v0='),
          },
        }),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
      await expect(
        source.authenticate({
          ...d,
          headers: { 'x-pagerduty-signature': 'v1=abc' },
        }),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
    });

    it('refuses a body that differs from the signed one', async () => {
      const d = delivery(triggered);
      await expect(
        source.authenticate({
          ...d,
          rawBody: Buffer.from(d.rawBody.toString('utf8').replace('P1', 'P5')),
        }),
      ).rejects.toMatchObject({ name: 'AuthenticationError' });
    });

    it('refuses everything when no secret is configured', async () => {
      const unconfigured = PagerDutyIncidentSource.fromConfig(
        new ConfigReader({}),
      );
      await expect(
        unconfigured.authenticate(delivery(triggered)),
      ).rejects.toThrow(/not configured/);
    });
  });

  describe('parse', () => {
    it('declares an incident on incident.triggered', async () => {
      const [signal] = await sourceWith().parse(delivery(triggered));
      expect(signal).toEqual({
        dedupKey: 'PGR0VU2',
        eventId: '01DEN1HFDTCV8YQJHYJXD3EVAA',
        occurredAt: '2026-11-20T10:00:05.000Z',
        status: 'declared',
        title: 'Checkout 5xx above 5%',
        severity: 'SEV1',
        // Triggered by a service (integration), not a person.
        actor: undefined,
        text: 'Triggered in PagerDuty: Checkout 5xx above 5%',
        impactStartedAt: '2026-11-20T10:00:00Z',
        detectedAt: '2026-11-20T10:00:00Z',
        entityHints: [
          { annotation: 'pagerduty.com/service-id', value: 'PCHK001' },
        ],
        links: [
          {
            kind: 'pager',
            url: 'https://northwind.pagerduty.com/incidents/PGR0VU2',
            title: 'PagerDuty incident #2',
          },
          {
            kind: 'chat',
            url: 'https://meet.northwind.example/checkout',
            title: 'Conference bridge',
          },
        ],
        externalIds: {
          pagerdutyIncidentId: 'PGR0VU2',
          pagerdutyIncidentNumber: '2',
          pagerdutyIncidentKey: 'd3640fbd41094207a1c11e58e46b1662',
        },
        labels: { urgency: 'high', pagerdutyService: 'Checkout' },
      });
    });

    it('records who acknowledged on incident.acknowledged', async () => {
      const [signal] = await sourceWith().parse(delivery(acknowledged));
      expect(signal).toMatchObject({
        dedupKey: 'PGR0VU2',
        eventId: '01DEN1HFDTCV8YQJHYJXD3EVAB',
        status: 'investigating',
        acknowledgedAt: '2026-11-20T10:03:00.000Z',
        // No e-mail in V3 user references and no API key: the display name.
        actor: 'Ada Okafor',
        text: 'Acknowledged in PagerDuty by Ada Okafor',
      });
    });

    it('maps the acting user through configured overrides', async () => {
      const source = sourceWith({
        users: { overrides: [{ match: 'PLH1HKV', user: 'ada.okafor' }] },
      });
      const [signal] = await source.parse(delivery(acknowledged));
      expect(signal.actor).toBe('user:default/ada.okafor');
    });

    it('resolves on incident.resolved', async () => {
      const [signal] = await sourceWith().parse(delivery(resolved));
      expect(signal).toMatchObject({
        dedupKey: 'PGR0VU2',
        status: 'resolved',
        occurredAt: '2026-11-20T10:42:00.000Z',
        resolvedAt: '2026-11-20T10:42:00.000Z',
        actor: 'Ada Okafor',
      });
    });

    it('reopens on incident.reopened', async () => {
      const [signal] = await sourceWith().parse(delivery(reopened));
      expect(signal).toMatchObject({
        dedupKey: 'PGR0VU2',
        eventId: '01DEN1HFDTCV8YQJHYJXD3EVAD',
        status: 'declared',
        occurredAt: '2026-11-20T11:00:00.000Z',
        text: 'Reopened in PagerDuty by Ada Okafor',
      });
      expect(signal.resolvedAt).toBeUndefined();
    });

    it('maps priorities to severities on incident.priority_updated', async () => {
      const source = sourceWith();
      const [p2] = await source.parse(delivery(priorityUpdated('P2')));
      expect(p2).toMatchObject({
        dedupKey: 'PGR0VU2',
        eventId: '5ac64822-4adc-4fda-ade0-410becf0de4f',
        status: 'declared',
        severity: 'SEV2',
        text: 'Priority changed to P2 (SEV2) by Ada Okafor',
      });
      const [p5] = await source.parse(delivery(priorityUpdated('P5')));
      expect(p5.severity).toBe('SEV5');
      const [none] = await source.parse(delivery(priorityUpdated(null)));
      expect(none.severity).toBeUndefined();
      expect(none.text).toBe('Priority removed by Ada Okafor');
      const [onResolved] = await source.parse(
        delivery(priorityUpdated('P3', 'resolved')),
      );
      expect(onResolved).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-20T10:05:00.000Z',
      });
    });

    it('maps priorities through configuration', async () => {
      const source = sourceWith({
        severityMap: { p1: 'SEV2', Critical: 'SEV1' },
      });
      const [p1] = await source.parse(delivery(priorityUpdated('P1')));
      expect(p1.severity).toBe('SEV2');
      const [critical] = await source.parse(
        delivery(priorityUpdated('Critical')),
      );
      expect(critical.severity).toBe('SEV1');
      expect(() => sourceWith({ severityMap: { P1: 'high' } })).toThrow(
        /severityMap\.P1/,
      );
    });

    it('adds a timeline note on incident.annotated', async () => {
      const [signal] = await sourceWith().parse(delivery(annotated()));
      expect(signal).toEqual({
        dedupKey: 'PGR0VU2',
        eventId: '01DEN1HFDTCV8YQJHYJXD3EVAE',
        occurredAt: '2026-11-20T10:10:00.000Z',
        // Notes carry no status; nothing known about the incident yet.
        status: 'investigating',
        resolvedAt: undefined,
        title: 'Checkout 5xx above 5%',
        actor: 'Ada Okafor',
        note: 'Rolled back checkout to v412',
        text: 'Note by Ada Okafor: Rolled back checkout to v412',
        links: [
          {
            kind: 'pager',
            url: 'https://northwind.pagerduty.com/incidents/PGR0VU2',
            title: 'PagerDuty incident',
          },
        ],
        externalIds: { pagerdutyIncidentId: 'PGR0VU2' },
      });
    });

    it('does not reopen a resolved incident with a later note', async () => {
      const source = sourceWith();
      await source.parse(delivery(resolved));
      const [note] = await source.parse(
        delivery(annotated('2026-11-20T12:00:00.000Z')),
      );
      expect(note).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-11-20T10:42:00.000Z',
      });
    });

    it('adds a responder on incident.responder.added', async () => {
      const source = sourceWith({
        users: {
          overrides: [
            { match: 'PVMGSML', user: 'user:default/maeve.lindqvist' },
          ],
        },
      });
      const [signal] = await source.parse(delivery(responderAdded));
      expect(signal).toMatchObject({
        dedupKey: 'PGR0VU2',
        eventId: '01DEN1HFDTCV8YQJHYJXD3EVAF',
        occurredAt: '2026-11-20T10:06:00.000Z',
        status: 'investigating',
        responders: [
          { userRef: 'user:default/maeve.lindqvist', role: 'responder' },
        ],
        actor: 'Ada Okafor',
        text: 'user:default/maeve.lindqvist added as responder by Ada Okafor: Please help with checkout errors',
      });
    });

    it('hands a responder without e-mail to the backend by name', async () => {
      // The backend matches the name against the catalog's users.
      const [signal] = await sourceWith().parse(delivery(responderAdded));
      expect(signal.responders).toEqual([
        { userRef: 'Maeve Lindqvist', role: 'responder' },
      ]);
      expect(signal.text).toMatch(/^Maeve Lindqvist added as responder/);
    });

    it('maps e-mails to users through the REST API when a key is configured', async () => {
      const fetch = jest.fn(async (url: string) => {
        const answers: Record<string, unknown> = {
          'https://api.pagerduty.com/users/PVMGSML': {
            user: { id: 'PVMGSML', email: 'Maeve.Lindqvist@northwind.example' },
          },
          'https://api.pagerduty.com/users/PLH1HKV': {
            user: { id: 'PLH1HKV', email: 'ada.okafor@northwind.example' },
          },
          'https://api.pagerduty.com/incidents/PGR0VU2': {
            incident: { id: 'PGR0VU2', status: 'acknowledged' },
          },
        };
        const body = answers[url];
        return { ok: true, status: 200, json: async () => body } as Response;
      });
      const source = sourceWith(
        {
          apiToken: 'pd-key',
          users: {
            namespace: 'staff',
            overrides: [
              { match: 'ADA.OKAFOR@northwind.example', user: 'user:staff/ada' },
            ],
          },
        },
        { fetch },
      );
      const [signal] = await source.parse(delivery(responderAdded));
      expect(signal).toMatchObject({
        status: 'investigating',
        actor: 'user:staff/ada',
        responders: [
          { userRef: 'user:staff/maeve.lindqvist', role: 'responder' },
        ],
      });
      expect(fetch).toHaveBeenCalledWith(
        'https://api.pagerduty.com/users/PVMGSML',
        expect.objectContaining({
          headers: expect.objectContaining({
            Authorization: 'Token token=pd-key',
          }),
        }),
      );
      // User e-mails are cached.
      await source.parse(delivery(responderAdded));
      expect(
        fetch.mock.calls.filter(([u]) => u.endsWith('/users/PVMGSML')),
      ).toHaveLength(1);
    });

    it('falls back when the REST API fails', async () => {
      const fetch = jest.fn(async () => {
        throw new Error('ECONNREFUSED');
      });
      const logger = { warn: jest.fn() };
      const source = sourceWith({ apiToken: 'pd-key' }, { fetch, logger });
      const [signal] = await source.parse(delivery(responderAdded));
      expect(signal).toMatchObject({
        status: 'investigating',
        actor: 'Ada Okafor',
      });
      expect(logger.warn).toHaveBeenCalled();
    });

    it.each([
      ['pagey.ping', ping],
      [
        'incident.escalated',
        envelope(
          'E1',
          'incident.escalated',
          '2026-11-20T10:01:00Z',
          incident('triggered'),
        ),
      ],
      [
        'incident.status_update_published',
        envelope(
          'E2',
          'incident.status_update_published',
          '2026-11-20T10:01:00Z',
          {
            incident: incidentReference,
            id: 'P2LA89X',
            message: 'A fix is being rolled out',
            type: 'incident_status_update',
          },
        ),
      ],
      [
        'service.updated',
        envelope('E3', 'service.updated', '2026-11-20T10:01:00Z', {
          id: 'PCHK001',
          type: 'service',
        }),
      ],
    ])('accepts and ignores %s', async (_type, body) => {
      await expect(sourceWith().parse(delivery(body))).resolves.toEqual([]);
    });

    it('learns the status from ignored incident events', async () => {
      const source = sourceWith();
      await source.parse(
        delivery(
          envelope(
            'E4',
            'incident.unacknowledged',
            '2026-11-20T10:20:00Z',
            incident('triggered'),
          ),
        ),
      );
      const [note] = await source.parse(delivery(annotated()));
      expect(note.status).toBe('declared');
    });

    it.each([
      [[], /JSON object/],
      [{ messages: [] }, /^event must be an object/],
      [
        { event: { ...triggered.event, event_type: undefined } },
        /event\.event_type/,
      ],
      [{ event: { ...triggered.event, id: '' } }, /event\.id/],
      [
        { event: { ...triggered.event, occurred_at: 'yesterday' } },
        /event\.occurred_at/,
      ],
      [
        { event: { ...triggered.event, data: null } },
        /event\.data must be an object/,
      ],
      [
        {
          event: {
            ...triggered.event,
            data: { ...incident('triggered'), id: undefined },
          },
        },
        /event\.data\.id/,
      ],
      [
        {
          event: {
            ...triggered.event,
            data: { ...incident('triggered'), status: 'open' },
          },
        },
        /event\.data\.status/,
      ],
      [
        {
          event: {
            ...triggered.event,
            data: { ...incident('triggered'), status: 'constructor' },
          },
        },
        /event\.data\.status/,
      ],
      [
        {
          event: {
            ...triggered.event,
            data: { ...incident('triggered'), service: {} },
          },
        },
        /event\.data\.service\.id/,
      ],
      [
        {
          event: {
            ...annotated().event,
            data: { ...annotated().event.data, content: 42 },
          },
        },
        /event\.data\.content/,
      ],
      [
        { event: { ...annotated().event, data: { content: 'x' } } },
        /event\.data\.incident\.id/,
      ],
      [
        {
          event: {
            ...responderAdded.event,
            data: { incident: incidentReference },
          },
        },
        /event\.data\.user\.id/,
      ],
    ])(
      'rejects a malformed payload naming the field (%#)',
      async (body, message) => {
        await expect(sourceWith().parse(delivery(body))).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      },
    );
  });

  it('derives user names from e-mail local parts', () => {
    expect(userNameFromEmail('ada.okafor@northwind.example')).toBe(
      'ada.okafor',
    );
    expect(userNameFromEmail('Ada.Okafor+pager@northwind.example')).toBe(
      'ada.okafor',
    );
    expect(userNameFromEmail('@northwind.example')).toBeUndefined();
  });
});
