import {
  incidentDuration,
  shortEntityRef,
} from '@postmortems/plugin-postmortem-common';
import type {
  CauseAnalysis,
  Incident,
  IncidentDurationName,
  RemediationHorizon,
  SeriesOnset,
  TimelineEvent,
} from '@postmortems/plugin-postmortem-common';
import type { Change, DraftContent } from '../database/PostmortemStore';
import type { CandidateSet } from './candidate';
import type { CollectedForDraft } from './collectEvidence';
import type { Onset } from './detectOnsets';
import type { ScoredHypothesis } from './scoreHypotheses';
import { DraftLanguage, DraftText, draftText, durationText } from './draftText';

const HORIZON_DAYS: Record<RemediationHorizon, number> = {
  short: 14,
  medium: 45,
  long: 90,
};

/** Hypotheses kept in the draft, at most this many. */
const MAX_CAUSES = 8;
const MIN_PROBABILITY = 0.01;

/** A duration by its one definition (-common), in minutes. */
const minutesOf = (
  incident: Incident,
  impactStart: string | undefined,
  name: IncidentDurationName,
) => {
  const ms = incidentDuration(
    { ...incident, impactStartedAt: impactStart },
    name,
  );
  return ms === undefined ? undefined : ms / 60_000;
};

const clock = (at: number | string) =>
  `${new Date(at).toISOString().slice(11, 16)} UTC`;

const describeOnset = (t: DraftText, o: Onset) =>
  t.onset({
    name: o.name,
    entity: shortEntityRef(o.entityRef),
    direction: o.direction,
    from: t.metric(o.baseline),
    to: t.metric(o.peak),
    at: clock(o.at),
  });

export const changeOriginKey = (change: Change) => `change:${change.id}`;

/** The sentence of reasoning behind a hypothesis. */
export function reasoningFor(
  t: DraftText,
  h: ScoredHypothesis,
  alert: string,
): string {
  const own = h.own[0];
  const path =
    h.path.length > 1
      ? t.reason.path(h.path.map(shortEntityRef).join(' → '))
      : '';
  switch (h.kind) {
    case 'change': {
      const c = h.change!;
      const entity = shortEntityRef(c.entityRef);
      const what = t.theChange(
        c.kind,
        c.version ? `${entity} ${c.version}` : entity,
        clock(c.occurredAt),
      );
      switch (h.facts.own) {
        case 'deviated-after':
          return `${t.reason.deviatedAfter(
            what,
            durationText(
              t,
              Math.max(0, (own!.at - Date.parse(c.occurredAt)) / 60_000),
            ),
            describeOnset(t, own!),
          )}${
            h.facts.propagation === 'out-of-order' ? t.reason.outOfOrder : path
          }.`;
        case 'deviated-before':
          return t.reason.deviatedBefore(what, entity);
        case 'flat':
          return t.reason.flat(what, entity);
        default:
          return t.reason.unmeasured(what, alert, entity);
      }
    }
    case 'origin': {
      const caveat =
        (h.facts.connected === false ? t.reason.notReached : '') +
        (h.facts.dependencyFailedTogether ? t.reason.dependencyTogether : '');
      return `${t.reason.origin(
        shortEntityRef(h.entityRef),
        !!h.facts.first,
        describeOnset(t, own!),
      )}${caveat || path}.`;
    }
    case 'surge':
      return t.reason.surge(describeOnset(t, own!));
    default:
      return t.reason.none(alert);
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

function analysisOf(
  t: DraftText,
  h: ScoredHypothesis,
  alert: string,
): CauseAnalysis {
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
    reasoning: reasoningFor(t, h, alert),
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
  /** The language the draft is written in. */
  language: DraftLanguage;
}

/**
 * Last step of the draft: turns evidence and ranked hypotheses into the
 * postmortem's content: evidence, timeline, causes with their evidence
 * chain, first remediation items and a narrative marked as generated.
 */
export async function writeDraft(input: DraftInputs): Promise<DraftContent> {
  const { incident, ranked, candidates, now } = input;
  const t = draftText(input.language);
  const alert = incident.entityRefs.map(shortEntityRef).join(', ');
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
      text: t.changeEntry(
        change.kind,
        `${shortEntityRef(change.entityRef)}${
          change.version ? ` ${change.version}` : ''
        }`,
        change.author,
      ),
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
      text: t.impactBegan(first && describeOnset(t, first)),
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
    const analysis = analysisOf(t, h, alert);
    draft.causes.push({
      type: 'direct',
      statement: `${analysis.reasoning} ${t.confirm(h.kind === 'change')}`,
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
  const ttd = minutesOf(incident, impactStart, 'timeToDetect');
  const firstEntity = incident.entityRefs[0];
  if (ttd !== undefined && ttd > input.detectionGapMinutes && firstEntity) {
    draft.remediation.push({
      title: t.detectionGap.title(shortEntityRef(firstEntity)),
      description: t.detectionGap.description(durationText(t, ttd)),
      ownerRef: await input.ownerOf(firstEntity),
      acceptanceCriteria: t.detectionGap.criteria(
        t.minutes(input.detectionGapMinutes),
      ),
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
      title: t.changeGuard.title(shortEntityRef(top.entityRef)),
      description: t.changeGuard.description(
        top.confidence,
        t.leading('change', shortEntityRef(top.entityRef)),
      ),
      ownerRef: await input.ownerOf(top.entityRef),
      acceptanceCriteria: t.changeGuard.criteria,
      impact: 4,
      probability: 4,
      horizon: 'short',
      dueDate: dueIn('short'),
      originKey: `remediation:change-guard:${top.entityRef}`,
    });
  }

  draft.narrative = narrativeFor(
    t,
    input,
    alert,
    impactStart,
    established ? top : undefined,
  );
  return draft;
}

function narrativeFor(
  t: DraftText,
  input: DraftInputs,
  alert: string,
  impactStart: string | undefined,
  top: ScoredHypothesis | undefined,
) {
  const { incident, ranked, collected } = input;
  const n = t.narrative;
  const ttd = minutesOf(incident, impactStart, 'timeToDetect');
  const ttr = minutesOf(incident, impactStart, 'timeToRestore');
  const impactMinutes = minutesOf(incident, impactStart, 'impactDuration');
  const duration = (minutes?: number) => durationText(t, minutes);
  const percent = (p: number) => t.number(Math.round(p * 100));

  const happened: string[] = [];
  if (impactStart) happened.push(n.began(alert, clock(impactStart)));
  if (incident.detectedAt) {
    happened.push(
      n.detected(
        clock(incident.detectedAt),
        ttd !== undefined && ttd > 0 ? duration(ttd) : undefined,
      ),
    );
  }
  if (incident.acknowledgedAt) {
    happened.push(n.acknowledged(clock(incident.acknowledgedAt)));
  }
  const decisions = input.timeline.filter(
    e => e.keyDecision || e.kind === 'decision',
  );
  for (const d of decisions.slice(0, 3)) {
    happened.push(n.decision(clock(d.occurredAt), d.text.replace(/\.?$/, '.')));
  }
  if (incident.mitigatedAt)
    happened.push(n.mitigated(clock(incident.mitigatedAt)));
  happened.push(
    incident.resolvedAt
      ? n.resolved(clock(incident.resolvedAt), duration(ttr))
      : n.notResolved,
  );

  const others = ranked.filter(h => h !== top && h.kind !== 'none').slice(0, 2);
  const why = top
    ? `${n.leading(
        reasoningFor(t, top, alert),
        top.confidence,
        percent(top.probability),
      )}${
        others.length
          ? n.alsoConsidered(
              others
                .map(
                  h =>
                    `${shortEntityRef(h.entityRef)} (${percent(
                      h.probability,
                    )} %)`,
                )
                .join(', '),
            )
          : ''
      }`
    : n.noCause(ranked[0]?.kind === 'none' || !ranked.length);
  const failures = collected.failures.length
    ? n.notCollected(collected.failures.map(f => f.collector).join(', '))
    : '';

  const peak = ranked
    .flatMap(h => [...h.own, ...h.pathOnsets])
    .filter(
      o =>
        incident.entityRefs.includes(o.entityRef) && o.signal !== 'saturation',
    )
    .sort((a, b) => b.robustZ - a.robustZ)[0];
  const impact = [
    `- ${n.impact.started}: ${impactStart ?? t.unknown}`,
    // The other durations are shown once, beside their definitions.
    `- ${n.impact.duration}: ${duration(impactMinutes)}`,
    `- ${n.impact.affected}: ${alert}`,
    ...(peak
      ? [
          `- ${n.impact.peak(
            peak.name,
            t.metric(peak.peak),
            t.metric(peak.baseline),
          )}`,
        ]
      : []),
  ].join('\n');

  return {
    summary: `${n.summary(
      incident.title,
      incident.severity,
      alert,
      incident.resolvedAt ? duration(ttr) : undefined,
    )}${
      top
        ? n.summaryLeading(
            top.confidence,
            t.leading(top.kind, shortEntityRef(top.entityRef)),
          )
        : n.summaryNoCause
    }`,
    whatHappened: happened.join(' '),
    impact,
    whyItHappened: why + failures,
  };
}
