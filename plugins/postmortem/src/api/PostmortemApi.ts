import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Cause,
  Evidence,
  HistoryEntry,
  Incident,
  IncidentStatus,
  Page,
  Perspective,
  Postmortem,
  PostmortemStage,
  RemediationItem,
  Revision,
  Severity,
  TimelineEvent,
  PostmortemOrderBy,
  IncidentScorecardMetric,
  ScorecardDurations,
  ScorecardQuery,
  ScorecardRow,
  SimilarPostmortem,
  ReviewProcess,
} from '@postmortems/plugin-postmortem-common';

/** @public */
export type SortDirection = 'asc' | 'desc';

/** Filters of the postmortem list. @public */
export interface PostmortemListQuery {
  entityRef?: string;
  /** Also match incidents of the entity's dependencies. */
  includeDependencies?: boolean;
  ownerRef?: string;
  severity?: Severity[];
  /** Incident types, e.g. security. */
  type?: string[];
  /** Only repeats of an earlier failure (true) or only first occurrences. */
  recurring?: boolean;
  stage?: PostmortemStage[];
  from?: string;
  to?: string;
  text?: string;
  /**
   * Sort column; the server answers newest impact first without it. Empty
   * values come last and the postmortem id breaks ties. A cursor belongs to
   * the order it was returned with.
   */
  orderBy?: PostmortemOrderBy;
  /** Defaults to desc for the dates, asc for the other columns. */
  order?: SortDirection;
  cursor?: string;
  limit?: number;
}

/** Filters of the incident list. @public */
export interface IncidentListQuery {
  entityRef?: string;
  includeDependencies?: boolean;
  ownerRef?: string;
  severity?: Severity[];
  status?: IncidentStatus[];
  from?: string;
  to?: string;
  text?: string;
  cursor?: string;
  limit?: number;
}

// The bodies the API takes, and the answers that have no richer type in
// -common, are the models generated from the backend's OpenAPI spec.
export type {
  CauseInput,
  CausePatch,
  DeclareIncidentRequest,
  EvidenceInput,
  IncidentPatch,
  IncidentTimes,
  PostmortemPatch,
  RemediationItemInput,
  RemediationItemPatch,
  RevisionDiff,
  Template as PostmortemTemplate,
  TimelineEventInput,
  TimelineEventPatch,
  UnmetGate,
} from '@postmortems/plugin-postmortem-common/openapi';
import type {
  CauseInput,
  CausePatch,
  DeclareIncidentRequest,
  EvidenceInput,
  IncidentPatch,
  PostmortemPatch,
  RemediationItemInput,
  RemediationItemPatch,
  RevisionDiff,
  Template as PostmortemTemplate,
  TimelineEventInput,
  TimelineEventPatch,
  UnmetGate,
} from '@postmortems/plugin-postmortem-common/openapi';

/** Answer of `POST /incidents`: the incident and its new postmortem. @public */
export interface DeclaredIncident {
  incident: Incident;
  postmortem: Postmortem;
}

/**
 * Raised when a postmortem change was based on a revision that is no longer
 * current (HTTP 409). `currentRevision` is the revision that won.
 *
 * @public
 */
export class RevisionConflictError extends Error {
  readonly currentRevision: number;

  constructor(currentRevision: number, message?: string) {
    super(
      message ??
        `The postmortem changed; the current revision is ${currentRevision}`,
    );
    this.name = 'RevisionConflictError';
    this.currentRevision = currentRevision;
  }
}

/** A blameless-language finding anywhere in the postmortem. @public */
export interface GateFinding {
  rule: string;
  /** The flagged text. */
  text: string;
  /** English explanation from the check. */
  message: string;
  suggestion?: string;
  /** Where it was found: narrative.summary, causes[0], timeline[2], … */
  location: string;
  /** What a reviewer waives. */
  key: string;
  waived: boolean;
}

/** Answer of `GET /postmortems/{id}/gates`. @public */
export interface GatesReport {
  unmetGates: UnmetGate[];
  findings: GateFinding[];
  /** The process the postmortem's severity gives it. */
  process: ReviewProcess;
}

/** Body of `POST /postmortems/{id}/transition`. @public */
export interface TransitionRequest {
  to: PostmortemStage;
  /** Required when a reviewer sends the postmortem back. */
  comment?: string;
}

/** A reviewer's approval of one revision. @public */
export interface Approval {
  reviewer: string;
  revision: number;
  comment?: string;
  approvedAt: string;
}

/** A comment from one perspective. @public */
export interface PostmortemComment {
  id: string;
  postmortemId: string;
  author: string;
  perspective: Perspective;
  section?: string;
  text: string;
  createdAt: string;
}

/** Body of `POST /postmortems/{id}/comments`. @public */
export interface CommentInput {
  text: string;
  perspective: Perspective;
  section?: string;
}

/** Body of `POST /postmortems/{id}/language-waivers`. @public */
export interface LanguageWaiverInput {
  findingKey: string;
  /** At least 3 characters. */
  reason: string;
}

/** @public */
export type ExportFormat = 'markdown' | 'json' | 'html';

/** A downloaded export. @public */
export interface PostmortemExport {
  blob: Blob;
  /** From Content-Disposition, else `<id>.<extension>`. */
  filename: string;
}

/** @public */
export interface DependencyMapNode {
  entityRef: string;
  /** Hops from the nearest affected entity; 0 for affected ones. */
  distance: number;
  affected: boolean;
}

/**
 * `from` depends on (calls) `to`: a catalog dependsOn edge, a call seen in
 * traces, or both. @public
 */
export interface DependencyMapEdge {
  from: string;
  to: string;
  /** The catalog has this relation; absent means true. */
  catalog?: boolean;
  /** Calls seen in traces during the incident's window. */
  observed?: { count: number; errors: number; slow: number };
}

/** Answer of `GET /postmortems/{id}/dependency-map`. @public */
export interface DependencyMap {
  capturedAt: string;
  /** True when read live from the catalog because no draft captured it yet. */
  live: boolean;
  topHypothesisEntityRef?: string;
  nodes: DependencyMapNode[];
  edges: DependencyMapEdge[];
}

/**
 * Raised when a stage transition is refused because review gates are not
 * met (HTTP 409 with `unmetGates`).
 *
 * @public
 */
export class GatesNotMetError extends Error {
  readonly unmetGates: UnmetGate[];

  constructor(unmetGates: UnmetGate[], message?: string) {
    super(
      message ??
        `The postmortem cannot go to review yet: ${unmetGates.length} gate(s) not met`,
    );
    this.name = 'GatesNotMetError';
    this.unmetGates = unmetGates;
  }
}

/**
 * Client of the postmortem backend API.
 *
 * @public
 */
export interface PostmortemApi {
  listIncidents(query: IncidentListQuery): Promise<Page<Incident>>;
  declareIncident(request: DeclareIncidentRequest): Promise<DeclaredIncident>;
  getIncident(id: string): Promise<Incident>;
  /**
   * Applies `patch` on top of the postmortem's `revision` (its ETag); a
   * stale revision rejects with {@link RevisionConflictError}.
   */
  updateIncident(
    id: string,
    revision: number,
    patch: IncidentPatch,
  ): Promise<Incident>;

  listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>>;
  /** By uuid or by human id such as INC-2026-0001. */
  getPostmortem(id: string): Promise<Postmortem>;
  /**
   * Applies `patch` on top of `revision`; rejects with
   * {@link RevisionConflictError} when someone saved a newer revision.
   */
  updatePostmortem(
    id: string,
    revision: number,
    patch: PostmortemPatch,
  ): Promise<Postmortem>;
  /** Deletes the postmortem together with its incident. */
  deletePostmortem(id: string): Promise<void>;

  listTimelineEvents(postmortemId: string): Promise<TimelineEvent[]>;
  addTimelineEvent(
    postmortemId: string,
    input: TimelineEventInput,
  ): Promise<TimelineEvent>;
  updateTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: TimelineEventPatch,
  ): Promise<TimelineEvent>;
  deleteTimelineEvent(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void>;

  listEvidence(postmortemId: string): Promise<Evidence[]>;
  addEvidence(postmortemId: string, input: EvidenceInput): Promise<Evidence>;
  deleteEvidence(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void>;

  listCauses(postmortemId: string): Promise<Cause[]>;
  addCause(postmortemId: string, input: CauseInput): Promise<Cause>;
  updateCause(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: CausePatch,
  ): Promise<Cause>;
  deleteCause(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void>;

  listRemediationItems(postmortemId: string): Promise<RemediationItem[]>;
  addRemediationItem(
    postmortemId: string,
    input: RemediationItemInput,
  ): Promise<RemediationItem>;
  updateRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
    patch: RemediationItemPatch,
  ): Promise<RemediationItem>;
  deleteRemediationItem(
    postmortemId: string,
    itemId: string,
    revision: number,
  ): Promise<void>;

  /** Newest first. */
  listRevisions(postmortemId: string): Promise<Revision[]>;
  diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
  ): Promise<RevisionDiff>;
  /** Oldest first. */
  listHistory(postmortemId: string): Promise<HistoryEntry[]>;

  listTemplates(): Promise<PostmortemTemplate[]>;

  /**
   * Drafts (or refreshes) the postmortem from evidence, changes and the
   * incident's events; never overwrites what a person wrote.
   */
  generateDraft(postmortemId: string): Promise<Postmortem>;
  /** Unmet review gates and blameless-language findings. */
  getGates(postmortemId: string): Promise<GatesReport>;
  /**
   * Moves the postmortem to another stage. Rejects with
   * {@link GatesNotMetError} when going to review with unmet gates, and
   * with a 403 `ResponseError` when the caller lacks the role.
   */
  transition(
    postmortemId: string,
    request: TransitionRequest,
  ): Promise<Postmortem>;
  listApprovals(postmortemId: string): Promise<Approval[]>;
  /** Oldest first. */
  listComments(postmortemId: string): Promise<PostmortemComment[]>;
  addComment(
    postmortemId: string,
    input: CommentInput,
  ): Promise<PostmortemComment>;
  /** A reviewer accepts a flagged phrase, with a reason. */
  waiveLanguageFinding(
    postmortemId: string,
    input: LanguageWaiverInput,
  ): Promise<void>;
  /** Downloads the postmortem as Markdown, JSON or print-ready HTML. */
  exportPostmortem(
    postmortemId: string,
    format: ExportFormat,
  ): Promise<PostmortemExport>;
  /** The URL of an export, for links (needs cookie auth to open directly). */
  getExportUrl(postmortemId: string, format: ExportFormat): Promise<string>;
  getDependencyMap(postmortemId: string): Promise<DependencyMap>;
  /** Earlier postmortems like this one, most alike first. */
  listSimilarPostmortems(
    postmortemId: string,
    limit?: number,
  ): Promise<SimilarPostmortem[]>;
  /** The scorecard rows of a query, one per group and period. */
  getScorecards(query: ScorecardQuery): Promise<ScorecardRow[]>;
  /** One metric's durations of single incidents, per group. */
  getScorecardDurations(
    query: ScorecardQuery,
    metric: IncidentScorecardMetric,
  ): Promise<ScorecardDurations[]>;
  /** The CSV export of a scorecard query. */
  downloadScorecardsCsv(query: ScorecardQuery): Promise<Blob>;
}

/** @public */
export const postmortemApiRef = createApiRef<PostmortemApi>().with({
  id: 'plugin.postmortem.api',
  pluginId: 'postmortem',
});
