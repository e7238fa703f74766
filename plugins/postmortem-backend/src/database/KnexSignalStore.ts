import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  IncidentChange,
  IncidentState,
  mergeSignal,
  overlapsEpisode,
  settleGroup,
} from '../intake/mergeSignal';
import { KnexIncidentStore, Numbering } from './KnexIncidentStore';
import { KnexRevisionStore } from './KnexRevisionStore';
import type {
  SignalInput,
  SignalOutcome,
  SignalStore,
} from './PostmortemStore';
import { dateOf, json, Row, toIso, withoutUndefined } from './rows';

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

/**
 * Signals of incident sources: each applied at most once, opening an
 * incident or folding into the one it belongs to (by deduplication key, or
 * by alert group and time), with a timeline event.
 */
export class KnexSignalStore implements SignalStore {
  constructor(
    private readonly knex: Knex,
    private readonly incidents: KnexIncidentStore,
    private readonly revisions: KnexRevisionStore,
  ) {}

  async applySignal(input: SignalInput): Promise<SignalOutcome> {
    return (await this.applyDelivery([input]))[0];
  }

  async applyDelivery(inputs: SignalInput[]): Promise<SignalOutcome[]> {
    if (!inputs.length) return [];
    // A redelivery (senders retry, an alert storm repeats itself) is
    // answered from one read, without a transaction or a lock; anything
    // new is checked again under the lock below.
    const repeated = await this.knownDeliveries(inputs);
    if (repeated) return repeated;
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

  /** The outcomes of a delivery whose every event was applied before. */
  private async knownDeliveries(
    inputs: SignalInput[],
  ): Promise<SignalOutcome[] | undefined> {
    const source = inputs[0].source;
    if (inputs.some(i => i.source !== source)) return undefined;
    const seen = new Map<string, Row>(
      (
        await this.knex('incident_deliveries')
          .where({ source })
          .whereIn(
            'event_id',
            inputs.map(i => i.signal.eventId),
          )
          .select('event_id', 'incident_id')
      ).map((r: Row) => [r.event_id, r]),
    );
    if (inputs.some(i => !seen.has(i.signal.eventId))) return undefined;
    return inputs.map(i => ({
      outcome: 'duplicate',
      incidentId: seen.get(i.signal.eventId)!.incident_id ?? undefined,
    }));
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

    let row = signal.groupKey
      ? await this.groupIncidentOf(tx, input)
      : await tx('incidents')
          .where({ source, dedup_key: signal.dedupKey })
          .first();
    let outcome: SignalOutcome['outcome'] = 'updated';
    let postmortemId: string;
    if (!row) {
      const created = await this.incidents.insertIncident(
        tx,
        input.newIncident(),
        now,
        occurredAt,
        numbering,
      );
      // As inserted: nothing has changed it since.
      row = created.incidentRow;
      postmortemId = created.postmortemId;
      outcome = 'created';
    } else {
      postmortemId = (
        await tx('postmortems').where({ incident_id: row.id }).first('id')
      ).id;
      await this.mergeSignal(tx, row, input, now);
    }
    if (signal.groupKey) {
      await this.settleGroup(
        tx,
        row.id,
        input,
        now,
        outcome === 'created' ? row : undefined,
      );
    }

    // The event is recorded as applied with the incident it went to (the
    // intake lock keeps a concurrent delivery of it waiting until commit).
    await tx('incident_deliveries').insert({
      source,
      event_id: signal.eventId,
      received_at: now,
      incident_id: row.id,
    });

    // A new postmortem has no timeline yet.
    const existing =
      outcome === 'created'
        ? undefined
        : await tx('timeline_events')
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
    /**
     * The row of an incident this signal has just opened: it has no alerts
     * but this one (groupIncidentOf found none with its key).
     */
    fresh?: Row,
  ) {
    const { source, signal } = input;
    const { start, end } = alertSpan(signal);
    const resolved = signal.status === 'resolved';
    const alert = {
      source,
      alert_key: signal.dedupKey,
      incident_id: incidentId,
      status: resolved ? 'resolved' : 'firing',
      started_at: new Date(start),
      ended_at: resolved ? new Date(end) : null,
    };
    const current = fresh
      ? undefined
      : await tx('incident_alerts')
          .where({ source, alert_key: signal.dedupKey })
          .first();
    if (!current) {
      await tx('incident_alerts').insert(alert);
    } else if (resolved && current.status !== 'resolved') {
      // An alert (fingerprint and start) that resolved stays resolved: a
      // firing notice of it arriving late does not reopen it.
      await tx('incident_alerts')
        .where({ source, alert_key: signal.dedupKey })
        .update({ status: 'resolved', ended_at: new Date(end) });
    }
    const alerts = fresh
      ? [alert]
      : await tx('incident_alerts').where({ incident_id: incidentId });
    const incident =
      fresh ?? (await tx('incidents').where({ id: incidentId }).first());
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
    if (fresh) {
      // The incident was inserted a moment ago: only what differs.
      const same = (a: unknown, b: unknown) =>
        a instanceof Date || b instanceof Date
          ? dateOf(a)?.getTime() === dateOf(b)?.getTime()
          : a === b;
      for (const [column, value] of Object.entries(update)) {
        if (same(value, fresh[column])) delete update[column];
      }
      if (!Object.keys(update).length) return;
      Object.assign(fresh, update);
    }
    await tx('incidents').where({ id: incidentId }).update(update);
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
}
