/**
 * Revisions are stored as the change from the revision before, not as full
 * snapshots: a snapshot repeats the whole postmortem (every timeline entry,
 * every item) for a one-word edit, which made the revisions table most of
 * the database. A delta is a list of operations on JSON values:
 *
 * - `[path, value]` sets the value at path (the root when path is empty);
 * - `[path]` removes the object key at path;
 * - `[path, start, removeCount, items]` splices the array at path.
 *
 * Revision 1 is a set of the root, so replaying a postmortem's deltas in
 * order gives any revision's full snapshot; every 32nd revision after it
 * sets the root again (a keyframe, see KnexRevisionStore), so a replay can
 * start there.
 *
 * migrations/20261207200020_revision_deltas.js keeps a frozen copy of this
 * format to convert the snapshots stored before; change both or neither.
 */
export type JsonPath = Array<string | number>;
export type DeltaOperation =
  | [path: JsonPath, value: unknown]
  | [path: JsonPath]
  | [path: JsonPath, start: number, removeCount: number, items: unknown[]];
export type RevisionDelta = DeltaOperation[];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The operations that turn `before` into `after` (both plain JSON). */
export function diffJson(before: unknown, after: unknown): RevisionDelta {
  const operations: RevisionDelta = [];
  if (before === undefined) {
    operations.push([[], after]);
  } else {
    diffAt([], before, after, operations);
  }
  return operations;
}

function diffAt(
  path: JsonPath,
  before: unknown,
  after: unknown,
  out: RevisionDelta,
) {
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
    diffArray(path, before, after, out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push([path, after]);
  }
}

/**
 * Common head and tail are kept; a middle of equal length is diffed item by
 * item (an edited remediation item stores its changed field only), any
 * other middle is one splice (added or removed entries).
 */
function diffArray(
  path: JsonPath,
  before: unknown[],
  after: unknown[],
  out: RevisionDelta,
) {
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
}

/** `value` with the delta applied; `value` itself is left unchanged. */
export function applyDelta<T = unknown>(
  value: unknown,
  delta: RevisionDelta,
): T {
  const copy = value === undefined ? undefined : structuredClone(value);
  return applyInPlace(copy, structuredClone(delta)) as T;
}

/**
 * The value at the end of a chain of deltas, from nothing. The deltas are
 * consumed (their values become part of the result), so pass freshly
 * parsed ones.
 */
/** Whether a delta sets the whole value (revision 1, or a keyframe). */
export const setsWholeValue = (delta: RevisionDelta | undefined) =>
  delta?.length === 1 && delta[0][0].length === 0 && delta[0].length === 2;

export function replayDeltas<T = unknown>(
  deltas: RevisionDelta[],
): T | undefined {
  let value: unknown = undefined;
  for (const delta of deltas) value = applyInPlace(value, delta);
  return value as T | undefined;
}

/** Sets an own property, also one named like `__proto__`. */
const setOwn = (target: any, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });

function applyInPlace(value: unknown, delta: RevisionDelta): unknown {
  let root = value;
  for (const operation of delta) {
    const [path] = operation;
    if (path.length === 0 && operation.length !== 4) {
      if (operation.length !== 2) {
        throw new Error('A revision delta cannot remove the root');
      }
      root = operation[1];
      continue;
    }
    if (operation.length === 4) {
      const [, start, removeCount, items] = operation;
      let target: any = root;
      for (const key of path) target = target?.[key];
      if (!Array.isArray(target)) {
        throw new Error(
          `A revision delta splices a non-array ${path.join('.')}`,
        );
      }
      target.splice(start, removeCount, ...items);
      continue;
    }
    let parent: any = root;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    if (parent === null || typeof parent !== 'object') {
      throw new Error(`A revision delta names a missing ${path.join('.')}`);
    }
    const last = path[path.length - 1];
    if (operation.length === 1) delete parent[last];
    else setOwn(parent, last, operation[1]);
  }
  return root;
}
