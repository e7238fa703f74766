import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityResolver } from './EntityResolver';

const ref = (name: string) => `component:default/${name}`;

/** web → api → db; bff → api: relations both ways, as the catalog has them. */
function component(name: string, dependsOn: string[], dependencyOf: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/team', type: 'service', lifecycle: 'x' },
    relations: [
      ...dependsOn.map(n => ({ type: 'dependsOn', targetRef: ref(n) })),
      ...dependencyOf.map(n => ({ type: 'dependencyOf', targetRef: ref(n) })),
    ],
  } as Entity;
}

describe('EntityResolver.dependencyGraph', () => {
  const entities = [
    component('web', ['api'], []),
    component('bff', ['api'], []),
    component('api', ['db'], ['web', 'bff']),
    component('db', [], ['api']),
  ];

  it('walks dependencies and adds direct callers, reading each level once', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const resolver = new EntityResolver(catalog, mockServices.auth());
    const graph = await resolver.dependencyGraph([ref('api')], {
      callers: true,
    });
    expect(graph.nodes).toEqual(
      expect.arrayContaining([
        { entityRef: ref('api'), distance: 0 },
        { entityRef: ref('db'), distance: 1 },
        { entityRef: ref('web'), distance: 1 },
        { entityRef: ref('bff'), distance: 1 },
      ]),
    );
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { from: ref('api'), to: ref('db') },
        { from: ref('web'), to: ref('api') },
        { from: ref('bff'), to: ref('api') },
      ]),
    );
    // api, then db: the callers come from the first read.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('leaves callers out unless asked', async () => {
    const resolver = new EntityResolver(
      catalogServiceMock({ entities }),
      mockServices.auth(),
    );
    const graph = await resolver.dependencyGraph([ref('api')]);
    expect(graph.nodes.map(n => n.entityRef).sort()).toEqual(
      [ref('api'), ref('db')].sort(),
    );
  });
});

describe('EntityResolver caching', () => {
  const entities = [component('api', [], []), component('db', [], [])];

  it('asks the catalog once for entities found, again for those not found', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const resolver = new EntityResolver(catalog, mockServices.auth());
    expect(await resolver.ownersOf([ref('api')])).toEqual([
      'group:default/team',
    ]);
    expect(await resolver.requireExisting('entityRefs', [ref('api')])).toEqual([
      ref('api'),
    ]);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    // Unknown: a 400 each time, and asked each time (it may just be added).
    for (let i = 0; i < 2; i++) {
      await expect(
        resolver.requireExisting('entityRefs', [ref('nope')]),
      ).rejects.toThrow("no catalog entity 'component:default/nope'");
    }
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(3);
    // Only what is not cached is asked for.
    await resolver.ownersOf([ref('api'), ref('db')]);
    expect(getEntitiesByRefs).toHaveBeenLastCalledWith(
      expect.objectContaining({ entityRefs: [ref('db')] }),
      expect.anything(),
    );
  });

  it('asks again once the answer is older than the cache time', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const resolver = new EntityResolver(catalog, mockServices.auth(), 3, 0);
    await resolver.findByHint('postmortem.io/alert-service', 'api', true);
    await resolver.findByHint('postmortem.io/alert-service', 'api', true);
    // Annotation, then the name fallback, twice: nothing kept.
    expect(getEntities).toHaveBeenCalledTimes(4);
  });

  it('shares one catalog call between hints asked at once', async () => {
    const catalog = catalogServiceMock({ entities });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const resolver = new EntityResolver(catalog, mockServices.auth());
    const found = await Promise.all(
      [1, 2, 3].map(() =>
        resolver.findByHint('postmortem.io/alert-service', 'db', true),
      ),
    );
    expect(found[1]).toEqual(found[0]);
    expect(found[2]).toEqual(found[0]);
    expect(getEntities).toHaveBeenCalledTimes(2);
  });
});

describe('EntityResolver.entitySystems', () => {
  const entity = (
    kind: string,
    name: string,
    namespace: string,
    system?: string,
  ) =>
    ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name, namespace },
      spec: { type: 'service', ...(system ? { system } : {}) },
    } as Entity);

  it('maps entities to their systems now, namespaced as the catalog reads them, in one call a while', async () => {
    const catalog = catalogServiceMock({
      entities: [
        entity('Component', 'Cart', 'default', 'shop'),
        entity('Resource', 'db', 'ops', 'storage'),
        entity('API', 'pay-api', 'ops', 'system:default/payments'),
        entity('Component', 'orphan', 'default'),
      ],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const resolver = new EntityResolver(catalog, mockServices.auth());
    expect(Object.fromEntries(await resolver.entitySystems())).toEqual({
      'component:default/cart': 'system:default/shop',
      'resource:ops/db': 'system:ops/storage',
      'api:ops/pay-api': 'system:default/payments',
    });
    await resolver.entitySystems();
    expect(getEntities).toHaveBeenCalledTimes(1);
  });
});
