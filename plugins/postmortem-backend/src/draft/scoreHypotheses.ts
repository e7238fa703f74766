import type {
  ChangeKind,
  Confidence,
} from '@postmortems/plugin-postmortem-common';
import { Candidate, SIGNIFICANT } from './candidate';

export interface ScoredHypothesis extends Candidate {
  /** Share of the evidence weight, in [0, 1]; the ranking key. */
  probability: number;
  confidence: Confidence;
}

/**
 * Prior weight of a change by kind. Configuration and feature-flag changes
 * take effect everywhere at once and skip most of the testing a deploy
 * gets, and migrations touch shared state, so each is a likelier culprit
 * than a deploy when the metrics cannot tell them apart.
 */
export const CHANGE_KIND_PRIOR: Record<ChangeKind, number> = {
  deployment: 1,
  config: 1.3,
  flag: 1.3,
  migration: 1.2,
};

/**
 * Likelihood ratios: how much more often each observation comes with a
 * real cause than with an innocent bystander. The numbers are coarse on
 * purpose (orders of magnitude), and the benchmark checks that a "high"
 * confidence is right at least 9 times in 10 with them.
 */
const RATIO = {
  own: {
    'deviated-after': 12,
    'deviated-before': 0.2,
    flat: 0.04,
    unmeasured: 1,
  },
  propagation: { 'in-order': 1.5, 'out-of-order': 0.3, unknown: 1 },
  superseded: 0.4,
  busyOnly: 0.5,
  sameSample: 0.6,
  explainedByDependency: 0.3,
  origin: {
    first: 2.5,
    later: 0.5,
    unconnected: 0.3,
    saturated: 2.5,
    perSignal: 0.5,
    dependencyTogether: 0.5,
  },
  surge: { first: 8, later: 1 },
} as const;

/** Base weights: how often each kind of hypothesis explains an incident. */
const BASE = { change: 1, origin: 1, surge: 1, none: 1.5 };

const HIGH = 0.75;
const MEDIUM = 0.45;

function weight(c: Candidate, halfLifeMs: number): number {
  const f = c.facts;
  switch (c.kind) {
    case 'change': {
      let w = BASE.change * CHANGE_KIND_PRIOR[c.change!.kind];
      // A deviation after the change supports it as strongly as it is
      // clear. The alerting entity deviates in any case: there only a
      // change shortly before its onset says much (an innocent one rarely
      // lands minutes before), so the support fades with the lead.
      const lead = Math.max(0, f.leadMs ?? 0);
      const after = f.alerting
        ? 1 +
          (RATIO.own['deviated-after'] - 1) * Math.pow(2, -lead / halfLifeMs)
        : RATIO.own['deviated-after'];
      // A wobble barely past detection neither supports nor rules out.
      const strength = f.strength ?? 1;
      if (f.own !== 'deviated-after') w *= RATIO.own[f.own ?? 'unmeasured'];
      else if (strength >= SIGNIFICANT) w *= 1 + (after - 1) * strength ** 2;
      // Busier but still serving explains a failure elsewhere only weakly.
      if (f.own === 'deviated-after' && !f.failed) w *= RATIO.busyOnly;
      w *= RATIO.propagation[f.propagation ?? 'unknown'];
      if (f.superseded) w *= RATIO.superseded;
      if (f.sameSample) w *= RATIO.sameSample;
      if (f.explainedByDependency) w *= RATIO.explainedByDependency;
      // Proximity only breaks ties between changes the metrics cannot
      // tell apart: at most a 10 % difference.
      return w * (1 + 0.1 * Math.pow(2, -lead / halfLifeMs));
    }
    case 'origin': {
      let w = BASE.origin * (f.first ? RATIO.origin.first : RATIO.origin.later);
      if (!f.prompt || !f.connected) w *= RATIO.origin.unconnected;
      if (f.saturated) w *= RATIO.origin.saturated;
      w *= f.strength ?? 1;
      // Several of its own signals moving together (CPU, memory, latency)
      // is a local problem, not a wobble passed on.
      const signals = new Set(c.own.map(o => o.signal)).size;
      w *= 1 + RATIO.origin.perSignal * Math.max(0, signals - 1);
      if (f.explainedByDependency) w *= RATIO.explainedByDependency;
      // A failure travels from callee to caller: when a dependency failed
      // in the same sample, it is the likelier origin.
      else if (f.dependencyFailedTogether) w *= RATIO.origin.dependencyTogether;
      // Among origins that start together, the deeper one explains the
      // others (a failure travels from callee to caller).
      return w * (1 + 0.05 * (c.path.length - 1));
    }
    case 'surge':
      return (
        BASE.surge *
        (f.first ? RATIO.surge.first : RATIO.surge.later) *
        (f.strength ?? 1)
      );
    default:
      return BASE.none;
  }
}

export function confidenceOf(probability: number): Confidence {
  if (probability >= HIGH) return 'high';
  if (probability >= MEDIUM) return 'medium';
  return 'low';
}

/**
 * Turns the facts into a probability per hypothesis: weights from priors
 * and likelihood ratios, normalised over all hypotheses including "no
 * cause established", so a probability is comparable across incidents.
 * An origin or surge whose entity also had a supported change is folded
 * into that change (the change explains the deviation).
 */
export function scoreHypotheses(
  candidates: Candidate[],
  options: { halfLifeMinutes: number },
): ScoredHypothesis[] {
  const explainedByChange = new Set(
    candidates
      .filter(c => c.kind === 'change' && c.facts.own === 'deviated-after')
      .map(c => c.entityRef),
  );
  const seen = new Set<string>();
  const kept = candidates.filter(c => {
    if (
      (c.kind === 'origin' || c.kind === 'surge') &&
      explainedByChange.has(c.entityRef)
    ) {
      return false;
    }
    const key = `${c.kind}:${c.change?.id ?? c.entityRef}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const halfLifeMs = options.halfLifeMinutes * 60_000;
  const weights = kept.map(c => weight(c, halfLifeMs));
  const total = weights.reduce((a, b) => a + b, 0);
  return kept
    .map((c, i) => {
      const probability = weights[i] / total;
      // "No cause established" is the absence of a claim: never a
      // confident one, so "high" always names something to check.
      const confidence = c.kind === 'none' ? 'low' : confidenceOf(probability);
      return { ...c, probability, confidence };
    })
    .sort(
      (a, b) =>
        b.probability - a.probability ||
        (a.change?.occurredAt ?? '').localeCompare(
          b.change?.occurredAt ?? '',
        ) ||
        a.entityRef.localeCompare(b.entityRef),
    );
}
