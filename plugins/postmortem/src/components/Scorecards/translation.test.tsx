import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import de from './de';
import { ScorecardsPage } from './ScorecardsPage';
import { fakeFetch, row } from './__testUtils__/fakes';
import { scorecardsTranslationRef } from './translation';

const placeholders = (message: string) =>
  (message.match(/{{\s*\w+\s*}}/g) ?? []).sort();

describe('scorecards translation', () => {
  // Not public API, but the only way to read the English defaults back.
  const english: Record<string, string> = (
    scorecardsTranslationRef as any
  ).getDefaultMessages();

  it('translates every message to German and keeps its placeholders', () => {
    expect(Object.keys(de.messages).sort()).toEqual(
      Object.keys(english).sort(),
    );
    for (const [key, message] of Object.entries(english)) {
      const german = (de.messages as Record<string, string | null>)[key];
      expect(typeof german).toBe('string');
      expect({ key, placeholders: placeholders(german!) }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });

  it('ships German as the default resource of its own ref', async () => {
    expect(scorecardsTranslationRef.id).toBe('postmortem-scorecards');
    const resource = (scorecardsTranslationRef as any).getDefaultResource();
    expect(resource.resources.map((r: any) => r.language)).toEqual(['de']);
    const loaded = await resource.resources[0].loader();
    expect(loaded.messages['actions.exportCsv']).toBe('CSV exportieren');
  });

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
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://localhost/api/postmortem' },
        ],
        [fetchApiRef, { fetch: fake.fetch }],
      ],
    });
    expect(
      await screen.findByRole('button', { name: 'CSV exportieren' }),
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
