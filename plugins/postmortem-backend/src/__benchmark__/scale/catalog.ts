import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  CatalogService,
} from '@backstage/plugin-catalog-node';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const lower = (v: unknown) => String(v).toLocaleLowerCase('en-US');

/** The values at a catalog filter key, e.g. `metadata.annotations.x/y`. */
function valuesAt(entity: Entity, key: string): string[] {
  for (const map of ['metadata.annotations.', 'metadata.labels.']) {
    if (key.startsWith(map)) {
      const values = (entity.metadata as any)[map.split('.')[1]] ?? {};
      const value = values[key.slice(map.length)];
      return value === undefined ? [] : [lower(value)];
    }
  }
  if (key.startsWith('relations.')) {
    const type = key.slice('relations.'.length);
    return (entity.relations ?? [])
      .filter(r => lower(r.type) === lower(type))
      .map(r => lower(r.targetRef));
  }
  let value: any = entity;
  for (const part of key.split('.')) value = value?.[part];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(lower);
}

type Filter = Record<string, string | string[] | symbol>;

function matches(entity: Entity, filter: Filter | Filter[] | undefined) {
  if (!filter) return true;
  const anyOf = Array.isArray(filter) ? filter : [filter];
  return anyOf.some(f =>
    Object.entries(f).every(([key, wanted]) => {
      const actual = valuesAt(entity, key);
      if (typeof wanted === 'symbol') return actual.length > 0;
      const want = (Array.isArray(wanted) ? wanted : [wanted]).map(lower);
      return actual.some(a => want.includes(a));
    }),
  );
}

/**
 * The data set's catalog in memory, answering the lookups the postmortem
 * backend makes (by ref, by filter) with a plain scan. The catalog mock of
 * the test utilities builds a search index of every entity for each query,
 * which at 5,000 entities made the catalog, not the product, the measured
 * cost; a real catalog answers these from indexed SQL.
 */
export function inMemoryCatalog(entities: Entity[]) {
  const mock = catalogServiceMock({ entities });
  // The data set's catalog does not change: each distinct filter is
  // answered once.
  const answers = new Map<string, Entity[]>();
  const byRef = new Map(entities.map(e => [lower(stringifyEntityRef(e)), e]));
  // Per filter key, the entities by value (built on first use), so that a
  // filter is answered from the few entities its most selective key
  // admits, as a catalog's indexed search would, not by a scan of all
  // 5,000: an alert storm names a new service in almost every alert.
  const byKey = new Map<string, Map<string, Entity[]>>();
  const indexOf = (key: string) => {
    let index = byKey.get(key);
    if (!index) {
      index = new Map();
      for (const e of entities) {
        for (const v of new Set(valuesAt(e, key))) {
          const list = index.get(v) ?? [];
          list.push(e);
          index.set(v, list);
        }
      }
      byKey.set(key, index);
    }
    return index;
  };
  // The entities that have one of the wanted values of the filter's most
  // selective key (sized from the index before any list is built).
  const candidates = (filter: Filter): Entity[] => {
    let best: Entity[][] | undefined;
    let bestSize = entities.length;
    for (const [key, wanted] of Object.entries(filter)) {
      if (typeof wanted === 'symbol') continue;
      const index = indexOf(key);
      const lists = (Array.isArray(wanted) ? wanted : [wanted]).map(
        w => index.get(lower(w)) ?? [],
      );
      const size = lists.reduce((n, l) => n + l.length, 0);
      if (size < bestSize) {
        best = lists;
        bestSize = size;
      }
    }
    return best ? best.flat() : entities;
  };
  const position = new Map(entities.map((e, n) => [e, n]));
  const catalog: CatalogService = Object.assign(Object.create(mock), {
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(r => byRef.get(lower(r))) };
    },
    async getEntities(request?: { filter?: Filter | Filter[] }) {
      const key = JSON.stringify(request?.filter ?? null);
      if (!answers.has(key)) {
        const filter = request?.filter;
        const scope = new Set(
          filter
            ? (Array.isArray(filter) ? filter : [filter]).flatMap(candidates)
            : entities,
        );
        answers.set(
          key,
          // In the catalog's order.
          [...scope]
            .filter(e => matches(e, filter))
            .sort((a, b) => position.get(a)! - position.get(b)!),
        );
      }
      return { items: answers.get(key)! };
    },
  });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}
