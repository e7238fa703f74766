/**
 * What the "no secret stored" tests share: the backend they send to, the
 * corpus cut into the shapes each path takes, the spec's free-text fields,
 * the read-back of everything stored and the scan of every table for a raw
 * secret. Each test file pushes the corpus through one group of paths
 * ({@link PATH_GROUPS}) and checks its own database.
 */
import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import genericWebhookModule from '@postmortems/plugin-postmortem-backend-module-generic-webhook';
import opsgenieModule from '@postmortems/plugin-postmortem-backend-module-opsgenie';
import pagerdutyModule from '@postmortems/plugin-postmortem-backend-module-pagerduty';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import {
  asUser,
  startPostmortemBackend,
} from '../../__testUtils__/testBackend';
import {
  LOOK_ALIKES,
  SECRET_SAMPLES,
  SecretSample,
} from '../__fixtures__/secretCorpus';

export const ALICE = 'user:default/ada.okafor';
export const AM_TOKEN = 'am-token';
export const CHANGES_TOKEN = 'changes-token';
export const OPSGENIE_TOKEN = 'opsgenie-token';
export const PAGERDUTY_SECRET = 'pagerduty-signing-secret';
export const GENERIC_TOKEN = 'generic-token';

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

export const SECRETS = [...new Set(SECRET_SAMPLES.map(s => s.secret))];
export const URL_SAFE = SECRETS.filter(s => /^[A-Za-z0-9._~-]{8,}$/.test(s));
export const SINGLE_LINE = SECRET_SAMPLES.filter(
  s => !s.text.includes('\n') && s.text.length <= 190,
);
/** Every sample, packed into texts that fit a free-text field. */
export const TEXTS = chunks(SECRET_SAMPLES, 1900);
/** The texts backwards, for the updates. */
export const LATER = TEXTS.slice().reverse();
export const SHORT = SECRET_SAMPLES.filter(
  s => s.text.length <= 32 && !s.text.includes('\n'),
).map(s => s.text);
export const LOOK_ALIKE_TEXT = LOOK_ALIKES.join('\n\n');
/** The single-line sample `i` steps on, wrapping around. */
export const line = (i: number) => SINGLE_LINE[i % SINGLE_LINE.length].text;

const spec = parseYaml(
  readFileSync(joinPath(__dirname, '../../schema/openapi.yaml'), 'utf8'),
);

/** The operation a request goes to, as `METHOD /template`. */
export function operationOf(method: string, requestPath: string): string {
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

/** Every free-text field of the API, as `METHOD /template .field`. */
export const SPEC_TEXT_FIELDS: string[] = Object.entries(spec.paths)
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

/**
 * The operations each test file sends the corpus to. Every operation with a
 * free-text field belongs to exactly one group (each file checks that), so
 * the files together send a secret to every free-text field of the API.
 */
export const PATH_GROUPS = {
  webhooks: ['POST /webhooks/changes'],
  postmortem: [
    'POST /incidents',
    'PATCH /incidents/{incidentId}',
    'PATCH /postmortems/{postmortemId}',
    'POST /postmortems/{postmortemId}/language-waivers',
    'POST /postmortems/{postmortemId}/transition',
  ],
  subRecords: [
    'POST /postmortems/{postmortemId}/timeline',
    'PATCH /postmortems/{postmortemId}/timeline/{itemId}',
    'POST /postmortems/{postmortemId}/evidence',
    'POST /postmortems/{postmortemId}/causes',
    'PATCH /postmortems/{postmortemId}/causes/{itemId}',
    'POST /postmortems/{postmortemId}/remediation',
    'PATCH /postmortems/{postmortemId}/remediation/{itemId}',
    'POST /postmortems/{postmortemId}/remediation/{itemId}/verify',
    'POST /postmortems/{postmortemId}/comments',
  ],
};
export type PathGroup = keyof typeof PATH_GROUPS;

const operationOfField = (field: string) =>
  field.split(' ').slice(0, 2).join(' ');

/** The paths of the strings in a request body, each with the secrets in it. */
function secretFields(body: unknown, at = ''): Array<[string, string[]]> {
  if (typeof body === 'string') {
    const found = SECRETS.filter(secret => body.includes(secret));
    return found.length ? [[at, found]] : [];
  }
  if (Array.isArray(body)) return body.flatMap(v => secretFields(v, `${at}[]`));
  if (body && typeof body === 'object') {
    return Object.entries(body).flatMap(([k, v]) =>
      secretFields(v, `${at}.${k}`),
    );
  }
  return [];
}

/** Which raw secrets occur in `haystack`. */
export const rawIn = (haystack: string) =>
  SECRETS.filter(s => haystack.includes(s));

/** A request body as sent: the operation, and the body parsed if raw. */
interface Delivery {
  method: string;
  path: string;
  body: unknown;
  /** Counted towards the spec's free-text fields. */
  api: boolean;
}

/**
 * A backend with every incident source installed, started before the tests
 * of the enclosing `describe`, and what was sent to it and answered.
 */
export function secretBackend(databases: TestDatabases, id: TestDatabaseId) {
  let server: any;
  let knex: any;
  const responses: string[] = [];
  const deliveries: Delivery[] = [];

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

  /** A request as Alice; what it sends is recorded for the spec check. */
  const api = (method: 'get' | 'post' | 'patch', path: string) => {
    const req = request(server)
      [method](`/api/postmortem${path}`)
      .set(asUser(ALICE));
    const send = req.send.bind(req);
    req.send = (body: any) => {
      deliveries.push({ method, path: path.split('?')[0], body, api: true });
      return send(body);
    };
    return req;
  };

  /**
   * A delivery to a webhook with the sender's own headers. Only the changes
   * webhook has its fields in the spec; the sources' payloads are their own.
   */
  const webhook = (
    path: string,
    body: object | string,
    headers: Record<string, string>,
  ) => {
    deliveries.push({
      method: 'post',
      path,
      body: typeof body === 'string' ? JSON.parse(body) : body,
      api: path === '/webhooks/changes',
    });
    return request(server)
      .post(`/api/postmortem${path}`)
      .set(headers)
      .send(body);
  };

  /** A write based on the postmortem's current revision. */
  const write = async (
    method: 'post' | 'patch',
    path: string,
    postmortem: string,
    body?: object,
  ) => {
    const current = await api('get', `/postmortems/${postmortem}`);
    const req = api(method, path).set('if-match', `"${current.body.revision}"`);
    return body ? req.send(body) : req;
  };

  /** The answer, kept for the scan, if its status is expected. */
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

  /** Reads back everything stored about the postmortem and its incident. */
  const readBack = async (pm: string, incidentId: string) => {
    const { revision } = (await ok(api('get', `/postmortems/${pm}`))).body;
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
      `/postmortems/${pm}/diff?from=1&to=${Math.min(5, revision)}`,
      `/postmortems/${pm}/related`,
      `/postmortems/${pm}/gates`,
      `/postmortems/${pm}/export?format=json`,
      `/postmortems/${pm}/export?format=markdown`,
      `/postmortems/${pm}/export?format=html`,
    ];
    for (const path of reads) {
      await ok(api('get', path));
    }
  };

  /**
   * Scans every answer and every table for a raw secret, and lists the
   * free-text fields of the group's operations that were sent none.
   */
  const scan = async (group: PathGroup) => {
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
    for (const table of tables) {
      const rows = await knex(table).select();
      const found = rawIn(JSON.stringify(rows));
      if (found.length) rawInDatabase[table] = found;
    }

    // Every free-text field of the group's operations was sent a secret,
    // and every operation with one belongs to exactly one group.
    const sentFields = new Set<string>();
    const secretPaths = new Set<string>();
    for (const delivery of deliveries) {
      const operation = operationOf(delivery.method, delivery.path);
      for (const [field, secrets] of secretFields(delivery.body)) {
        if (delivery.api) sentFields.add(`${operation} ${field}`);
        for (const secret of secrets) {
          secretPaths.add(`${operation} ${field} ${secret}`);
        }
      }
    }
    const owned: string[] = PATH_GROUPS[group];
    const unsent = SPEC_TEXT_FIELDS.filter(
      f => owned.includes(operationOfField(f)) && !sentFields.has(f),
    );
    const allGroups = Object.values(PATH_GROUPS).flat();
    const ungrouped = SPEC_TEXT_FIELDS.filter(
      f => allGroups.filter(o => o === operationOfField(f)).length !== 1,
    );

    // eslint-disable-next-line no-console
    console.log(
      `${id}, ${group}: ${SECRET_SAMPLES.length} samples, ${SECRETS.length} distinct secrets, ` +
        `${secretPaths.size} secret × path pairs sent; ` +
        `${SPEC_TEXT_FIELDS.length} API text fields (${unsent.length} of the group's not sent, ${ungrouped.length} in no group); ` +
        `raw in responses ${rawInResponses.length}, in tables ${
          Object.keys(rawInDatabase).length
        } of ${tables.length}`,
    );
    return { tables, rawInResponses, rawInDatabase, unsent, ungrouped };
  };

  return {
    api,
    webhook,
    write,
    ok,
    readBack,
    scan,
    /** The plugin's database, once started. */
    knex: () => knex,
  };
}

/** What every file asserts at the end: nothing raw, nothing left unsent. */
export function expectNothingRaw(
  result: Awaited<ReturnType<ReturnType<typeof secretBackend>['scan']>>,
) {
  expect(result.tables).toEqual(
    expect.arrayContaining(['revisions', 'changes']),
  );
  expect(result.ungrouped).toEqual([]);
  expect(result.unsent).toEqual([]);
  expect(result.rawInDatabase).toEqual({});
  expect(result.rawInResponses).toEqual([]);
}
