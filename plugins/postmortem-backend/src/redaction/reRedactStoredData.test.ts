import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { KnexStoredTextStore } from '../database/KnexStoredTextStore';
import { migrateDatabase } from '../database/migrateDatabase';
import { Redactor } from './Redactor';
import { REDACTION_VERSION, reRedactStoredData } from './reRedactStoredData';
import { LOOK_ALIKES, SECRET_SAMPLES } from './__fixtures__/secretCorpus';

jest.setTimeout(120_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'redacting data stored before the boundary, on %p',
  id => {
    it('redacts rows and revisions once per version, leaving look-alikes alone', async () => {
      const knex = await databases.init(id);
      await migrateDatabase({
        getClient: async () => knex,
        migrations: { skip: false },
      });
      // Stored raw, as an older version did.
      const raw = KnexPostmortemStore.create(knex);
      const samples = SECRET_SAMPLES.filter((_, i) => i % 5 === 0);
      const text = samples.map(s => s.text).join('\n\n');
      const { postmortem } = await raw.createIncident({
        title: samples[0].text.slice(0, 200),
        severity: 'SEV3',
        status: 'declared',
        entityRefs: ['component:default/checkout-service'],
        responders: [],
        links: [],
        source: 'manual',
        dedupKey: 'fp-1 instance 203.0.113.42',
        externalIds: {},
        labels: { detail: samples[1].text },
        postmortem: {
          templateId: 'default',
          templateVersion: 1,
          roles: { technicalOwners: [], reviewers: [], contributors: [] },
          narrative: { summary: `${text}\n\n${LOOK_ALIKES.join('\n\n')}` },
          visibility: 'normal',
          deadlines: {},
          ownerRefs: [],
        },
        author: 'user:default/ada.okafor',
      });
      await raw.addSubRecord(
        'timeline',
        postmortem.id,
        { occurredAt: '2026-11-20T10:00:00Z', kind: 'observation', text },
        { author: 'user:default/ada.okafor' },
      );
      await raw.recordChange({
        source: 'changes',
        eventId: 'e-1',
        entityRef: 'component:default/checkout-service',
        kind: 'deployment',
        description: text.slice(0, 2048),
        occurredAt: '2026-11-20T09:55:00Z',
      });
      const secrets = [...new Set(samples.map(s => s.secret))];
      const rawIn = async () => {
        const found = new Set<string>();
        for (const table of [
          'incidents',
          'postmortems',
          'revisions',
          'timeline_events',
          'changes',
          'history',
        ]) {
          const rows = JSON.stringify(await knex(table).select());
          for (const s of secrets) if (rows.includes(s)) found.add(s);
        }
        return found.size;
      };
      expect(await rawIn()).toBeGreaterThan(0);

      const logger = mockServices.logger.mock();
      const redactor = Redactor.create();
      const changed = await reRedactStoredData(
        new KnexStoredTextStore(knex),
        redactor,
        logger,
      );
      expect(changed).toBeGreaterThan(0);
      expect(await rawIn()).toBe(0);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(
            `^Redaction pass ${REDACTION_VERSION} over stored data: ${changed} values changed \\(.*revisions \\d+`,
          ),
        ),
      );
      const summary = (await raw.getPostmortem(postmortem.id))!.narrative
        .summary!;
      expect(LOOK_ALIKES.filter(l => !summary.includes(l))).toEqual([]);
      // The delivery key is hashed as the boundary would store it.
      const incident = await knex('incidents').first();
      expect(incident.dedup_key).toMatch(/^redacted-[0-9a-f]{32}$/);

      // Once per version.
      expect(
        await reRedactStoredData(
          new KnexStoredTextStore(knex),
          redactor,
          logger,
        ),
      ).toBeUndefined();
    });
  },
);
