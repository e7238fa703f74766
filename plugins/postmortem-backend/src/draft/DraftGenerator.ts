import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type {
  Incident,
  RemediationHorizon,
} from '@postmortems/plugin-postmortem-common';
import {
  CollectedEvidence,
  EvidenceCollector,
} from '@postmortems/plugin-postmortem-node';
import { createHash } from 'node:crypto';
import { DraftContent, PostmortemStore } from '../database/PostmortemStore';
import { Redactor } from '../redaction/Redactor';
import { EntityResolver } from '../service/EntityResolver';
import { rankHypotheses } from './rankHypotheses';
import { RecurrenceDetector } from '../recurrence/RecurrenceDetector';

/** Tunables of draft generation, from `postmortem.draft` in app-config. */
export interface DraftSettings {
  evidenceMarginBeforeMinutes: number;
  evidenceMarginAfterMinutes: number;
  changeLookbackMinutes: number;
  hypothesisHalfLifeMinutes: number;
  detectionGapMinutes: number;
  /** Largest evidence content kept, in characters. */
  maxEvidenceChars: number;
}

export function draftSettingsFromConfig(config: Config): DraftSettings {
  const c = config.getOptionalConfig('postmortem.draft');
  return {
    evidenceMarginBeforeMinutes:
      c?.getOptionalNumber('evidenceMarginBeforeMinutes') ?? 30,
    evidenceMarginAfterMinutes:
      c?.getOptionalNumber('evidenceMarginAfterMinutes') ?? 15,
    changeLookbackMinutes: c?.getOptionalNumber('changeLookbackMinutes') ?? 180,
    hypothesisHalfLifeMinutes:
      c?.getOptionalNumber('hypothesisHalfLifeMinutes') ?? 30,
    detectionGapMinutes: c?.getOptionalNumber('detectionGapMinutes') ?? 5,
    maxEvidenceChars: c?.getOptionalNumber('maxEvidenceChars') ?? 65536,
  };
}

const HORIZON_DAYS: Record<RemediationHorizon, number> = {
  short: 14,
  medium: 45,
  long: 90,
};

const minutes = (from?: string, to?: string) =>
  from && to ? (Date.parse(to) - Date.parse(from)) / 60_000 : undefined;

export function formatMinutes(value: number | undefined): string {
  if (value === undefined) return 'unknown';
  if (value < 1) return `${Math.round(value * 60)} s`;
  if (value < 120) return `${Math.round(value)} min`;
  return `${(value / 60).toFixed(1)} h`;
}

const hash = (...parts: Array<string | undefined>) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

const shortRef = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

/**
 * Drafts a postmortem from what the machines know: evidence from every
 * collector over the incident window, changes along the dependency graph
 * ranked as cause hypotheses, a timeline, durations and first remediation
 * items. Idempotent: re-running adds only what is new and never overwrites
 * what a person wrote.
 */
export class DraftGenerator {
  constructor(
    private readonly store: PostmortemStore,
    private readonly entities: EntityResolver,
    private readonly collectors: EvidenceCollector[],
    private readonly redactor: Redactor,
    private readonly settings: DraftSettings,
    private readonly logger: LoggerService,
    private readonly recurrence?: RecurrenceDetector,
  ) {}

  /** Generates (or refreshes) the draft of an incident's postmortem. */
  async generate(
    incidentId: string,
    author = 'postmortem-draft',
  ): Promise<number | undefined> {
    const startedAt = new Date();
    const incident = await this.store.getIncident(incidentId);
    const postmortem =
      incident && (await this.store.getPostmortem(incident.id));
    if (!incident || !postmortem)
      throw new NotFoundError(`No incident ${incidentId}`);

    const graph = await this.entities.dependencyGraph(incident.entityRefs);
    const distances = new Map(graph.nodes.map(n => [n.entityRef, n.distance]));
    const annotations = await this.entities.annotationsOf([
      ...distances.keys(),
    ]);
    const impactStart = new Date(
      incident.impactStartedAt ?? incident.createdAt,
    );
    const end = incident.resolvedAt ? new Date(incident.resolvedAt) : startedAt;
    const changesFrom = new Date(
      impactStart.getTime() - this.settings.changeLookbackMinutes * 60_000,
    );

    const draft: DraftContent = {
      evidence: [],
      timeline: [],
      causes: [],
      remediation: [],
      narrative: {},
    };
    const addEvidence = (item: CollectedEvidence, originKey: string) => {
      const { value, counts } = this.redactor.redactValue({
        content: item.content.slice(0, this.settings.maxEvidenceChars),
        query: item.query,
      });
      draft.evidence.push({
        kind: item.kind,
        source: item.source,
        query: value.query,
        entityRef: item.entityRef,
        content: value.content,
        occurredAt: item.occurredAt,
        redactions: counts,
        originKey,
      });
      return originKey;
    };

    // Evidence from collectors: metrics, logs, deployments, config.
    const anomalies = new Map<string, string[]>();
    for (const collector of this.collectors) {
      try {
        const items = await collector.collect({
          incidentId: incident.id,
          humanId: incident.humanId,
          entities: [...distances].map(([entityRef, distance]) => ({
            entityRef,
            distance,
            annotations: annotations.get(entityRef) ?? {},
          })),
          from: new Date(
            impactStart.getTime() -
              this.settings.evidenceMarginBeforeMinutes * 60_000,
          ),
          to: new Date(
            end.getTime() + this.settings.evidenceMarginAfterMinutes * 60_000,
          ),
          changesFrom,
          labels: {},
        });
        for (const item of items) {
          // A change a collector saw (e.g. a GitHub deployment) is stored like
          // one posted to /webhooks/changes, so listChanges below makes it
          // evidence, a timeline entry and a ranked hypothesis; as plain
          // evidence, ranking would never see it.
          if (item.change && (await this.recordChange(collector.id, item))) {
            continue;
          }
          const key = addEvidence(
            item,
            `${collector.id}:${hash(
              item.kind,
              item.entityRef,
              item.query,
              item.occurredAt,
            )}`,
          );
          if (item.anomalous && item.entityRef) {
            anomalies.set(item.entityRef, [
              ...(anomalies.get(item.entityRef) ?? []),
              key,
            ]);
          }
        }
      } catch (error) {
        this.logger.warn(
          `Evidence collector ${collector.id} failed for ${incident.humanId}: ${error}`,
        );
      }
    }

    // Changes along the dependency graph: evidence, timeline, hypotheses.
    const changes = await this.store.listChanges(
      [...distances.keys()],
      changesFrom,
      end,
    );
    for (const change of changes) {
      const key = addEvidence(
        {
          kind: change.kind === 'config' ? 'config_diff' : 'deployment',
          source: change.source,
          entityRef: change.entityRef,
          content: JSON.stringify(change, null, 2),
          occurredAt: change.occurredAt,
        },
        `change:${change.id}`,
      );
      draft.timeline.push({
        occurredAt: change.occurredAt,
        kind: change.kind === 'config' ? 'config_change' : 'deployment',
        source: change.source,
        text: `${
          change.kind === 'config' ? 'Config change' : 'Deployment'
        } of ${shortRef(change.entityRef)}${
          change.version ? ` ${change.version}` : ''
        }${change.author ? ` by ${change.author}` : ''}`,
        evidenceIds: [],
        originKey: key,
      });
    }
    const hypotheses = rankHypotheses(changes, distances, impactStart, {
      halfLifeMinutes: this.settings.hypothesisHalfLifeMinutes,
      graceMinutes: 2,
    });
    for (const h of hypotheses) {
      const what = `${
        h.change.kind === 'config' ? 'config change' : 'deployment'
      } of ${shortRef(h.change.entityRef)}${
        h.change.version ? ` ${h.change.version}` : ''
      }`;
      const where =
        h.distance === 0
          ? 'an affected entity'
          : `${h.distance} dependency hop${
              h.distance > 1 ? 's' : ''
            } from the affected entities`;
      draft.causes.push({
        type: 'direct',
        statement: `The ${what}, ${formatMinutes(
          h.minutesBeforeImpact,
        )} before impact started on ${where}, may have caused the failure. Confirm or refute it with evidence and describe how to roll it back.`,
        status: 'proposed',
        perspective: 'sre',
        changeRelated: true,
        entityRef: h.change.entityRef,
        score: Math.round(h.score * 1000) / 1000,
        evidenceOriginKeys: [
          `change:${h.change.id}`,
          ...(anomalies.get(h.change.entityRef) ?? []),
        ],
        originKey: `hypothesis:${h.change.id}`,
      });
    }

    // First remediation items, owned by the owners of what they concern.
    const ttd = minutes(incident.impactStartedAt, incident.detectedAt);
    const dueIn = (horizon: RemediationHorizon) =>
      new Date(startedAt.getTime() + HORIZON_DAYS[horizon] * 86_400_000)
        .toISOString()
        .slice(0, 10);
    const firstEntity = incident.entityRefs[0];
    if (
      ttd !== undefined &&
      ttd > this.settings.detectionGapMinutes &&
      firstEntity
    ) {
      draft.remediation.push({
        title: `Detect ${shortRef(firstEntity)} failures sooner`,
        description: `Detection took ${formatMinutes(
          ttd,
        )} after impact started.`,
        ownerRef: (await this.entities.ownersOf([firstEntity]))[0],
        acceptanceCriteria: `An alert fires within ${this.settings.detectionGapMinutes} minutes of impact start for this failure mode, shown by a replay or a test.`,
        impact: 4,
        probability: 3,
        horizon: 'medium',
        dueDate: dueIn('medium'),
        originKey: `remediation:detection-gap:${firstEntity}`,
      });
    }
    const top = hypotheses[0];
    if (top) {
      draft.remediation.push({
        title: `Guard changes to ${shortRef(
          top.change.entityRef,
        )} with automated rollback`,
        description: `The top hypothesis is a ${top.change.kind} of ${shortRef(
          top.change.entityRef,
        )}.`,
        ownerRef: (await this.entities.ownersOf([top.change.entityRef]))[0],
        acceptanceCriteria:
          'A bad change to this entity is detected by canary analysis and rolled back without a person acting.',
        impact: 4,
        probability: 4,
        horizon: 'short',
        dueDate: dueIn('short'),
        originKey: `remediation:change-guard:${top.change.entityRef}`,
      });
    }

    draft.narrative = this.narrativeFor(
      incident,
      hypotheses.length,
      top && shortRef(top.change.entityRef),
    );
    const revision = await this.store.applyDraft(postmortem.id, draft, author);
    await this.store.setDependencySnapshot(postmortem.id, {
      capturedAt: startedAt.toISOString(),
      nodes: graph.nodes.map(n => ({ ...n, affected: n.distance === 0 })),
      edges: graph.edges,
      topHypothesisEntityRef: top?.change.entityRef,
    });
    await this.store.markDraftGenerated(incident.id, startedAt);
    try {
      await this.recurrence?.detect(incident.id);
    } catch (error) {
      // Linking is retried by the next draft run; the draft itself stands.
      this.logger.warn(
        `Recurrence check for ${incident.humanId} failed: ${error}`,
      );
    }
    return revision;
  }

  /**
   * Records a collected change, once per collector and change id (also when
   * drafts of one incident run at once). False when it lacks what ranking
   * needs; the caller then keeps it as plain evidence.
   */
  private async recordChange(
    source: string,
    item: CollectedEvidence,
  ): Promise<boolean> {
    const change = item.change!;
    const { entityRef } = item;
    const at = new Date(Date.parse(item.occurredAt ?? ''));
    if (!entityRef || Number.isNaN(at.getTime())) {
      this.logger.warn(
        `Change ${change.id} from ${source} has no entityRef or occurredAt; kept as plain evidence`,
      );
      return false;
    }
    await this.store.recordChange({
      source,
      eventId: change.id,
      entityRef,
      kind: change.kind,
      version: change.version,
      description: change.description,
      author: change.author,
      link: change.link,
      rollbackRef: change.rollbackRef,
      occurredAt: at.toISOString(),
    });
    return true;
  }

  private narrativeFor(
    incident: Incident,
    hypothesisCount: number,
    topEntity?: string,
  ) {
    const ttd = minutes(incident.impactStartedAt, incident.detectedAt);
    const tta = minutes(incident.impactStartedAt, incident.acknowledgedAt);
    const ttr = minutes(incident.impactStartedAt, incident.resolvedAt);
    const entities =
      incident.entityRefs.map(shortRef).join(', ') || 'no catalog entity yet';
    return {
      summary: `${incident.title} (${incident.severity}) affected ${entities}${
        incident.resolvedAt
          ? ` and was resolved after ${formatMinutes(ttr)}`
          : ' and is not resolved yet'
      }.${
        topEntity
          ? ` The leading hypothesis is a recent change to ${topEntity}.`
          : ''
      }`,
      impact: [
        `- Impact started: ${incident.impactStartedAt ?? 'unknown'}`,
        `- Time to detect: ${formatMinutes(ttd)}`,
        `- Time to acknowledge: ${formatMinutes(tta)}`,
        `- Time to restore: ${formatMinutes(ttr)}`,
        `- Impact duration: ${formatMinutes(ttr)}`,
        `- Affected: ${entities}`,
      ].join('\n'),
      whyItHappened:
        hypothesisCount > 0
          ? `${hypothesisCount} change hypothesis(es) ranked by time proximity and dependency distance are listed under Causes. Confirm or refute each with evidence.`
          : 'No change to the affected entities or their dependencies preceded the impact; look for systemic causes.',
    };
  }
}
