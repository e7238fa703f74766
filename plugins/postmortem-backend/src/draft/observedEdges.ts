import type { ObservedCalls } from '@postmortems/plugin-postmortem-node';
import type { DependencySnapshot } from '../database/PostmortemStore';

type Edge = DependencySnapshot['edges'][number];

const key = (from: string, to: string) =>
  `${from.toLocaleLowerCase('en-US')}\u0000${to.toLocaleLowerCase('en-US')}`;

/**
 * The dependency map's edges: the catalog's dependsOn edges, and the calls
 * tracing sources saw between entities of the map. Calls along a catalog
 * edge mark it observed; calls the catalog does not know become edges of
 * their own (`catalog: false`). Calls of one pair from several sources or
 * entities are summed; calls to or from an entity off the map, or of an
 * entity to itself, are left out.
 */
export function mergeObservedEdges(
  catalogEdges: Array<{ from: string; to: string }>,
  calls: ObservedCalls[],
  nodeRefs: string[],
): Edge[] {
  const onMap = new Map(nodeRefs.map(r => [r.toLocaleLowerCase('en-US'), r]));
  const edges = new Map<string, Edge>();
  for (const e of catalogEdges) {
    // Catalog edges stay as they were: `catalog` absent means true.
    edges.set(key(e.from, e.to), { from: e.from, to: e.to });
  }
  for (const c of calls) {
    const from = onMap.get(c.from.toLocaleLowerCase('en-US'));
    const to = onMap.get(c.to.toLocaleLowerCase('en-US'));
    if (!from || !to || from === to) continue;
    const k = key(from, to);
    const edge = edges.get(k) ?? { from, to, catalog: false };
    const seen = edge.observed ?? { count: 0, errors: 0, slow: 0 };
    edge.observed = {
      count: seen.count + c.count,
      errors: seen.errors + c.errors,
      slow: seen.slow + c.slow,
    };
    edges.set(k, edge);
  }
  return [...edges.values()];
}
