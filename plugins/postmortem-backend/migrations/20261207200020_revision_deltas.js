// @ts-check

/**
 * Revisions store the change from the revision before (a delta) instead of a
 * full snapshot of the postmortem: a one-word edit of a postmortem with a
 * thousand timeline entries stored all of them again, and snapshots were
 * most of the database. Existing snapshots are converted; readers replay
 * the deltas, so they still return full snapshots.
 *
 * The delta format is src/database/revisionDelta.ts. A migration must keep
 * doing what it did when it was written, so it carries its own copy of the
 * diff (up) and replay (down) rather than importing code that may change.
 */

/** @param {unknown} v */
const isObject = v => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @param {Array<string|number>} path
 * @param {any} before
 * @param {any} after
 * @param {any[]} out
 */
function diffAt(path, before, after, out) {
  if (before === after) return;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) out.push([[...path, key], after[key]]);
      else diffAt([...path, key], before[key], after[key], out);
    }
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) out.push([[...path, key]]);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = before.map(v => JSON.stringify(v));
    const b = after.map(v => JSON.stringify(v));
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (
      tail < a.length - head &&
      tail < b.length - head &&
      a[a.length - 1 - tail] === b[b.length - 1 - tail]
    ) {
      tail++;
    }
    const removed = a.length - head - tail;
    const added = b.length - head - tail;
    if (removed === 0 && added === 0) return;
    if (removed === added) {
      for (let i = head; i < head + added; i++) {
        diffAt([...path, i], before[i], after[i], out);
      }
      return;
    }
    out.push([path, head, removed, after.slice(head, head + added)]);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push([path, after]);
}

/** @param {any} before @param {any} after */
const diffJson = (before, after) => {
  /** @type {any[]} */
  const out = [];
  if (before === undefined) out.push([[], after]);
  else diffAt([], before, after, out);
  return out;
};

/** @param {any} value @param {any[]} delta */
function applyInPlace(value, delta) {
  let root = value;
  for (const operation of delta) {
    const path = operation[0];
    if (operation.length === 4) {
      let target = root;
      for (const key of path) target = target[key];
      target.splice(operation[1], operation[2], ...operation[3]);
      continue;
    }
    if (path.length === 0) {
      root = operation[1];
      continue;
    }
    let parent = root;
    for (const key of path.slice(0, -1)) parent = parent[key];
    const last = path[path.length - 1];
    if (operation.length === 1) delete parent[last];
    else {
      // An own property, also for a key named like __proto__.
      Object.defineProperty(parent, last, {
        value: operation[1],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return root;
}

/** Postmortems are converted this many at a time. */
const BATCH = 200;

/**
 * Calls `convert` with the revisions of each postmortem, in revision order,
 * a batch of postmortems at a time (keyset over the ids).
 *
 * @param {import('knex').Knex} knex
 * @param {string} column the column read
 * @param {(rows: any[]) => Promise<void>} convert
 */
async function eachPostmortem(knex, column, convert) {
  let after = '';
  for (;;) {
    const ids = (
      await knex('revisions')
        .distinct('postmortem_id')
        .where('postmortem_id', '>', after)
        .orderBy('postmortem_id')
        .limit(BATCH)
    ).map(r => r.postmortem_id);
    if (!ids.length) return;
    const rows = await knex('revisions')
      .whereIn('postmortem_id', ids)
      .orderBy(['postmortem_id', 'revision'])
      .select('postmortem_id', 'revision', column);
    /** @type {Map<string, any[]>} */
    const byPostmortem = new Map();
    for (const row of rows) {
      const list = byPostmortem.get(row.postmortem_id) ?? [];
      list.push(row);
      byPostmortem.set(row.postmortem_id, list);
    }
    for (const list of byPostmortem.values()) await convert(list);
    after = ids[ids.length - 1];
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('revisions', table => {
    table.text('delta').nullable();
  });
  await eachPostmortem(knex, 'snapshot', async rows => {
    /** @type {any} */
    let previous = undefined;
    for (const row of rows) {
      const snapshot = JSON.parse(row.snapshot);
      await knex('revisions')
        .where({ postmortem_id: row.postmortem_id, revision: row.revision })
        .update({ delta: JSON.stringify(diffJson(previous, snapshot)) });
      previous = snapshot;
    }
  });
  await knex.schema.alterTable('revisions', table => {
    table.dropColumn('snapshot');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('revisions', table => {
    table.text('snapshot').nullable();
  });
  await eachPostmortem(knex, 'delta', async rows => {
    /** @type {any} */
    let snapshot = undefined;
    for (const row of rows) {
      snapshot = applyInPlace(snapshot, JSON.parse(row.delta));
      await knex('revisions')
        .where({ postmortem_id: row.postmortem_id, revision: row.revision })
        .update({ snapshot: JSON.stringify(snapshot) });
    }
  });
  await knex.schema.alterTable('revisions', table => {
    table.dropColumn('delta');
  });
};
