/** The catalog neighbourhood: `from` depends on (calls) `to`. */
export interface DependencyGraph {
  nodes: Array<{ entityRef: string; distance: number }>;
  edges: Array<{ from: string; to: string }>;
}

/** The dependency graph, walked both ways. */
export class Neighbourhood {
  private readonly undirected = new Map<string, Set<string>>();
  private readonly dependencies = new Map<string, Set<string>>();

  constructor(graph: DependencyGraph) {
    const link = (m: Map<string, Set<string>>, a: string, b: string) =>
      m.set(a, (m.get(a) ?? new Set()).add(b));
    for (const { from, to } of graph.edges) {
      link(this.undirected, from, to);
      link(this.undirected, to, from);
      link(this.dependencies, from, to);
    }
  }

  /** Shortest path from `start` to any of `targets`, both ends included. */
  pathTo(start: string, targets: Set<string>): string[] | undefined {
    const previous = new Map<string, string | undefined>([[start, undefined]]);
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      if (targets.has(node)) {
        const path = [node];
        for (let p = previous.get(node); p; p = previous.get(p))
          path.unshift(p);
        return path;
      }
      for (const next of this.undirected.get(node) ?? []) {
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    return undefined;
  }

  /** What `ref` calls directly. */
  dependenciesOf(ref: string): Set<string> {
    return this.dependencies.get(ref) ?? new Set();
  }

  /** The entities that call `ref` directly. */
  callersOf(ref: string): string[] {
    return [...this.dependencies]
      .filter(([, deps]) => deps.has(ref))
      .map(([caller]) => caller);
  }
}
