import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PostmortemApi, postmortemApiRef } from '../../api/PostmortemApi';
import { FakePostmortemApi } from '../../__testUtils__/FakePostmortemApi';
import { EntityPostmortemsContent } from './EntityPostmortemsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'checkout-team', lifecycle: 'production' },
};

const postmortem: Postmortem = {
  id: 'p1',
  incidentId: 'i1',
  humanId: 'INC-2026-0001',
  title: 'Checkout latency',
  severity: 'SEV2',
  templateId: 'default',
  templateVersion: 1,
  stage: 'cause_analysis',
  roles: { technicalOwners: [], reviewers: [], contributors: [] },
  narrative: {},
  attachments: [],
  deadlines: {},
  visibility: 'normal',
  revision: 1,
  entityRefs: ['component:default/checkout-service'],
  ownerRefs: ['group:default/checkout-team'],
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

function apiWith(
  list: PostmortemApi['listPostmortems'],
): [typeof postmortemApiRef, PostmortemApi] {
  const api = new FakePostmortemApi({ postmortems: [postmortem] });
  api.listPostmortems = list;
  return api.pair();
}

describe('EntityPostmortemsContent', () => {
  it('lists the postmortems of the entity and asks again with dependencies', async () => {
    const list = jest.fn(async () => ({ items: [postmortem], totalCount: 1 }));
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      { apis: [apiWith(list)] },
    );

    expect(
      await screen.findByRole('link', { name: 'INC-2026-0001' }),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(screen.getByText('Cause analysis')).toBeInTheDocument();
    expect(list).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout-service',
      includeDependencies: false,
    });

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Include incidents of dependencies',
      }),
    );
    expect(list).toHaveBeenLastCalledWith({
      entityRef: 'component:default/checkout-service',
      includeDependencies: true,
    });
  });

  it('says so when nothing touches the entity', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      { apis: [apiWith(async () => ({ items: [], totalCount: 0 }))] },
    );
    expect(
      await screen.findByText('No postmortems match.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityPostmortemsContent />
      </EntityProvider>,
      {
        apis: [
          apiWith(async () => {
            throw new Error('backend down');
          }),
        ],
      },
    );
    expect(await screen.findByText(/backend down/)).toBeInTheDocument();
  });
});
