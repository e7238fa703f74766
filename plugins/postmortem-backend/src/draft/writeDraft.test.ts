import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { Incident } from '@postmortems/plugin-postmortem-common';
import type { Change } from '../database/PostmortemStore';
import { readDraftSettings } from '../config/readConfig';
import { buildHypotheses } from './buildHypotheses';
import type { Onset } from './detectOnsets';
import { draftText, durationText } from './draftText';
import { scoreHypotheses } from './scoreHypotheses';
import { reasoningFor, writeDraft } from './writeDraft';

const ALERT = Date.UTC(2026, 11, 1, 12, 0);
const MIN = 60_000;
const ref = (name: string) => `component:default/${name}`;

const onset = (entity: string, minutes: number): Onset => ({
  entityRef: ref(entity),
  name: 'error ratio',
  signal: 'errors',
  evidenceKey: `${entity}:errors`,
  at: ALERT + minutes * MIN,
  direction: 'up',
  baseline: 0.01,
  peak: 0.4,
  robustZ: 80,
  stepMs: 30_000,
});

/** A resolved incident whose payments deploy preceded its own errors. */
async function draftIn(language: 'en' | 'de') {
  const incident: Incident = {
    id: 'i1',
    humanId: 'INC-1',
    title: 'Checkout fails',
    severity: 'SEV2',
    status: 'resolved',
    detectedAt: new Date(ALERT).toISOString(),
    resolvedAt: new Date(ALERT + 90 * MIN).toISOString(),
    entityRefs: [ref('checkout')],
    responders: [],
    source: 'test',
    externalIds: {},
    links: [],
    createdAt: new Date(ALERT).toISOString(),
    updatedAt: new Date(ALERT).toISOString(),
  };
  const changes: Change[] = [
    {
      id: 'c1',
      source: 'test',
      eventId: 'c1',
      entityRef: ref('payments'),
      kind: 'config',
      version: 'v7',
      occurredAt: new Date(ALERT - 20 * MIN).toISOString(),
    },
  ];
  const candidates = buildHypotheses({
    alertEntities: [ref('checkout')],
    graph: {
      nodes: [
        { entityRef: ref('checkout'), distance: 0 },
        { entityRef: ref('payments'), distance: 1 },
      ],
      edges: [{ from: ref('checkout'), to: ref('payments') }],
    },
    onsets: [onset('payments', -19), onset('checkout', -18)],
    measured: new Set([ref('checkout'), ref('payments')]),
    changes,
    detectedAt: ALERT,
    lookbackMinutes: 1440,
  });
  const ranked = scoreHypotheses(candidates.candidates, {
    halfLifeMinutes: 30,
  });
  return writeDraft({
    incident,
    timeline: [],
    collected: { evidence: [], series: [], failures: [], calls: [] },
    changes,
    candidates,
    ranked,
    ownerOf: async () => 'group:default/payments-team',
    now: new Date(ALERT + 100 * MIN),
    detectionGapMinutes: 1,
    language,
  });
}

describe('writeDraft', () => {
  it('writes the draft in English by default', async () => {
    const draft = await draftIn('en');
    expect(draft.causes[0].statement).toMatch(
      /^The configuration change of payments v7 at 11:40 UTC was followed 1 min later by its own deviation/,
    );
    expect(draft.narrative.whatHappened).toContain(
      'It was resolved at 13:30 UTC',
    );
    expect(draft.remediation.map(r => r.acceptanceCriteria)).toContain(
      'An alert fires within 1 minute of impact start for this failure mode, shown by a replay or a test.',
    );
  });

  it('writes the draft in German, with its plural rules and numbers', async () => {
    const draft = await draftIn('de');
    expect(draft.causes[0].statement).toMatch(
      /^Die Konfigurationsänderung von payments v7 um 11:40 UTC ging einer eigenen Abweichung 1 min voraus/,
    );
    expect(draft.narrative.whatHappened).toContain(
      'Er wurde um 13:30 UTC behoben',
    );
    expect(draft.narrative.impact).toContain(
      'Dauer der Auswirkung: 1 h 48 min',
    );
    expect(draft.remediation.map(r => r.acceptanceCriteria)).toContain(
      'Für dieses Fehlerbild löst ein Alarm innerhalb von 1 Minute nach Beginn der Auswirkung aus, gezeigt durch eine Wiederholung oder einen Test.',
    );
    // No English sentence left in what people read first.
    expect(draft.narrative.summary).not.toMatch(/\b(the|was|and)\b/);
  });
});

describe('reasoningFor', () => {
  it('says when a failure stopped at callers that stayed healthy', () => {
    const { candidates } = buildHypotheses({
      alertEntities: [ref('web')],
      graph: {
        nodes: ['web', 'api', 'db'].map(n => ({
          entityRef: ref(n),
          distance: 0,
        })),
        edges: [
          { from: ref('web'), to: ref('api') },
          { from: ref('api'), to: ref('db') },
        ],
      },
      onsets: [onset('db', -14), onset('web', -11)],
      measured: new Set(['web', 'api', 'db'].map(ref)),
      changes: [],
      detectedAt: ALERT,
      lookbackMinutes: 1440,
    });
    const db = scoreHypotheses(candidates, { halfLifeMinutes: 30 }).find(
      h => h.entityRef === ref('db'),
    )!;
    expect(reasoningFor(draftText('en'), db, 'web')).toContain(
      'but the callers between it and the alert stayed healthy',
    );
    expect(reasoningFor(draftText('de'), db, 'web')).toContain(
      'blieben gesund',
    );
  });
});

describe('draftText', () => {
  it('counts with each language plural rule', () => {
    expect(draftText('en').minutes(1)).toBe('1 minute');
    expect(draftText('en').minutes(5)).toBe('5 minutes');
    expect(draftText('de').minutes(1)).toBe('1 Minute');
    expect(draftText('de').minutes(5)).toBe('5 Minuten');
  });

  it('writes decimals the way each language does', () => {
    expect(draftText('en').metric(0.0412)).toBe('0.0412');
    expect(draftText('de').metric(0.0412)).toBe('0,0412');
    expect(draftText('de').metric(1234.5)).toBe('1235');
  });

  it('writes durations as every other surface does', () => {
    expect(durationText(draftText('de'), 150)).toBe('2 h 30 min');
    expect(durationText(draftText('en'), 0.75)).toBe('45 s');
    expect(durationText(draftText('en'), undefined)).toBe('unknown');
  });
});

describe('postmortem.draft.language', () => {
  const read = (draft: object) =>
    readDraftSettings(
      new ConfigReader({ postmortem: { draft } }),
      mockServices.logger.mock(),
    ).language;

  it('defaults to English and accepts German', () => {
    expect(read({})).toBe('en');
    expect(read({ language: 'de' })).toBe('de');
  });

  it('refuses a language it cannot write, naming the key', () => {
    expect(() => read({ language: 'fr' })).toThrow(
      "postmortem.draft.language must be one of en, de, not 'fr'",
    );
  });
});
