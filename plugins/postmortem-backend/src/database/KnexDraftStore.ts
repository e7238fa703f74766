import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { KnexRevisionStore } from './KnexRevisionStore';
import type {
  DependencySnapshot,
  DraftContent,
  DraftStore,
  SubRecordKind,
} from './PostmortemStore';
import { json, Row, withoutUndefined } from './rows';
import { SUB_RECORDS } from './subRecordRows';

/**
 * Generated drafts: which incidents are due one, the content a draft adds
 * without touching what people wrote, and the dependency snapshot.
 */
export class KnexDraftStore implements DraftStore {
  constructor(
    private readonly knex: Knex,
    private readonly revisions: KnexRevisionStore,
  ) {}

  async applyDraft(
    postmortemId: string,
    draft: DraftContent,
    author: string,
  ): Promise<number | undefined> {
    return this.knex.transaction(async tx => {
      // Take the row lock first (a no-op update), so that concurrent draft
      // runs for one postmortem serialize instead of racing on origin keys.
      await tx('postmortems')
        .where({ id: postmortemId })
        .update({ revision: tx.ref('revision') });
      const row0 = await tx('postmortems')
        .where({ id: postmortemId })
        .first('incident_id');
      const changed = new Set<string>();
      const existingKeys = async (table: string) =>
        new Map<string, string>(
          (
            await tx(table)
              .where({ postmortem_id: postmortemId })
              .whereNotNull('origin_key')
              .select('origin_key', 'id')
          ).map(r => [r.origin_key, r.id]),
        );
      const insertNew = async <T extends { originKey: string }>(
        kind: SubRecordKind,
        items: T[],
        extra: (item: T) => Row = () => ({}),
      ) => {
        const spec = SUB_RECORDS[kind];
        const known = await existingKeys(spec.table);
        const now = new Date();
        for (const item of items) {
          if (known.has(item.originKey)) continue;
          const id = randomUUID();
          const row: Row = withoutUndefined({
            ...(spec.toRow as (i: unknown) => Row)(item),
            ...extra(item),
            id,
            postmortem_id: postmortemId,
          });
          if (kind === 'evidence') row.captured_at = now;
          if (kind === 'remediation') {
            row.priority = row.impact * row.probability;
            row.status ??= 'open';
            row.created_at = now;
            row.updated_at = now;
          }
          if (kind === 'causes') {
            row.status ??= 'proposed';
            row.perspective ??= 'sre';
          }
          await tx(spec.table).insert(row);
          known.set(item.originKey, id);
          changed.add(kind);
        }
        return known;
      };

      const evidenceIds = await insertNew('evidence', draft.evidence);
      await insertNew('timeline', draft.timeline, () => ({ author }));
      const causeIds = await insertNew('causes', draft.causes, cause => ({
        evidence_ids: JSON.stringify(
          cause.evidenceOriginKeys.map(k => evidenceIds.get(k)).filter(Boolean),
        ),
        generated_statement: cause.statement,
      }));
      if (await this.refreshDraftedCauses(tx, postmortemId, draft, causeIds)) {
        changed.add('causes');
      }
      if (draft.impactStartedAt) {
        // Metrics can show impact earlier than the alert; never later.
        const moved = await tx('incidents')
          .where({ id: row0.incident_id })
          .andWhere(q =>
            q
              .whereNull('impact_started_at')
              .orWhere(
                'impact_started_at',
                '>',
                new Date(draft.impactStartedAt!),
              ),
          )
          .update({ impact_started_at: new Date(draft.impactStartedAt) });
        if (moved) changed.add('incident');
      }
      await insertNew('remediation', draft.remediation);

      const row = await tx('postmortems')
        .where({ id: postmortemId })
        .first('narrative', 'generated_sections');
      const narrative = json<Record<string, string>>(row.narrative, {});
      const generated = new Set(json<string[]>(row.generated_sections, []));
      for (const [section, text] of Object.entries(draft.narrative)) {
        if (!text) continue;
        const untouched = !narrative[section] || generated.has(section);
        if (untouched && narrative[section] !== text) {
          narrative[section] = text;
          generated.add(section);
          changed.add('narrative');
        }
      }
      if (!changed.size) return undefined;
      await tx('postmortems')
        .where({ id: postmortemId })
        .update({
          narrative: JSON.stringify(narrative),
          generated_sections: JSON.stringify([...generated].sort()),
        });
      await this.revisions.bumpRevision(tx, postmortemId, { author }, [
        'draft',
        ...[...changed].sort(),
      ]);
      const { revision } = await tx('postmortems')
        .where({ id: postmortemId })
        .first('revision');
      return revision as number;
    });
  }

  /**
   * Re-scores drafted causes that people have not judged yet: a later draft
   * (at resolution) has more series and may rank differently. A statement
   * is rewritten only while it is still the generated one; hypotheses the
   * new evidence no longer proposes drop to probability 0.
   */
  private async refreshDraftedCauses(
    tx: Knex.Transaction,
    postmortemId: string,
    draft: DraftContent,
    known: Map<string, string>,
  ): Promise<boolean> {
    const proposed = new Map(draft.causes.map(c => [c.originKey, c]));
    const rows = await tx('causes')
      .where({ postmortem_id: postmortemId, status: 'proposed' })
      .whereNotNull('origin_key')
      .whereNotNull('analysis');
    let changed = false;
    for (const row of rows) {
      const next = proposed.get(row.origin_key);
      const update: Row = next
        ? {
            score: next.score,
            confidence: next.confidence,
            analysis: JSON.stringify(next.analysis),
          }
        : { score: 0, confidence: 'low' };
      if (next && row.statement === row.generated_statement) {
        update.statement = next.statement;
        update.generated_statement = next.statement;
      }
      const same = Object.entries(update).every(([k, v]) => row[k] === v);
      if (same || !known.has(row.origin_key)) continue;
      await tx('causes').where({ id: row.id }).update(update);
      changed = true;
    }
    return changed;
  }

  async setDependencySnapshot(
    postmortemId: string,
    snapshot: DependencySnapshot,
  ) {
    await this.knex('postmortems')
      .where({ id: postmortemId })
      .update({ dependency_snapshot: JSON.stringify(snapshot) });
  }

  async getDependencySnapshot(postmortemId: string) {
    const row = await this.knex('postmortems')
      .where({ id: postmortemId })
      .first('dependency_snapshot');
    return row?.dependency_snapshot
      ? json<DependencySnapshot>(row.dependency_snapshot, undefined as any)
      : undefined;
  }

  async listDraftsDue(limit: number): Promise<string[]> {
    const rows = await this.knex('incidents')
      .whereNotNull('draft_requested_at')
      .andWhere(qb =>
        qb
          .whereNull('draft_generated_at')
          .orWhereRaw('draft_generated_at < draft_requested_at'),
      )
      .orderBy('draft_requested_at', 'asc')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async markDraftGenerated(incidentId: string, at: Date) {
    await this.knex('incidents')
      .where({ id: incidentId })
      .update({ draft_generated_at: at });
  }
}
