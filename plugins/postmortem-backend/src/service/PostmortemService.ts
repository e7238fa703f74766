import type { IncidentMetric } from '../database/ScorecardStore';
import { CustomErrorBase } from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  Attachment,
  HistoryEntry,
  Incident,
  IncidentLink,
  IncidentStatus,
  Narrative,
  Page,
  Perspective,
  Postmortem,
  PostmortemRoles,
  RemediationItem,
  PostmortemStage,
  Responder,
  Revision,
  SectionDiff,
  Severity,
  ReviewProcess,
  ScorecardDurations,
  SimilarPostmortem,
  Visibility,
} from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import type { PostmortemDocument } from '../export/renderPostmortem';
import type {
  ScorecardGroupBy,
  ScorecardInterval,
  ScorecardRow,
} from '../database/ScorecardStore';
import type { LocatedFinding, UnmetGate } from '../workflow/gates';
import type {
  Approval,
  Comment,
  DependencySnapshot,
  IncidentTimes,
  SubRecordKind,
  SubRecords,
} from '../database/PostmortemStore';
import type { PostmortemTemplate } from '../templates/TemplateRegistry';

export interface DeclareIncidentInput extends IncidentTimes {
  title: string;
  severity: Severity;
  /** Kind of incident; picks the template with the severity. */
  type?: string;
  status?: IncidentStatus;
  entityRefs: string[];
  responders?: Responder[];
  links?: IncidentLink[];
  templateId?: string;
  visibility?: Visibility;
  roles?: Partial<PostmortemRoles>;
  /** Set by incident sources; absent when declared by hand. */
  source?: string;
  dedupKey?: string;
  externalIds?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface UpdateIncidentInput extends IncidentTimes {
  title?: string;
  severity?: Severity;
  status?: IncidentStatus;
  entityRefs?: string[];
  responders?: Responder[];
  links?: IncidentLink[];
}

export interface UpdatePostmortemInput {
  narrative?: Narrative;
  roles?: Partial<PostmortemRoles>;
  attachments?: Attachment[];
  visibility?: Visibility;
}

export interface ListQuery {
  entityRef?: string;
  includeDependencies?: boolean;
  ownerRef?: string;
  severity?: Severity[];
  type?: string[];
  recurring?: boolean;
  stage?: PostmortemStage[];
  status?: IncidentStatus[];
  from?: string;
  to?: string;
  text?: string;
  /** Sort column of the postmortem list; see GET /postmortems. */
  orderBy?: string;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}

export interface ScorecardApiQuery {
  groupBy?: ScorecardGroupBy;
  interval?: ScorecardInterval;
  from?: string;
  to?: string;
  entityRef?: string;
  includeDependencies?: boolean;
  systemRef?: string;
  ownerRef?: string;
  severity?: Severity[];
}

export interface CallOptions {
  credentials: BackstageCredentials;
  /** Read conditions of the caller, applied in SQL; set by the authorizing layer. */
  readFilter?: PermissionCriteria<PostmortemPermissionQuery>;
  /**
   * The postmortem revision an update is based on; a stale one is refused
   * (409). The HTTP API requires it for updates and deletions of an
   * incident and of a postmortem's parts.
   */
  expectedRevision?: number;
  /**
   * Set by the HTTP API: an update that states no revision is refused with
   * {@link RevisionRequiredError} rather than applied over whatever is
   * there (two editors, the last silently wins).
   */
  revisionRequired?: boolean;
  /**
   * The postmortem the authorizing layer read for this request, with the
   * caller's read filter, before a write; the operation starts from it
   * rather than reading it again. Never kept beyond the request.
   */
  current?: Postmortem;
}

/**
 * An update that does not say which revision it is based on; the HTTP API
 * answers 428 (Precondition Required, RFC 6585).
 */
export class RevisionRequiredError extends CustomErrorBase {
  name = 'RevisionRequiredError' as const;
}

/** The revision an update states, or a RevisionRequiredError. */
export function revisionOf(
  options: CallOptions,
  postmortem: { id: string; humanId: string },
  expectedRevision = options.expectedRevision,
): number | undefined {
  if (expectedRevision === undefined && options.revisionRequired) {
    throw new RevisionRequiredError(
      `This update needs the revision it is based on: send the header If-Match: "<revision>" with the ETag of GET /postmortems/${postmortem.humanId}, or "revision" in the body of a PATCH of the postmortem itself`,
    );
  }
  return expectedRevision;
}

/** Everything the API can do with incidents and postmortems. */
export interface PostmortemService {
  listTemplates(): PostmortemTemplate[];

  declareIncident(
    input: DeclareIncidentInput,
    options: CallOptions,
  ): Promise<{ incident: Incident; postmortem: Postmortem }>;
  getIncident(id: string, options: CallOptions): Promise<Incident>;
  updateIncident(
    id: string,
    input: UpdateIncidentInput,
    options: CallOptions,
  ): Promise<Incident>;
  listIncidents(
    query: ListQuery,
    options: CallOptions,
  ): Promise<Page<Incident>>;

  getPostmortem(id: string, options: CallOptions): Promise<Postmortem>;
  listPostmortems(
    query: ListQuery,
    options: CallOptions,
  ): Promise<Page<Postmortem>>;
  updatePostmortem(
    id: string,
    input: UpdatePostmortemInput,
    expectedRevision: number | undefined,
    options: CallOptions,
  ): Promise<Postmortem>;
  deletePostmortem(id: string, options: CallOptions): Promise<void>;
  generateDraft(id: string, options: CallOptions): Promise<Postmortem>;
  exportDocument(id: string, options: CallOptions): Promise<PostmortemDocument>;
  signOffRemediation(
    id: string,
    itemId: string,
    comment: string | undefined,
    options: CallOptions,
  ): Promise<RemediationItem>;
  listRelated(
    id: string,
    options: CallOptions,
  ): Promise<
    Array<{
      incidentId: string;
      humanId: string;
      title: string;
      reason: string;
      direction: 'recurrence_of' | 'recurred_in';
    }>
  >;
  getScorecards(
    query: ScorecardApiQuery,
    options: CallOptions,
  ): Promise<ScorecardRow[]>;
  /**
   * The durations of one metric per incident in scope, per group, with the
   * nearest-rank median and p90: a distribution of single incidents.
   */
  getScorecardDurations(
    query: ScorecardApiQuery,
    metric: IncidentMetric,
    options: CallOptions,
  ): Promise<ScorecardDurations[]>;
  getDependencyMap(
    id: string,
    options: CallOptions,
  ): Promise<DependencySnapshot & { live: boolean }>;
  /**
   * Earlier postmortems like this one (same entities, same alert, same
   * kind of culprit), most alike first, with their causes and remediation.
   */
  findSimilarPostmortems(
    id: string,
    limit: number,
    options: CallOptions,
  ): Promise<SimilarPostmortem[]>;

  getGates(
    id: string,
    options: CallOptions,
  ): Promise<{
    unmetGates: UnmetGate[];
    findings: Array<LocatedFinding & { waived: boolean }>;
    process: ReviewProcess;
  }>;
  transition(
    id: string,
    input: { to: PostmortemStage; comment?: string },
    options: CallOptions,
  ): Promise<Postmortem>;
  listApprovals(id: string, options: CallOptions): Promise<Approval[]>;
  addComment(
    id: string,
    input: { text: string; perspective: Perspective; section?: string },
    options: CallOptions,
  ): Promise<Comment>;
  listComments(id: string, options: CallOptions): Promise<Comment[]>;
  waiveFinding(
    id: string,
    input: { findingKey: string; reason: string },
    options: CallOptions,
  ): Promise<void>;

  listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    options: CallOptions,
  ): Promise<Array<SubRecords[K]['record']>>;
  addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    options: CallOptions,
  ): Promise<SubRecords[K]['record']>;
  updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    options: CallOptions,
  ): Promise<SubRecords[K]['record']>;
  deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    options: CallOptions,
  ): Promise<void>;

  listRevisions(
    postmortemId: string,
    options: CallOptions,
  ): Promise<Revision[]>;
  diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
    options: CallOptions,
  ): Promise<SectionDiff[]>;
  listHistory(
    postmortemId: string,
    options: CallOptions,
  ): Promise<HistoryEntry[]>;
}
