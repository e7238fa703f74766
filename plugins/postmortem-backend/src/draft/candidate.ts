import type { HypothesisKind } from '@postmortems/plugin-postmortem-common';
import type { Change } from '../database/PostmortemStore';
import type { Onset } from './detectOnsets';

// A hypothesis before it is scored, and what a deviation means as
// evidence: shared by the step that builds hypotheses and the one that
// scores them.

/** How a change's own entity behaved around it. */
export type OwnBehaviour =
  | 'deviated-after' // it left its baseline after the change
  | 'deviated-before' // it was already deviating before the change
  | 'flat' // measured, never deviated
  | 'unmeasured';

/** How the deviation travelled from the suspect to the alerting entity. */
export type Propagation = 'in-order' | 'out-of-order' | 'unknown';

/** A hypothesis with the facts its score rests on. */
export interface Candidate {
  kind: HypothesisKind;
  entityRef: string;
  change?: Change;
  /** Entities from the suspect to the nearest alerting entity. */
  path: string[];
  /** The suspect's own deviations. */
  own: Onset[];
  /** Deviations of the other entities on the path. */
  pathOnsets: Onset[];
  facts: {
    own?: OwnBehaviour;
    propagation?: Propagation;
    /** A later change to the same entity also preceded its deviation. */
    superseded?: boolean;
    /** A dependency of the suspect deviated before it did. */
    explainedByDependency?: boolean;
    /** Its deviation is the earliest of the neighbourhood (within a step). */
    first?: boolean;
    /**
     * Its failure reaches the alerting entity through callers that each
     * failed in turn (or are not measured), as those callers saw it.
     */
    connected?: boolean;
    /** A dependency of the suspect failed in the same sample as it did. */
    dependencyFailedTogether?: boolean;
    /** The next entity towards the alert failed within a sample of it. */
    prompt?: boolean;
    /** Its deviation includes saturation (CPU, memory, connections). */
    saturated?: boolean;
    /** The suspect itself failed or flooded others, not only got busier. */
    failed?: boolean;
    /** How strong the suspect's own deviation is, 0 to 1. */
    strength?: number;
    /** The suspect is the alerting entity, which deviates in any case. */
    alerting?: boolean;
    /** The change and the first deviating sample are one sample apart. */
    sameSample?: boolean;
    /** Milliseconds from the change to the deviation it is blamed for. */
    leadMs?: number;
  };
}

export interface CandidateSet {
  /** Impact start: the alerting entity's service-level onset, or detection. */
  impactStart: number;
  impactFromMetrics: boolean;
  candidates: Candidate[];
}

const BAD: Record<Onset['signal'], Onset['direction'][]> = {
  errors: ['up'],
  latency: ['up'],
  saturation: ['up'],
  throughput: ['down'],
};
export const isBad = (o: Onset) => BAD[o.signal].includes(o.direction);
/** Impact as users see it: errors, latency, lost throughput. */
export const isServiceLevel = (o: Onset) =>
  isBad(o) && o.signal !== 'saturation';
/**
 * What can start a failure: errors, latency or saturation rising. Less
 * traffic is what callers of a failing service send, an effect.
 */
export const canOriginate = (o: Onset) => isBad(o) && o.signal !== 'throughput';

/**
 * How much a deviation says, from 0.35 at the detection threshold to 1 at
 * fifty robust standard deviations: a barely-detected wobble is weak
 * evidence, a step from a flat line is strong.
 */
export const strength = (o?: Onset) =>
  o ? Math.min(1, Math.log(Math.max(o.robustZ, 1)) / Math.log(50)) : 0;
/** Deviations at least this strong (≈ 7 robust SD) count as origin evidence. */
export const SIGNIFICANT = 0.5;
/**
 * A failure as callers feel it: errors or latency rising clearly.
 * Saturation alone (a busier CPU that still serves in time) is not one.
 */
export const isClearFailure = (o: Onset) =>
  canOriginate(o) && o.signal !== 'saturation' && strength(o) >= SIGNIFICANT;
