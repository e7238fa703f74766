import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { recordNotification } from '../database/KnexOutboxStore';
import { NotificationOutbox } from '../outbox/NotificationOutbox';

/**
 * Earlier incidents whose fingerprints are read at once while looking for
 * the latest match: the latest usually matches, so a few are enough.
 */
const CANDIDATES_PER_READ = 20;

/** What identifies a failure: where it hit, what alerted, what caused it. */
export interface FailureFingerprint {
  entityRefs: string[];
  alertNames: string[];
  /** Entity and type of the leading cause, e.g. `component:default/x/direct`. */
  causeKeys: string[];
}

/**
 * Finds the latest earlier incident with the same failure fingerprint (a
 * shared affected entity and the same alert or the same leading cause),
 * links it, flags its remediation items that should have prevented the
 * repeat, and tells the owners of its postmortem, once. Older occurrences
 * are reached through the chain of links.
 */
export class RecurrenceDetector {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: NotificationOutbox,
    private readonly logger: LoggerService,
  ) {}

  async fingerprintOf(incidentId: string): Promise<FailureFingerprint> {
    return (await this.fingerprintsOf([incidentId])).get(incidentId)!;
  }

  /**
   * Fingerprints of many incidents in three queries, not three per
   * incident: a failure that keeps recurring has as many earlier incidents
   * to compare with as it recurred.
   */
  private async fingerprintsOf(
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

  /** Links the incident to earlier matching ones; returns their ids. */
  async detect(incidentId: string): Promise<string[]> {
    const k = this.knex;
    const mine = await this.fingerprintOf(incidentId);
    if (!mine.entityRefs.length) return [];
    const current = await k('incidents')
      .where({ id: incidentId })
      .first('impact_started_at', 'human_id');
    const candidates: Array<{
      id: string;
      human_id: string;
      impact_started_at: string | Date;
    }> = await k('incidents as i')
      .join('incident_entities as e', 'e.incident_id', 'i.id')
      .whereIn('e.entity_ref', mine.entityRefs)
      .whereNot('i.id', incidentId)
      .andWhere('i.impact_started_at', '<', current.impact_started_at)
      .distinct('i.id', 'i.human_id', 'i.impact_started_at');
    // Newest first: the repeat is linked to the latest earlier occurrence.
    candidates.sort(
      (a, b) =>
        new Date(b.impact_started_at).getTime() -
        new Date(a.impact_started_at).getTime(),
    );
    // Only the latest occurrence is linked: it was itself linked to the one
    // before, whose owners were told then. Linking every earlier occurrence
    // told the owners of the first one again at each repeat and made each
    // draft of a recurring alert write and send as many notices as the
    // alert had recurred (quadratic over its history: 1,565 notices in a
    // minute of load). So fingerprints are read newest first, a few at a
    // time, until one matches: reading those of every earlier incident on
    // a shared entity made each draft cost as much as the entity's whole
    // history (hundreds of rows parsed per draft under load).
    const matches: Array<{ id: string; humanId: string; reason: string }> = [];
    for (
      let i = 0;
      i < candidates.length && !matches.length;
      i += CANDIDATES_PER_READ
    ) {
      const batch = candidates.slice(i, i + CANDIDATES_PER_READ);
      const theirs = await this.fingerprintsOf(batch.map(c => c.id));
      for (const candidate of batch) {
        const fingerprint = theirs.get(candidate.id)!;
        const sameAlert = mine.alertNames.some(a =>
          fingerprint.alertNames.includes(a),
        );
        const sameCause = mine.causeKeys.some(c =>
          fingerprint.causeKeys.includes(c),
        );
        if (!sameAlert && !sameCause) continue;
        matches.push({
          id: candidate.id,
          humanId: candidate.human_id,
          reason: sameAlert
            ? `same alert (${mine.alertNames.join(', ')}) on a shared entity`
            : 'same leading cause on a shared entity',
        });
        break;
      }
    }
    return this.link(incidentId, current.human_id, matches);
  }

  /**
   * Links the incident to the earlier ones in one transaction, with the
   * notices to their owners recorded in it; sends those after commit.
   * Returns the earlier incidents newly linked.
   */
  private async link(
    incidentId: string,
    humanId: string,
    earlier: Array<{ id: string; humanId: string; reason: string }>,
  ): Promise<string[]> {
    if (!earlier.length) return [];
    const k = this.knex;
    const linked = await k.transaction(async tx => {
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
      const linkedNow: typeof earlier = [];
      for (const { id: earlierId, humanId: earlierHumanId, reason } of fresh) {
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
        linkedNow.push({ id: earlierId, humanId: earlierHumanId, reason });
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
        await recordNotification(tx, key, {
          recipients,
          payload: {
            title: `${humanId} looks like a repeat of ${earlierHumanId}`,
            description: `Linked because of the ${reason}. Check the remediation items of ${earlierHumanId}.`,
            link: `/postmortems/${humanId}`,
            severity: 'high',
            topic: 'postmortem',
          },
        });
      }
      return linkedNow;
    });
    for (const { humanId: earlierHumanId, reason } of linked) {
      this.logger.info(`${humanId} recurs ${earlierHumanId}: ${reason}`);
    }
    if (linked.length) {
      await this.outbox.deliver(
        linked.map(e => `recurrence:${incidentId}:${e.id}`),
      );
    }
    return linked.map(e => e.id);
  }

  /** Incidents linked to this one, in both directions. */
  async related(incidentId: string) {
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
