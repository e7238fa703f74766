import { NotFoundError } from '@backstage/errors';
import { diffSnapshots } from '@postmortems/plugin-postmortem-common';
import {
  CallOptions,
  ListQuery,
  revisionOf,
  UpdatePostmortemInput,
} from '../PostmortemService';
import { principalRef } from '../../auth/principalRef';
import { ServiceArea } from './ServiceArea';

/**
 * Listing, changing, deleting, drafting and exporting postmortems, and their
 * revisions and history.
 */
export class PostmortemOperations extends ServiceArea {
  async listPostmortems(query: ListQuery, options: CallOptions) {
    const page = await this.store.listPostmortems({
      ...query,
      entityRefs: await this.expandEntity(query),
      permission: options.readFilter,
    });
    return { ...page, items: page.items.map(p => this.workflow.decorate(p)) };
  }

  async updatePostmortem(
    id: string,
    rawInput: UpdatePostmortemInput,
    expectedRevision: number | undefined,
    options: CallOptions,
  ) {
    const input = this.scrub(rawInput, ['narrative']);
    const current = await this.current(id, options);
    const basedOn = revisionOf(options, current, expectedRevision);
    const author = principalRef(options.credentials);
    const roles = input.roles
      ? await this.checkRoles({ ...current.roles, ...input.roles })
      : undefined;
    const updated = await this.store.updatePostmortem(
      current.id,
      { ...input, roles },
      { author, expectedRevision: basedOn },
    );
    await this.store.addHistory(current.id, {
      actor: author,
      action: 'postmortem.updated',
      details: { fields: Object.keys(input), revision: updated.revision },
    });
    // The store answers with the postmortem as written, without the
    // caller's filter (a writer who just restricted the postmortem still
    // gets the result of the write); it is read again only when the edit
    // withdrew an approval.
    const withdrawn = await this.workflow.invalidateApproval(
      current.id,
      author,
      updated,
    );
    return this.workflow.decorate(
      withdrawn ? (await this.store.getPostmortem(current.id))! : updated,
    );
  }

  async deletePostmortem(id: string, options: CallOptions) {
    const current = await this.current(id, options);
    await this.store.deletePostmortem(current.id);
  }

  async generateDraft(id: string, options: CallOptions) {
    const postmortem = await this.current(id, options);
    const author = principalRef(options.credentials);
    await this.drafts.generate(postmortem.incidentId, author, postmortem.id);
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: 'draft.generated',
      details: {},
    });
    return this.getPostmortem(postmortem.id, options);
  }

  async exportDocument(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const [incident, timeline, evidence, causes, remediation] =
      await Promise.all([
        this.getIncident(postmortem.incidentId, options),
        this.store.listSubRecords('timeline', postmortem.id),
        this.store.listSubRecords('evidence', postmortem.id),
        this.store.listSubRecords('causes', postmortem.id),
        this.store.listSubRecords('remediation', postmortem.id),
      ]);
    return { postmortem, incident, timeline, evidence, causes, remediation };
  }

  async listRevisions(postmortemId: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listRevisions(postmortem.id);
  }

  async diffRevisions(
    postmortemId: string,
    from: number,
    to: number,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    const [before, after] = await Promise.all([
      this.store.getSnapshot(postmortem.id, from),
      this.store.getSnapshot(postmortem.id, to),
    ]);
    if (!before) throw new NotFoundError(`No revision ${from}`);
    if (!after) throw new NotFoundError(`No revision ${to}`);
    return diffSnapshots(before, after);
  }

  async listHistory(postmortemId: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listHistory(postmortem.id);
  }
}
