import { NotFoundError } from '@backstage/errors';
import {
  Postmortem,
  PostmortemRoles,
} from '@postmortems/plugin-postmortem-common';
import { PostmortemStore } from '../../database/PostmortemStore';
import { DraftGenerator } from '../../draft/DraftGenerator';
import { WorkflowEngine } from '../../workflow/WorkflowEngine';
import { ScorecardStore } from '../../database/ScorecardStore';
import { SimilarPostmortemStore } from '../../database/SimilarPostmortemStore';
import { Redactor } from '../../redaction/Redactor';
import { RecurrenceDetector } from '../../recurrence/RecurrenceDetector';
import { EntityResolver, normalizeRef } from '../../catalog/EntityResolver';
import { CallOptions, ListQuery } from '../PostmortemService';
import { TemplateRegistry } from '../../templates/TemplateRegistry';

/** The collaborators of the postmortem service. */
export interface ServiceDependencies {
  store: PostmortemStore;
  entities: EntityResolver;
  templates: TemplateRegistry;
  drafts: DraftGenerator;
  workflow: WorkflowEngine;
  scorecards: ScorecardStore;
  recurrence: RecurrenceDetector;
  redactor: Redactor;
  similar: SimilarPostmortemStore;
}

/**
 * What every area of the postmortem service starts from: its collaborators,
 * the reads of an incident and a postmortem (a 404 when the caller may not
 * read it), and the checks and scrubbing of input that several areas share.
 */
export abstract class ServiceArea {
  protected readonly store: PostmortemStore;
  protected readonly entities: EntityResolver;
  protected readonly templates: TemplateRegistry;
  protected readonly drafts: DraftGenerator;
  protected readonly workflow: WorkflowEngine;
  protected readonly scorecards: ScorecardStore;
  protected readonly recurrence: RecurrenceDetector;
  protected readonly redactor: Redactor;
  protected readonly similar: SimilarPostmortemStore;

  constructor(deps: ServiceDependencies) {
    this.store = deps.store;
    this.entities = deps.entities;
    this.templates = deps.templates;
    this.drafts = deps.drafts;
    this.workflow = deps.workflow;
    this.scorecards = deps.scorecards;
    this.recurrence = deps.recurrence;
    this.redactor = deps.redactor;
    this.similar = deps.similar;
  }

  /**
   * Masks secrets and personal data in the free-text fields people send,
   * before anything is stored.
   */
  protected scrub<T extends object>(input: T, fields: string[]): T {
    const copy = { ...input } as Record<string, unknown>;
    for (const field of fields) {
      if (copy[field] === undefined) continue;
      copy[field] = this.redactor.redactValue(copy[field]).value;
    }
    return copy as T;
  }

  protected async checkRoles(
    roles: Partial<PostmortemRoles> | undefined,
  ): Promise<PostmortemRoles> {
    const people = async (field: string, refs: string[] | undefined) =>
      refs?.length ? this.entities.requireExisting(field, refs, 'user') : [];
    return {
      incidentCommander: roles?.incidentCommander
        ? (
            await this.entities.requireExisting(
              'roles.incidentCommander',
              [roles.incidentCommander],
              'user',
            )
          )[0]
        : undefined,
      technicalOwners: await people(
        'roles.technicalOwners',
        roles?.technicalOwners,
      ),
      reviewers: await people('roles.reviewers', roles?.reviewers),
      contributors: await people('roles.contributors', roles?.contributors),
    };
  }

  protected async expandEntity(query: ListQuery) {
    if (!query.entityRef) return undefined;
    const ref = normalizeRef(query.entityRef);
    if (!query.includeDependencies) return [ref];
    return (await this.entities.dependencyClosure(ref)).map(d => d.entityRef);
  }

  async getIncident(id: string, options: CallOptions) {
    const incident = await this.store.getIncident(id, options.readFilter);
    if (!incident) throw new NotFoundError(`No incident ${id}`);
    return incident;
  }

  async getPostmortem(id: string, options: CallOptions): Promise<Postmortem> {
    const postmortem = await this.store.getPostmortem(id, options.readFilter);
    if (!postmortem) throw new NotFoundError(`No postmortem ${id}`);
    return this.workflow.decorate(postmortem);
  }

  /**
   * The postmortem a write starts from: the one the authorizing layer read
   * for this request (with the caller's read filter), else read now.
   */
  protected async current(id: string, options: CallOptions) {
    const known = options.current;
    if (
      known &&
      (id === known.id ||
        id === known.incidentId ||
        id.toLocaleUpperCase('en-US') === known.humanId)
    ) {
      return known;
    }
    return this.getPostmortem(id, options);
  }
}
