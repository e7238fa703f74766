import { createTestDatabases } from '../__testUtils__/databases';
import { LOOK_ALIKES } from './__fixtures__/secretCorpus';
import {
  ALICE,
  expectNothingRaw,
  LATER,
  line,
  LOOK_ALIKE_TEXT,
  secretBackend,
  SINGLE_LINE,
  TEXTS,
  URL_SAFE,
} from './__testUtils__/noSecretStored';

jest.setTimeout(300_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'no secret is stored or shown, incident and postmortem, on %p',
  id => {
    const { api, write, ok, readBack, scan } = secretBackend(databases, id);

    it('pushes the corpus through the incident, the narrative and the workflow, and none of it comes back raw', async () => {
      // An incident with links, then every writable text field.
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
            title: line(i + 3),
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
            title: line(i + 7),
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
            title: line(i + 11),
          })),
        }),
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
          reason: LATER[6],
        }),
      );
      // Refused by the review gates or accepted: either way the comment
      // must not be kept raw.
      await ok(
        write('post', `/postmortems/${pm}/transition`, pm, {
          to: 'in_review',
          comment: LATER[7],
        }),
        /^(2\d\d|409|422)$/,
      );

      await readBack(pm, incidentId);
      const result = await scan('postmortem');

      // The look-alikes in the narrative come back unchanged.
      const stored = await ok(api('get', `/postmortems/${pm}`));
      const summary: string = stored.body.narrative.summary;
      const changedLookAlikes = LOOK_ALIKES.filter(
        text => !summary.includes(text),
      );

      expectNothingRaw(result);
      expect(changedLookAlikes).toEqual([]);
    });
  },
);
