import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Page,
  Postmortem,
  PostmortemStage,
  Severity,
} from '@postmortems/plugin-postmortem-common';

/** Filters of the postmortem list. @public */
export interface PostmortemListQuery {
  entityRef?: string;
  /** Also match incidents of the entity's dependencies. */
  includeDependencies?: boolean;
  ownerRef?: string;
  severity?: Severity[];
  stage?: PostmortemStage[];
  from?: string;
  to?: string;
  text?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Client of the postmortem backend API.
 *
 * @public
 */
export interface PostmortemApi {
  listPostmortems(query: PostmortemListQuery): Promise<Page<Postmortem>>;
  getPostmortem(id: string): Promise<Postmortem>;
}

/** @public */
export const postmortemApiRef = createApiRef<PostmortemApi>().with({
  id: 'plugin.postmortem.api',
  pluginId: 'postmortem',
});
