import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { PostmortemPermissionQuery } from '@postmortems/plugin-postmortem-node';
import { Knex } from 'knex';

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/** One rule's query as a where clause on a query over `postmortems as p`. */
function applyQuery(
  knex: Knex,
  qb: Knex.QueryBuilder,
  query: PostmortemPermissionQuery,
) {
  switch (query.kind) {
    case 'hasRole': {
      const members = knex('postmortem_members')
        .select('postmortem_id')
        .whereIn('member_ref', lower(query.claims));
      if (query.roles?.length) members.whereIn('role', query.roles);
      qb.whereIn('p.id', members);
      return;
    }
    case 'ownsAffectedEntity':
      qb.whereIn(
        'p.id',
        knex('postmortem_owners')
          .select('postmortem_id')
          .whereIn('owner_ref', lower(query.claims)),
      );
      return;
    case 'isRestricted':
      qb.where('p.visibility', 'restricted');
      return;
    default:
      throw new Error(
        `Unknown postmortem permission query ${JSON.stringify(query)}`,
      );
  }
}

/**
 * Applies conditional permission criteria (allOf / anyOf / not over rule
 * queries) as SQL, so rows a caller may not read never leave the database.
 */
export function applyPermissionCriteria(
  knex: Knex,
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<PostmortemPermissionQuery>,
) {
  qb.where(inner => {
    if ('allOf' in criteria) {
      for (const c of criteria.allOf) {
        inner.where(q => applyPermissionCriteria(knex, q, c));
      }
    } else if ('anyOf' in criteria) {
      for (const c of criteria.anyOf) {
        inner.orWhere(q => applyPermissionCriteria(knex, q, c));
      }
    } else if ('not' in criteria) {
      inner.whereNot(q => applyPermissionCriteria(knex, q, criteria.not));
    } else {
      applyQuery(knex, inner, criteria);
    }
  });
}
