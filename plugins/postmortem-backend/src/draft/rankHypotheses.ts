import type { Change } from '../database/PostmortemStore';

/** A change that may have caused the incident, with its score in [0, 1]. */
export interface Hypothesis {
  change: Change;
  distance: number;
  minutesBeforeImpact: number;
  score: number;
}

export interface RankOptions {
  /** Minutes after which a change's proximity weight halves. */
  halfLifeMinutes: number;
  /** Changes up to this many minutes after impact start still count (clock skew). */
  graceMinutes: number;
}

/**
 * Ranks changes to the affected entities and their dependencies by how
 * likely they caused the incident: closer in time before impact start and
 * fewer dependency hops away score higher. score = 2^(-Δt / halfLife) /
 * (1 + distance).
 */
export function rankHypotheses(
  changes: Change[],
  distances: Map<string, number>,
  impactStart: Date,
  options: RankOptions,
): Hypothesis[] {
  return changes
    .map(change => {
      const minutesBeforeImpact =
        (impactStart.getTime() - Date.parse(change.occurredAt)) / 60_000;
      const distance = distances.get(change.entityRef) ?? Infinity;
      const lead = Math.max(0, minutesBeforeImpact);
      const score =
        Math.pow(2, -lead / options.halfLifeMinutes) / (1 + distance);
      return { change, distance, minutesBeforeImpact, score };
    })
    .filter(
      h =>
        Number.isFinite(h.distance) &&
        h.minutesBeforeImpact >= -options.graceMinutes,
    )
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.change.occurredAt.localeCompare(b.change.occurredAt) ||
        a.change.id.localeCompare(b.change.id),
    );
}
