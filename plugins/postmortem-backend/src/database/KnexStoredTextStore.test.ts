import { createTestDatabases } from '../__testUtils__/databases';
import { migratedDatabase } from '../__testUtils__/migratedDatabase';
import { newIncident } from '../__testUtils__/newIncident';
import { KnexPostmortemStore } from './KnexPostmortemStore';
import { KnexStoredTextStore, StoredTextPage } from './KnexStoredTextStore';

const databases = createTestDatabases();
const author = { author: 'user:default/ada.okafor' };

describe.each(databases.eachSupportedId())('KnexStoredTextStore on %p', id => {
  it('records each redaction pass once', async () => {
    const knex = await migratedDatabase(databases, id);
    const text = new KnexStoredTextStore(knex);
    expect(await text.hasPass(1)).toBe(false);
    await text.recordPass(1, 12);
    await text.recordPass(1, 0);
    expect(await text.hasPass(1)).toBe(true);
    expect(await text.hasPass(2)).toBe(false);
    const passes = await knex('redaction_passes');
    expect(passes).toHaveLength(1);
    expect(passes[0]).toMatchObject({ version: 1, values_changed: 12 });
  });

  it('reads every text table a page at a time and updates a row only as read', async () => {
    const knex = await migratedDatabase(databases, id);
    const store = KnexPostmortemStore.create(knex);
    const text = new KnexStoredTextStore(knex);
    const { postmortem } = await store.createIncident(newIncident('Stored'));
    for (const n of [1, 2, 3]) {
      await store.addSubRecord(
        'timeline',
        postmortem.id,
        {
          occurredAt: `2026-01-05T09:0${n}:00.000Z`,
          kind: 'action',
          text: `Step ${n}`,
        },
        author,
      );
    }

    const pages: StoredTextPage[] = [];
    for await (const page of text.pages(2)) pages.push(page);
    const timeline = pages.filter(p => p.table === 'timeline_events');
    expect(timeline.map(p => p.rows.length)).toEqual([2, 1]);
    expect(timeline[0].keys).toEqual(['id']);
    const tables = new Set(pages.map(p => p.table));
    for (const table of ['incidents', 'postmortems', 'revisions', 'history']) {
      expect(tables).toContain(table);
    }
    const revisions = pages.find(p => p.table === 'revisions')!;
    expect(revisions.keys).toEqual(['postmortem_id', 'revision']);

    const page = timeline[0];
    const [row] = page.rows;
    // Written in between: the stale update does nothing.
    await knex('timeline_events')
      .where({ id: row.id })
      .update({ text: 'Edited' });
    await text.updateIfUnchanged(page, row, { text: 'Redacted' });
    expect(
      (await knex('timeline_events').where({ id: row.id }).first()).text,
    ).toBe('Edited');
    // As read: updated.
    const [, other] = page.rows;
    await text.updateIfUnchanged(page, other, { text: 'Redacted' });
    expect(
      (await knex('timeline_events').where({ id: other.id }).first()).text,
    ).toBe('Redacted');
  });
});
