import request from 'supertest';
import { waitFor } from '@postmortems/plugin-postmortem-node/testUtils';
import { asUser, startPostmortemBackend } from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = 'user:default/ada.okafor';

/**
 * An incident declared by hand is drafted at once, like one from an
 * alerting tool: the declaration nudges the draft job instead of waiting
 * for its next scheduled pass (an hour here).
 */
describe.each(databases.eachSupportedId())(
  'an incident declared by hand on %p',
  id => {
    let backend: Awaited<ReturnType<typeof startPostmortemBackend>>;
    beforeAll(async () => {
      backend = await startPostmortemBackend(databases, id, {
        postmortem: { draft: { frequency: '1h' } },
      });
    });
    afterAll(() => backend?.stop());

    it('gets its first draft within 5 s', async () => {
      const declared = await request(backend.server)
        .post('/api/postmortem/incidents')
        .set(asUser(ALICE))
        .send({
          title: 'Checkout declines cards',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout-service'],
        })
        .expect(201);
      const started = Date.now();
      const base = `/api/postmortem/postmortems/${declared.body.postmortem.humanId}`;
      const drafted = await waitFor(
        'the first draft',
        async () => {
          const pm = await request(backend.server).get(base).set(asUser(ALICE));
          return pm.body.narrative?.summary ? pm.body : undefined;
        },
        30_000,
      );
      expect((Date.now() - started) / 1000).toBeLessThan(5);
      expect(drafted.narrative.summary).toContain('Checkout declines cards');
    });
  },
);
