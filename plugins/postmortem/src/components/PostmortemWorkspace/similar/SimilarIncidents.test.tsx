import type { SimilarPostmortem } from '@postmortems/plugin-postmortem-common';
import { screen, within } from '@testing-library/react';
import {
  fakeWith,
  makePostmortem,
  renderWithApi,
} from '../../../__testUtils__/fixtures';
import { SimilarIncidents } from './SimilarIncidents';

const similar = (overrides: Partial<SimilarPostmortem>): SimilarPostmortem => ({
  id: 'pm-0',
  humanId: 'INC-2026-0003',
  title: 'Orders pool exhausted',
  severity: 'SEV2',
  stage: 'published',
  impactStartedAt: '2026-10-01T10:00:00Z',
  score: 0.67,
  sharedEntityRefs: ['component:default/checkout-service'],
  sameAlert: true,
  causes: [],
  remediation: { total: 0, open: 0, done: 0, verified: 0, overdue: 0 },
  ...overrides,
});

describe('SimilarIncidents', () => {
  it('links earlier postmortems with why they are alike, their causes and remediation', async () => {
    const api = fakeWith({
      similar: [
        similar({
          sharedCulpritKind: 'config',
          causes: [
            {
              type: 'direct',
              statement: 'Pool size set to 0',
              status: 'confirmed',
            },
          ],
          remediation: { total: 3, open: 1, done: 1, verified: 1, overdue: 1 },
        }),
        similar({
          id: 'pm-9',
          humanId: 'INC-2026-0001',
          title: 'Checkout slow',
          score: 0.5,
          sameAlert: false,
          sharedEntityRefs: [
            'component:default/checkout-service',
            'component:default/orders-db',
          ],
          causes: [
            { type: 'direct', statement: 'A', status: 'proposed' },
            { type: 'systemic', statement: 'B', status: 'supported' },
          ],
          remediation: { total: 1, open: 0, done: 1, verified: 0, overdue: 0 },
        }),
      ],
    });
    await renderWithApi(
      <SimilarIncidents postmortem={makePostmortem()} />,
      api,
    );

    const list = await screen.findByRole('list', {
      name: 'Similar earlier postmortems',
    });
    const [first, second] = Array.from(list.children) as HTMLElement[];
    expect(
      within(first).getByRole('link', { name: 'INC-2026-0003' }),
    ).toHaveAttribute('href', '/postmortems/INC-2026-0003');
    expect(first).toHaveTextContent(
      'Same entity: checkout-service · Same alert · Same kind of culprit: a configuration change',
    );
    expect(first).toHaveTextContent('67% alike');
    expect(first).toHaveTextContent('1 cause');
    expect(first).toHaveTextContent('Pool size set to 0 (Direct, Confirmed)');
    expect(first).toHaveTextContent(
      '3 remediation items: 2 done, 1 open, 1 overdue',
    );
    // Plurals by count.
    expect(second).toHaveTextContent(
      'Same entities: checkout-service, orders-db',
    );
    expect(second).toHaveTextContent('2 causes');
    expect(second).toHaveTextContent(
      '1 remediation item: 1 done, 0 open, 0 overdue',
    );
    expect(api.calls).toContainEqual(['listSimilarPostmortems', 'pm-1', 10]);
  });

  it('says so when nothing earlier resembles it, and shows errors', async () => {
    await renderWithApi(
      <SimilarIncidents postmortem={makePostmortem()} />,
      fakeWith(),
    );
    expect(
      await screen.findByText('No earlier postmortem resembles this one.'),
    ).toBeInTheDocument();
  });

  it('shows why it could not load them', async () => {
    const api = fakeWith().failWith(
      'listSimilarPostmortems',
      new Error('backend away'),
    );
    await renderWithApi(
      <SimilarIncidents postmortem={makePostmortem()} />,
      api,
    );
    expect(
      await screen.findByText(
        /Could not load the similar incidents: backend away/,
      ),
    ).toBeInTheDocument();
  });
});
