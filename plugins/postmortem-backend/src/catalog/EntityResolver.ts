import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Lower-cased full ref: the form every table stores. */
export function normalizeRef(ref: string, defaultKind = 'component'): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/**
 * What the postmortem backend asks of the catalog: do these refs exist, who
 * owns them, and what do they depend on. Calls are made with the plugin's own
 * credentials; what a user may see is decided on postmortems, not entities.
 */
export class EntityResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly maxDependencyDepth = 3,
  ) {}

  private async fetch(refs: string[]): Promise<Map<string, Entity>> {
    const unique = [...new Set(refs)];
    const found = new Map<string, Entity>();
    if (!unique.length) return found;
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      if (entity) found.set(unique[i], entity);
    });
    return found;
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
    const unique = [...new Set(refs)];
    const found = new Map<string, Entity>();
    if (!unique.length) return found;
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      if (entity) found.set(unique[i], entity);
    });
    return found;
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
