import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EarlierIncident,
  FailureFingerprint,
  RecurrenceStore,
} from '../database/KnexRecurrenceStore';
import { NotificationOutbox } from '../outbox/NotificationOutbox';

export type { FailureFingerprint } from '../database/KnexRecurrenceStore';

/**
 * Finds the latest earlier incident with the same failure fingerprint (a
 * shared affected entity and the same alert or the same leading cause),
 * links it, flags its remediation items that should have prevented the
 * repeat, and tells the owners of its postmortem, once. Older occurrences
 * are reached through the chain of links.
 */
export class RecurrenceDetector {
  constructor(
    private readonly store: RecurrenceStore,
    private readonly outbox: NotificationOutbox,
    private readonly logger: LoggerService,
  ) {}

  async fingerprintOf(incidentId: string): Promise<FailureFingerprint> {
    return (await this.store.fingerprintsOf([incidentId])).get(incidentId)!;
  }

  /** Links the incident to earlier matching ones; returns their ids. */
  async detect(incidentId: string): Promise<string[]> {
    const mine = await this.fingerprintOf(incidentId);
    if (!mine.entityRefs.length) return [];
    const { humanId, candidates } = await this.store.earlierSharingEntities(
      incidentId,
      mine.entityRefs,
    );
    // Newest first: the repeat is linked to the latest earlier occurrence.
    candidates.sort(
      (a, b) => b.impactStartedAt.getTime() - a.impactStartedAt.getTime(),
    );
    // Fingerprints of all candidates at once, not three queries each: a
    // failure that keeps recurring has as many earlier incidents to compare
    // with as it recurred.
    const theirs = await this.store.fingerprintsOf(candidates.map(c => c.id));
    const matches: EarlierIncident[] = [];
    for (const candidate of candidates) {
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
        humanId: candidate.humanId,
        reason: sameAlert
          ? `same alert (${mine.alertNames.join(', ')}) on a shared entity`
          : 'same leading cause on a shared entity',
      });
      // Only the latest occurrence: it was itself linked to the one before,
      // whose owners were told then. Linking every earlier occurrence told
      // the owners of the first one again at each repeat and made each
      // draft of a recurring alert write and send as many notices as the
      // alert had recurred (quadratic over its history: 1,565 notices in a
      // minute of load).
      break;
    }
    return this.link(incidentId, humanId, matches);
  }

  /**
   * Links the incident to the earlier ones in one transaction, with the
   * notices to their owners recorded in it; sends those after commit.
   * Returns the earlier incidents newly linked.
   */
  private async link(
    incidentId: string,
    humanId: string,
    earlier: EarlierIncident[],
  ): Promise<string[]> {
    if (!earlier.length) return [];
    const linked = await this.store.link(
      incidentId,
      earlier,
      ({ humanId: earlierHumanId, reason }, recipients) => ({
        recipients,
        payload: {
          title: `${humanId} looks like a repeat of ${earlierHumanId}`,
          description: `Linked because of the ${reason}. Check the remediation items of ${earlierHumanId}.`,
          link: `/postmortems/${humanId}`,
          severity: 'high',
          topic: 'postmortem',
        },
      }),
    );
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
    return this.store.related(incidentId);
  }
}
