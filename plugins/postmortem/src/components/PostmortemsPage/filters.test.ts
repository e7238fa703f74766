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
      'entityRef=component:default/a&ownerRef=group:default/sre&severity=SEV1&severity=SEV9&stage=in_review&stage=bogus&from=2026-11-01&to=yesterday&text=%20slow%20&recurring=true&sort=oldest',
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
      recurring: true,
      // The address of old said "oldest first" like this.
      orderBy: 'impactStartedAt',
      order: 'asc',
    });
    expect(filtersToParams(filters).toString()).toBe(
      'entityRef=component%3Adefault%2Fa&ownerRef=group%3Adefault%2Fsre&severity=SEV1&stage=in_review&from=2026-11-01&text=slow&recurring=true&orderBy=impactStartedAt&order=asc',
    );
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
    expect(parseFilters(new URLSearchParams())).toEqual(EMPTY_FILTERS);
  });

  it('reads the order from the address, with each column sorting its own way first', () => {
    const parse = (search: string) => {
      const { orderBy, order } = parseFilters(new URLSearchParams(search));
      return { orderBy, order };
    };
    expect(parse('orderBy=title')).toEqual({ orderBy: 'title', order: 'asc' });
    expect(parse('orderBy=updatedAt')).toEqual({
      orderBy: 'updatedAt',
      order: 'desc',
    });
    expect(parse('orderBy=severity&order=desc')).toEqual({
      orderBy: 'severity',
      order: 'desc',
    });
    // Unknown columns and directions fall back to the default order.
    expect(parse('orderBy=narrative&order=sideways')).toEqual({
      orderBy: 'impactStartedAt',
      order: 'desc',
    });
    expect(
      filtersToParams({
        ...EMPTY_FILTERS,
        orderBy: 'title',
        order: 'asc',
      }).toString(),
    ).toBe('orderBy=title&order=asc');
  });

  it('turns dates into whole local days and sends the order to the server', () => {
    const query = filtersToQuery({
      ...EMPTY_FILTERS,
      severity: ['SEV2'],
      from: '2026-11-01',
      to: '2026-11-30',
      recurring: true,
      orderBy: 'stage',
      order: 'desc',
    });
    expect(query).toEqual({
      severity: ['SEV2'],
      recurring: true,
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 11, 1).toISOString(),
      orderBy: 'stage',
      order: 'desc',
    });
    expect(startOfDay('nonsense')).toBeUndefined();
    expect(startOfNextDay('2026-12-31')).toBe(
      new Date(2027, 0, 1).toISOString(),
    );
    expect(filtersToQuery(EMPTY_FILTERS)).toEqual({});
  });
});
