import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from '../database/KnexPostmortemStore';
import { KnexVerificationStore } from '../database/KnexVerificationStore';
import { Redactor } from '../redaction/Redactor';
import { RemediationVerifier } from './RemediationVerifier';

const databases = createTestDatabases();
const TOKEN = 'ghp_R8x2Kd9QmZp4Lw7Vt1Ny6Hs3Jc5Fb0Ag2EuXo';

describe.each(databases.eachSupportedId())('RemediationVerifier on %p', id => {
  it('masks a secret in what a verifier answered before it is stored', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const { postmortem } = await store.createIncident(newIncident('Verify'));
    const item = await store.addSubRecord(
      'remediation',
      postmortem.id,
      {
        title: 'Alert on pool exhaustion',
        impact: 3,
        probability: 3,
        horizon: 'short',
        status: 'done',
        verification: {
          kind: 'prometheus',
          query: 'pool_waiting',
          comparator: '<',
          threshold: 1,
        },
      },
      { author: 'user:default/ada.okafor' },
    );
    const verifier = new RemediationVerifier(
      new KnexVerificationStore(knex),
      store,
      [
        {
          kind: 'prometheus',
          // A tool that echoes its request, credentials included.
          verify: async () => ({
            passed: false,
            detail: `401 from https://prom.example?token=${TOKEN}`,
          }),
        },
      ],
      Redactor.create(),
      undefined,
      mockServices.logger.mock(),
    );

    await verifier.run();

    const [stored] = await store.listSubRecords('remediation', postmortem.id);
    expect(stored.id).toBe(item.id);
    expect(stored.status).toBe('open');
    expect(stored.lastCheck?.detail).toContain('401 from');
    expect(JSON.stringify(await knex('remediation_items'))).not.toContain(
      TOKEN,
    );
  });
});
