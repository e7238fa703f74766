import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { postmortemPlugin } from '../../plugin';
import { catalogWithGroups, fakeWith } from '../../__testUtils__/fixtures';

const page = postmortemPlugin.getExtension('page:postmortem');

function renderPageAt(path: string, api = fakeWith()) {
  const tester = createExtensionTester(page, {
    apis: [mockApis.translation()],
  });
  return renderInTestApp(tester.reactElement(), {
    mountPath: '/postmortems',
    initialRouteEntries: [path],
    apis: [api.pair(), catalogWithGroups()],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('postmortem page routes', () => {
  it('lists postmortems at its root, each linking to its workspace', async () => {
    await renderPageAt('/postmortems');
    // The table renders slowly in jsdom.
    const link = await screen.findByRole(
      'link',
      { name: 'INC-2026-0001' },
      { timeout: 5000 },
    );
    expect(link).toHaveAttribute('href', '/postmortems/INC-2026-0001');
    expect(screen.getByText('Checkout latency')).toBeInTheDocument();

    await userEvent.click(link);
    expect(
      await screen.findByRole('tablist', {
        name: 'Postmortem workspace areas',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      'INC-2026-0001Checkout latency',
    );
  });

  it('opens the workspace of the postmortem in the path', async () => {
    const api = fakeWith();
    await renderPageAt('/postmortems/INC-2026-0001', api);
    expect(
      await screen.findByRole('tablist', {
        name: 'Postmortem workspace areas',
      }),
    ).toBeInTheDocument();
    expect(api.calls).toContainEqual(['getPostmortem', 'INC-2026-0001']);
  });

  it('shows list errors', async () => {
    await renderPageAt(
      '/postmortems',
      fakeWith().failWith('listPostmortems', new Error('offline')),
    );
    expect(
      await screen.findByText(/Could not load postmortems: offline/),
    ).toBeInTheDocument();
  });
});
