import type { Entity } from '@backstage/catalog-model';

/**
 * The benchmark's data set. The sizes are for PostgreSQL; the
 * embedded SQLite gets a tenth. `POSTMORTEM_BENCHMARK_SCALE` shrinks both
 * (0.01 while developing), except the hot entity's 500 postmortems, which
 * the entity tab is measured with at any scale.
 */
export interface Sizes {
  incidents: number;
  timelinePerIncident: number;
  remediationPerIncident: number;
  revisionsPerPostmortem: number;
  entities: number;
  /** Postmortems on the one entity whose tab is measured. */
  hotEntityPostmortems: number;
  /** That entity; HOT_ENTITY unless the portal's own catalog is used. */
  hotEntity?: string;
  hotEntityOwner?: string;
}

export function sizesFor(engine: 'pg' | 'sqlite', scale: number): Sizes {
  const base = engine === 'pg' ? 100_000 : 10_000;
  const incidents = Math.max(600, Math.round(base * scale));
  return {
    incidents,
    timelinePerIncident: 10,
    remediationPerIncident: 3,
    revisionsPerPostmortem: 5,
    entities: Math.max(210, Math.round(5_000 * Math.min(1, scale * 10))),
    hotEntityPostmortems: 500,
  };
}

/** A small deterministic generator, so every run seeds the same data. */
export function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

export const LAYERS = 7; // six hops from the edge to the deepest dependency
export const TEAMS = 100;
export const SYSTEMS = 50;

export const componentRef = (n: number) => `component:default/svc-${n}`;
export const teamRef = (n: number) => `group:default/team-${n}`;
export const systemRef = (n: number) => `system:default/sys-${n}`;
export const layerOf = (n: number, entities: number) =>
  Math.floor((n * LAYERS) / entities);
/** The team that owns a component. */
export const ownerOf = (n: number) => teamRef(n % TEAMS);
/** The entity whose tab is measured: hot, at the edge of the graph. */
export const HOT_ENTITY = componentRef(0);

/**
 * Components in seven layers; each depends on two of the next layer, so the
 * graph is six hops deep. With the relations the catalog would add.
 */
export function catalogEntities(count: number): Entity[] {
  const perLayer = Math.ceil(count / LAYERS);
  const rnd = random(7);
  const entities: Entity[] = [];
  for (let n = 0; n < count; n++) {
    const layer = layerOf(n, count);
    const dependsOn =
      layer < LAYERS - 1
        ? [0, 1].map(() =>
            Math.min(count - 1, (layer + 1) * perLayer + rnd.int(perLayer)),
          )
        : [];
    const [, name] = componentRef(n).split('/');
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: ownerOf(n),
        system: systemRef(n % SYSTEMS),
        dependsOn: [...new Set(dependsOn)].map(componentRef),
      },
      relations: [
        { type: 'ownedBy', targetRef: ownerOf(n) },
        { type: 'partOf', targetRef: systemRef(n % SYSTEMS) },
        ...[...new Set(dependsOn)].map(d => ({
          type: 'dependsOn',
          targetRef: componentRef(d),
        })),
      ],
    });
  }
  for (let t = 0; t < TEAMS; t++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [],
    });
  }
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `sys-${s}`, namespace: 'default' },
      spec: { owner: teamRef(s % TEAMS) },
      relations: [{ type: 'ownedBy', targetRef: teamRef(s % TEAMS) }],
    });
  }
  // dependencyOf, as the catalog adds it for every dependsOn.
  const byRef = new Map(
    entities.map(e => [
      `${e.kind}:default/${e.metadata.name}`.toLocaleLowerCase('en-US'),
      e,
    ]),
  );
  for (const [ref, e] of byRef) {
    for (const r of e.relations ?? []) {
      if (r.type !== 'dependsOn') continue;
      byRef
        .get(r.targetRef)
        ?.relations?.push({ type: 'dependencyOf', targetRef: ref });
    }
  }
  return entities;
}

/** Words the narratives are made of; the text filter searches for them. */
export const WORDS = [
  'checkout',
  'latency',
  'database',
  'connection',
  'pool',
  'exhausted',
  'deployment',
  'rollback',
  'timeout',
  'queue',
  'backlog',
  'certificate',
  'expired',
  'memory',
  'leak',
  'replica',
  'failover',
  'cache',
  'stampede',
  'retry',
  'storm',
  'throttling',
  'customers',
  'orders',
  'payments',
  'degraded',
  'errors',
  'alert',
  'paged',
  'mitigated',
];
/** A word no narrative contains: the text filter's worst case. */
export const RARE_WORD = 'zeppelin';

export function sentence(rnd: ReturnType<typeof random>, words: number) {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rnd.pick(WORDS));
  return `${out.join(' ')}.`;
}
