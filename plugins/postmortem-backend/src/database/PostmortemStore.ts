import type { Page, Postmortem } from '@postmortems/plugin-postmortem-common';

/** Filters the store applies in SQL. */
export interface PostmortemFilter {
  entityRef?: string;
}

/** Persistence of incidents and postmortems. */
export interface PostmortemStore {
  listPostmortems(filter: PostmortemFilter): Promise<Page<Postmortem>>;
}
