import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { HistoryEntry } from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { KnexChangeStore } from './KnexChangeStore';
import { KnexDraftStore } from './KnexDraftStore';
import { KnexIncidentStore } from './KnexIncidentStore';
import { KnexPostmortemRecordStore } from './KnexPostmortemRecordStore';
import { KnexReminderStore } from './KnexReminderStore';
import { KnexReviewStore } from './KnexReviewStore';
import { KnexRevisionStore } from './KnexRevisionStore';
import { KnexSignalStore } from './KnexSignalStore';
import { KnexSubRecordStore } from './KnexSubRecordStore';
import { PostmortemRows } from './postmortemRows';
import type {
  Approval,
  Change,
  ChangeContext,
  Comment,
  DependencySnapshot,
  DraftContent,
  IncidentPatch,
  ListFilter,
  NewIncident,
  NewReminder,
  PostmortemContentPatch,
  PostmortemStore,
  ReminderLook,
  SignalInput,
  SubRecordKind,
  SubRecords,
  Waiver,
} from './PostmortemStore';

export { RevisionConflictError } from './KnexRevisionStore';

/**
 * A list counts its matches up to here; beyond, it says there are more
 * (`totalCountCapped`) instead of reading every match to count it.
 */
const COUNT_CAP = 1_000;

/**
 * PostmortemStore on Backstage's database service (SQLite or PostgreSQL).
 * It only delegates: each area's SQL lives in its own store (incidents,
 * signals, changes, postmortems, revisions, sub-records, drafts, reviews,
 * reminders), which share the list query of `postmortemRows`.
 */
export class KnexPostmortemStore implements PostmortemStore {
  static create(
    knex: Knex,
    options: { countCap?: number } = {},
  ): KnexPostmortemStore {
    return new KnexPostmortemStore(knex, options.countCap ?? COUNT_CAP);
  }

  private readonly revisions: KnexRevisionStore;
  private readonly postmortems: KnexPostmortemRecordStore;
  private readonly incidents: KnexIncidentStore;
  private readonly signals: KnexSignalStore;
  private readonly changes: KnexChangeStore;
  private readonly subRecords: KnexSubRecordStore;
  private readonly drafts: KnexDraftStore;
  private readonly reviews: KnexReviewStore;
  private readonly reminders: KnexReminderStore;

  private constructor(knex: Knex, countCap: number) {
    const rows = new PostmortemRows(knex, countCap);
    this.revisions = new KnexRevisionStore(knex);
    this.postmortems = new KnexPostmortemRecordStore(
      knex,
      rows,
      this.revisions,
    );
    this.incidents = new KnexIncidentStore(
      knex,
      rows,
      this.revisions,
      this.postmortems,
    );
    this.signals = new KnexSignalStore(knex, this.incidents, this.revisions);
    this.changes = new KnexChangeStore(knex);
    this.subRecords = new KnexSubRecordStore(knex, this.revisions);
    this.drafts = new KnexDraftStore(knex, this.revisions);
    this.reviews = new KnexReviewStore(knex);
    this.reminders = new KnexReminderStore(knex);
  }

  // --- incidents, signals and changes ---

  createIncident(input: NewIncident) {
    return this.incidents.createIncident(input);
  }

  getIncident(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    return this.incidents.getIncident(idOrHumanId, permission);
  }

  updateIncident(id: string, patch: IncidentPatch, change: ChangeContext) {
    return this.incidents.updateIncident(id, patch, change);
  }

  listIncidents(filter: ListFilter) {
    return this.incidents.listIncidents(filter);
  }

  applySignal(input: SignalInput) {
    return this.signals.applySignal(input);
  }

  applyDelivery(inputs: SignalInput[]) {
    return this.signals.applyDelivery(inputs);
  }

  recordChange(change: Omit<Change, 'id'>) {
    return this.changes.recordChange(change);
  }

  listChanges(entityRefs: string[], from: Date, to: Date) {
    return this.changes.listChanges(entityRefs, from, to);
  }

  // --- drafts ---

  applyDraft(postmortemId: string, draft: DraftContent, author: string) {
    return this.drafts.applyDraft(postmortemId, draft, author);
  }

  setDependencySnapshot(postmortemId: string, snapshot: DependencySnapshot) {
    return this.drafts.setDependencySnapshot(postmortemId, snapshot);
  }

  getDependencySnapshot(postmortemId: string) {
    return this.drafts.getDependencySnapshot(postmortemId);
  }

  listDraftsDue(limit: number) {
    return this.drafts.listDraftsDue(limit);
  }

  markDraftGenerated(incidentId: string, at: Date) {
    return this.drafts.markDraftGenerated(incidentId, at);
  }

  // --- reviews and reminders ---

  addComment(comment: Omit<Comment, 'id' | 'createdAt'>) {
    return this.reviews.addComment(comment);
  }

  listComments(postmortemId: string) {
    return this.reviews.listComments(postmortemId);
  }

  addApproval(postmortemId: string, approval: Omit<Approval, 'approvedAt'>) {
    return this.reviews.addApproval(postmortemId, approval);
  }

  listApprovals(postmortemId: string) {
    return this.reviews.listApprovals(postmortemId);
  }

  addWaiver(postmortemId: string, waiver: Omit<Waiver, 'createdAt'>) {
    return this.reviews.addWaiver(postmortemId, waiver);
  }

  listWaivers(postmortemId: string) {
    return this.reviews.listWaivers(postmortemId);
  }

  recordReminder(reminder: NewReminder) {
    return this.reminders.recordReminder(reminder);
  }

  listReminders(postmortemId?: string) {
    return this.reminders.listReminders(postmortemId);
  }

  listRemindersDue(now: Date) {
    return this.reminders.listRemindersDue(now);
  }

  setRemindersDue(looks: Array<ReminderLook & { dueAt: Date | null }>) {
    return this.reminders.setRemindersDue(looks);
  }

  adoptReminderRules(fingerprint: string) {
    return this.reminders.adoptReminderRules(fingerprint);
  }

  // --- postmortems ---

  getPostmortem(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    return this.postmortems.getPostmortem(idOrHumanId, permission);
  }

  getPostmortems(ids: string[]) {
    return this.postmortems.getPostmortems(ids);
  }

  listPostmortems(filter: ListFilter) {
    return this.postmortems.listPostmortems(filter);
  }

  updatePostmortem(
    id: string,
    patch: PostmortemContentPatch,
    change: ChangeContext,
  ) {
    return this.postmortems.updatePostmortem(id, patch, change);
  }

  deletePostmortem(id: string) {
    return this.postmortems.deletePostmortem(id);
  }

  // --- sub-records ---

  listSubRecords<K extends SubRecordKind>(kind: K, postmortemId: string) {
    return this.subRecords.listSubRecords(kind, postmortemId);
  }

  addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    change: ChangeContext,
  ) {
    return this.subRecords.addSubRecord(kind, postmortemId, input, change);
  }

  updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    change: ChangeContext,
  ) {
    return this.subRecords.updateSubRecord(
      kind,
      postmortemId,
      itemId,
      patch,
      change,
    );
  }

  deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    change: ChangeContext,
  ) {
    return this.subRecords.deleteSubRecord(kind, postmortemId, itemId, change);
  }

  listFullyVerified(postmortemIds?: string[]) {
    return this.subRecords.listFullyVerified(postmortemIds);
  }

  listOpenRemediationItems(postmortemIds?: string[]) {
    return this.subRecords.listOpenRemediationItems(postmortemIds);
  }

  // --- revisions and history ---

  listRevisions(postmortemId: string) {
    return this.revisions.listRevisions(postmortemId);
  }

  getSnapshot(postmortemId: string, revision: number) {
    return this.revisions.getSnapshot(postmortemId, revision);
  }

  addHistory(postmortemId: string, entry: Omit<HistoryEntry, 'createdAt'>) {
    return this.revisions.addHistory(postmortemId, entry);
  }

  listHistory(postmortemId: string) {
    return this.revisions.listHistory(postmortemId);
  }
}
