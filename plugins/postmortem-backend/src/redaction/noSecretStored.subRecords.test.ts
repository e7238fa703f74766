import { createTestDatabases } from '../__testUtils__/databases';
import {
  ALICE,
  expectNothingRaw,
  LATER,
  line,
  secretBackend,
  SHORT,
  SINGLE_LINE,
  TEXTS,
  URL_SAFE,
} from './__testUtils__/noSecretStored';

jest.setTimeout(300_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'no secret is stored or shown, timeline, evidence, causes, remediation and comments, on %p',
  id => {
    const { api, write, ok, readBack, scan } = secretBackend(databases, id);

    it('pushes the corpus through every part of a postmortem, and none of it comes back raw', async () => {
      // A postmortem whose own fields carry no secret (the incident's and
      // the narrative's are the postmortem file's).
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
            title: line(i),
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
              query: `rate(errors_total{note="${line(i + 5)}"}[5m])`,
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

      expect(ids).toEqual({
        timeline: expect.any(String),
        cause: expect.any(String),
        item: expect.any(String),
      });

      // Updates of every part, and the remaining text fields.
      await ok(
        write('patch', `/postmortems/${pm}/timeline/${ids.timeline}`, pm, {
          text: LATER[0],
        }),
      );
      await ok(
        write('patch', `/postmortems/${pm}/causes/${ids.cause}`, pm, {
          statement: LATER[1],
          rollbackPlan: LATER[2],
        }),
      );
      await ok(
        write('patch', `/postmortems/${pm}/remediation/${ids.item}`, pm, {
          title: SINGLE_LINE[9].text,
          description: LATER[3],
          acceptanceCriteria: LATER[4],
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
          { comment: LATER[5] },
        ),
      );

      await readBack(pm, incidentId);
      expectNothingRaw(await scan('subRecords'));
    });
  },
);
