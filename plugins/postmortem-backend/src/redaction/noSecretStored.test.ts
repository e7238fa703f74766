import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import request from 'supertest';
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
const LOOK_ALIKE_TEXT = LOOK_ALIKES.join('\n\n');

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
            draft: { pollSeconds: 3600 },
          },
        },
        [alertmanagerModule],
      ));
    });

    const api = (method: 'get' | 'post' | 'patch', path: string) =>
      request(server)[method](`/api/postmortem${path}`).set(asUser(ALICE));
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
        await ok(
          request(server)
            .post('/api/postmortem/webhooks/changes')
            .set('authorization', `Bearer ${CHANGES_TOKEN}`)
            .send({
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
            }),
        );
      }

      // Alertmanager: labels, annotations, group labels.
      for (const [i, sample] of SINGLE_LINE.entries()) {
        if (i % 4 !== 0) continue;
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

      // The API: an incident with links, then every writable text field.
      const declared = await ok(
        api('post', '/incidents').send({
          title: SINGLE_LINE[0].text,
          severity: 'SEV2',
          entityRefs: ['component:default/checkout-service'],
          impactStartedAt: '2026-11-20T10:00:00Z',
          responders: [{ userRef: ALICE, role: 'incident_commander' }],
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
      for (const [i, text] of TEXTS.entries()) {
        const at = new Date(
          Date.parse('2026-11-20T10:01:00Z') + i * 1000,
        ).toISOString();
        await ok(
          write('post', `/postmortems/${pm}/timeline`, pm, {
            occurredAt: at,
            kind: 'observation',
            text,
          }),
        );
        await ok(
          write('post', `/postmortems/${pm}/evidence`, pm, {
            kind: 'log_excerpt',
            content: text,
            query: text,
          }),
        );
        await ok(
          write('post', `/postmortems/${pm}/causes`, pm, {
            type: 'contributing',
            statement: text,
            rollbackPlan: text,
          }),
        );
        await ok(
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
            text,
          }),
        );
      }
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

      // eslint-disable-next-line no-console
      console.log(
        `${id}: ${SECRET_SAMPLES.length} samples, ${SECRETS.length} distinct secrets; ` +
          `raw in responses ${rawInResponses.length}, in tables ${
            Object.keys(rawInDatabase).length
          } of ${tables.length}; look-alikes changed ${
            changedLookAlikes.length
          } of ${LOOK_ALIKES.length}`,
      );
      expect(rawInDatabase).toEqual({});
      expect(rawInResponses).toEqual([]);
      expect(changedLookAlikes).toEqual([]);
    });
  },
);
