import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  type Incident,
  incidentDuration,
  type Page,
  type RemediationCounts,
  type RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import { isOverdue } from '../shared/format';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

export function isGroup(entity: Entity): boolean {
  return lower(entity.kind) === 'group';
}

/**
 * How to ask for an entity's postmortems and incidents: a group by the
 * entities it owns, anything else as an affected entity.
 */
export function entityQuery(
  entity: Entity,
): { entityRef: string } | { ownerRef: string } {
  const ref = stringifyEntityRef(entity);
  return isGroup(entity) ? { ownerRef: ref } : { entityRef: ref };
}

/** Remediation progress of one postmortem (or any set of items). */
export interface RemediationSummary {
  total: number;
  /** Open or in progress. */
  open: number;
  /** Open items past their due date. */
  overdue: number;
  done: number;
  verified: number;
  /** Done or verified among the items that will be done, 0 to 100. */
  percent: number;
}

export function summarizeRemediation(
  items: RemediationItem[],
  now: Date = new Date(),
): RemediationSummary {
  const count = (...statuses: string[]) =>
    items.filter(i => statuses.includes(i.status)).length;
  const done = count('done');
  const verified = count('verified');
  const planned = items.length - count('wont_do');
  return {
    total: items.length,
    open: count('open', 'in_progress'),
    overdue: items.filter(i => isOverdue(i, now)).length,
    done,
    verified,
    percent: planned ? Math.round(((done + verified) / planned) * 100) : 0,
  };
}

/**
 * Remediation progress from the counts a list response carries with each
 * postmortem (overdue as of the server's UTC date).
 */
export function remediationProgress(
  counts: RemediationCounts,
): RemediationSummary {
  const { total, open, overdue, done, verified, wontDo } = counts;
  const planned = total - wontDo;
  return {
    total,
    open,
    overdue,
    done,
    verified,
    percent: planned ? Math.round(((done + verified) / planned) * 100) : 0,
  };
}

export function isOpen(item: RemediationItem): boolean {
  return item.status === 'open' || item.status === 'in_progress';
}

/** Whether an item is owned by `ownerRef`, ignoring case. */
export function isOwnedBy(item: RemediationItem, ownerRef: string): boolean {
  return !!item.ownerRef && lower(item.ownerRef) === lower(ownerRef);
}

/** The median of some numbers, or undefined for none. */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median time to detect (impact start to detection) and to restore (impact
 * start to mitigation, else resolution) over incidents whose times are
 * known, the same measures as the workspace header.
 */
export function incidentMedians(incidents: Incident[]): {
  timeToDetect?: number;
  timeToRestore?: number;
} {
  const known = (values: Array<number | undefined>) =>
    values.filter((v): v is number => v !== undefined && v >= 0);
  return {
    timeToDetect: median(
      known(incidents.map(i => incidentDuration(i, 'timeToDetect'))),
    ),
    timeToRestore: median(
      known(incidents.map(i => incidentDuration(i, 'timeToRestore'))),
    ),
  };
}

/** Follows cursors until `max` items or the last page. */
export async function collectPages<T>(
  list: (cursor?: string) => Promise<Page<T>>,
  max: number,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}
