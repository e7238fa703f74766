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
