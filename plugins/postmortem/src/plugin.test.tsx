import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import { postmortemPlugin } from './plugin';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('postmortemPlugin', () => {
  it('offers an overview card for the kinds incidents land on', () => {
    const card = postmortemPlugin.getExtension('entity-card:postmortem');
    const filter = createExtensionTester(card).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    for (const kind of ['Component', 'System', 'Resource', 'Group']) {
      expect(filter(entity(kind))).toBe(true);
    }
    expect(filter(entity('API'))).toBe(false);
    expect(filter(entity('User'))).toBe(false);
  });

  it('offers postmortems as a result type of the search page', () => {
    const type = postmortemPlugin.getExtension(
      'search-filter-result-type:postmortem/postmortem',
    );
    expect(
      createExtensionTester(type).get(
        SearchFilterResultTypeBlueprint.dataRefs.resultType,
      ),
    ).toMatchObject({ value: 'postmortem', name: 'Postmortems' });
    expect(
      postmortemPlugin.getExtension('search-filter:postmortem/postmortem'),
    ).toBeDefined();
  });
});
