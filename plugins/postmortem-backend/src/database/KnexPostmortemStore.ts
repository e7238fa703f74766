import { NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  HistoryEntry,
  Incident,
  Page,
  Postmortem,
  RemediationItem,
} from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  Approval,
  Change,
  DependencySnapshot,
  ChangeContext,
  Comment,
  Waiver,
  DraftContent,
  SignalInput,
  SignalOutcome,
  IncidentPatch,
  ListFilter,
  NewIncident,
  PostmortemContentPatch,
  PostmortemStore,
  SubRecordKind,
  SubRecords,
} from './PostmortemStore';
import { KnexRevisionStore } from './KnexRevisionStore';
import { applyPermissionCriteria } from './permissionQuery';
import { PostmortemRows } from './postmortemRows';
import { replaceEntities, replaceMembers, replaceOwners } from './refRows';
import {
  dateOf,
  json,
  Row,
  toDate,
  toIso,
  UUID,
  withoutUndefined,
} from './rows';
import { SUB_RECORDS, subRecordsOf } from './subRecordRows';
import {
  IncidentChange,
  IncidentState,
  mergeSignal,
  overlapsEpisode,
  settleGroup,
} from '../intake/mergeSignal';
import {
  NotificationOutbox,
  OutboxNotification,
} from '../outbox/NotificationOutbox';

export { RevisionConflictError } from './KnexRevisionStore';

/**
 * A list counts its matches up to here; beyond, it says there are more
 * (`totalCountCapped`) instead of reading every match to count it.
 */
const COUNT_CAP = 1_000;

function incidentFromRow(row: Row, entityRefs: string[]): Incident {
  return {
    id: row.id,
    humanId: row.human_id,
    title: row.title,
    severity: row.severity,
    type: row.type ?? undefined,
    status: row.status,
    impactStartedAt: toIso(row.impact_started_at),
    detectedAt: toIso(row.detected_at),
    acknowledgedAt: toIso(row.acknowledged_at),
    mitigatedAt: toIso(row.mitigated_at),
    resolvedAt: toIso(row.resolved_at),
    entityRefs,
    responders: json(row.responders, []),
    source: row.source,
    externalIds: json(row.external_ids, {}),
    links: json(row.links, []),
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  };
}

const TIME_COLUMNS = {
  impactStartedAt: 'impact_started_at',
  detectedAt: 'detected_at',
  acknowledgedAt: 'acknowledged_at',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
} as const;

/** Publication columns for a stage change (cleared when leaving published). */
function publicationOf(patch: PostmortemContentPatch): Row {
  if (patch.stage === undefined) return {};
  if (patch.stage !== 'published') {
    return { published_at: null, published_on_time: null };
  }
  return {
    published_at: new Date(),
    published_on_time: patch.publishedOnTime ?? null,
  };
}

/** An incident row as the intake's rules see it. */
function stateOf(row: Row): IncidentState {
  return {
    title: row.title,
    severity: row.severity,
    status: row.status,
    statusEventAt: dateOf(row.status_event_at),
    impactStartedAt: dateOf(row.impact_started_at),
    detectedAt: dateOf(row.detected_at),
    acknowledgedAt: dateOf(row.acknowledged_at),
    mitigatedAt: dateOf(row.mitigated_at),
    resolvedAt: dateOf(row.resolved_at),
    responders: json(row.responders, []),
    links: json(row.links, []),
    externalIds: json(row.external_ids, {}),
  };
}

/** The columns a change of the intake's rules writes. */
function changeColumns(change: IncidentChange, now: Date): Row {
  return withoutUndefined({
    title: change.title,
    severity: change.severity,
    status: change.status,
    status_event_at: change.statusEventAt,
    impact_started_at: change.impactStartedAt,
    detected_at: change.detectedAt,
    acknowledged_at: change.acknowledgedAt,
    mitigated_at: change.mitigatedAt,
    resolved_at: change.resolvedAt,
    responders: change.responders && JSON.stringify(change.responders),
    links: change.links && JSON.stringify(change.links),
    external_ids: change.externalIds && JSON.stringify(change.externalIds),
    draft_requested_at: change.draftDue ? now : undefined,
    updated_at: now,
  });
}

/** When an alert of a group started and ended (open: end of time), in ms. */
function alertSpan(signal: SignalInput['signal']) {
  const start = Date.parse(
    signal.impactStartedAt ?? signal.detectedAt ?? signal.occurredAt,
  );
  const end =
    signal.status === 'resolved'
      ? Date.parse(signal.resolvedAt ?? signal.occurredAt)
      : Infinity;
  return { start, end };
}

/** Gives a new incident its human id; returns it. */
interface Numbering {
  incidentId: string;
  number(): Promise<string>;
}

/** PostmortemStore on Backstage's database service (SQLite or PostgreSQL). */
export class KnexPostmortemStore implements PostmortemStore {
  static create(
    knex: Knex,
    options: { countCap?: number } = {},
  ): KnexPostmortemStore {
    return new KnexPostmortemStore(knex, options.countCap ?? COUNT_CAP);
  }

  private readonly rows: PostmortemRows;
  private readonly revisions: KnexRevisionStore;

  private constructor(private readonly knex: Knex, countCap: number) {
    this.rows = new PostmortemRows(knex, countCap);
    this.revisions = new KnexRevisionStore(knex);
  }

  async createIncident(input: NewIncident) {
    const { incidentId, postmortemId } = await this.knex.transaction(tx =>
      this.insertIncident(tx, input, new Date()),
    );
    return {
      incident: (await this.getIncident(incidentId))!,
      postmortem: (await this.getPostmortem(postmortemId))!,
    };
  }

  /**
   * Inserts an incident with its postmortem. Its human id is given last
   * (the year's counter row stays locked until commit, and every incident
   * declared meanwhile waits for it); with `deferNumbering`, by the caller
   * at the end of its transaction.
   */
  private async insertIncident(
    tx: Knex.Transaction,
    input: NewIncident,
    now: Date,
    statusEventAt?: Date,
    deferNumbering?: Numbering[],
  ) {
    const incidentId = randomUUID();
    const postmortemId = randomUUID();
    await tx('incidents').insert({
      id: incidentId,
      // Unique until numbered (below), and never seen outside the
      // transaction.
      human_id: `~${incidentId.replace(/-/g, '').slice(0, 31)}`,
      title: input.title,
      severity: input.severity,
      type: input.type ?? null,
      status: input.status,
      // Impact start orders every list; when a source does not know it,
      // detection (or declaration) is the best estimate.
      impact_started_at: toDate(
        input.impactStartedAt ?? input.detectedAt ?? now.toISOString(),
      ),
      detected_at: toDate(input.detectedAt),
      acknowledged_at: toDate(input.acknowledgedAt),
      mitigated_at: toDate(input.mitigatedAt),
      resolved_at: toDate(input.resolvedAt),
      source: input.source,
      dedup_key: input.dedupKey ?? null,
      group_key: input.groupKey ?? null,
      external_ids: JSON.stringify(input.externalIds),
      links: JSON.stringify(input.links),
      responders: JSON.stringify(input.responders),
      labels: JSON.stringify(input.labels),
      status_event_at: statusEventAt ?? now,
      // Evidence is collected at declaration and again at resolution.
      draft_requested_at: now,
      created_at: now,
      updated_at: now,
    });
    await replaceEntities(tx, incidentId, input.entityRefs);
    const pm = input.postmortem;
    await tx('postmortems').insert({
      id: postmortemId,
      incident_id: incidentId,
      template_id: pm.templateId,
      template_version: pm.templateVersion,
      stage: 'draft',
      roles: JSON.stringify(pm.roles),
      narrative: JSON.stringify(pm.narrative),
      attachments: '[]',
      deadlines: JSON.stringify(pm.deadlines),
      visibility: pm.visibility,
      revision: 1,
      created_at: now,
      updated_at: now,
    });
    await replaceMembers(tx, postmortemId, pm.roles);
    await replaceOwners(tx, postmortemId, pm.ownerRefs);
    await this.revisions.writeSnapshot(tx, postmortemId, 1, input.author, [
      'created',
    ]);
    const numbering = {
      incidentId,
      number: async () => {
        const humanId = await this.nextHumanId(tx, now.getUTCFullYear());
        await tx('incidents')
          .where({ id: incidentId })
          .update({ human_id: humanId });
        await this.revisions.historyInsert(tx, postmortemId, {
          actor: input.author,
          action: 'created',
          details: { source: input.source, humanId },
        });
        return humanId;
      },
    };
    if (deferNumbering) deferNumbering.push(numbering);
    else await numbering.number();
    return { incidentId, postmortemId };
  }

  async applySignal(input: SignalInput): Promise<SignalOutcome> {
    return (await this.applyDelivery([input]))[0];
  }

  async applyDelivery(inputs: SignalInput[]): Promise<SignalOutcome[]> {
    if (!inputs.length) return [];
    const now = new Date();
    return this.knex.transaction(async tx => {
      // Deliveries that concern the same incident or group wait for each
      // other here (a row lock until commit), so two replicas never open
      // two incidents for one key. Sorted, so two deliveries never take
      // the same locks in opposite orders.
      const lockKeys = [
        ...new Set(
          inputs.map(i =>
            JSON.stringify([i.source, i.signal.groupKey ?? i.signal.dedupKey]),
          ),
        ),
      ].sort();
      for (const lock of lockKeys) {
        const [source, key] = JSON.parse(lock) as [string, string];
        await tx('intake_locks')
          .insert({ source, lock_key: key, locked_at: now })
          .onConflict(['source', 'lock_key'])
          .merge(['locked_at']);
      }
      const outcomes: SignalOutcome[] = [];
      const numbering: Numbering[] = [];
      for (const input of inputs) {
        outcomes.push(await this.applySignalIn(tx, input, now, numbering));
      }
      // New incidents are numbered just before commit.
      for (const { incidentId, number } of numbering) {
        const humanId = await number();
        for (const outcome of outcomes) {
          if (outcome.incidentId === incidentId) outcome.humanId = humanId;
        }
      }
      return outcomes;
    });
  }

  private async applySignalIn(
    tx: Knex.Transaction,
    input: SignalInput,
    now: Date,
    numbering: Numbering[],
  ): Promise<SignalOutcome> {
    const { source, signal } = input;
    const occurredAt = new Date(signal.occurredAt);
    const seen = await tx('incident_deliveries')
      .where({ source, event_id: signal.eventId })
      .first();
    if (seen) {
      return {
        outcome: 'duplicate',
        incidentId: seen.incident_id ?? undefined,
      };
    }
    await tx('incident_deliveries').insert({
      source,
      event_id: signal.eventId,
      received_at: now,
    });

    let row = signal.groupKey
      ? await this.groupIncidentOf(tx, input)
      : await tx('incidents')
          .where({ source, dedup_key: signal.dedupKey })
          .first();
    let outcome: SignalOutcome['outcome'] = 'updated';
    let postmortemId: string;
    if (!row) {
      const created = await this.insertIncident(
        tx,
        input.newIncident(),
        now,
        occurredAt,
        numbering,
      );
      row = await tx('incidents').where({ id: created.incidentId }).first();
      postmortemId = created.postmortemId;
      outcome = 'created';
    } else {
      postmortemId = (
        await tx('postmortems').where({ incident_id: row.id }).first('id')
      ).id;
      await this.mergeSignal(tx, row, input, now);
    }
    if (signal.groupKey) {
      await this.settleGroup(tx, row.id, input, now);
    }

    await tx('incident_deliveries')
      .where({ source, event_id: signal.eventId })
      .update({ incident_id: row.id });

    const existing = await tx('timeline_events')
      .where({
        postmortem_id: postmortemId,
        origin_key: `${source}:${signal.eventId}`,
      })
      .first('id');
    if (!existing) {
      await tx('timeline_events').insert({
        id: randomUUID(),
        postmortem_id: postmortemId,
        occurred_at: occurredAt,
        kind: input.timelineKind,
        source,
        author: input.actor ?? null,
        text: input.timelineText,
        key_decision: Boolean(input.keyDecision),
        evidence_ids: '[]',
        origin_key: `${source}:${signal.eventId}`,
      });
    }
    if (outcome === 'updated') {
      await this.revisions.bumpRevision(tx, postmortemId, { author: source }, [
        'incident',
        'timeline',
      ]);
    }
    return {
      outcome,
      incidentId: row.id,
      humanId: row.human_id,
      postmortemId,
    };
  }

  /**
   * The incident of a grouped signal (an alert of an Alertmanager group):
   * the one that already holds this alert, else the group's episode whose
   * time span overlaps the alert's (an open episode spans until now and
   * beyond), else none: a group that fires again after it resolved is a
   * new incident. Deliveries may arrive in any order; overlap, not arrival,
   * decides.
   */
  private async groupIncidentOf(tx: Knex.Transaction, input: SignalInput) {
    const { source, signal } = input;
    const known = await tx('incident_alerts')
      .where({ source, alert_key: signal.dedupKey })
      .first('incident_id');
    if (known) {
      return tx('incidents').where({ id: known.incident_id }).first();
    }
    const { start, end } = alertSpan(signal);
    const episodes = await tx('incidents')
      .where({ source, group_key: signal.groupKey })
      .orderBy('impact_started_at', 'desc');
    return episodes.find(e => overlapsEpisode({ start, end }, stateOf(e)));
  }

  /**
   * Records the alert's state and derives the grouped incident's from all
   * its alerts: resolved (at the last alert's end) when every alert is,
   * open otherwise; impact from the first alert's start; the most severe
   * severity of any alert.
   */
  private async settleGroup(
    tx: Knex.Transaction,
    incidentId: string,
    input: SignalInput,
    now: Date,
  ) {
    const { source, signal } = input;
    const { start, end } = alertSpan(signal);
    const resolved = signal.status === 'resolved';
    const current = await tx('incident_alerts')
      .where({ source, alert_key: signal.dedupKey })
      .first();
    if (!current) {
      await tx('incident_alerts').insert({
        source,
        alert_key: signal.dedupKey,
        incident_id: incidentId,
        status: resolved ? 'resolved' : 'firing',
        started_at: new Date(start),
        ended_at: resolved ? new Date(end) : null,
      });
    } else if (resolved && current.status !== 'resolved') {
      // An alert (fingerprint and start) that resolved stays resolved: a
      // firing notice of it arriving late does not reopen it.
      await tx('incident_alerts')
        .where({ source, alert_key: signal.dedupKey })
        .update({ status: 'resolved', ended_at: new Date(end) });
    }
    const alerts = await tx('incident_alerts').where({
      incident_id: incidentId,
    });
    const incident = await tx('incidents').where({ id: incidentId }).first();
    const update = changeColumns(
      settleGroup(
        stateOf(incident),
        alerts.map(a => ({
          status: a.status,
          startedAt: new Date(toIso(a.started_at)!),
          endedAt: a.ended_at ? new Date(toIso(a.ended_at)!) : undefined,
        })),
        signal.severity,
      ),
      now,
    );
    await tx('incidents').where({ id: incidentId }).update(update);
  }

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

      const row = await tx('postmortems').where({ id: postmortemId }).first();
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

  async addComment(
    comment: Omit<Comment, 'id' | 'createdAt'>,
  ): Promise<Comment> {
    const row = {
      id: randomUUID(),
      postmortem_id: comment.postmortemId,
      author: comment.author,
      perspective: comment.perspective,
      section: comment.section ?? null,
      text: comment.text,
      created_at: new Date(),
    };
    await this.knex('comments').insert(row);
    return { ...comment, id: row.id, createdAt: row.created_at.toISOString() };
  }

  async listComments(postmortemId: string): Promise<Comment[]> {
    const rows = await this.knex('comments')
      .where({ postmortem_id: postmortemId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      author: r.author,
      perspective: r.perspective,
      section: r.section ?? undefined,
      text: r.text,
      createdAt: toIso(r.created_at)!,
    }));
  }

  async addApproval(
    postmortemId: string,
    approval: Omit<Approval, 'approvedAt'>,
  ) {
    await this.knex('approvals')
      .insert({
        postmortem_id: postmortemId,
        reviewer: approval.reviewer,
        revision: approval.revision,
        comment: approval.comment ?? null,
        approved_at: new Date(),
      })
      .onConflict(['postmortem_id', 'reviewer', 'revision'])
      .ignore();
  }

  async listApprovals(postmortemId: string): Promise<Approval[]> {
    const rows = await this.knex('approvals')
      .where({ postmortem_id: postmortemId })
      .orderBy('approved_at', 'asc');
    return rows.map(r => ({
      reviewer: r.reviewer,
      revision: r.revision,
      comment: r.comment ?? undefined,
      approvedAt: toIso(r.approved_at)!,
    }));
  }

  async addWaiver(postmortemId: string, waiver: Omit<Waiver, 'createdAt'>) {
    await this.knex('language_waivers')
      .insert({
        postmortem_id: postmortemId,
        finding_key: waiver.findingKey,
        waived_by: waiver.waivedBy,
        reason: waiver.reason,
        created_at: new Date(),
      })
      .onConflict(['postmortem_id', 'finding_key'])
      .ignore();
  }

  async listWaivers(postmortemId: string): Promise<Waiver[]> {
    const rows = await this.knex('language_waivers').where({
      postmortem_id: postmortemId,
    });
    return rows.map(r => ({
      findingKey: r.finding_key,
      waivedBy: r.waived_by,
      reason: r.reason,
      createdAt: toIso(r.created_at)!,
    }));
  }

  async recordReminder(reminder: {
    key: string;
    postmortemId: string;
    kind: string;
    recipients: string[];
    sentAt: Date;
    notification: OutboxNotification;
  }): Promise<boolean> {
    // The unique key decides which replica records the reminder; the
    // notification goes into the outbox in the same transaction and is
    // sent after commit, never while the transaction is open.
    return this.knex.transaction(async tx => {
      const inserted = await tx('reminders')
        .insert({
          reminder_key: reminder.key,
          postmortem_id: reminder.postmortemId,
          kind: reminder.kind,
          recipients: JSON.stringify(reminder.recipients),
          sent_at: reminder.sentAt,
        })
        .onConflict('reminder_key')
        .ignore()
        .returning('reminder_key');
      if (!inserted.length) return false;
      await NotificationOutbox.record(
        tx,
        reminder.key,
        reminder.notification,
        reminder.sentAt,
      );
      return true;
    });
  }

  async listReminders(postmortemId?: string) {
    const query = this.knex('reminders').orderBy([
      { column: 'sent_at', order: 'asc' },
      { column: 'reminder_key', order: 'asc' },
    ]);
    if (postmortemId) query.where({ postmortem_id: postmortemId });
    return (await query).map(r => ({
      key: r.reminder_key,
      kind: r.kind,
      recipients: json<string[]>(r.recipients, []),
      sentAt: toIso(r.sent_at)!,
    }));
  }

  async listFullyVerified() {
    const rows = await this.knex('remediation_items')
      .whereNot('status', 'wont_do')
      .groupBy('postmortem_id')
      .havingRaw("sum(case when status = 'verified' then 0 else 1 end) = 0")
      .select('postmortem_id', this.knex.raw('max(verified_at) as last'));
    return (rows as Array<{ postmortem_id: string; last: unknown }>)
      .filter(r => r.last)
      .map(r => ({
        postmortemId: r.postmortem_id,
        lastVerifiedAt: toIso(r.last)!,
      }));
  }

  async listOpenPostmortemIds(): Promise<string[]> {
    const rows = await this.knex('postmortems')
      .whereNot('stage', 'published')
      .orderBy('id')
      .select('id');
    return rows.map(r => r.id);
  }

  async listOpenRemediationItems(): Promise<RemediationItem[]> {
    const rows = await this.knex('remediation_items')
      .whereIn('status', ['open', 'in_progress'])
      .orderBy('id');
    return rows.map(r => SUB_RECORDS.remediation.fromRow(r) as RemediationItem);
  }

  async recordChange(change: Omit<Change, 'id'>): Promise<boolean> {
    // One statement, so two deliveries of one event at the same time (a
    // redelivery, two draft runs) store it once and neither fails.
    const inserted = await this.knex('changes')
      .insert({
        id: randomUUID(),
        source: change.source,
        event_id: change.eventId,
        entity_ref: change.entityRef,
        kind: change.kind,
        version: change.version ?? null,
        description: change.description ?? null,
        author: change.author ?? null,
        link: change.link ?? null,
        rollback_ref: change.rollbackRef ?? null,
        occurred_at: new Date(change.occurredAt),
        received_at: new Date(),
      })
      .onConflict(['source', 'event_id'])
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async listChanges(
    entityRefs: string[],
    from: Date,
    to: Date,
  ): Promise<Change[]> {
    if (!entityRefs.length) return [];
    const rows = await this.knex('changes')
      .whereIn('entity_ref', entityRefs)
      .andWhere('occurred_at', '>=', from)
      .andWhere('occurred_at', '<=', to)
      .orderBy([
        { column: 'occurred_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      source: r.source,
      eventId: r.event_id,
      entityRef: r.entity_ref,
      kind: r.kind,
      version: r.version ?? undefined,
      description: r.description ?? undefined,
      author: r.author ?? undefined,
      link: r.link ?? undefined,
      rollbackRef: r.rollback_ref ?? undefined,
      occurredAt: toIso(r.occurred_at)!,
    }));
  }

  /** Folds a later (or earlier: deliveries reorder) signal into an incident. */
  private async mergeSignal(
    tx: Knex.Transaction,
    row: Row,
    input: SignalInput,
    now: Date,
  ) {
    const update = changeColumns(
      mergeSignal(stateOf(row), input.signal, input.placeholderTitle),
      now,
    );
    await tx('incidents')
      .where({ id: row.id })
      .update(withoutUndefined(update));
    if (input.entityRefs.length) {
      const known = new Set(
        (await tx('incident_entities').where({ incident_id: row.id })).map(
          e => e.entity_ref,
        ),
      );
      const added = input.entityRefs.filter(r => !known.has(r));
      if (added.length) {
        await tx('incident_entities').insert(
          added.map(entity_ref => ({ incident_id: row.id, entity_ref })),
        );
      }
    }
  }

  /** INC-YYYY-NNNN from a per-year counter; the row lock serializes writers. */
  private async nextHumanId(tx: Knex.Transaction, year: number) {
    // The increment first: an insert of the year's row would wait for the
    // lock as well, once more, in every transaction but the year's first.
    const counter = () =>
      tx('human_id_counters').where({ year }).increment('last_value', 1);
    if (!(await counter())) {
      await tx('human_id_counters')
        .insert({ year, last_value: 0 })
        .onConflict('year')
        .ignore();
      await counter();
    }
    const row = await tx('human_id_counters').where({ year }).first();
    return `INC-${year}-${String(row.last_value).padStart(4, '0')}`;
  }

  async getIncident(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    const query = this.knex('incidents as i')
      .join('postmortems as p', 'p.incident_id', 'i.id')
      .select('i.*')
      .where(this.rows.idClause('i', idOrHumanId));
    if (permission) applyPermissionCriteria(this.knex, query, permission);
    const row = await query.first();
    if (!row) return undefined;
    const entities = await this.rows.entitiesOf([row.id]);
    return incidentFromRow(row, entities.get(row.id) ?? []);
  }

  async updateIncident(
    id: string,
    patch: IncidentPatch,
    change: ChangeContext,
  ) {
    await this.knex.transaction(async tx => {
      const pm = await tx('postmortems').where({ incident_id: id }).first('id');
      if (!pm) throw new NotFoundError(`No incident ${id}`);
      const row: Row = {
        title: patch.title,
        severity: patch.severity,
        status: patch.status,
        responders: patch.responders && JSON.stringify(patch.responders),
        links: patch.links && JSON.stringify(patch.links),
        external_ids: patch.externalIds && JSON.stringify(patch.externalIds),
        updated_at: new Date(),
      };
      for (const [key, column] of Object.entries(TIME_COLUMNS)) {
        const value = patch[key as keyof typeof TIME_COLUMNS];
        if (value !== undefined) row[column] = toDate(value);
      }
      await tx('incidents').where({ id }).update(withoutUndefined(row));
      if (patch.entityRefs) await replaceEntities(tx, id, patch.entityRefs);
      if (patch.ownerRefs) await replaceOwners(tx, pm.id, patch.ownerRefs);
      await this.revisions.bumpRevision(tx, pm.id, change, ['incident']);
    });
    return (await this.getIncident(id))!;
  }

  async listIncidents(filter: ListFilter): Promise<Page<Incident>> {
    const { rows, totalCount, totalCountCapped, nextCursor } =
      await this.rows.listRows(filter);
    const entities = await this.rows.entitiesOf(rows.map(r => r.incident_id));
    return {
      items: rows.map(r =>
        incidentFromRow(
          { ...r, id: r.incident_id, title: r.title },
          entities.get(r.incident_id) ?? [],
        ),
      ),
      totalCount,
      ...(totalCountCapped ? { totalCountCapped } : {}),
      nextCursor,
    };
  }

  async getPostmortem(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    const find = async (where: Record<string, string>) => {
      const query = this.rows.postmortemQuery().where(where);
      if (permission) applyPermissionCriteria(this.knex, query, permission);
      return query.first();
    };
    // A UUID is a postmortem's or its incident's id: two lookups, each by
    // its index (an OR across the join read every row of both tables).
    const row = UUID.test(idOrHumanId)
      ? (await find({ 'p.id': idOrHumanId })) ??
        (await find({ 'i.id': idOrHumanId }))
      : await find({ 'i.human_id': idOrHumanId.toLocaleUpperCase('en-US') });
    return row ? (await this.rows.hydrate([row]))[0] : undefined;
  }

  async getPostmortems(ids: string[]) {
    const rows = await this.rows.postmortemQuery().whereIn('p.id', ids);
    const byId = new Map((await this.rows.hydrate(rows)).map(p => [p.id, p]));
    return ids.map(id => byId.get(id));
  }

  async listPostmortems(filter: ListFilter): Promise<Page<Postmortem>> {
    const { rows, totalCount, totalCountCapped, nextCursor } =
      await this.rows.listRows(filter);
    return {
      items: await this.rows.hydrate(rows),
      totalCount,
      ...(totalCountCapped ? { totalCountCapped } : {}),
      nextCursor,
    };
  }

  async updatePostmortem(
    id: string,
    patch: PostmortemContentPatch,
    change: ChangeContext,
  ) {
    await this.knex.transaction(async tx => {
      const changed = Object.keys(patch).filter(
        k => patch[k as keyof PostmortemContentPatch] !== undefined,
      );
      await this.revisions.bumpRevision(tx, id, change, changed, async () => {
        const row: Row = {
          roles: patch.roles && JSON.stringify(patch.roles),
          attachments: patch.attachments && JSON.stringify(patch.attachments),
          visibility: patch.visibility,
          stage: patch.stage,
          ...publicationOf(patch),
          deadlines: patch.deadlines && JSON.stringify(patch.deadlines),
        };
        if (patch.narrative) {
          // Sections not sent keep their text: editors patch one section at a
          // time. A section a person edits is no longer generated, so a later
          // draft run leaves it alone.
          const current = await tx('postmortems')
            .where({ id })
            .first('narrative', 'generated_sections');
          row.narrative = JSON.stringify({
            ...json(current.narrative, {}),
            ...patch.narrative,
          });
          row.generated_sections = JSON.stringify(
            json<string[]>(current.generated_sections, []).filter(
              section => !(section in patch.narrative!),
            ),
          );
        }
        const update = withoutUndefined(row);
        if (Object.keys(update).length) {
          await tx('postmortems').where({ id }).update(update);
        }
        if (patch.roles) await replaceMembers(tx, id, patch.roles);
      });
    });
    return (await this.getPostmortem(id))!;
  }

  async deletePostmortem(id: string) {
    const row = await this.knex('postmortems')
      .where({ id })
      .first('incident_id');
    if (!row) throw new NotFoundError(`No postmortem ${id}`);
    // Children first: SQLite enforces foreign keys only when told to.
    await this.knex.transaction(async tx => {
      for (const table of [
        'history',
        'remediation_items',
        'causes',
        'evidence',
        'timeline_events',
        'revisions',
        'postmortem_owners',
        'postmortem_members',
      ]) {
        await tx(table).where({ postmortem_id: id }).delete();
      }
      await tx('postmortems').where({ id }).delete();
      await tx('incident_entities')
        .where({ incident_id: row.incident_id })
        .delete();
      await tx('incidents').where({ id: row.incident_id }).delete();
    });
  }

  async listSubRecords<K extends SubRecordKind>(kind: K, postmortemId: string) {
    return subRecordsOf(this.knex, kind, postmortemId);
  }

  async addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    const id = randomUUID();
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const now = new Date();
          const row: Row = withoutUndefined({
            ...(spec.toRow as (i: unknown) => Row)(input),
            id,
            postmortem_id: postmortemId,
          });
          if (kind === 'timeline') row.author = change.author;
          if (kind === 'evidence') row.captured_at = now;
          if (kind === 'causes') {
            row.status ??= 'proposed';
            row.perspective ??= 'other';
          }
          if (kind === 'remediation') {
            row.priority = row.impact * row.probability;
            row.status ??= 'open';
            row.created_at = now;
            row.updated_at = now;
          }
          if (kind === 'timeline') row.source ??= 'manual';
          if (kind === 'evidence') row.source ??= 'manual';
          await tx(spec.table).insert(row);
        },
      );
    });
    const [record] = (await this.knex(spec.table).where({ id })).map(
      spec.fromRow,
    );
    return record as SubRecords[K]['record'];
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const current = await tx(spec.table)
            .where({ id: itemId, postmortem_id: postmortemId })
            .first();
          if (!current) throw new NotFoundError(`No ${kind} item ${itemId}`);
          const row = withoutUndefined(
            (spec.toRow as (i: unknown) => Row)(patch),
          );
          if (kind === 'remediation') {
            row.priority =
              (row.impact ?? current.impact) *
              (row.probability ?? current.probability);
            row.updated_at = new Date();
            // Cycle time ends at verification; reopening clears it.
            if (row.status === 'verified' && current.status !== 'verified') {
              row.verified_at = row.updated_at;
            } else if (row.status && row.status !== 'verified') {
              row.verified_at = null;
            }
          }
          await tx(spec.table).where({ id: itemId }).update(row);
        },
      );
    });
    const [record] = (await this.knex(spec.table).where({ id: itemId })).map(
      spec.fromRow,
    );
    return record as SubRecords[K]['record'];
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    change: ChangeContext,
  ) {
    const spec = SUB_RECORDS[kind];
    await this.knex.transaction(async tx => {
      await this.revisions.bumpRevision(
        tx,
        postmortemId,
        change,
        [kind],
        async () => {
          const deleted = await tx(spec.table)
            .where({ id: itemId, postmortem_id: postmortemId })
            .delete();
          if (!deleted) throw new NotFoundError(`No ${kind} item ${itemId}`);
        },
      );
    });
  }

  listRevisions(postmortemId: string) {
    return this.revisions.listRevisions(postmortemId);
  }

  getSnapshot(postmortemId: string, revision: number) {
    return this.revisions.getSnapshot(postmortemId, revision);
  }

  addHistory(postmortemId: string, entry: Omit<HistoryEntry, 'createdAt'>) {
    return this.revisions.addHistory(postmortemId, entry);
  }

  listHistory(postmortemId: string) {
    return this.revisions.listHistory(postmortemId);
  }
}
