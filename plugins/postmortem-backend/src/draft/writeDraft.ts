import {
  formatMetricValue,
  shortEntityRef,
} from '@postmortems/plugin-postmortem-common';
import type {
  CauseAnalysis,
  Incident,
  RemediationHorizon,
  SeriesOnset,
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import type { Change, DraftContent } from '../database/PostmortemStore';
import type { CandidateSet } from './buildHypotheses';
import type { CollectedForDraft } from './collectEvidence';
import type { Onset } from './detectOnsets';
import type { ScoredHypothesis } from './scoreHypotheses';

const HORIZON_DAYS: Record<RemediationHorizon, number> = {
  short: 14,
  medium: 45,
  long: 90,
};

/** Hypotheses kept in the draft, at most this many. */
const MAX_CAUSES = 8;
const MIN_PROBABILITY = 0.01;

export function formatMinutes(value: number | undefined): string {
  if (value === undefined) return 'unknown';
  if (value < 1) return `${Math.round(value * 60)} s`;
  if (value < 120) return `${Math.round(value)} min`;
  return `${(value / 60).toFixed(1)} h`;
}

const minutesBetween = (from?: string | number, to?: string | number) =>
  from !== undefined && to !== undefined
    ? (new Date(to).getTime() - new Date(from).getTime()) / 60_000
    : undefined;

const clock = (at: number | string) =>
  `${new Date(at).toISOString().slice(11, 16)} UTC`;

const describeOnset = (o: Onset) =>
  `${o.name} of ${shortEntityRef(o.entityRef)} went ${
    o.direction
  } from ${formatMetricValue(o.baseline)} to ${formatMetricValue(
    o.peak,
  )} at ${clock(o.at)}`;

const CHANGE_WORDS: Record<Change['kind'], string> = {
  deployment: 'deployment',
  config: 'configuration change',
  flag: 'feature-flag change',
  migration: 'migration',
};

const LEADING: Record<ScoredHypothesis['kind'], (entity: string) => string> = {
  change: e => `a change to ${e}`,
  origin: e => `${e} failing first`,
  surge: e => `a surge of load at ${e}`,
  none: () => 'no cause established',
};

export const changeOriginKey = (change: Change) => `change:${change.id}`;

/** The sentence of reasoning behind a hypothesis. */
export function reasoningFor(h: ScoredHypothesis, alert: string): string {
  const own = h.own[0];
  const path =
    h.path.length > 1
      ? ` and travelled along ${h.path.map(shortEntityRef).join(' → ')}`
      : '';
  switch (h.kind) {
    case 'change': {
      const c = h.change!;
      const what = `The ${CHANGE_WORDS[c.kind]} of ${shortEntityRef(
        c.entityRef,
      )}${c.version ? ` ${c.version}` : ''} at ${clock(c.occurredAt)}`;
      switch (h.facts.own) {
        case 'deviated-after':
          return `${what} was followed ${formatMinutes(
            Math.max(0, (own!.at - Date.parse(c.occurredAt)) / 60_000),
          )} later by its own deviation (${describeOnset(own!)})${
            h.facts.propagation === 'out-of-order'
              ? ', but entities between it and the alert deviated earlier'
              : path
          }.`;
        case 'deviated-before':
          return `${what} came after ${shortEntityRef(
            c.entityRef,
          )} had already left its baseline, so it did not start the deviation.`;
        case 'flat':
          return `${what} preceded the impact, but ${shortEntityRef(
            c.entityRef,
          )}'s own metrics stayed within their baseline.`;
        default:
          return `${what} preceded the impact on ${alert}; no metrics of ${shortEntityRef(
            c.entityRef,
          )} were collected to confirm or rule it out.`;
      }
    }
    case 'origin':
      return `${shortEntityRef(h.entityRef)} deviated ${
        h.facts.first ? 'first' : 'early'
      } with no change behind it (${describeOnset(own!)})${path}.`;
    case 'surge':
      return `Load rose at the edge before the errors: ${describeOnset(own!)}.`;
    default:
      return `Nothing deviated before the impact on ${alert} that a change or another component would explain.`;
  }
}

const toSeriesOnset = (o: Onset): SeriesOnset => ({
  entityRef: o.entityRef,
  series: o.name,
  signal: o.signal,
  onsetAt: new Date(o.at).toISOString(),
  direction: o.direction,
  baseline: o.baseline,
  peak: o.peak,
  robustZ: Math.round(o.robustZ * 10) / 10,
});

function analysisOf(h: ScoredHypothesis, alert: string): CauseAnalysis {
  return {
    kind: h.kind,
    probability: Math.round(h.probability * 1000) / 1000,
    confidence: h.confidence,
    onsets: [...h.own, ...h.pathOnsets].map(toSeriesOnset),
    change: h.change && {
      id: h.change.id,
      kind: h.change.kind,
      version: h.change.version,
      occurredAt: h.change.occurredAt,
      entityRef: h.change.entityRef,
    },
    path: h.path,
    reasoning: reasoningFor(h, alert),
  };
}

export interface DraftInputs {
  incident: Incident;
  /** Timeline as it stands (alerts, acknowledgements, decisions). */
  timeline: TimelineEvent[];
  collected: CollectedForDraft;
  changes: Change[];
  candidates: CandidateSet;
  ranked: ScoredHypothesis[];
  ownerOf: (ref: string) => Promise<string | undefined>;
  now: Date;
  detectionGapMinutes: number;
}

/**
 * Last step of the draft: turns evidence and ranked hypotheses into the
 * postmortem's content: evidence, timeline, causes with their evidence
 * chain, first remediation items and a narrative marked as generated.
 */
export async function writeDraft(input: DraftInputs): Promise<DraftContent> {
  const { incident, ranked, candidates, now } = input;
  const alert =
    incident.entityRefs.map(shortEntityRef).join(', ') || 'the service';
  const draft: DraftContent = {
    evidence: [...input.collected.evidence],
    timeline: [],
    causes: [],
    remediation: [],
    narrative: {},
  };
  if (candidates.impactFromMetrics) {
    draft.impactStartedAt = new Date(candidates.impactStart).toISOString();
  }

  for (const change of input.changes) {
    const key = changeOriginKey(change);
    draft.evidence.push({
      kind: change.kind === 'deployment' ? 'deployment' : 'config_diff',
      source: change.source,
      entityRef: change.entityRef,
      content: JSON.stringify(change, null, 2),
      occurredAt: change.occurredAt,
      redactions: {},
      originKey: key,
    });
    draft.timeline.push({
      occurredAt: change.occurredAt,
      kind: change.kind === 'deployment' ? 'deployment' : 'config_change',
      source: change.source,
      text: `${CHANGE_WORDS[change.kind].replace(/^./, c =>
        c.toUpperCase(),
      )} of ${shortEntityRef(change.entityRef)}${
        change.version ? ` ${change.version}` : ''
      }${change.author ? ` by ${change.author}` : ''}`,
      evidenceIds: [],
      originKey: key,
    });
  }
  if (candidates.impactFromMetrics) {
    const first = ranked
      .flatMap(h => [...h.own, ...h.pathOnsets])
      .find(o => o.at === candidates.impactStart);
    draft.timeline.push({
      occurredAt: new Date(candidates.impactStart).toISOString(),
      kind: 'observation',
      source: 'postmortem-draft',
      text: `Impact began: ${
        first
          ? describeOnset(first)
          : 'the service-level metrics left their baseline'
      }`,
      evidenceIds: [],
      originKey: `impact-onset:${incident.id}`,
    });
  }

  // Every change considered is kept, ruled out or not, so people see what
  // was checked; other hypotheses only when plausible.
  const kept = ranked
    .filter(
      h =>
        h.kind === 'change' ||
        (h.kind !== 'none' && h.probability >= MIN_PROBABILITY),
    )
    .slice(0, MAX_CAUSES);
  for (const h of kept) {
    const analysis = analysisOf(h, alert);
    draft.causes.push({
      type: 'direct',
      statement: `${analysis.reasoning} Confirm or refute it with evidence${
        h.kind === 'change' ? ' and describe how to roll it back' : ''
      }.`,
      status: 'proposed',
      perspective: 'sre',
      changeRelated: h.kind === 'change',
      entityRef: h.entityRef,
      score: analysis.probability,
      confidence: h.confidence,
      analysis,
      evidenceOriginKeys: [
        ...(h.change ? [changeOriginKey(h.change)] : []),
        ...new Set([...h.own, ...h.pathOnsets].map(o => o.evidenceKey)),
      ],
      originKey: `hypothesis:${h.kind}:${h.change?.id ?? h.entityRef}`,
    });
  }

  const top = ranked[0];
  const established = top && top.kind !== 'none' && top.confidence !== 'low';
  const dueIn = (horizon: keyof typeof HORIZON_DAYS) =>
    new Date(now.getTime() + HORIZON_DAYS[horizon] * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const impactStart = draft.impactStartedAt ?? incident.impactStartedAt;
  const ttd = minutesBetween(impactStart, incident.detectedAt);
  const firstEntity = incident.entityRefs[0];
  if (ttd !== undefined && ttd > input.detectionGapMinutes && firstEntity) {
    draft.remediation.push({
      title: `Detect ${shortEntityRef(firstEntity)} failures sooner`,
      description: `Detection took ${formatMinutes(ttd)} after impact started.`,
      ownerRef: await input.ownerOf(firstEntity),
      acceptanceCriteria: `An alert fires within ${input.detectionGapMinutes} minutes of impact start for this failure mode, shown by a replay or a test.`,
      impact: 4,
      probability: 3,
      horizon: 'medium',
      dueDate: dueIn('medium'),
      originKey: `remediation:detection-gap:${firstEntity}`,
    });
  }
  // A change-specific item only when the evidence names the change: a
  // guess must not send a team to work.
  if (established && top.kind === 'change') {
    draft.remediation.push({
      title: `Guard changes to ${shortEntityRef(
        top.entityRef,
      )} with automated rollback`,
      description: `The leading hypothesis (${
        top.confidence
      } confidence) is a ${CHANGE_WORDS[top.change!.kind]} of ${shortEntityRef(
        top.entityRef,
      )}.`,
      ownerRef: await input.ownerOf(top.entityRef),
      acceptanceCriteria:
        'A bad change to this entity is detected by canary analysis and rolled back without a person acting.',
      impact: 4,
      probability: 4,
      horizon: 'short',
      dueDate: dueIn('short'),
      originKey: `remediation:change-guard:${top.entityRef}`,
    });
  }

  draft.narrative = narrativeFor(
    input,
    alert,
    impactStart,
    established ? top : undefined,
  );
  return draft;
}

function narrativeFor(
  input: DraftInputs,
  alert: string,
  impactStart: string | undefined,
  top: ScoredHypothesis | undefined,
) {
  const { incident, ranked, collected } = input;
  const ttd = minutesBetween(impactStart, incident.detectedAt);
  const tta = minutesBetween(incident.detectedAt, incident.acknowledgedAt);
  const ttr = minutesBetween(impactStart, incident.resolvedAt);
  const at = (iso?: string) => (iso ? clock(iso) : 'an unknown time');

  const happened: string[] = [];
  if (impactStart)
    happened.push(`Impact on ${alert} began at ${at(impactStart)}.`);
  if (incident.detectedAt) {
    happened.push(
      `It was detected at ${at(incident.detectedAt)}${
        ttd !== undefined && ttd > 0 ? `, ${formatMinutes(ttd)} later` : ''
      }.`,
    );
  }
  if (incident.acknowledgedAt) {
    happened.push(
      `A responder acknowledged at ${at(incident.acknowledgedAt)}.`,
    );
  }
  const decisions = input.timeline.filter(
    e => e.keyDecision || e.kind === 'decision',
  );
  for (const d of decisions.slice(0, 3)) {
    happened.push(`At ${at(d.occurredAt)}: ${d.text.replace(/\.?$/, '.')}`);
  }
  if (incident.mitigatedAt)
    happened.push(`It was mitigated at ${at(incident.mitigatedAt)}.`);
  happened.push(
    incident.resolvedAt
      ? `It was resolved at ${at(incident.resolvedAt)}, ${formatMinutes(
          ttr,
        )} after impact began.`
      : 'It is not resolved yet.',
  );

  const others = ranked.filter(h => h !== top && h.kind !== 'none').slice(0, 2);
  const why = top
    ? `${reasoningFor(top, alert)} This is the leading hypothesis with ${
        top.confidence
      } confidence (${Math.round(top.probability * 100)} %).${
        others.length
          ? ` Also considered: ${others
              .map(
                h =>
                  `${shortEntityRef(h.entityRef)} (${Math.round(
                    h.probability * 100,
                  )} %)`,
              )
              .join(', ')}.`
          : ''
      }`
    : `No cause is established yet: ${
        ranked[0]?.kind === 'none' || !ranked.length
          ? 'no change or component deviated before the impact in a way that explains it'
          : 'the evidence does not single out one hypothesis'
      }. Confirm or refute the proposed hypotheses under Causes, and look for systemic causes.`;
  const failures = collected.failures.length
    ? ` Evidence from ${collected.failures
        .map(f => f.collector)
        .join(', ')} could not be collected.`
    : '';

  const peak = ranked
    .flatMap(h => [...h.own, ...h.pathOnsets])
    .filter(
      o =>
        incident.entityRefs.includes(o.entityRef) && o.signal !== 'saturation',
    )
    .sort((a, b) => b.robustZ - a.robustZ)[0];
  const impact = [
    `- Impact started: ${impactStart ?? 'unknown'}`,
    `- Time to detect: ${formatMinutes(ttd)}`,
    `- Time to acknowledge: ${formatMinutes(tta)}`,
    `- Time to restore: ${formatMinutes(ttr)}`,
    `- Affected: ${alert}`,
    ...(peak
      ? [
          `- Peak: ${peak.name} ${formatMetricValue(
            peak.peak,
          )} (baseline ${formatMetricValue(peak.baseline)})`,
        ]
      : []),
  ].join('\n');

  return {
    summary: `${incident.title} (${incident.severity}) affected ${alert}${
      incident.resolvedAt
        ? ` and was resolved after ${formatMinutes(ttr)}`
        : ' and is not resolved yet'
    }.${
      top
        ? ` The leading hypothesis (${top.confidence} confidence): ${LEADING[
            top.kind
          ](shortEntityRef(top.entityRef))}.`
        : ' No cause is established yet.'
    }`,
    whatHappened: happened.join(' '),
    impact,
    whyItHappened: why + failures,
  };
}
