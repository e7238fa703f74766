import { NotFoundError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Page, Postmortem } from '@postmortems/plugin-postmortem-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';
import { KnexRevisionStore } from './KnexRevisionStore';
import { applyPermissionCriteria } from './permissionQuery';
import { PostmortemRows } from './postmortemRows';
import type {
  ChangeContext,
  ListFilter,
  PostmortemContentPatch,
  PostmortemRecordStore,
} from './PostmortemStore';
import { replaceMembers } from './refRows';
import { json, Row, UUID, withoutUndefined } from './rows';

/** Publication columns for a stage change (cleared when leaving published). */
function publicationOf(patch: PostmortemContentPatch): Row {
  if (patch.stage === undefined) return {};
  if (patch.stage !== 'published') {
    return { published_at: null, published_on_time: null };
  }
  return {
    published_at: new Date(),
    published_on_time: patch.publishedOnTime ?? null,
  };
}

/** Postmortems: read by id or in lists, edited, deleted with their incident. */
export class KnexPostmortemRecordStore implements PostmortemRecordStore {
  constructor(
    private readonly knex: Knex,
    private readonly rows: PostmortemRows,
    private readonly revisions: KnexRevisionStore,
  ) {}

  async getPostmortem(
    idOrHumanId: string,
    permission?: PermissionCriteria<PostmortemPermissionQuery>,
  ) {
    const find = async (where: Record<string, string>) => {
      const query = this.rows.postmortemQuery().where(where);
      if (permission) applyPermissionCriteria(this.knex, query, permission);
      return query.first();
    };
    // A UUID is a postmortem's or its incident's id: two lookups, each by
    // its index (an OR across the join read every row of both tables).
    const row = UUID.test(idOrHumanId)
      ? (await find({ 'p.id': idOrHumanId })) ??
        (await find({ 'i.id': idOrHumanId }))
      : await find({ 'i.human_id': idOrHumanId.toLocaleUpperCase('en-US') });
    return row ? (await this.rows.hydrate([row]))[0] : undefined;
  }

  async getPostmortems(ids: string[]) {
    const rows = await this.rows.postmortemQuery().whereIn('p.id', ids);
    const byId = new Map((await this.rows.hydrate(rows)).map(p => [p.id, p]));
    return ids.map(id => byId.get(id));
  }

  async listPostmortems(filter: ListFilter): Promise<Page<Postmortem>> {
    const { rows, totalCount, totalCountCapped, nextCursor } =
      await this.rows.listRows(filter);
    return {
      items: await this.rows.hydrate(rows),
      totalCount,
      ...(totalCountCapped ? { totalCountCapped } : {}),
      nextCursor,
    };
  }

  async updatePostmortem(
    id: string,
    patch: PostmortemContentPatch,
    change: ChangeContext,
  ) {
    await this.knex.transaction(async tx => {
      const changed = Object.keys(patch).filter(
        k => patch[k as keyof PostmortemContentPatch] !== undefined,
      );
      await this.revisions.bumpRevision(tx, id, change, changed, async () => {
        const row: Row = {
          roles: patch.roles && JSON.stringify(patch.roles),
          attachments: patch.attachments && JSON.stringify(patch.attachments),
          visibility: patch.visibility,
          stage: patch.stage,
          ...publicationOf(patch),
          deadlines: patch.deadlines && JSON.stringify(patch.deadlines),
        };
        if (patch.narrative) {
          // Sections not sent keep their text: editors patch one section at a
          // time. A section a person edits is no longer generated, so a later
          // draft run leaves it alone.
          const current = await tx('postmortems')
            .where({ id })
            .first('narrative', 'generated_sections');
          row.narrative = JSON.stringify({
            ...json(current.narrative, {}),
            ...patch.narrative,
          });
          row.generated_sections = JSON.stringify(
            json<string[]>(current.generated_sections, []).filter(
              section => !(section in patch.narrative!),
            ),
          );
        }
        const update = withoutUndefined(row);
        if (Object.keys(update).length) {
          await tx('postmortems').where({ id }).update(update);
        }
        if (patch.roles) await replaceMembers(tx, id, patch.roles);
      });
    });
    return (await this.getPostmortem(id))!;
  }

  async deletePostmortem(id: string) {
    const row = await this.knex('postmortems')
      .where({ id })
      .first('incident_id');
    if (!row) throw new NotFoundError(`No postmortem ${id}`);
    // Children first: SQLite enforces foreign keys only when told to.
    await this.knex.transaction(async tx => {
      for (const table of [
        'history',
        'remediation_items',
        'causes',
        'evidence',
        'timeline_events',
        'revisions',
        'postmortem_owners',
        'postmortem_members',
      ]) {
        await tx(table).where({ postmortem_id: id }).delete();
      }
      await tx('postmortems').where({ id }).delete();
      await tx('incident_entities')
        .where({ incident_id: row.incident_id })
        .delete();
      await tx('incidents').where({ id: row.incident_id }).delete();
    });
  }
}
