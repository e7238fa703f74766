import {
  Perspective,
  Postmortem,
  PostmortemStage,
} from '@postmortems/plugin-postmortem-common';
import {
  PostmortemStore,
  SubRecordKind,
  SubRecords,
} from '../database/PostmortemStore';
import { DraftGenerator } from '../draft/DraftGenerator';
import { WorkflowEngine } from '../workflow/WorkflowEngine';
import { IncidentMetric, ScorecardStore } from '../database/ScorecardStore';
import { SimilarPostmortemStore } from '../database/SimilarPostmortemStore';
import { Redactor } from '../redaction/Redactor';
import { RecurrenceDetector } from '../recurrence/RecurrenceDetector';
import { EntityResolver } from '../catalog/EntityResolver';
import {
  CallOptions,
  DeclareIncidentInput,
  ListQuery,
  PostmortemService,
  ScorecardApiQuery,
  UpdateIncidentInput,
  UpdatePostmortemInput,
} from './PostmortemService';
import { TemplateRegistry } from '../templates/TemplateRegistry';
import { ServiceDependencies } from './operations/ServiceArea';
import { IncidentOperations } from './operations/IncidentOperations';
import { PostmortemOperations } from './operations/PostmortemOperations';
import { SubRecordOperations } from './operations/SubRecordOperations';
import { RemediationOperations } from './operations/RemediationOperations';
import { ReviewOperations } from './operations/ReviewOperations';
import { InsightOperations } from './operations/InsightOperations';

/**
 * The postmortem logic, without authorization (see
 * AuthorizedPostmortemService).
 * Each area of the API has its own class in operations/; this one puts them
 * behind the one interface.
 */
export class DefaultPostmortemService implements PostmortemService {
  private readonly incidents: IncidentOperations;
  private readonly postmortems: PostmortemOperations;
  private readonly subRecords: SubRecordOperations;
  private readonly remediation: RemediationOperations;
  private readonly reviews: ReviewOperations;
  private readonly insights: InsightOperations;

  constructor(
    store: PostmortemStore,
    entities: EntityResolver,
    templates: TemplateRegistry,
    drafts: DraftGenerator,
    workflow: WorkflowEngine,
    scorecards: ScorecardStore,
    recurrence: RecurrenceDetector,
    redactor: Redactor,
    similar: SimilarPostmortemStore,
  ) {
    const deps: ServiceDependencies = {
      store,
      entities,
      templates,
      drafts,
      workflow,
      scorecards,
      recurrence,
      redactor,
      similar,
    };
    this.incidents = new IncidentOperations(deps);
    this.postmortems = new PostmortemOperations(deps);
    this.subRecords = new SubRecordOperations(deps);
    this.remediation = new RemediationOperations(deps);
    this.reviews = new ReviewOperations(deps);
    this.insights = new InsightOperations(deps);
  }

  listTemplates() {
    return this.incidents.listTemplates();
  }

  declareIncident(input: DeclareIncidentInput, options: CallOptions) {
    return this.incidents.declareIncident(input, options);
  }

  getIncident(id: string, options: CallOptions) {
    return this.incidents.getIncident(id, options);
  }

  updateIncident(
    id: string,
    rawInput: UpdateIncidentInput,
    options: CallOptions,
  ) {
    return this.incidents.updateIncident(id, rawInput, options);
  }

  listIncidents(query: ListQuery, options: CallOptions) {
    return this.incidents.listIncidents(query, options);
  }

  getPostmortem(id: string, options: CallOptions): Promise<Postmortem> {
    return this.postmortems.getPostmortem(id, options);
  }

  listPostmortems(query: ListQuery, options: CallOptions) {
    return this.postmortems.listPostmortems(query, options);
  }

  updatePostmortem(
    id: string,
    rawInput: UpdatePostmortemInput,
    expectedRevision: number | undefined,
    options: CallOptions,
  ) {
    return this.postmortems.updatePostmortem(
      id,
      rawInput,
      expectedRevision,
      options,
    );
  }

  deletePostmortem(id: string, options: CallOptions) {
    return this.postmortems.deletePostmortem(id, options);
  }

  generateDraft(id: string, options: CallOptions) {
    return this.postmortems.generateDraft(id, options);
  }

  exportDocument(id: string, options: CallOptions) {
    return this.postmortems.exportDocument(id, options);
  }

  listRevisions(postmortemId: string, options: CallOptions) {
    return this.postmortems.listRevisions(postmortemId, options);
  }

  diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
    options: CallOptions,
  ) {
    return this.postmortems.diffRevisions(postmortemId, from, to, options);
  }

  listHistory(postmortemId: string, options: CallOptions) {
    return this.postmortems.listHistory(postmortemId, options);
  }

  listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    options: CallOptions,
  ) {
    return this.subRecords.listSubRecords(kind, postmortemId, options);
  }

  addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    options: CallOptions,
  ) {
    return this.subRecords.addSubRecord(kind, postmortemId, input, options);
  }

  updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    options: CallOptions,
  ) {
    return this.subRecords.updateSubRecord(
      kind,
      postmortemId,
      itemId,
      patch,
      options,
    );
  }

  deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    options: CallOptions,
  ) {
    return this.subRecords.deleteSubRecord(kind, postmortemId, itemId, options);
  }

  signOffRemediation(
    id: string,
    itemId: string,
    comment: string | undefined,
    options: CallOptions,
  ) {
    return this.remediation.signOffRemediation(id, itemId, comment, options);
  }

  getGates(id: string, options: CallOptions) {
    return this.reviews.getGates(id, options);
  }

  transition(
    id: string,
    input: { to: PostmortemStage; comment?: string },
    options: CallOptions,
  ) {
    return this.reviews.transition(id, input, options);
  }

  listApprovals(id: string, options: CallOptions) {
    return this.reviews.listApprovals(id, options);
  }

  addComment(
    id: string,
    input: { text: string; perspective: Perspective; section?: string },
    options: CallOptions,
  ) {
    return this.reviews.addComment(id, input, options);
  }

  listComments(id: string, options: CallOptions) {
    return this.reviews.listComments(id, options);
  }

  waiveFinding(
    id: string,
    input: { findingKey: string; reason: string },
    options: CallOptions,
  ) {
    return this.reviews.waiveFinding(id, input, options);
  }

  getScorecards(query: ScorecardApiQuery, options: CallOptions) {
    return this.insights.getScorecards(query, options);
  }

  getScorecardDurations(
    query: ScorecardApiQuery,
    metric: IncidentMetric,
    options: CallOptions,
  ) {
    return this.insights.getScorecardDurations(query, metric, options);
  }

  listRelated(id: string, options: CallOptions) {
    return this.insights.listRelated(id, options);
  }

  getDependencyMap(id: string, options: CallOptions) {
    return this.insights.getDependencyMap(id, options);
  }

  findSimilarPostmortems(id: string, limit: number, options: CallOptions) {
    return this.insights.findSimilarPostmortems(id, limit, options);
  }
}
