import {
  EMPTY_FILTERS,
  filtersToParams,
  filtersToQuery,
  parseFilters,
  startOfDay,
  startOfNextDay,
} from './filters';

describe('postmortem filters', () => {
  it('round-trips through the query string, dropping what is unknown', () => {
    const params = new URLSearchParams(
      'entityRef=component:default/a&ownerRef=group:default/sre&severity=SEV1&severity=SEV9&stage=in_review&stage=bogus&from=2026-11-01&to=yesterday&text=%20slow%20&sort=oldest',
    );
    const filters = parseFilters(params);
    expect(filters).toEqual({
      entityRef: 'component:default/a',
      ownerRef: 'group:default/sre',
      severity: ['SEV1'],
      stage: ['in_review'],
      from: '2026-11-01',
      to: '',
      text: 'slow',
      sort: 'oldest',
    });
    expect(filtersToParams(filters).toString()).toBe(
      'entityRef=component%3Adefault%2Fa&ownerRef=group%3Adefault%2Fsre&severity=SEV1&stage=in_review&from=2026-11-01&text=slow&sort=oldest',
    );
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
    expect(parseFilters(new URLSearchParams())).toEqual(EMPTY_FILTERS);
  });

  it('turns dates into whole local days and leaves the sort out of the query', () => {
    const query = filtersToQuery({
      ...EMPTY_FILTERS,
      severity: ['SEV2'],
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'oldest',
    });
    expect(query).toEqual({
      severity: ['SEV2'],
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
    });
    expect(startOfDay('nonsense')).toBeUndefined();
    expect(startOfNextDay('2026-12-31')).toBe(
      new Date(2027, 0, 1).toISOString(),
    );
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({});
  });
});
