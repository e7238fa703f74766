import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { NotificationOutbox } from '../outbox/NotificationOutbox';

/** What identifies a failure: where it hit, what alerted, what caused it. */
export interface FailureFingerprint {
  entityRefs: string[];
  alertNames: string[];
  /** Entity and type of the leading cause, e.g. `component:default/x/direct`. */
  causeKeys: string[];
}

/**
 * Finds earlier incidents with the same failure fingerprint (a shared
 * affected entity and the same alert or the same leading cause), links
 * them, flags the earlier remediation items that should have prevented the
 * repeat, and tells the owners of the earlier postmortems, once.
 */
export class RecurrenceDetector {
  constructor(
    private readonly knex: Knex,
    private readonly outbox: NotificationOutbox,
    private readonly logger: LoggerService,
  ) {}

  async fingerprintOf(incidentId: string): Promise<FailureFingerprint> {
    const k = this.knex;
    const entities = await k('incident_entities')
      .where({ incident_id: incidentId })
      .pluck('entity_ref');
    const incident = await k('incidents')
      .where({ id: incidentId })
      .first('labels');
    const labels = JSON.parse(incident?.labels ?? '{}') as Record<
      string,
      string
    >;
    const causes = await k('causes as c')
      .join('postmortems as p', 'p.id', 'c.postmortem_id')
      .where('p.incident_id', incidentId)
      .whereIn('c.status', ['supported', 'confirmed'])
      .select('c.entity_ref', 'c.type');
    return {
      entityRefs: [...entities].sort(),
      alertNames: labels.alertname ? [labels.alertname] : [],
      causeKeys: causes
        .filter(c => c.entity_ref)
        .map(c => `${c.entity_ref}/${c.type}`)
        .sort(),
    };
  }

  /** Links the incident to earlier matching ones; returns their ids. */
  async detect(incidentId: string): Promise<string[]> {
    const k = this.knex;
    const mine = await this.fingerprintOf(incidentId);
    if (!mine.entityRefs.length) return [];
    const current = await k('incidents')
      .where({ id: incidentId })
      .first('impact_started_at', 'human_id');
    const candidates = await k('incidents as i')
      .join('incident_entities as e', 'e.incident_id', 'i.id')
      .whereIn('e.entity_ref', mine.entityRefs)
      .whereNot('i.id', incidentId)
      .andWhere('i.impact_started_at', '<', current.impact_started_at)
      .distinct('i.id', 'i.human_id');
    const linked: string[] = [];
    for (const candidate of candidates) {
      const theirs = await this.fingerprintOf(candidate.id);
      const sameAlert = mine.alertNames.some(a =>
        theirs.alertNames.includes(a),
      );
      const sameCause = mine.causeKeys.some(c => theirs.causeKeys.includes(c));
      if (!sameAlert && !sameCause) continue;
      const reason = sameAlert
        ? `same alert (${mine.alertNames.join(', ')}) on a shared entity`
        : 'same leading cause on a shared entity';
      if (
        await this.link(
          incidentId,
          candidate.id,
          reason,
          current.human_id,
          candidate.human_id,
        )
      ) {
        linked.push(candidate.id);
      }
    }
    return linked;
  }

  private async link(
    incidentId: string,
    earlierId: string,
    reason: string,
    humanId: string,
    earlierHumanId: string,
  ): Promise<boolean> {
    const k = this.knex;
    const earlierPostmortem = await k('postmortems')
      .where({ incident_id: earlierId })
      .first('id', 'roles');
    const key = `recurrence:${incidentId}:${earlierId}`;
    const linked = await k.transaction(async tx => {
      const exists = await tx('incident_links')
        .where({ incident_id: incidentId, related_incident_id: earlierId })
        .first('reason');
      if (exists) return false;
      await tx('incident_links').insert({
        incident_id: incidentId,
        related_incident_id: earlierId,
        reason,
        created_at: new Date(),
      });
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
      await NotificationOutbox.record(tx, key, {
        recipients,
        payload: {
          title: `${humanId} looks like a repeat of ${earlierHumanId}`,
          description: `Linked because of the ${reason}. Check the remediation items of ${earlierHumanId}.`,
          link: `/postmortems/${humanId}`,
          severity: 'high',
          topic: 'postmortem',
        },
      });
      return true;
    });
    if (linked) {
      this.logger.info(`${humanId} recurs ${earlierHumanId}: ${reason}`);
      await this.outbox.deliver([key]);
    }
    return linked;
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
