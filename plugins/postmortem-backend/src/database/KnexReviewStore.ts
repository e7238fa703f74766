import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import type { Approval, Comment, ReviewStore, Waiver } from './PostmortemStore';
import { toIso } from './rows';

/** The review of a postmortem: comments, approvals and language waivers. */
export class KnexReviewStore implements ReviewStore {
  constructor(private readonly knex: Knex) {}

  async addComment(
    comment: Omit<Comment, 'id' | 'createdAt'>,
  ): Promise<Comment> {
    const row = {
      id: randomUUID(),
      postmortem_id: comment.postmortemId,
      author: comment.author,
      perspective: comment.perspective,
      section: comment.section ?? null,
      text: comment.text,
      created_at: new Date(),
    };
    await this.knex('comments').insert(row);
    return { ...comment, id: row.id, createdAt: row.created_at.toISOString() };
  }

  async listComments(postmortemId: string): Promise<Comment[]> {
    const rows = await this.knex('comments')
      .where({ postmortem_id: postmortemId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      postmortemId: r.postmortem_id,
      author: r.author,
      perspective: r.perspective,
      section: r.section ?? undefined,
      text: r.text,
      createdAt: toIso(r.created_at)!,
    }));
  }

  async addApproval(
    postmortemId: string,
    approval: Omit<Approval, 'approvedAt'>,
  ) {
    await this.knex('approvals')
      .insert({
        postmortem_id: postmortemId,
        reviewer: approval.reviewer,
        revision: approval.revision,
        comment: approval.comment ?? null,
        approved_at: new Date(),
      })
      .onConflict(['postmortem_id', 'reviewer', 'revision'])
      .ignore();
  }

  async listApprovals(postmortemId: string): Promise<Approval[]> {
    const rows = await this.knex('approvals')
      .where({ postmortem_id: postmortemId })
      .orderBy('approved_at', 'asc');
    return rows.map(r => ({
      reviewer: r.reviewer,
      revision: r.revision,
      comment: r.comment ?? undefined,
      approvedAt: toIso(r.approved_at)!,
    }));
  }

  async addWaiver(postmortemId: string, waiver: Omit<Waiver, 'createdAt'>) {
    await this.knex('language_waivers')
      .insert({
        postmortem_id: postmortemId,
        finding_key: waiver.findingKey,
        waived_by: waiver.waivedBy,
        reason: waiver.reason,
        created_at: new Date(),
      })
      .onConflict(['postmortem_id', 'finding_key'])
      .ignore();
  }

  async listWaivers(postmortemId: string): Promise<Waiver[]> {
    const rows = await this.knex('language_waivers').where({
      postmortem_id: postmortemId,
    });
    return rows.map(r => ({
      findingKey: r.finding_key,
      waivedBy: r.waived_by,
      reason: r.reason,
      createdAt: toIso(r.created_at)!,
    }));
  }
}
