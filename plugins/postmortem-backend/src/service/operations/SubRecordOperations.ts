import { SubRecordKind, SubRecords } from '../../database/PostmortemStore';
import { CallOptions, revisionOf } from '../PostmortemService';
import { principalRef } from '../../auth/principalRef';
import { ServiceArea } from './ServiceArea';

/**
 * A postmortem's timeline, evidence, causes and remediation items: listing,
 * adding, changing and deleting them.
 */
export class SubRecordOperations extends ServiceArea {
  async listSubRecords<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    options: CallOptions,
  ) {
    const postmortem = await this.getPostmortem(postmortemId, options);
    return this.store.listSubRecords(kind, postmortem.id);
  }

  private async checkSubRecord<K extends SubRecordKind>(
    kind: K,
    input: Partial<SubRecords[K]['input']>,
  ) {
    const checked = this.scrub({ ...input }, [
      'text',
      'query',
      'statement',
      'rollbackPlan',
      'title',
      'description',
      'acceptanceCriteria',
    ]) as Record<string, unknown>;
    if (typeof checked.content === 'string') {
      // Evidence keeps which kinds were masked and how many, never the values.
      const { value, counts } = this.redactor.redactValue(checked.content);
      checked.content = value;
      checked.redactions = counts;
    }
    if (kind === 'remediation' && typeof checked.ownerRef === 'string') {
      [checked.ownerRef] = await this.entities.requireExisting(
        'ownerRef',
        [checked.ownerRef],
        'group',
      );
    }
    if (
      (kind === 'causes' || kind === 'evidence') &&
      typeof checked.entityRef === 'string'
    ) {
      [checked.entityRef] = await this.entities.requireExisting('entityRef', [
        checked.entityRef,
      ]);
    }
    return checked as Partial<SubRecords[K]['input']>;
  }

  async addSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    input: SubRecords[K]['input'],
    options: CallOptions,
  ) {
    const postmortem = await this.current(postmortemId, options);
    const author = principalRef(options.credentials);
    const record = await this.store.addSubRecord(
      kind,
      postmortem.id,
      (await this.checkSubRecord(kind, input)) as SubRecords[K]['input'],
      { author },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.added`,
      details: { id: record.id },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
    return record;
  }

  async updateSubRecord<K extends SubRecordKind>(
    kind: K,
    postmortemId: string,
    itemId: string,
    patch: Partial<SubRecords[K]['input']>,
    options: CallOptions,
  ) {
    const postmortem = await this.current(postmortemId, options);
    const basedOn = revisionOf(options, postmortem);
    const author = principalRef(options.credentials);
    const record = await this.store.updateSubRecord(
      kind,
      postmortem.id,
      itemId,
      await this.checkSubRecord(kind, patch),
      { author, expectedRevision: basedOn },
    );
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.updated`,
      details: { id: itemId, fields: Object.keys(patch) },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
    return record;
  }

  async deleteSubRecord(
    kind: SubRecordKind,
    postmortemId: string,
    itemId: string,
    options: CallOptions,
  ) {
    const postmortem = await this.current(postmortemId, options);
    const author = principalRef(options.credentials);
    await this.store.deleteSubRecord(kind, postmortem.id, itemId, {
      author,
      expectedRevision: revisionOf(options, postmortem),
    });
    await this.store.addHistory(postmortem.id, {
      actor: author,
      action: `${kind}.deleted`,
      details: { id: itemId },
    });
    await this.workflow.invalidateApproval(postmortem.id, author);
  }
}
