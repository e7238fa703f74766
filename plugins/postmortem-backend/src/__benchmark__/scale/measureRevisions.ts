import type { Knex } from 'knex';
import { KnexPostmortemStore } from '../../database/KnexPostmortemStore';
import type { DraftContent } from '../../database/PostmortemStore';
import { componentRef, ownerOf, random, sentence, WORDS } from './dataset';
import type { Result } from './report';

const AUTHOR = { author: 'user:default/responder-1' };

/**
 * Postmortems lived through the store, revision by revision (declared,
 * drafted, a section edited, an item done, the stage moved), and the bytes
 * each revision stores set against the size of the change it records: the
 * JSON of what changed in the postmortem's content. For the first revision
 * that is the whole content, since nothing came before it.
 */
export async function measureRevisionStorage(
  engine: 'pg' | 'sqlite',
  knex: Knex,
  postmortems: number,
): Promise<Result[]> {
  const store = KnexPostmortemStore.create(knex);
  const rnd = random(99);
  const kinds = ['created', 'drafted', 'section edited', 'item done', 'stage'];
  const changeBytes = kinds.map(() => 0);
  const ids: string[] = [];
  for (let n = 0; n < postmortems; n++) {
    const entity = componentRef(n);
    const roles = {
      incidentCommander: 'user:default/responder-1',
      technicalOwners: [],
      reviewers: ['user:default/reviewer-1'],
      contributors: [],
    };
    const { postmortem } = await store.createIncident({
      title: `${rnd.pick(WORDS)} on ${entity}`,
      severity: 'SEV2',
      status: 'resolved',
      entityRefs: [entity],
      responders: [],
      links: [],
      source: 'manual',
      externalIds: {},
      labels: {},
      postmortem: {
        templateId: 'default',
        templateVersion: 1,
        roles,
        narrative: {},
        visibility: 'normal',
        deadlines: {},
        ownerRefs: [ownerOf(n)],
      },
      author: AUTHOR.author,
    });
    ids.push(postmortem.id);
    changeBytes[0] += JSON.stringify(
      (await store.getSnapshot(postmortem.id, 1))!,
    ).length;

    const start = Date.UTC(2026, 10, 1, 10);
    const draft: DraftContent = {
      evidence: [],
      causes: [],
      timeline: Array.from({ length: 10 }, (_, i) => ({
        originKey: `t${i}`,
        occurredAt: new Date(start + i * 360_000).toISOString(),
        kind: 'observation' as const,
        source: 'benchmark',
        text: sentence(rnd, 12),
      })),
      remediation: Array.from({ length: 3 }, (_, i) => ({
        originKey: `r${i}`,
        title: sentence(rnd, 4),
        ownerRef: ownerOf(n),
        impact: 3,
        probability: 2,
        horizon: 'short' as const,
      })),
      narrative: { summary: sentence(rnd, 25), impact: sentence(rnd, 20) },
    };
    await store.applyDraft(postmortem.id, draft, 'postmortem-draft');
    const drafted = (await store.getSnapshot(postmortem.id, 2))!;
    changeBytes[1] += JSON.stringify({
      narrative: drafted.narrative,
      timeline: drafted.timeline,
      remediation: drafted.remediation,
    }).length;

    const summary = { narrative: { summary: sentence(rnd, 25) } };
    await store.updatePostmortem(postmortem.id, summary, AUTHOR);
    changeBytes[2] += JSON.stringify(summary).length;

    const [item] = await store.listSubRecords('remediation', postmortem.id);
    const done = { status: 'done' as const };
    await store.updateSubRecord(
      'remediation',
      postmortem.id,
      item.id,
      done,
      AUTHOR,
    );
    changeBytes[3] += JSON.stringify(done).length;

    const stage = { stage: 'investigation' as const };
    await store.updatePostmortem(postmortem.id, stage, AUTHOR);
    changeBytes[4] += JSON.stringify(stage).length;
  }

  const length = engine === 'pg' ? 'octet_length' : 'length';
  const stored = await knex('revisions')
    .whereIn('postmortem_id', ids)
    .groupBy('revision')
    .orderBy('revision')
    .select('revision', knex.raw(`sum(${length}(delta)) as bytes`));
  const storedBytes = kinds.map((_, i) =>
    Number(stored.find(r => Number(r.revision) === i + 1)?.bytes ?? 0),
  );
  // What full snapshots, the earlier format, would have stored.
  let snapshotBytes = 0;
  for (const id of ids) {
    for (let r = 1; r <= kinds.length; r++) {
      snapshotBytes += JSON.stringify(await store.getSnapshot(id, r)).length;
    }
  }
  const total = storedBytes.reduce((a, b) => a + b, 0);
  const change = changeBytes.reduce((a, b) => a + b, 0);
  const revisions = postmortems * kinds.length;
  const details: Record<string, number | string> = {
    'bytes per revision': total / revisions,
    'change bytes per revision': change / revisions,
    'full snapshot bytes per revision (earlier format)':
      snapshotBytes / revisions,
  };
  kinds.forEach((kind, i) => {
    details[`${kind}: stored/change`] = storedBytes[i] / changeBytes[i];
  });
  const ratio = total / change;
  return [
    {
      engine,
      name: `revision storage (${postmortems} postmortems × 5 revisions through the store)`,
      value: total / revisions,
      unit: 'bytes/revision',
      ratio,
      details,
      target: '≤ 2× the change recorded',
      pass: ratio <= 2,
    },
  ];
}

/** The revisions table's size on disk, per revision, for the whole data set. */
export async function revisionTableSize(
  engine: 'pg' | 'sqlite',
  knex: Knex,
): Promise<Result> {
  const [{ n }] = await knex('revisions').count({ n: '*' });
  let bytes: number;
  if (engine === 'pg') {
    const r = await knex.raw(
      "select pg_total_relation_size('revisions') as bytes",
    );
    bytes = Number(r.rows[0].bytes);
  } else {
    const r = await knex.raw(
      "select sum(pgsize) as bytes from dbstat where name in ('revisions', 'sqlite_autoindex_revisions_1')",
    );
    bytes = Number(r[0].bytes);
  }
  return {
    engine,
    name: 'revisions table on disk, whole data set',
    value: bytes / Number(n),
    unit: 'bytes/revision',
    details: { revisions: Number(n), MB: bytes / 1e6 },
    target: 'reported',
  };
}
