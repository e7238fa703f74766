import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CollectedEvidence,
  EvidenceCollector,
} from '@postmortems/plugin-postmortem-node';
import { PostmortemStore } from '../database/PostmortemStore';
import { Redactor } from '../redaction/Redactor';
import { EntityResolver } from '../catalog/EntityResolver';
import { RecurrenceDetector } from '../recurrence/RecurrenceDetector';
import { DraftSettings } from './analysisSettings';
import { buildHypotheses } from './buildHypotheses';
import { collectEvidence } from './collectEvidence';
import { DEFAULT_ONSET_OPTIONS, detectOnsets } from './detectOnsets';
import { mergeObservedEdges } from './observedEdges';
import { scoreHypotheses } from './scoreHypotheses';
import { writeDraft } from './writeDraft';

const MINUTE = 60_000;

/**
 * Drafts a postmortem from what the machines know, as a pipeline of named
 * steps: collect evidence, detect where each series left its baseline,
 * build hypotheses along the dependency graph, score them from the
 * evidence, write the draft. Idempotent: re-running adds what is new,
 * re-scores hypotheses nobody judged yet, and never overwrites what a
 * person wrote.
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
    /** The incident's postmortem, when the caller has just read it. */
    postmortemId?: string,
  ): Promise<number | undefined> {
    const now = new Date();
    const incident = await this.store.getIncident(incidentId);
    const postmortem =
      incident &&
      (postmortemId
        ? { id: postmortemId }
        : // By human id: one indexed lookup (a UUID tries the
          // postmortem's id first, then the incident's).
          await this.store.getPostmortem(incident.humanId));
    if (!incident || !postmortem)
      throw new NotFoundError(`No incident ${incidentId}`);
    const s = this.settings;

    const graph = await this.entities.dependencyGraph(incident.entityRefs, {
      callers: true,
    });
    const refs = graph.nodes.map(n => n.entityRef);
    const annotations = await this.entities.annotationsOf(refs);
    const detectedAt = Date.parse(
      incident.detectedAt ?? incident.impactStartedAt ?? incident.createdAt,
    );
    const declaredStart = incident.impactStartedAt
      ? Date.parse(incident.impactStartedAt)
      : undefined;
    const anchor = Math.min(detectedAt, declaredStart ?? detectedAt);
    const end = incident.resolvedAt
      ? Date.parse(incident.resolvedAt)
      : now.getTime();
    const changesFrom = new Date(anchor - s.changeLookbackMinutes * MINUTE);

    // 1. Collect.
    const collected = await collectEvidence({
      collectors: this.collectors,
      request: {
        incidentId: incident.id,
        humanId: incident.humanId,
        entities: graph.nodes.map(({ entityRef, distance }) => ({
          entityRef,
          distance,
          annotations: annotations.get(entityRef) ?? {},
        })),
        from: new Date(anchor - s.baselineMinutes * MINUTE),
        to: new Date(
          Math.min(end + s.evidenceMarginAfterMinutes * MINUTE, now.getTime()),
        ),
        detectedAt: new Date(detectedAt),
        changesFrom,
        labels: {},
      },
      redactor: this.redactor,
      maxEvidenceChars: s.maxEvidenceChars,
      recordChange: (collector, item) => this.recordChange(collector, item),
      logger: this.logger,
    });
    const changes = await this.store.listChanges(
      refs,
      changesFrom,
      new Date(end),
    );

    // 2. Detect onsets.
    const onsets = detectOnsets(collected.series, {
      ...DEFAULT_ONSET_OPTIONS,
      latestOnset: detectedAt + s.onsetGraceMinutes * MINUTE,
    });

    // 3. Build hypotheses.
    const candidates = buildHypotheses({
      alertEntities: incident.entityRefs,
      graph,
      onsets,
      measured: new Set(collected.series.map(x => x.entityRef)),
      changes,
      detectedAt,
      declaredImpactStart: declaredStart,
      lookbackMinutes: s.changeLookbackMinutes,
    });

    // 4. Score.
    const ranked = scoreHypotheses(candidates.candidates, {
      halfLifeMinutes: s.hypothesisHalfLifeMinutes,
    });

    // 5. Write.
    const draft = await writeDraft({
      incident,
      timeline: await this.store.listSubRecords('timeline', postmortem.id),
      collected,
      changes,
      candidates,
      ranked,
      ownerOf: async ref => (await this.entities.ownersOf([ref]))[0],
      now,
      detectionGapMinutes: s.detectionGapMinutes,
      language: s.language,
    });
    const revision = await this.store.applyDraft(postmortem.id, draft, author);
    const top = ranked.find(h => h.kind !== 'none');
    await this.store.setDependencySnapshot(postmortem.id, {
      capturedAt: now.toISOString(),
      nodes: graph.nodes.map(n => ({ ...n, affected: n.distance === 0 })),
      edges: mergeObservedEdges(
        graph.edges,
        collected.calls,
        graph.nodes.map(n => n.entityRef),
      ),
      topHypothesisEntityRef:
        top && top.confidence !== 'low' ? top.entityRef : undefined,
    });
    await this.store.markDraftGenerated(incident.id, now);
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
}
