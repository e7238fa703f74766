import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';

/**
 * Replaces the lower-cased refs a row links to in a link table. For a row
 * created in this transaction (`fresh`) there is nothing to delete first.
 */
export async function replaceRefs(
  tx: Knex.Transaction,
  table: 'incident_entities' | 'postmortem_owners',
  key: { column: string; value: string },
  refColumn: string,
  refs: string[],
  fresh = false,
) {
  if (!fresh) await tx(table).where(key.column, key.value).delete();
  const unique = [...new Set(refs.map(r => r.toLocaleLowerCase('en-US')))];
  if (unique.length) {
    await tx(table).insert(
      unique.map(ref => ({ [key.column]: key.value, [refColumn]: ref })),
    );
  }
}

export function replaceEntities(
  tx: Knex.Transaction,
  incidentId: string,
  refs: string[],
  fresh = false,
) {
  return replaceRefs(
    tx,
    'incident_entities',
    { column: 'incident_id', value: incidentId },
    'entity_ref',
    refs,
    fresh,
  );
}

export function replaceOwners(
  tx: Knex.Transaction,
  postmortemId: string,
  refs: string[],
  fresh = false,
) {
  return replaceRefs(
    tx,
    'postmortem_owners',
    { column: 'postmortem_id', value: postmortemId },
    'owner_ref',
    refs,
    fresh,
  );
}

export async function replaceMembers(
  tx: Knex.Transaction,
  postmortemId: string,
  roles: Postmortem['roles'],
  fresh = false,
) {
  if (!fresh) {
    await tx('postmortem_members')
      .where({ postmortem_id: postmortemId })
      .delete();
  }
  const members = new Map<string, { member_ref: string; role: string }>();
  const add = (ref: string | undefined, role: string) => {
    if (!ref) return;
    const member_ref = ref.toLocaleLowerCase('en-US');
    members.set(`${member_ref} ${role}`, { member_ref, role });
  };
  add(roles.incidentCommander, 'incident_commander');
  roles.technicalOwners.forEach(r => add(r, 'technical_owner'));
  roles.reviewers.forEach(r => add(r, 'reviewer'));
  roles.contributors.forEach(r => add(r, 'contributor'));
  if (members.size) {
    await tx('postmortem_members').insert(
      [...members.values()].map(m => ({ ...m, postmortem_id: postmortemId })),
    );
  }
}
