import { IncidentSignal } from '@postmortems/plugin-postmortem-node';
import {
  IncidentState,
  mergeSignal,
  overlapsEpisode,
  settleGroup,
} from './mergeSignal';

const at = (time: string) => new Date(`2026-11-20T${time}:00.000Z`);

const open: IncidentState = {
  title: 'Incident from pagerduty',
  severity: 'SEV3',
  status: 'investigating',
  statusEventAt: at('10:05'),
  impactStartedAt: at('10:00'),
  detectedAt: at('10:00'),
  acknowledgedAt: at('10:05'),
  responders: [{ userRef: 'user:default/ada.okafor', role: 'responder' }],
  links: [],
  externalIds: { pagerdutyIncidentId: 'P1' },
};

const signal = (extra: Partial<IncidentSignal>): IncidentSignal => ({
  dedupKey: 'P1',
  eventId: 'e',
  occurredAt: '2026-11-20T10:10:00Z',
  ...extra,
});

describe('mergeSignal', () => {
  it('lets the newest event decide the status, and only it', () => {
    expect(
      mergeSignal(
        open,
        signal({ status: 'resolved', resolvedAt: '2026-11-20T10:30:00Z' }),
        'Incident from pagerduty',
      ),
    ).toMatchObject({
      status: 'resolved',
      resolvedAt: at('10:30'),
      draftDue: true,
    });
    // A trigger delivered after the acknowledgement it preceded.
    const late = mergeSignal(
      open,
      signal({ status: 'declared', occurredAt: '2026-11-20T10:00:00Z' }),
      'Incident from pagerduty',
    );
    expect(late.status).toBeUndefined();
  });

  it('reopens a resolved incident and forgets its resolution', () => {
    const resolved = { ...open, status: 'resolved' as const };
    expect(
      mergeSignal(resolved, signal({ status: 'declared' }), 'x'),
    ).toMatchObject({ status: 'declared', resolvedAt: null });
  });

  it('moves times only earlier and accumulates responders and links', () => {
    const change = mergeSignal(
      open,
      signal({
        impactStartedAt: '2026-11-20T09:55:00Z',
        acknowledgedAt: '2026-11-20T10:20:00Z',
        responders: [
          { userRef: 'user:default/ada.okafor', role: 'responder' },
          { userRef: 'user:default/liam.chen', role: 'responder' },
        ],
        links: [{ kind: 'pager', url: 'https://pd.example/P1' }],
      }),
      'x',
    );
    expect(change.impactStartedAt).toEqual(at('09:55'));
    expect(change.acknowledgedAt).toBeUndefined();
    expect(change.responders?.map(r => r.userRef)).toEqual([
      'user:default/ada.okafor',
      'user:default/liam.chen',
    ]);
    expect(change.links).toHaveLength(1);
  });

  it('replaces the placeholder title, never a real one', () => {
    expect(
      mergeSignal(
        open,
        signal({ status: 'investigating', title: 'Checkout down' }),
        'Incident from pagerduty',
      ).title,
    ).toBe('Checkout down');
    expect(
      mergeSignal(
        { ...open, title: 'Named by a person' },
        signal({ status: 'investigating', title: 'Checkout down' }),
        'Incident from pagerduty',
      ).title,
    ).toBeUndefined();
  });

  it('leaves the status of a grouped incident to its alerts', () => {
    expect(
      mergeSignal(open, signal({ groupKey: 'g', status: 'resolved' }), 'x')
        .status,
    ).toBeUndefined();
  });
});

describe('settleGroup', () => {
  const incident = { status: 'declared' as const, severity: 'SEV3' as const };

  it('resolves when every alert has, at the last end', () => {
    expect(
      settleGroup(
        incident,
        [
          { status: 'resolved', startedAt: at('10:00'), endedAt: at('10:30') },
          { status: 'resolved', startedAt: at('10:05'), endedAt: at('10:50') },
        ],
        'SEV1',
      ),
    ).toMatchObject({
      status: 'resolved',
      impactStartedAt: at('10:00'),
      resolvedAt: at('10:50'),
      severity: 'SEV1',
      draftDue: true,
    });
  });

  it('stays open, or reopens, while an alert fires', () => {
    const alerts = [
      {
        status: 'resolved' as const,
        startedAt: at('10:00'),
        endedAt: at('10:30'),
      },
      { status: 'firing' as const, startedAt: at('10:40') },
    ];
    expect(settleGroup(incident, alerts).status).toBeUndefined();
    expect(
      settleGroup({ ...incident, status: 'resolved' }, alerts),
    ).toMatchObject({ status: 'declared', resolvedAt: null });
  });
});

describe('overlapsEpisode', () => {
  const episode = {
    status: 'resolved' as const,
    impactStartedAt: at('10:00'),
    resolvedAt: at('10:50'),
  };
  it('joins an alert whose span meets the episode, not one after it', () => {
    const span = (from: string, to?: string) => ({
      start: at(from).getTime(),
      end: to ? at(to).getTime() : Infinity,
    });
    expect(overlapsEpisode(span('09:50', '10:10'), episode)).toBe(true);
    expect(overlapsEpisode(span('10:40'), episode)).toBe(true);
    expect(overlapsEpisode(span('11:00'), episode)).toBe(false);
    expect(
      overlapsEpisode(span('11:00'), { ...episode, status: 'declared' }),
    ).toBe(true);
  });
});
