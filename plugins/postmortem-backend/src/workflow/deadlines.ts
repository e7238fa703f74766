import type {
  PostmortemStage,
  Severity,
} from '@postmortems/plugin-postmortem-common';

/**
 * Business days allowed to complete each stage, by severity, counted from
 * resolution (from declaration while unresolved). `published` is complete
 * when reached.
 */
export type DeadlinePolicy = Partial<
  Record<Severity, Partial<Record<PostmortemStage, number>>>
>;

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  SEV1: { draft: 1, in_review: 3, published: 5 },
  SEV2: { draft: 2, in_review: 5, published: 10 },
  SEV3: { draft: 3, in_review: 10, published: 15 },
  SEV4: { in_review: 15, published: 20 },
  SEV5: { published: 30 },
};

/** Adds working days (Monday to Friday, UTC), keeping the time of day. */
export function addBusinessDays(start: Date, days: number): Date {
  const result = new Date(start);
  let left = days;
  while (left > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const day = result.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return result;
}

/** The deadline of each stage the policy names for this severity. */
export function deadlinesFor(
  policy: DeadlinePolicy,
  severity: Severity,
  from: string,
): Partial<Record<PostmortemStage, string>> {
  const start = new Date(from);
  return Object.fromEntries(
    Object.entries(policy[severity] ?? {}).map(([stage, days]) => [
      stage,
      addBusinessDays(start, days!).toISOString(),
    ]),
  );
}
