import { drillDownHref, filtersToQuery, parseFilters } from './filters';
import {
  binOf,
  dateRangeToInstants,
  defaultRange,
  formatDuration,
  percentChange,
  periodBounds,
  periodsBetween,
  pointsChange,
} from './scorecardFormat';
import type { ScorecardsT } from './translation';

// A stand-in for the translation function: English units, en-US numbers.
const t = ((key: string, options?: Record<string, string>) => {
  const messages: Record<string, string> = {
    numberLocale: 'en-US',
    'common.noData': 'n/a',
    'duration.seconds': '{{value}} s',
    'duration.minutes': '{{value}} min',
    'duration.hours': '{{value}} h',
    'duration.days': '{{value}} d',
  };
  return (messages[key] ?? key).replace(
    /{{(\w+)}}/g,
    (_, name) => options?.[name] ?? '',
  );
}) as unknown as ScorecardsT;

describe('formatDuration', () => {
  it.each([
    [null, 'n/a'],
    [0, '0 s'],
    [45, '45 s'],
    [59.6, '1 min'],
    [240, '4 min'],
    [3569, '59 min'],
    [3590, '1 h'],
    [9000, '2.5 h'],
    [86400 - 60, '1 d'],
    [86400 * 3, '3 d'],
    [86400 * 1.25, '1.3 d'],
  ])('formats %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds, t)).toBe(text);
  });
});

describe('periods', () => {
  it('bounds months, quarters and ISO weeks', () => {
    expect(periodBounds('2026-02')).toEqual({
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-03-01T00:00:00Z'),
    });
    expect(periodBounds('2026-Q4')).toEqual({
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    // ISO week 1 of 2026 starts on Monday 29 December 2025.
    expect(periodBounds('2026-W01')?.from).toEqual(
      new Date('2025-12-29T00:00:00Z'),
    );
    expect(periodBounds('2026-W10')?.from).toEqual(
      new Date('2026-03-02T00:00:00Z'),
    );
    expect(periodBounds('2026-W00')).toBeUndefined();
  });

  it('lists every month or quarter of a range', () => {
    const range = dateRangeToInstants('2025-11-15', '2026-02-28');
    expect(periodsBetween(range.from, range.to, 'month')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodsBetween(range.from, range.to, 'quarter')).toEqual([
      '2025-Q4',
      '2026-Q1',
    ]);
    expect(periodsBetween(range.from, range.to, 'week')).toEqual([]);
  });

  it('defaults to the last six months', () => {
    expect(defaultRange(new Date('2026-08-31T12:00:00Z'))).toEqual({
      from: '2026-03-03',
      to: '2026-08-31',
    });
  });
});

describe('changes', () => {
  it('computes whole percent and points', () => {
    expect(percentChange(672, 600)).toEqual({ kind: 'up', amount: 12 });
    expect(percentChange(4, 5)).toEqual({ kind: 'down', amount: 20 });
    expect(percentChange(5, 5)).toEqual({ kind: 'same' });
    expect(percentChange(5, 0)).toEqual({ kind: 'none' });
    expect(percentChange(5, null)).toEqual({ kind: 'none' });
    expect(pointsChange(0.75, 0.5)).toEqual({ kind: 'up', amount: 25 });
  });

  it('bins durations', () => {
    expect(binOf(60)).toBe(0);
    expect(binOf(300)).toBe(1);
    expect(binOf(30 * 86400)).toBe(6);
  });
});

describe('filters', () => {
  const now = new Date('2026-04-15T00:00:00Z');

  it('reads the query string and ignores what it does not know', () => {
    const filters = parseFilters(
      new URLSearchParams(
        'groupBy=owner&interval=bogus&severity=SEV1&severity=SEV9&from=2026-01-01T00:00:00Z&ownerRef=group:default/sre',
      ),
      now,
    );
    expect(filters).toEqual({
      groupBy: 'owner',
      interval: 'month',
      from: '2026-01-01',
      to: '2026-04-15',
      severity: ['SEV1'],
      ownerRef: 'group:default/sre',
      systemRef: '',
      entityRef: '',
      includeDependencies: false,
    });
    expect(filtersToQuery(filters, 'none')).toEqual({
      groupBy: 'none',
      interval: 'month',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-16T00:00:00.000Z',
      severity: ['SEV1'],
      ownerRef: 'group:default/sre',
      systemRef: undefined,
      entityRef: undefined,
      includeDependencies: undefined,
    });
  });

  it('links a row to the postmortems of its group and period', () => {
    const filters = parseFilters(
      new URLSearchParams('groupBy=owner&from=2026-01-10&to=2026-03-31'),
      now,
    );
    const href = drillDownHref('/postmortems', filters, {
      group: 'group:default/sre',
      period: '2026-01',
    });
    const [path, search] = href!.split('?');
    expect(path).toBe('/postmortems');
    expect(Object.fromEntries(new URLSearchParams(search))).toEqual({
      ownerRef: 'group:default/sre',
      // The period, cut to the chosen range.
      from: '2026-01-10T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
    });
    // The recurrence rate's link: only the repeats.
    const repeats = drillDownHref(
      '/postmortems',
      filters,
      { group: 'group:default/sre', period: '2026-01' },
      true,
    );
    expect(new URLSearchParams(repeats!.split('?')[1]).get('recurring')).toBe(
      'true',
    );
    expect(
      drillDownHref('/postmortems', filters, {
        group: 'unowned',
        period: '2026-01',
      }),
    ).toBeUndefined();
  });
});
