import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ScorecardsPage } from './ScorecardsPage';
import { fakeFetch, row, scorecardApis } from './__testUtils__/fakes';

// The messages live in the plugin's one translation ref, under
// `scorecards.`; translations/de.test.ts checks that German has them all.
describe('scorecards translation', () => {
  it('renders German when the app language is German', async () => {
    const fake = fakeFetch(() => [
      row('all', '2026-02', { incidents: 2, ttd: 600, ttr: 9000 }),
      row('all', '2026-03', {
        incidents: 4,
        ttd: 600,
        ttr: 9000,
        recurrence: 0.25,
      }),
    ]);
    await renderInTestApp(<ScorecardsPage />, {
      mountPath: '/scorecards',
      initialRouteEntries: [
        '/scorecards?from=2026-02-01&to=2026-03-31&interval=month',
      ],
      apis: [
        mockApis.appLanguage({
          defaultLanguage: 'de',
          availableLanguages: ['en', 'de'],
        }),
        ...scorecardApis(fake),
      ],
    });
    expect(
      await screen.findByRole(
        'button',
        { name: 'CSV exportieren' },
        // The German messages load lazily.
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Gruppieren nach')).toBeInTheDocument();
    expect(
      await screen.findAllByText('unverändert gegenüber dem vorigen Zeitraum'),
    ).not.toHaveLength(0);
    // German numbers and units: 9000 s is 2,5 Std.
    expect(screen.getAllByText('2,5 Std.').length).toBeGreaterThan(0);
    expect(screen.getByText('Wiederholungsrate')).toBeInTheDocument();
    expect(screen.getAllByText('25 %').length).toBeGreaterThan(0);
  });
});
