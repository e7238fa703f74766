import alertmanagerModule from '@postmortems/plugin-postmortem-backend-module-alertmanager';
import fc from 'fast-check';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';

jest.setTimeout(300_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';
/** Runs per property; POSTMORTEM_PROPERTY_RUNS raises it for a long soak. */
const RUNS = Number(process.env.POSTMORTEM_PROPERTY_RUNS ?? 60);

const alertmanagerPayload = {
  version: '4',
  groupKey: '{}:{alertname="PropertyCheck"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'postmortem',
  groupLabels: { alertname: 'PropertyCheck' },
  commonLabels: { alertname: 'PropertyCheck' },
  commonAnnotations: { summary: 'Property check' },
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'PropertyCheck',
        service: 'checkout-service',
        severity: 'critical',
      },
      annotations: { summary: 'Property check' },
      startsAt: '2026-10-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph',
      fingerprint: 'prop-1',
    },
  ],
};

const change = {
  id: 'deploy-1',
  kind: 'deployment',
  service: 'checkout-service',
  version: 'v1',
  occurredAt: '2026-10-01T09:55:00Z',
};

const declaration = {
  title: 'Property check incident',
  severity: 'SEV3',
  entityRefs: ['component:default/checkout-service'],
  impactStartedAt: '2026-10-01T10:00:00Z',
  responders: [{ userRef: ALICE, role: 'incident_commander' }],
};

/** Every path into a JSON value, e.g. ['alerts', 0, 'labels']. */
function pathsOf(value: unknown, prefix: Array<string | number> = []) {
  const paths: Array<Array<string | number>> = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      paths.push(...pathsOf(v, [...prefix, k]));
    }
  }
  return paths;
}

function replaced(value: any, path: Array<string | number>, by: unknown): any {
  if (!path.length) return by;
  const copy = Array.isArray(value) ? [...value] : { ...value };
  copy[path[0]] = replaced(value[path[0]], path.slice(1), by);
  return copy;
}

/**
 * A valid body with one part replaced by anything JSON can carry (or
 * removed), and now and then something else altogether: what a sender
 * with a bug, a new version or a hostile intent might post.
 */
const mutationsOf = (valid: object) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({
          path: fc.constantFrom(...pathsOf(valid).filter(p => p.length)),
          by: fc.oneof(
            fc.jsonValue(),
            fc.constant(undefined),
            fc.string().map(s => `${s}\u0000`),
            fc.constant('x'.repeat(70_000)),
          ),
        })
        .map(({ path, by }) => replaced(valid, path, by)),
    },
    { weight: 1, arbitrary: fc.jsonValue() },
    // The valid body itself now and then, so that every run sees both a
    // 2xx and a 4xx (few single mutations leave a body valid: by chance
    // alone, about one run in a hundred saw no 2xx).
    { weight: 1, arbitrary: fc.constant(valid) },
  );

describe.each(databases.eachSupportedId())('any input on %p', id => {
  let server: any;
  let knex: any;

  beforeAll(async () => {
    ({ server, knex } = await startPostmortemBackend(
      databases,
      id,
      {
        postmortem: {
          alertmanager: { token: 'am-token' },
          changes: { token: 'ci-token' },
          draft: { pollSeconds: 3600 },
        },
      },
      [alertmanagerModule],
    ));
  });

  /** A postmortem whose revision a refused update must not move. */
  let watched: string | undefined;
  /** Status classes seen by the current property, e.g. 2 and 4. */
  let seen = new Set<number>();
  beforeEach(() => {
    seen = new Set();
  });

  /**
   * Everything a refused request must leave as it was. Drafts that an
   * earlier, accepted request asked for run in the background and add
   * revisions and timeline entries of their own; those are not counted.
   */
  const state = async () => {
    const counts = [];
    for (const table of [
      'incidents',
      'incident_deliveries',
      'incident_alerts',
      'changes',
      'postmortems',
    ]) {
      const [row] = await knex(table).count('* as n');
      counts.push(`${table}=${Number(row.n)}`);
    }
    const [fromSources] = await knex('timeline_events')
      .where('origin_key', 'like', 'alertmanager:%')
      .count('* as n');
    counts.push(`alert timeline=${Number(fromSources.n)}`);
    const revisions = await knex('postmortems')
      .where({ id: watched ?? '' })
      .first('revision');
    counts.push(`watched revision=${revisions?.revision}`);
    return counts.join(' ');
  };
  /** 2xx or 4xx, never 5xx; a 4xx changes nothing. */
  async function check(send: () => Promise<request.Response>) {
    const before = await state();
    const res = await send();
    if (res.status >= 500) {
      throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    }
    if (res.status >= 400) {
      expect(await state()).toBe(before);
    }
    seen.add(Math.floor(res.status / 100));
    return res.status;
  }

  it('answers any Alertmanager webhook body with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(alertmanagerPayload), async body => {
        await check(() =>
          request(server)
            .post('/api/postmortem/webhooks/alertmanager')
            .set('authorization', 'Bearer am-token')
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? ''),
        );
      }),
      { numRuns: RUNS },
    );
    // The inputs reached both sides: accepted and refused.
    expect([...seen].sort()).toEqual([2, 4]);
  });

  it('answers any change body with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(change), async body => {
        await check(() =>
          request(server)
            .post('/api/postmortem/webhooks/changes')
            .set('authorization', 'Bearer ci-token')
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? ''),
        );
      }),
      { numRuns: RUNS },
    );
    // The inputs reached both sides: accepted and refused.
    expect([...seen].sort()).toEqual([2, 4]);
  });

  it('answers any declaration with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf(declaration), async body => {
        await check(() =>
          request(server)
            .post('/api/postmortem/incidents')
            .set(asUser(ALICE))
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? ''),
        );
      }),
      { numRuns: RUNS },
    );
    // The inputs reached both sides: accepted and refused.
    expect([...seen].sort()).toEqual([2, 4]);
  });

  it('answers any postmortem update with 2xx or 4xx', async () => {
    const declared = await request(server)
      .post('/api/postmortem/incidents')
      .set(asUser(ALICE))
      .send(declaration)
      .expect(201);
    const url = `/api/postmortem/postmortems/${declared.body.postmortem.humanId}`;
    // Its draft, asked for at declaration, runs first and only once.
    for (let i = 0; i < 100; i++) {
      const row = await knex('incidents')
        .where({ id: declared.body.incident.id })
        .first('draft_requested_at', 'draft_generated_at');
      if (row.draft_generated_at) break;
      await new Promise(r => setTimeout(r, 100));
    }
    watched = declared.body.postmortem.id;
    const update = {
      narrative: { summary: 'A summary', whatHappened: 'It broke.' },
      visibility: 'normal',
      roles: { technicalOwners: ['user:default/liam.chen'] },
    };
    await fc.assert(
      fc.asyncProperty(mutationsOf(update), async body => {
        const { revision } = (await request(server).get(url).set(asUser(ALICE)))
          .body;
        await check(() =>
          request(server)
            .patch(url)
            .set(asUser(ALICE))
            .set('If-Match', `"${revision}"`)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? ''),
        );
      }),
      { numRuns: RUNS },
    );
    // The inputs reached both sides: accepted and refused.
    expect([...seen].sort()).toEqual([2, 4]);
  });
});
