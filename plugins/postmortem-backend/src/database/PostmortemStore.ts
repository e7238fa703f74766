import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  Attachment,
  Cause,
  CauseAnalysis,
  ChangeKind,
  Confidence,
  CauseStatus,
  CauseType,
  Evidence,
  EvidenceKind,
  HistoryEntry,
  Incident,
  IncidentLink,
  IncidentStatus,
  Narrative,
  Page,
  Perspective,
  Postmortem,
  PostmortemRoles,
  PostmortemSnapshot,
  PostmortemStage,
  RemediationHorizon,
  RemediationItem,
  RemediationStatus,
  Responder,
  RemediationVerification,
  Revision,
  Severity,
  TimelineEvent,
  TimelineEventKind,
  Visibility,
} from '@postmortems/plugin-postmortem-common';
import type { OutboxNotification } from './KnexOutboxStore';
import type {
  IncidentSignal,
  PostmortemPermissionQuery,
} from '@postmortems/plugin-postmortem-node';

/** The incident times that can be set. */
export interface IncidentTimes {
  impactStartedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
}

/** A new incident with its postmortem. */
export interface NewIncident extends IncidentTimes {
  title: string;
  severity: Severity;
  type?: string;
  status: IncidentStatus;
  entityRefs: string[];
  responders: Responder[];
  links: IncidentLink[];
  source: string;
  dedupKey?: string;
  /** Grouping key of a source that groups alerts into incidents. */
  groupKey?: string;
  externalIds: Record<string, string>;
  labels: Record<string, string>;
  postmortem: {
    templateId: string;
    templateVersion: number;
    roles: PostmortemRoles;
    narrative: Narrative;
    visibility: Visibility;
    deadlines: Partial<Record<PostmortemStage, string>>;
    ownerRefs: string[];
  };
  author: string;
}

export interface IncidentPatch extends IncidentTimes {
  title?: string;
  severity?: Severity;
  status?: IncidentStatus;
  entityRefs?: string[];
  responders?: Responder[];
  links?: IncidentLink[];
  externalIds?: Record<string, string>;
  ownerRefs?: string[];
}

export interface PostmortemContentPatch {
  narrative?: Narrative;
  roles?: PostmortemRoles;
  attachments?: Attachment[];
  visibility?: Visibility;
  stage?: PostmortemStage;
  /** With stage 'published': whether the publication met its deadline. */
  publishedOnTime?: boolean;
  deadlines?: Partial<Record<PostmortemStage, string>>;
}

/** Filters applied in SQL; `permission` carries the caller's conditions. */
export interface ListFilter {
  /** Match incidents affecting any of these refs (already expanded). */
  entityRefs?: string[];
  ownerRef?: string;
  severity?: Severity[];
  type?: string[];
  /** Only repeats of an earlier failure (true) or only first occurrences. */
  recurring?: boolean;
  stage?: PostmortemStage[];
  status?: IncidentStatus[];
  from?: string;
  to?: string;
  text?: string;
  /** One of LIST_ORDER_COLUMNS; newest impact first when not given. */
  orderBy?: string;
  /** Defaults to the column's natural direction (dates descending). */
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
  permission?: PermissionCriteria<PostmortemPermissionQuery>;
}

/** Who is changing content, and which revision they started from. */
export interface ChangeContext {
  author: string;
  expectedRevision?: number;
}

export interface TimelineEventInput {
  occurredAt: string;
  kind: TimelineEventKind;
  source?: string;
  text: string;
  keyDecision?: boolean;
  evidenceIds?: string[];
  originKey?: string;
}

export interface EvidenceInput {
  kind: EvidenceKind;
  source?: string;
  query?: string;
  entityRef?: string;
  content: string;
  occurredAt?: string;
  redactions?: Record<string, number>;
  originKey?: string;
}

export interface CauseInput {
  type: CauseType;
  statement: string;
  status?: CauseStatus;
  perspective?: Perspective;
  evidenceIds?: string[];
  rollbackPlan?: string;
  changeRelated?: boolean;
  entityRef?: string;
  score?: number;
  confidence?: Confidence;
  analysis?: CauseAnalysis;
  originKey?: string;
}

export interface RemediationItemInput {
  title: string;
  description?: string;
  ownerRef?: string;
  dueDate?: string;
  acceptanceCriteria?: string;
  impact: number;
  probability: number;
  horizon: RemediationHorizon;
  status?: RemediationStatus;
  trackerUrl?: string;
  verification?: RemediationVerification;
  originKey?: string;
}

/** The sub-records of a postmortem, by collection name. */
export interface SubRecords {
  timeline: { record: TimelineEvent; input: TimelineEventInput };
  evidence: { record: Evidence; input: EvidenceInput };
  causes: { record: Cause; input: CauseInput };
  remediation: { record: RemediationItem; input: RemediationItemInput };
}
export type SubRecordKind = keyof SubRecords;

/** A signal from an incident source, with its entities already resolved. */
export interface SignalInput {
  source: string;
  signal: IncidentSignal;
  entityRefs: string[];
  /** Builds the incident when this signal is the first one seen. */
  newIncident(): NewIncident;
  /** Title given when a signal carries none, replaced by the first real one. */
  placeholderTitle: string;
  timelineKind: TimelineEventKind;
  timelineText: string;
  keyDecision?: boolean;
  actor?: string;
}

export interface SignalOutcome {
  outcome: 'created' | 'updated' | 'duplicate';
  incidentId?: string;
  humanId?: string;
  postmortemId?: string;
}

/** A deployment or config change posted by a CI/CD system. */
export interface Change {
  id: string;
  source: string;
  eventId: string;
  entityRef: string;
  kind: ChangeKind;
  version?: string;
  description?: string;
  author?: string;
  link?: string;
  rollbackRef?: string;
  occurredAt: string;
}

/** The dependency neighbourhood of an incident, captured when drafted. */
export interface DependencySnapshot {
  capturedAt: string;
  nodes: Array<{ entityRef: string; distance: number; affected: boolean }>;
  /**
   * `from` depends on `to`: the catalog's dependsOn edges (`catalog` true
   * or absent, as snapshots before traces had them) and calls seen in
   * traces (`observed`), which may be missing from the catalog.
   */
  edges: Array<{
    from: string;
    to: string;
    catalog?: boolean;
    observed?: { count: number; errors: number; slow: number };
  }>;
  /** The entity of the highest-ranked cause hypothesis, if any. */
  topHypothesisEntityRef?: string;
}

/** What draft generation adds; items with a known origin key are skipped. */
export interface DraftContent {
  evidence: Array<EvidenceInput & { originKey: string }>;
  timeline: Array<TimelineEventInput & { originKey: string }>;
  causes: Array<
    Omit<CauseInput, 'evidenceIds'> & {
      originKey: string;
      evidenceOriginKeys: string[];
    }
  >;
  remediation: Array<RemediationItemInput & { originKey: string }>;
  /** Sections to fill; only empty or still-generated sections are written. */
  narrative: Narrative;
  /** Impact start the metrics show, when earlier than the one stored. */
  impactStartedAt?: string;
}

export interface Comment {
  id: string;
  postmortemId: string;
  author: string;
  perspective: Perspective;
  section?: string;
  text: string;
  createdAt: string;
}

export interface Approval {
  reviewer: string;
  revision: number;
  comment?: string;
  approvedAt: string;
}

/** A reminder to record, with the notification that tells it. */
export interface NewReminder {
  key: string;
  postmortemId: string;
  kind: string;
  recipients: string[];
  sentAt: Date;
  notification: OutboxNotification;
}

export interface Waiver {
  findingKey: string;
  waivedBy: string;
  reason: string;
  createdAt: string;
}

/** Incidents, declared with their postmortem and numbered. */
export interface IncidentStore {
  createIncident(
    input: NewIncident,
  ): Promise<{ incident: Incident; postmortem: Postmortem }>;
  getIncident(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ): Promise<Incident | undefined>;
  updateIncident(
    id: string,
    patch: IncidentPatch,
    change: ChangeContext,
  ): Promise<Incident>;
  listIncidents(filter: ListFilter): Promise<Page<Incident>>;
}

/** Signals of incident sources, each applied at most once. */
export interface SignalStore {
  /** Applies one source event atomically and at most once. */
  applySignal(input: SignalInput): Promise<SignalOutcome>;
  /**
   * Applies every event of one webhook delivery in one transaction: all of
   * them or, when any fails, none; each at most once.
   */
  applyDelivery(inputs: SignalInput[]): Promise<SignalOutcome[]>;
}

/** Deployments and config changes posted by CI/CD systems. */
export interface ChangeStore {
  /** Records a change once per (source, eventId); false for a repeat. */
  recordChange(change: Omit<Change, 'id'>): Promise<boolean>;
  listChanges(entityRefs: string[], from: Date, to: Date): Promise<Change[]>;
}

/** Postmortems: read, listed, edited and deleted. */
export interface PostmortemRecordStore {
  getPostmortem(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ): Promise<Postmortem | undefined>;
  getPostmortems(ids: string[]): Promise<Array<Postmortem | undefined>>;
  listPostmortems(filter: ListFilter): Promise<Page<Postmortem>>;
  updatePostmortem(
    id: string,
    patch: PostmortemContentPatch,
    change: ChangeContext,
  ): Promise<Postmortem>;
  deletePostmortem(id: string): Promise<void>;
}

/** Timeline events, evidence, causes and remediation items of a postmortem. */
export interface SubRecordStore {
  listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
  ): Promise<Array<SubRecords[K]['record']>>;
  addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    change: ChangeContext,
  ): Promise<SubRecords[K]['record']>;
  updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    change: ChangeContext,
  ): Promise<SubRecords[K]['record']>;
  deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    change: ChangeContext,
  ): Promise<void>;
  /**
   * Postmortems whose remediation items are all verified, with the last
   * verification; of the given postmortems only, when given.
   */
  listFullyVerified(
    postmortemIds?: string[],
  ): Promise<Array<{ postmortemId: string; lastVerifiedAt: string }>>;
  /**
   * Remediation items still open, with their postmortem; of the given
   * postmortems only, when given.
   */
  listOpenRemediationItems(
    postmortemIds?: string[],
  ): Promise<RemediationItem[]>;
}

/** Revisions (snapshots) and history of postmortems. */
export interface RevisionStore {
  listRevisions(postmortemId: string): Promise<Revision[]>;
  getSnapshot(
    postmortemId: string,
    revision: number,
  ): Promise<PostmortemSnapshot | undefined>;
  addHistory(
    postmortemId: string,
    entry: Omit<HistoryEntry, 'createdAt'>,
  ): Promise<void>;
  listHistory(postmortemId: string): Promise<HistoryEntry[]>;
}

/** Generated drafts and what they need. */
export interface DraftStore {
  /**
   * Adds generated content in one revision without touching anything a
   * person wrote. Returns the revision, or undefined when nothing changed.
   */
  applyDraft(
    postmortemId: string,
    draft: DraftContent,
    author: string,
  ): Promise<number | undefined>;
  setDependencySnapshot(
    postmortemId: string,
    snapshot: DependencySnapshot,
  ): Promise<void>;
  getDependencySnapshot(
    postmortemId: string,
  ): Promise<DependencySnapshot | undefined>;
  /** Incidents whose draft was requested after it was last generated. */
  listDraftsDue(limit: number): Promise<string[]>;
  markDraftGenerated(incidentId: string, at: Date): Promise<void>;
}

/** Comments, approvals and language waivers of a postmortem. */
export interface ReviewStore {
  addComment(comment: Omit<Comment, 'id' | 'createdAt'>): Promise<Comment>;
  listComments(postmortemId: string): Promise<Comment[]>;
  addApproval(
    postmortemId: string,
    approval: Omit<Approval, 'approvedAt'>,
  ): Promise<void>;
  listApprovals(postmortemId: string): Promise<Approval[]>;
  addWaiver(
    postmortemId: string,
    waiver: Omit<Waiver, 'createdAt'>,
  ): Promise<void>;
  listWaivers(postmortemId: string): Promise<Waiver[]>;
}

/** Reminders sent about postmortems. */
export interface ReminderStore {
  /**
   * Records a reminder under a unique key and, in the same transaction, its
   * notification in the outbox (sent after commit); false (and nothing
   * recorded) when the key was already recorded.
   */
  recordReminder(reminder: NewReminder): Promise<boolean>;
  listReminders(
    postmortemId?: string,
  ): Promise<
    Array<{ key: string; kind: string; recipients: string[]; sentAt: string }>
  >;
  /**
   * The postmortems the reminder job must look at by `now` (their
   * reminder_due_at has come: a reminder may fall due, or they changed),
   * each with the revision looked at, in id order.
   */
  listRemindersDue(now: Date): Promise<ReminderLook[]>;
  /**
   * After a look: when to look at each postmortem next (null: not until it
   * changes). A postmortem that changed since the revision looked at keeps
   * its time (the epoch a change sets), so the next pass looks again.
   */
  setRemindersDue(
    looks: Array<ReminderLook & { dueAt: Date | null }>,
  ): Promise<void>;
  /**
   * Records the fingerprint of the reminder rules in force; when it differs
   * from the one recorded, every postmortem is to be looked at again (its
   * time was computed with other rules). True when it differed.
   */
  adoptReminderRules(fingerprint: string): Promise<boolean>;
}

/** A postmortem the reminder job looks at, as of one revision. */
export interface ReminderLook {
  postmortemId: string;
  revision: number;
}

/**
 * Persistence of incidents, postmortems and everything under them. Every
 * content change goes through a method that takes a ChangeContext: it bumps
 * the revision (refusing a stale one) and stores a snapshot atomically.
 */
export interface PostmortemStore
  extends IncidentStore,
    SignalStore,
    ChangeStore,
    PostmortemRecordStore,
    SubRecordStore,
    RevisionStore,
    DraftStore,
    ReviewStore,
    ReminderStore {}
