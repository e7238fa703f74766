import {
  formatDuration,
  incidentDuration,
  incidentDurations,
} from './durations';

const MIN = 60_000;
const times = {
  impactStartedAt: '2026-03-01T10:00:00Z',
  detectedAt: '2026-03-01T10:09:00Z',
  acknowledgedAt: '2026-03-01T10:12:00Z',
  mitigatedAt: '2026-03-01T10:40:00Z',
  resolvedAt: '2026-03-01T11:30:00Z',
};

describe('incident durations', () => {
  it('measures acknowledgement and mitigation from detection, the rest from impact start', () => {
    expect(incidentDurations(times)).toEqual({
      timeToDetect: 9 * MIN,
      timeToAcknowledge: 3 * MIN,
      timeToMitigate: 31 * MIN,
      timeToRestore: 90 * MIN,
      impactDuration: 40 * MIN,
    });
  });

  it('ends the impact at resolution when nothing mitigated it first', () => {
    const { mitigatedAt, ...unmitigated } = times;
    expect(mitigatedAt).toBeDefined();
    expect(incidentDuration(unmitigated, 'impactDuration')).toBe(90 * MIN);
    expect(incidentDuration(unmitigated, 'timeToMitigate')).toBeUndefined();
  });

  it('is unknown when a time is missing, unreadable or runs backwards', () => {
    expect(
      incidentDuration(
        { ...times, impactStartedAt: undefined },
        'timeToDetect',
      ),
    ).toBeUndefined();
    expect(
      incidentDuration({ ...times, detectedAt: 'soon' }, 'timeToAcknowledge'),
    ).toBeUndefined();
    expect(
      incidentDuration(
        { ...times, detectedAt: '2026-03-01T09:00:00Z' },
        'timeToDetect',
      ),
    ).toBeUndefined();
    expect(
      incidentDuration(
        {
          impactStartedAt: new Date('2026-03-01T10:00:00Z'),
          detectedAt: new Date('2026-03-01T10:00:00Z'),
        },
        'timeToDetect',
      ),
    ).toBe(0);
  });
});

describe('formatDuration', () => {
  it('reads to the minute', () => {
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(9 * MIN)).toBe('9 min');
    expect(formatDuration(125 * MIN)).toBe('2 h 5 min');
    expect(formatDuration((3 * 24 + 4) * 60 * MIN)).toBe('3 d 4 h');
  });
});
