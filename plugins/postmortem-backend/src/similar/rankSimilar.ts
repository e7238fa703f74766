import type {
  CulpritKind,
  SimilarPostmortem,
} from '@postmortems/plugin-postmortem-common';
import type { SimilarityRecord } from '../database/SimilarPostmortemStore';

/** Weights of the three resemblances; shared entities count most. */
const WEIGHTS = { entities: 3, alert: 2, culprit: 1 };
const MAX = WEIGHTS.entities + WEIGHTS.alert + WEIGHTS.culprit;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * What names the alert of an incident: the alerting tool with its alert
 * name label (Alertmanager's `alertname`), or else with its title, spaces
 * and case aside. Manual incidents name no alert.
 */
export function alertKey(record: SimilarityRecord): string | undefined {
  if (record.source === 'manual') return undefined;
  const name = record.labels.alertname ?? record.labels.alert_name;
  if (name) return `${record.source}\u0000${lower(name)}`;
  const title = lower(record.incidentTitle).replace(/\s+/g, ' ').trim();
  return title ? `${record.source}\u0000title\u0000${title}` : undefined;
}

/**
 * The kind of culprit the causes name: of the confirmed cause if there is
 * one, else of the best-scored drafted cause that was not refuted. "No
 * cause established" names none.
 */
export function culpritKind(record: SimilarityRecord): CulpritKind | undefined {
  const drafted = record.causes.filter(
    c => c.analysis && c.status !== 'refuted',
  );
  const lead =
    drafted.find(c => c.status === 'confirmed') ??
    [...drafted].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  const analysis = lead?.analysis;
  if (!analysis) return undefined;
  if (analysis.kind === 'change') return analysis.change?.kind;
  if (analysis.kind === 'origin' || analysis.kind === 'surge') {
    return analysis.kind;
  }
  return undefined;
}

function remediationOf(record: SimilarityRecord, today: string) {
  const summary = { total: 0, open: 0, done: 0, verified: 0, overdue: 0 };
  for (const item of record.remediation) {
    if (item.status === 'wont_do') continue;
    summary.total += 1;
    if (item.status === 'done') summary.done += 1;
    else if (item.status === 'verified') summary.verified += 1;
    else {
      summary.open += 1;
      if (item.dueDate && item.dueDate < today) summary.overdue += 1;
    }
  }
  return summary;
}

const CAUSE_ORDER = { confirmed: 0, supported: 1, proposed: 2, refuted: 3 };

/**
 * Earlier postmortems ranked by how much they resemble `target`: the share
 * of its entities they affected too, the same alert, the same kind of
 * culprit. Only those with some resemblance are kept; ties go to the more
 * recent.
 */
export function rankSimilar(
  target: SimilarityRecord,
  candidates: SimilarityRecord[],
  options: { limit: number; now: Date },
): SimilarPostmortem[] {
  const targetEntities = new Set(target.entityRefs.map(lower));
  const targetAlert = alertKey(target);
  const targetCulprit = culpritKind(target);
  const today = options.now.toISOString().slice(0, 10);
  return candidates
    .filter(c => c.postmortemId !== target.postmortemId)
    .map(candidate => {
      const shared = candidate.entityRefs.filter(r =>
        targetEntities.has(lower(r)),
      );
      const sameAlert = !!targetAlert && alertKey(candidate) === targetAlert;
      const culprit = culpritKind(candidate);
      const sameCulprit = !!targetCulprit && culprit === targetCulprit;
      const entityShare = targetEntities.size
        ? shared.length / targetEntities.size
        : 0;
      const points =
        WEIGHTS.entities * entityShare +
        (sameAlert ? WEIGHTS.alert : 0) +
        (sameCulprit ? WEIGHTS.culprit : 0);
      const item: SimilarPostmortem = {
        id: candidate.postmortemId,
        humanId: candidate.humanId,
        title: candidate.title,
        severity: candidate.severity,
        stage: candidate.stage,
        ...(candidate.impactStartedAt
          ? { impactStartedAt: candidate.impactStartedAt }
          : {}),
        score: Math.round((points / MAX) * 100) / 100,
        sharedEntityRefs: shared,
        sameAlert,
        ...(sameCulprit ? { sharedCulpritKind: culprit } : {}),
        causes: candidate.causes
          .filter(c => c.status !== 'refuted')
          .sort((a, b) => CAUSE_ORDER[a.status] - CAUSE_ORDER[b.status])
          .map(({ type, statement, status }) => ({ type, statement, status })),
        remediation: remediationOf(candidate, today),
      };
      return { item, points };
    })
    .filter(({ points }) => points > 0)
    .sort(
      (a, b) =>
        b.points - a.points ||
        (b.item.impactStartedAt ?? '').localeCompare(
          a.item.impactStartedAt ?? '',
        ) ||
        a.item.humanId.localeCompare(b.item.humanId),
    )
    .slice(0, options.limit)
    .map(({ item }) => item);
}
