import { createHmac } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ALICE,
  AM_TOKEN,
  CHANGES_TOKEN,
  expectNothingRaw,
  GENERIC_TOKEN,
  line,
  OPSGENIE_TOKEN,
  PAGERDUTY_SECRET,
  secretBackend,
  SINGLE_LINE,
  TEXTS,
  URL_SAFE,
} from './__testUtils__/noSecretStored';

jest.setTimeout(300_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'no secret is stored or shown, intake and drafting, on %p',
  id => {
    const { webhook, api, write, ok, readBack, scan, knex } = secretBackend(
      databases,
      id,
    );

    it('pushes the corpus through every webhook and the draft made of it, and none of it comes back raw', async () => {
      // /webhooks/changes: every text field.
      for (const [i, text] of TEXTS.entries()) {
        await ok(
          webhook(
            '/webhooks/changes',
            {
              id: `change-${i}`,
              service: 'checkout-service',
              occurredAt: new Date(
                Date.parse('2026-11-20T09:30:00Z') + i * 1000,
              ).toISOString(),
              description: text,
              version: line(i),
              author: line(i + 1),
              rollbackRef: line(i + 2),
              link: `https://ci.example.com/run?token=${
                URL_SAFE[i % URL_SAFE.length]
              }`,
            },
            { authorization: `Bearer ${CHANGES_TOKEN}` },
          ),
        );
      }

      // Alertmanager: labels, annotations, group labels.
      for (const [i, sample] of SINGLE_LINE.entries()) {
        if (i % 6 !== 0) continue;
        await ok(
          webhook(
            '/webhooks/alertmanager',
            {
              version: '4',
              groupKey: `{}:{alertname="Leak${i}"}`,
              status: 'firing',
              receiver: 'postmortem',
              groupLabels: { alertname: `Leak${i}` },
              commonLabels: { note: sample.text },
              commonAnnotations: {},
              externalURL: 'http://alertmanager.example:9093',
              alerts: [
                {
                  status: 'firing',
                  labels: {
                    alertname: `Leak${i}`,
                    service: 'checkout-service',
                    severity: 'critical',
                    detail: sample.text,
                    other: line(i + 1),
                  },
                  annotations: {
                    summary: line(i + 2),
                    description: TEXTS[i % TEXTS.length],
                  },
                  startsAt: '2026-11-20T10:00:00Z',
                  endsAt: '0001-01-01T00:00:00Z',
                  generatorURL: `http://prometheus.example:9090/graph?token=${
                    URL_SAFE[i % URL_SAFE.length]
                  }`,
                  fingerprint: `fp${i}`,
                },
              ],
            },
            { authorization: `Bearer ${AM_TOKEN}` },
          ),
        );
      }

      for (const [i, text] of TEXTS.entries()) {
        if (i % 3 !== 0) continue;
        // Opsgenie: alert message, description, tags, details, notes.
        const alert = {
          alertId: `og-${i}`,
          alias: `og-alias-${i}`,
          tinyId: String(i),
          message: line(i),
          description: text,
          tags: ['prod', line(i + 1)],
          details: { service: 'checkout-service', note: line(i + 2) },
          entity: line(i + 3),
          source: line(i + 4),
          priority: 'P2',
          createdAt: 1763632800000 + i,
          updatedAt: (1763632800000 + i) * 1_000_000,
          username: 'System',
        };
        const og = { authorization: `Bearer ${OPSGENIE_TOKEN}` };
        await ok(
          webhook('/webhooks/opsgenie', { action: 'Create', alert }, og),
        );
        await ok(
          webhook(
            '/webhooks/opsgenie',
            {
              action: 'AddNote',
              alert: {
                ...alert,
                note: text,
                username: 'dana.whitfield@northwind.example',
                updatedAt: (1763632900000 + i) * 1_000_000,
              },
            },
            og,
          ),
        );

        // PagerDuty (signed V3): incident title and a note.
        const pdIncident = {
          id: `PD${i}`,
          type: 'incident',
          html_url: `https://northwind.pagerduty.com/incidents/PD${i}?token=${
            URL_SAFE[i % URL_SAFE.length]
          }`,
          number: i,
          status: 'triggered',
          incident_key: `pd-key-${i}`,
          created_at: '2026-11-20T10:00:00Z',
          title: line(i + 5),
          service: {
            id: 'PCHK001',
            summary: 'Checkout',
            type: 'service_reference',
          },
          assignees: [],
          teams: [],
          priority: null,
          urgency: 'high',
        };
        for (const event of [
          {
            id: `pd-event-${i}-a`,
            event_type: 'incident.triggered',
            resource_type: 'incident',
            occurred_at: '2026-11-20T10:00:05.000Z',
            agent: null,
            client: { name: 'PagerDuty' },
            data: pdIncident,
          },
          {
            id: `pd-event-${i}-b`,
            event_type: 'incident.annotated',
            resource_type: 'incident',
            occurred_at: '2026-11-20T10:10:00.000Z',
            agent: null,
            client: { name: 'PagerDuty' },
            data: {
              incident: { id: `PD${i}`, type: 'incident_reference' },
              id: `note-${i}`,
              content: text,
              trimmed: false,
              type: 'incident_note',
            },
          },
        ]) {
          const raw = JSON.stringify({ event });
          await ok(
            webhook('/webhooks/pagerduty', raw, {
              'content-type': 'application/json',
              'x-pagerduty-signature': `v1=${createHmac(
                'sha256',
                PAGERDUTY_SECRET,
              )
                .update(raw)
                .digest('hex')}`,
            }),
          );
        }

        // A generic webhook mapped by configuration.
        await ok(
          webhook(
            '/webhooks/generic/tool',
            {
              key: `generic-${i}`,
              id: `generic-${i}`,
              at: '2026-11-20T10:00:00Z',
              title: line(i + 6),
              text,
              url: `https://tool.example.com/i/${i}?token=${
                URL_SAFE[(i + 1) % URL_SAFE.length]
              }`,
            },
            { authorization: `Bearer ${GENERIC_TOKEN}` },
          ),
        );
      }

      // Drafting copies the changes and alerts into the timeline and the
      // causes of an incident declared on the same service (its own fields
      // carry no secret: the API's are the other files').
      const declared = await ok(
        api('post', '/incidents').send({
          title: 'Checkout errors after the deploy',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout-service'],
          impactStartedAt: '2026-11-20T10:00:00Z',
          responders: [{ userRef: ALICE, role: 'incident_commander' }],
          roles: { incidentCommander: ALICE, reviewers: [ALICE] },
        }),
        /^201$/,
      );
      const incidentId = declared.body.incident.id;
      const pm = declared.body.postmortem.humanId;
      await ok(write('post', `/postmortems/${pm}/draft`, pm));
      const drafted = await ok(api('get', `/postmortems/${pm}/timeline`));
      expect(drafted.body.items.length).toBeGreaterThan(0);

      await readBack(pm, incidentId);
      const result = await scan('webhooks');

      // Each source's deliveries were taken in, not just answered.
      const sources = (await knex()('incidents').distinct('source')).map(
        (r: { source: string }) => r.source,
      );
      expect(sources).toEqual(
        expect.arrayContaining([
          'alertmanager',
          'opsgenie',
          'pagerduty',
          'manual',
        ]),
      );
      expect(sources.length).toBeGreaterThanOrEqual(5);

      expectNothingRaw(result);
    });
  },
);
