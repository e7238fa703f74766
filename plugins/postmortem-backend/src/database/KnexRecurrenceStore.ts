import { Knex } from 'knex';
import { OutboxNotification, recordNotification } from './KnexOutboxStore';

/** What identifies a failure: where it hit, what alerted, what caused it. */
export interface FailureFingerprint {
  entityRefs: string[];
  alertNames: string[];
  /** Entity and type of the leading cause, e.g. `component:default/x/direct`. */
  causeKeys: string[];
}

/** An earlier incident a new one repeats, and why. */
export interface EarlierIncident {
  id: string;
  humanId: string;
  reason: string;
}

/** The notice to the owners of an earlier incident that recurred. */
export type RecurrenceNotice = (
  earlier: EarlierIncident,
  recipients: string[],
) => OutboxNotification;

/** An incident linked to another one, seen from that one. */
export interface RelatedIncident {
  incidentId: string;
  humanId: string;
  title: string;
  reason: string;
  direction: 'recurrence_of' | 'recurred_in';
}

/** The links between incidents that repeat a failure. */
export interface RecurrenceStore {
  /** Fingerprints of many incidents in a few queries, not three per incident. */
  fingerprintsOf(
    incidentIds: string[],
  ): Promise<Map<string, FailureFingerprint>>;
  /**
   * The incident's human id, and the incidents that started before it and
   * share one of the entities, in no particular order.
   */
  earlierSharingEntities(
    incidentId: string,
    entityRefs: string[],
  ): Promise<{
    humanId: string;
    candidates: Array<{ id: string; humanId: string; impactStartedAt: Date }>;
  }>;
  /**
   * Links the incident to the earlier ones in one transaction: flags their
   * remediation items with it, records a reminder to their owners and its
   * notification (`recurrence:<incident>:<earlier>`) in the outbox. Returns
   * the earlier incidents linked now (a link that exists is left alone).
   */
  link(
    incidentId: string,
    earlier: EarlierIncident[],
    notification: RecurrenceNotice,
  ): Promise<EarlierIncident[]>;
  /** Incidents linked to this one, in both directions. */
  related(incidentId: string): Promise<RelatedIncident[]>;
}

/** RecurrenceStore on the plugin's database. */
export class KnexRecurrenceStore implements RecurrenceStore {
  constructor(private readonly knex: Knex) {}

  async fingerprintsOf(
    incidentIds: string[],
  ): Promise<Map<string, FailureFingerprint>> {
    const k = this.knex;
    const result = new Map<string, FailureFingerprint>();
    for (const id of incidentIds) {
      result.set(id, { entityRefs: [], alertNames: [], causeKeys: [] });
    }
    // Chunks stay below SQLite's limit of bound parameters.
    for (let i = 0; i < incidentIds.length; i += 500) {
      const ids = incidentIds.slice(i, i + 500);
      const entities = await k('incident_entities')
        .whereIn('incident_id', ids)
        .select('incident_id', 'entity_ref');
      for (const row of entities) {
        result.get(row.incident_id)!.entityRefs.push(row.entity_ref);
      }
      const incidents = await k('incidents')
        .whereIn('id', ids)
        .select('id', 'labels');
      for (const row of incidents) {
        const labels = JSON.parse(row.labels ?? '{}') as Record<string, string>;
        if (labels.alertname) {
          result.get(row.id)!.alertNames.push(labels.alertname);
        }
      }
      const causes = await k('causes as c')
        .join('postmortems as p', 'p.id', 'c.postmortem_id')
        .whereIn('p.incident_id', ids)
        .whereIn('c.status', ['supported', 'confirmed'])
        .whereNotNull('c.entity_ref')
        .select('p.incident_id', 'c.entity_ref', 'c.type');
      for (const row of causes) {
        result
          .get(row.incident_id)!
          .causeKeys.push(`${row.entity_ref}/${row.type}`);
      }
    }
    for (const fingerprint of result.values()) {
      fingerprint.entityRefs.sort();
      fingerprint.causeKeys.sort();
    }
    return result;
  }

  async earlierSharingEntities(incidentId: string, entityRefs: string[]) {
    const k = this.knex;
    const current = await k('incidents')
      .where({ id: incidentId })
      .first('impact_started_at', 'human_id');
    const candidates: Array<{
      id: string;
      human_id: string;
      impact_started_at: string | Date;
    }> = await k('incidents as i')
      .join('incident_entities as e', 'e.incident_id', 'i.id')
      .whereIn('e.entity_ref', entityRefs)
      .whereNot('i.id', incidentId)
      .andWhere('i.impact_started_at', '<', current.impact_started_at)
      .distinct('i.id', 'i.human_id', 'i.impact_started_at');
    return {
      humanId: current.human_id as string,
      candidates: candidates.map(c => ({
        id: c.id,
        humanId: c.human_id,
        impactStartedAt: new Date(c.impact_started_at),
      })),
    };
  }

  async link(
    incidentId: string,
    earlier: EarlierIncident[],
    notification: RecurrenceNotice,
  ): Promise<EarlierIncident[]> {
    if (!earlier.length) return [];
    return this.knex.transaction(async tx => {
      const known = new Set<string>();
      for (let i = 0; i < earlier.length; i += 500) {
        const rows = await tx('incident_links')
          .where({ incident_id: incidentId })
          .whereIn(
            'related_incident_id',
            earlier.slice(i, i + 500).map(e => e.id),
          )
          .pluck('related_incident_id');
        rows.forEach((id: string) => known.add(id));
      }
      const fresh = earlier.filter(e => !known.has(e.id));
      const linkedNow: EarlierIncident[] = [];
      for (const one of fresh) {
        const { id: earlierId, reason } = one;
        const earlierPostmortem = await tx('postmortems')
          .where({ incident_id: earlierId })
          .first('id', 'roles');
        const key = `recurrence:${incidentId}:${earlierId}`;
        // Another replica drafting the same incident may link it at the
        // same moment: the first insert wins, the other does nothing more.
        const inserted = await tx('incident_links')
          .insert({
            incident_id: incidentId,
            related_incident_id: earlierId,
            reason,
            created_at: new Date(),
          })
          .onConflict(['incident_id', 'related_incident_id'])
          .ignore()
          .returning('related_incident_id');
        if (!inserted.length) continue;
        linkedNow.push(one);
        // The earlier items that were meant to prevent this failure.
        await tx('remediation_items')
          .where({ postmortem_id: earlierPostmortem.id })
          .update({ recurrence_incident_id: incidentId });
        const owners = await tx('postmortem_owners')
          .where({ postmortem_id: earlierPostmortem.id })
          .pluck('owner_ref');
        const roles = JSON.parse(earlierPostmortem.roles ?? '{}');
        const recipients = [
          ...new Set([
            ...owners,
            ...(roles.incidentCommander ? [roles.incidentCommander] : []),
          ]),
        ];
        await tx('reminders').insert({
          reminder_key: key,
          postmortem_id: earlierPostmortem.id,
          kind: 'recurrence',
          recipients: JSON.stringify(recipients),
          sent_at: new Date(),
        });
        // Recorded with the link, sent after commit: the notifications
        // backend needs a connection of its own (on SQLite, the only one).
        await recordNotification(tx, key, notification(one, recipients));
      }
      return linkedNow;
    });
  }

  async related(incidentId: string): Promise<RelatedIncident[]> {
    const k = this.knex;
    const rows = await k('incident_links as l')
      .join('incidents as i', qb =>
        qb.on(
          k.raw(
            'i.id = case when l.incident_id = ? then l.related_incident_id else l.incident_id end',
            [incidentId],
          ),
        ),
      )
      .where('l.incident_id', incidentId)
      .orWhere('l.related_incident_id', incidentId)
      .select('i.id', 'i.human_id', 'i.title', 'l.reason', 'l.incident_id');
    return rows.map(r => ({
      incidentId: r.id as string,
      humanId: r.human_id as string,
      title: r.title as string,
      reason: r.reason as string,
      direction:
        r.incident_id === incidentId
          ? ('recurrence_of' as const)
          : ('recurred_in' as const),
    }));
  }
}
