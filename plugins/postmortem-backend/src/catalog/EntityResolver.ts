import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Lower-cased full ref: the form every table stores. */
export function normalizeRef(ref: string, defaultKind = 'component'): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/**
 * The system each entity belongs to, by lower-cased ref: its spec.system,
 * in the entity's namespace unless it names another. Entities without one
 * (or with one that is no ref) are left out.
 */
export function systemsOfEntities(
  entities: Iterable<Entity>,
): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const entity of entities) {
    const system = entity.spec?.system;
    if (typeof system !== 'string' || !system) continue;
    try {
      const ref = parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      map.set(
        stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
      );
    } catch {
      // Not a ref: the entity counts under no system.
    }
  }
  return map;
}

/** Values kept for a while, at most `max` of them (the oldest go first). */
class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(private readonly ttlMs: number, private readonly max = 10_000) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T) {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, { at: Date.now(), value });
  }

  delete(key: string) {
    this.entries.delete(key);
  }
}

/**
 * What the postmortem backend asks of the catalog: do these refs exist, who
 * owns them, and what do they depend on. Calls are made with the plugin's own
 * credentials; what a user may see is decided on postmortems, not entities.
 */
export class EntityResolver {
  /** Entities (owner and relations) found recently, by ref. */
  private readonly entityCache: TtlCache<Entity>;
  /** Entities with their annotations found recently, by ref. */
  private readonly annotatedCache: TtlCache<Entity>;
  /** Refs an annotation or name hint resolved to recently. */
  private readonly hintCache: TtlCache<Promise<string[]>>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly maxDependencyDepth = 3,
    /**
     * How long what the catalog answered is used again. Every webhook,
     * declaration and draft asks about the same few entities; each ask was
     * a request through the catalog's router, its permission check and its
     * database (a third of a webhook's CPU under load). The catalog itself
     * refreshes an entity every few minutes, so this adds little to how
     * late a change is seen. An entity not found is asked again each time,
     * so one that was just added is found at once.
     */
    private readonly cacheMs = 30_000,
  ) {
    this.entityCache = new TtlCache(cacheMs);
    this.annotatedCache = new TtlCache(cacheMs);
    this.hintCache = new TtlCache(cacheMs);
  }

  /** Found entities by ref, from the cache or else in one catalog call. */
  private async fetchCached(
    refs: string[],
    cache: TtlCache<Entity>,
    fields: string[],
  ): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    const missing: string[] = [];
    for (const ref of new Set(refs)) {
      const entity = cache.get(ref);
      if (entity) found.set(ref, entity);
      else missing.push(ref);
    }
    if (!missing.length) return found;
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: missing, fields },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      if (!entity) return;
      cache.set(missing[i], entity);
      found.set(missing[i], entity);
    });
    // In the order asked, as the catalog answers.
    return new Map(
      [...new Set(refs)]
        .filter(ref => found.has(ref))
        .map(ref => [ref, found.get(ref)!]),
    );
  }

  private async fetch(refs: string[]): Promise<Map<string, Entity>> {
    return this.fetchCached(refs, this.entityCache, [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'spec.owner',
      'relations',
    ]);
  }

  /** A hint's refs, asked once per key while cached (also while in flight). */
  private cachedHint(
    key: string,
    resolve: () => Promise<string[]>,
  ): Promise<string[]> {
    const cached = this.hintCache.get(key);
    if (cached) return cached.then(refs => [...refs]);
    const pending = resolve();
    this.hintCache.set(key, pending);
    pending.catch(() => this.hintCache.delete(key));
    return pending.then(refs => [...refs]);
  }

  /**
   * Normalizes refs and checks each exists; an unknown ref is a 400 that
   * names the field and the ref.
   */
  async requireExisting(
    field: string,
    refs: string[],
    defaultKind = 'component',
  ): Promise<string[]> {
    const normalized = refs.map(ref => {
      try {
        return normalizeRef(ref, defaultKind);
      } catch {
        throw new InputError(`${field}: '${ref}' is not an entity ref`);
      }
    });
    const found = await this.fetch(normalized);
    const missing = normalized.filter(r => !found.has(r));
    if (missing.length) {
      throw new InputError(
        `${field}: no catalog entity ${missing.map(m => `'${m}'`).join(', ')}`,
      );
    }
    return normalized;
  }

  /**
   * Entities whose annotation has the given value, e.g. the components an
   * alert's `service` label points at through `postmortem.io/alert-service`.
   */
  async findByAnnotation(annotation: string, value: string): Promise<string[]> {
    return this.cachedHint(
      JSON.stringify(['annotation', annotation, value]),
      async () => {
        const { items } = await this.catalog.getEntities(
          {
            filter: { [`metadata.annotations.${annotation}`]: value },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials: await this.auth.getOwnServiceCredentials() },
        );
        return items
          .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'))
          .sort();
      },
    );
  }

  /**
   * Entities an alerting tool's hint names: those whose annotation has the
   * value and, when none has and `byName` is set, the component, resource
   * or system of that name (an alert labelled `service=checkout-service`
   * in a catalog where nobody annotated `checkout-service`).
   */
  async findByHint(
    annotation: string,
    value: string,
    byName: boolean,
  ): Promise<string[]> {
    const annotated = await this.findByAnnotation(annotation, value);
    if (annotated.length || !byName || !/^[\w.-]{1,63}$/.test(value)) {
      return annotated;
    }
    return this.cachedHint(JSON.stringify(['name', value]), async () => {
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            kind: ['Component', 'Resource', 'System'],
            'metadata.name': value,
          },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      return items
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'))
        .sort();
    });
  }

  /** Refs of the components, resources and APIs that belong to a system. */
  async partsOfSystem(systemRef: string): Promise<string[]> {
    const system = parseEntityRef(systemRef, {
      defaultKind: 'system',
      defaultNamespace: 'default',
    });
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          'spec.system': [system.name, stringifyEntityRef(system)],
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items
      .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'))
      .sort();
  }

  private systemsCache?: {
    at: number;
    systems: Promise<ReadonlyMap<string, string>>;
  };

  /**
   * The system each catalog entity belongs to now (its spec.system, in the
   * entity's namespace unless it names another), by lower-cased ref: what
   * scorecards grouped by system map affected entities through. One
   * catalog call for all of them, used again for a while (at least a
   * minute: a scorecard page asks for its rows and its durations at once).
   */
  async entitySystems(): Promise<ReadonlyMap<string, string>> {
    const ttl = Math.max(this.cacheMs, 60_000);
    if (this.systemsCache && Date.now() - this.systemsCache.at < ttl) {
      return this.systemsCache.systems;
    }
    const systems = (async () => {
      const { items } = await this.catalog.getEntities(
        {
          filter: { 'spec.system': CATALOG_FILTER_EXISTS },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.system',
          ],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      return systemsOfEntities(items);
    })();
    this.systemsCache = { at: Date.now(), systems };
    systems.catch(() => {
      if (this.systemsCache?.systems === systems) this.systemsCache = undefined;
    });
    return systems;
  }

  /** Annotations of the given entities, for collectors that query by them. */
  async annotationsOf(
    refs: string[],
  ): Promise<Map<string, Record<string, string>>> {
    const found = await this.fetchWithAnnotations(refs);
    return new Map(
      [...found].map(([ref, e]) => [ref, e.metadata.annotations ?? {}]),
    );
  }

  private async fetchWithAnnotations(refs: string[]) {
    return this.fetchCached(refs, this.annotatedCache, [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.annotations',
    ]);
  }

  private personNamesCache?: { at: number; names: string[] };
  private usersCache?: {
    at: number;
    users: Array<{ ref: string; keys: string[] }>;
  };

  /**
   * The catalog user an alerting tool names by e-mail address, display
   * name or user name (case-insensitive); undefined when none matches.
   */
  async userRefOf(nameOrEmail: string): Promise<string | undefined> {
    if (!this.usersCache || Date.now() - this.usersCache.at > 300_000) {
      const { items } = await this.catalog.getEntities(
        {
          filter: { kind: 'User' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.profile.displayName',
            'spec.profile.email',
          ],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      this.usersCache = {
        at: Date.now(),
        users: items.map(u => {
          const profile = (u.spec?.profile ?? {}) as {
            displayName?: string;
            email?: string;
          };
          return {
            ref: stringifyEntityRef(u).toLocaleLowerCase('en-US'),
            keys: [u.metadata.name, profile.displayName, profile.email]
              .filter((k): k is string => typeof k === 'string')
              .map(k => k.trim().toLocaleLowerCase('en-US')),
          };
        }),
      };
    }
    const wanted = nameOrEmail.trim().toLocaleLowerCase('en-US');
    return this.usersCache.users.find(u => u.keys.includes(wanted))?.ref;
  }

  /**
   * Names and display names of the catalog's users, for the blameless
   * language check; refreshed every five minutes.
   */
  async personNames(): Promise<string[]> {
    if (
      this.personNamesCache &&
      Date.now() - this.personNamesCache.at < 300_000
    ) {
      return this.personNamesCache.names;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'User' },
        fields: ['metadata.name', 'spec.profile.displayName'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const names = items.flatMap(u => {
      const display = (u.spec?.profile as { displayName?: string } | undefined)
        ?.displayName;
      return [u.metadata.name, ...(display ? [display] : [])];
    });
    this.personNamesCache = { at: Date.now(), names };
    return names;
  }

  /** Owners of the given entities; a group stands for itself. */
  async ownersOf(refs: string[]): Promise<string[]> {
    const found = await this.fetch(refs);
    const owners = new Set<string>();
    for (const [ref, entity] of found) {
      if (entity.kind.toLocaleLowerCase('en-US') === 'group') owners.add(ref);
      for (const relation of entity.relations ?? []) {
        if (relation.type === RELATION_OWNED_BY) {
          owners.add(relation.targetRef.toLocaleLowerCase('en-US'));
        }
      }
      if (!entity.relations?.length && typeof entity.spec?.owner === 'string') {
        owners.add(normalizeRef(entity.spec.owner, 'group'));
      }
    }
    return [...owners].sort();
  }

  /**
   * The entity and everything it depends on, breadth first, with distance in
   * hops, up to the configured depth.
   */
  async dependencyClosure(
    ref: string,
  ): Promise<Array<{ entityRef: string; distance: number }>> {
    return (await this.dependencyGraph([ref])).nodes;
  }

  /**
   * The neighbourhood of some entities: every entity they reach through
   * dependsOn within the configured depth, and their direct callers
   * (dependencyOf), a change to which can overload them; with distances
   * and the edges (`from` depends on `to`) between them.
   */
  async dependencyGraph(
    refs: string[],
    options: { callers?: boolean } = {},
  ): Promise<{
    nodes: Array<{ entityRef: string; distance: number }>;
    edges: Array<{ from: string; to: string }>;
  }> {
    const seen = new Map<string, number>(refs.map(r => [normalizeRef(r), 0]));
    const edges: Array<{ from: string; to: string }> = [];
    let frontier = [...seen.keys()];
    // The first level fetched is the seeds: their callers come from it too.
    let seeds = new Map<string, Entity>();
    for (
      let depth = 1;
      depth <= this.maxDependencyDepth && frontier.length;
      depth++
    ) {
      const entities = await this.fetch(frontier);
      if (depth === 1) seeds = entities;
      const next: string[] = [];
      for (const [from, entity] of entities) {
        for (const relation of entity.relations ?? []) {
          if (relation.type !== RELATION_DEPENDS_ON) continue;
          const to = relation.targetRef.toLocaleLowerCase('en-US');
          edges.push({ from, to });
          if (!seen.has(to)) {
            seen.set(to, depth);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    if (options.callers && this.maxDependencyDepth < 1) {
      seeds = await this.fetch([...seen.keys()]);
    }
    for (const [to, entity] of options.callers ? seeds : []) {
      for (const relation of entity.relations ?? []) {
        if (relation.type !== RELATION_DEPENDENCY_OF) continue;
        const from = relation.targetRef.toLocaleLowerCase('en-US');
        edges.push({ from, to });
        if (!seen.has(from)) seen.set(from, 1);
      }
    }
    return {
      nodes: [...seen].map(([entityRef, distance]) => ({
        entityRef,
        distance,
      })),
      edges,
    };
  }
}
