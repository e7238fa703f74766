import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import genericWebhookModule from '@postmortems/plugin-postmortem-backend-module-generic-webhook';
import opsgenieModule from '@postmortems/plugin-postmortem-backend-module-opsgenie';
import pagerdutyModule from '@postmortems/plugin-postmortem-backend-module-pagerduty';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import {
  LOOK_ALIKES,
  SECRET_SAMPLES,
  SecretSample,
} from './__fixtures__/secretCorpus';

jest.setTimeout(300_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
const AM_TOKEN = 'am-token';
const CHANGES_TOKEN = 'changes-token';
const OPSGENIE_TOKEN = 'opsgenie-token';
const PAGERDUTY_SECRET = 'pagerduty-signing-secret';
const GENERIC_TOKEN = 'generic-token';

/** Samples packed into texts of at most `max` characters. */
function chunks(samples: SecretSample[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const { text } of samples) {
    if (current && current.length + text.length + 2 > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${text}` : text;
  }
  if (current) out.push(current);
  return out;
}

const SECRETS = [...new Set(SECRET_SAMPLES.map(s => s.secret))];
const URL_SAFE = SECRETS.filter(s => /^[A-Za-z0-9._~-]{8,}$/.test(s));
const SINGLE_LINE = SECRET_SAMPLES.filter(
  s => !s.text.includes('\n') && s.text.length <= 190,
);
const TEXTS = chunks(SECRET_SAMPLES, 1900);
const SHORT = SECRET_SAMPLES.filter(
  s => s.text.length <= 32 && !s.text.includes('\n'),
).map(s => s.text);
const LOOK_ALIKE_TEXT = LOOK_ALIKES.join('\n\n');

const spec = parseYaml(
  readFileSync(joinPath(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

/** The operation a request goes to, as `METHOD /template`. */
function operationOf(method: string, requestPath: string): string {
  for (const template of Object.keys(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(requestPath) && spec.paths[template][method]) {
      return `${method.toUpperCase()} ${template}`;
    }
  }
  return `${method.toUpperCase()} ${requestPath}`;
}

const resolveSchema = (schema: any): any =>
  schema?.$ref
    ? resolveSchema(spec.components.schemas[schema.$ref.split('/').pop()])
    : schema;

/**
 * String fields of a request schema that take free text: not enums, dates,
 * ids or references (entity refs and slugs are checked against patterns and
 * the catalog).
 */
function schemaTextFields(schema: any, at = ''): string[] {
  const s = resolveSchema(schema);
  if (!s) return [];
  const variants = s.oneOf ?? s.anyOf ?? s.allOf;
  if (variants) return variants.flatMap((v: any) => schemaTextFields(v, at));
  if (s.properties) {
    return Object.entries(s.properties).flatMap(([key, value]) =>
      schemaTextFields(value, `${at}.${key}`),
    );
  }
  if (s.type === 'array') return schemaTextFields(s.items, `${at}[]`);
  const reference =
    s.enum ||
    s.pattern ||
    s.format === 'date-time' ||
    s.format === 'date' ||
    /(?:Ids\[\]|\.templateId|\.findingKey)$/.test(at);
  return s.type === 'string' && !reference ? [at] : [];
}

/**
 * Strings of the spec that are keys, not free text: the changes webhook's
 * `id` (kept only as a hash in the event key) and `service` (a catalog
 * lookup, not stored).
 */
const NOT_FREE_TEXT = new Set([
  'POST /webhooks/changes .id',
  'POST /webhooks/changes .service',
]);

const SPEC_TEXT_FIELDS: string[] = Object.entries(spec.paths)
  .flatMap(([template, operations]: [string, any]) =>
    Object.entries(operations)
      .filter(([, op]: [string, any]) => op.requestBody)
      .flatMap(([method, op]: [string, any]) =>
        schemaTextFields(op.requestBody.content['application/json'].schema).map(
          field => `${method.toUpperCase()} ${template} ${field}`,
        ),
      ),
  )
  .filter(field => !NOT_FREE_TEXT.has(field));

/** The paths of the strings in a request body that carry a secret. */
function textFields(body: unknown, at = ''): string[] {
  if (typeof body === 'string') {
    return SECRETS.some(secret => body.includes(secret)) ? [at] : [];
  }
  if (Array.isArray(body)) return body.flatMap(v => textFields(v, `${at}[]`));
  if (body && typeof body === 'object') {
    return Object.entries(body).flatMap(([k, v]) =>
      textFields(v, `${at}.${k}`),
    );
  }
  return [];
}

/** Which raw secrets occur in `haystack`. */
const rawIn = (haystack: string) => SECRETS.filter(s => haystack.includes(s));

describe.each(databases.eachSupportedId())(
  'no secret is stored or shown, on %p',
  id => {
    let server: any;
    let knex: any;
    const responses: string[] = [];

    beforeAll(async () => {
      ({ server, knex } = await startPostmortemBackend(
        databases,
        id,
        {
          postmortem: {
            maxBodySize: '4mb',
            alertmanager: { token: AM_TOKEN },
            changes: { token: CHANGES_TOKEN },
            opsgenie: { token: OPSGENIE_TOKEN },
            pagerduty: { signingSecrets: [PAGERDUTY_SECRET] },
            genericWebhooks: [
              {
                name: 'tool',
                token: GENERIC_TOKEN,
                mapping: {
                  dedupKey: 'key',
                  eventId: 'id',
                  occurredAt: 'at',
                  status: "'declared'",
                  title: 'title',
                  text: 'text',
                  links: "[{'kind': 'dashboard', 'url': url, 'title': title}]",
                },
              },
            ],
            draft: { pollSeconds: 3600 },
          },
        },
        [
          alertmanagerModule,
          opsgenieModule,
          pagerdutyModule,
          genericWebhookModule,
        ],
      ));
    });

    const sent: Array<{ method: string; path: string; body: unknown }> = [];
    /** A request as Alice; what it sends is recorded for the spec check. */
    const api = (method: 'get' | 'post' | 'patch', path: string) => {
      const req = request(server)
        [method](`/api/postmortem${path}`)
        .set(asUser(ALICE));
      const send = req.send.bind(req);
      req.send = (body: any) => {
        sent.push({ method, path: path.split('?')[0], body });
        return send(body);
      };
      return req;
    };
    /** A write based on the postmortem's current revision. */
    const write = async (
      method: 'post' | 'patch',
      path: string,
      postmortem: string,
      body?: object,
    ) => {
      const current = await api('get', `/postmortems/${postmortem}`);
      const req = api(method, path).set(
        'if-match',
        `"${current.body.revision}"`,
      );
      return body ? req.send(body) : req;
    };
    const ok = async (req: PromiseLike<request.Response>, status = /^2/) => {
      const res = await req;
      if (!status.test(String(res.status))) {
        throw new Error(
          `${res.status} from ${(res as any).req?.path}: ${JSON.stringify(
            res.body,
          ).slice(0, 500)}`,
        );
      }
      responses.push(res.text);
      return res;
    };

    it('pushes the corpus through every path that takes free text, and none of it comes back raw', async () => {
      // /webhooks/changes: every text field.
      for (const [i, text] of TEXTS.entries()) {
        const change = {
          id: `change-${i}`,
          service: 'checkout-service',
          occurredAt: new Date(
            Date.parse('2026-11-20T09:30:00Z') + i * 1000,
          ).toISOString(),
          description: text,
          version: SINGLE_LINE[i % SINGLE_LINE.length].text,
          author: SINGLE_LINE[(i + 1) % SINGLE_LINE.length].text,
          rollbackRef: SINGLE_LINE[(i + 2) % SINGLE_LINE.length].text,
          link: `https://ci.example.com/run?token=${
            URL_SAFE[i % URL_SAFE.length]
          }`,
        };
        sent.push({ method: 'post', path: '/webhooks/changes', body: change });
        await ok(
          request(server)
            .post('/api/postmortem/webhooks/changes')
            .set('authorization', `Bearer ${CHANGES_TOKEN}`)
            .send(change),
        );
      }

      // Alertmanager: labels, annotations, group labels.
      for (const [i, sample] of SINGLE_LINE.entries()) {
        if (i % 6 !== 0) continue;
        await ok(
          request(server)
            .post('/api/postmortem/webhooks/alertmanager')
            .set('authorization', `Bearer ${AM_TOKEN}`)
            .send({
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
                    other: SINGLE_LINE[(i + 1) % SINGLE_LINE.length].text,
                  },
                  annotations: {
                    summary: SINGLE_LINE[(i + 2) % SINGLE_LINE.length].text,
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
            }),
        );
      }

      // Opsgenie: alert message, description, tags, details, notes.
      const webhook = (source: string, body: object, headers: object) =>
        ok(
          request(server)
            .post(`/api/postmortem/webhooks/${source}`)
            .set(headers as Record<string, string>)
            .send(body),
        );
      for (const [i, text] of TEXTS.entries()) {
        if (i % 3 !== 0) continue;
        const line = (k: number) =>
          SINGLE_LINE[(i + k) % SINGLE_LINE.length].text;
        const alert = {
          alertId: `og-${i}`,
          alias: `og-alias-${i}`,
          tinyId: String(i),
          message: line(0),
          description: text,
          tags: ['prod', line(1)],
          details: { service: 'checkout-service', note: line(2) },
          entity: line(3),
          source: line(4),
          priority: 'P2',
          createdAt: 1763632800000 + i,
          updatedAt: (1763632800000 + i) * 1_000_000,
          username: 'System',
        };
        const og = { authorization: `Bearer ${OPSGENIE_TOKEN}` };
        await webhook('opsgenie', { action: 'Create', alert }, og);
        await webhook(
          'opsgenie',
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
          title: line(5),
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
            request(server)
              .post('/api/postmortem/webhooks/pagerduty')
              .set('content-type', 'application/json')
              .set(
                'x-pagerduty-signature',
                `v1=${createHmac('sha256', PAGERDUTY_SECRET)
                  .update(raw)
                  .digest('hex')}`,
              )
              .send(raw),
          );
        }

        // A generic webhook mapped by configuration.
        await webhook(
          'generic/tool',
          {
            key: `generic-${i}`,
            id: `generic-${i}`,
            at: '2026-11-20T10:00:00Z',
            title: line(6),
            text,
            url: `https://tool.example.com/i/${i}?token=${
              URL_SAFE[(i + 1) % URL_SAFE.length]
            }`,
          },
          { authorization: `Bearer ${GENERIC_TOKEN}` },
        );
      }

      // The API: an incident with links, then every writable text field.
      const declared = await ok(
        api('post', '/incidents').send({
          title: SINGLE_LINE[0].text,
          severity: 'SEV2',
          entityRefs: ['component:default/checkout-service'],
          impactStartedAt: '2026-11-20T10:00:00Z',
          responders: [{ userRef: ALICE, role: 'incident_commander' }],
          // Alice also reviews, so that she may waive a finding.
          roles: { incidentCommander: ALICE, reviewers: [ALICE] },
          links: URL_SAFE.slice(0, 40).map((secret, i) => ({
            kind: 'dashboard',
            url: `https://grafana.example.com/d/x?auth=${secret}`,
            title: SINGLE_LINE[(i + 3) % SINGLE_LINE.length].text,
          })),
        }),
        /^201$/,
      );
      const incidentId = declared.body.incident.id;
      const pm = declared.body.postmortem.humanId;
      await ok(
        write('patch', `/incidents/${incidentId}`, pm, {
          title: SINGLE_LINE[5].text,
          links: URL_SAFE.slice(40).map((secret, i) => ({
            kind: 'runbook',
            url: `https://wiki.example.com/p?key=${secret}`,
            title: SINGLE_LINE[(i + 7) % SINGLE_LINE.length].text,
          })),
        }),
      );
      const narrativeFields = [
        'summary',
        'impact',
        'whatHappened',
        'whyItHappened',
        'whatChanged',
        'lessonsLearned',
        'glossary',
      ];
      await ok(
        write('patch', `/postmortems/${pm}`, pm, {
          narrative: Object.fromEntries(
            narrativeFields.map((field, i) => [
              field,
              `${TEXTS.filter((_, j) => j % narrativeFields.length === i).join(
                '\n\n',
              )}\n\n${LOOK_ALIKE_TEXT}`,
            ]),
          ),
          attachments: URL_SAFE.slice(0, 50).map((secret, i) => ({
            kind: 'link',
            url: `https://docs.example.com/a?access_token=${secret}`,
            title: SINGLE_LINE[(i + 11) % SINGLE_LINE.length].text,
          })),
        }),
      );
      const ids: Record<string, string> = {};
      for (const [i, text] of TEXTS.entries()) {
        const at = new Date(
          Date.parse('2026-11-20T10:01:00Z') + i * 1000,
        ).toISOString();
        const event = await ok(
          write('post', `/postmortems/${pm}/timeline`, pm, {
            occurredAt: at,
            kind: 'observation',
            source: SHORT[i % SHORT.length],
            text,
          }),
        );
        await ok(
          write('post', `/postmortems/${pm}/evidence`, pm, {
            kind: 'log_excerpt',
            source: SHORT[(i + 1) % SHORT.length],
            content: text,
            query: text,
          }),
        );
        const cause = await ok(
          write('post', `/postmortems/${pm}/causes`, pm, {
            type: 'contributing',
            statement: text,
            rollbackPlan: text,
          }),
        );
        const item = await ok(
          write('post', `/postmortems/${pm}/remediation`, pm, {
            title: SINGLE_LINE[i % SINGLE_LINE.length].text,
            description: text,
            acceptanceCriteria: text,
            impact: 3,
            probability: 3,
            horizon: 'short',
            trackerUrl: `https://jira.example.com/browse/PM-1?token=${
              URL_SAFE[i % URL_SAFE.length]
            }`,
            verification: {
              kind: 'prometheus',
              query: `rate(errors_total{note="${
                SINGLE_LINE[(i + 5) % SINGLE_LINE.length].text
              }"}[5m])`,
              comparator: '<',
              threshold: 1,
            },
          }),
        );
        await ok(
          write('post', `/postmortems/${pm}/comments`, pm, {
            perspective: 'sre',
            section: SHORT[(i + 2) % SHORT.length],
            text,
          }),
        );
        ids.timeline ??= event.body.id;
        ids.cause ??= cause.body.id;
        ids.item ??= item.body.id;
      }

      // Updates of every part, and the remaining text fields.
      const later = TEXTS.slice().reverse();
      await ok(
        write('patch', `/postmortems/${pm}/timeline/${ids.timeline}`, pm, {
          text: later[0],
        }),
      );
      await ok(
        write('patch', `/postmortems/${pm}/causes/${ids.cause}`, pm, {
          statement: later[1],
          rollbackPlan: later[2],
        }),
      );
      await ok(
        write('patch', `/postmortems/${pm}/remediation/${ids.item}`, pm, {
          title: SINGLE_LINE[9].text,
          description: later[3],
          acceptanceCriteria: later[4],
          trackerUrl: `https://jira.example.com/browse/PM-2?token=${URL_SAFE[1]}`,
          verification: {
            kind: 'prometheus',
            query: `up{note="${SINGLE_LINE[10].text}"}`,
            comparator: '>',
            threshold: 0,
          },
        }),
      );
      const manual = await ok(
        write('post', `/postmortems/${pm}/remediation`, pm, {
          title: 'Sign off the rollback runbook',
          impact: 2,
          probability: 2,
          horizon: 'short',
          verification: { kind: 'manual', role: 'incident_commander' },
        }),
      );
      await ok(
        write('patch', `/postmortems/${pm}/remediation/${manual.body.id}`, pm, {
          status: 'done',
        }),
      );
      await ok(
        write(
          'post',
          `/postmortems/${pm}/remediation/${manual.body.id}/verify`,
          pm,
          { comment: later[5] },
        ),
      );
      // A finding to waive: the narrative blames a person.
      await ok(
        write('patch', `/postmortems/${pm}`, pm, {
          narrative: {
            impact: 'Dana broke production because she was careless.',
          },
        }),
      );
      const gates = await ok(api('get', `/postmortems/${pm}/gates`));
      const findingKey = /"key":"([^"]+)"/.exec(gates.text)?.[1];
      await ok(
        write('post', `/postmortems/${pm}/language-waivers`, pm, {
          findingKey,
          reason: later[6],
        }),
      );
      // Refused by the review gates or accepted: either way the comment
      // must not be kept raw.
      await ok(
        write('post', `/postmortems/${pm}/transition`, pm, {
          to: 'in_review',
          comment: later[7],
        }),
        /^(2\d\d|409|422)$/,
      );
      // Drafting copies changes and alerts into timeline and causes.
      await ok(write('post', `/postmortems/${pm}/draft`, pm));

      // Everything that reads what was stored.
      const reads = [
        `/postmortems/${pm}`,
        `/incidents/${incidentId}`,
        '/incidents',
        '/postmortems',
        `/postmortems/${pm}/timeline`,
        `/postmortems/${pm}/evidence`,
        `/postmortems/${pm}/causes`,
        `/postmortems/${pm}/remediation`,
        `/postmortems/${pm}/comments`,
        `/postmortems/${pm}/approvals`,
        `/postmortems/${pm}/revisions`,
        `/postmortems/${pm}/history`,
        `/postmortems/${pm}/diff?from=1&to=5`,
        `/postmortems/${pm}/related`,
        `/postmortems/${pm}/gates`,
        `/postmortems/${pm}/export?format=json`,
        `/postmortems/${pm}/export?format=markdown`,
        `/postmortems/${pm}/export?format=html`,
      ];
      for (const path of reads) {
        await ok(api('get', path));
      }

      const rawInResponses = rawIn(responses.join('\n'));
      const rawInDatabase: Record<string, string[]> = {};
      const tables: string[] =
        id === 'SQLITE_3'
          ? (
              await knex.raw(
                "select name from sqlite_master where type = 'table'",
              )
            ).map((r: any) => r.name)
          : (
              await knex.raw(
                'select tablename as name from pg_tables where schemaname = current_schema()',
              )
            ).rows.map((r: any) => r.name);
      expect(tables).toEqual(expect.arrayContaining(['revisions', 'changes']));
      for (const table of tables) {
        const rows = await knex(table).select();
        const found = rawIn(JSON.stringify(rows));
        if (found.length) rawInDatabase[table] = found;
      }

      // The look-alikes in the narrative come back unchanged.
      const stored = await ok(api('get', `/postmortems/${pm}`));
      const summary: string = stored.body.narrative.summary;
      const changedLookAlikes = LOOK_ALIKES.filter(
        text => !summary.includes(text),
      );

      // Every free-text field of the API was sent a secret.
      const sentFields = new Set<string>();
      for (const { method, path, body } of sent) {
        const operation = operationOf(method, path);
        for (const field of textFields(body)) {
          sentFields.add(`${operation} ${field}`);
        }
      }
      const unsent = SPEC_TEXT_FIELDS.filter(f => !sentFields.has(f));

      // eslint-disable-next-line no-console
      console.log(
        `${id}: ${SECRET_SAMPLES.length} samples, ${SECRETS.length} distinct secrets, ` +
          `${SPEC_TEXT_FIELDS.length} API text fields (${unsent.length} not sent); ` +
          `raw in responses ${rawInResponses.length}, in tables ${
            Object.keys(rawInDatabase).length
          } of ${tables.length}; look-alikes changed ${
            changedLookAlikes.length
          } of ${LOOK_ALIKES.length}`,
      );

      // Each source's deliveries were taken in, not just answered.
      const sources = (await knex('incidents').distinct('source')).map(
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

      expect(unsent).toEqual([]);
      expect(rawInDatabase).toEqual({});
      expect(rawInResponses).toEqual([]);
      expect(changedLookAlikes).toEqual([]);
    });
  },
);
