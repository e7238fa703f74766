import { useRouteRef } from '@backstage/frontend-plugin-api';
import { postmortemRouteRef, rootRouteRef } from '../routes';

/** Where the portal page is mounted when the app does not say otherwise. */
const DEFAULT_ROOT = '/postmortems';

/** The path of the postmortem list. */
export function usePostmortemsRootLink(): string {
  const root = useRouteRef(rootRouteRef);
  return root?.() ?? DEFAULT_ROOT;
}

/** A function from a postmortem's human id to its workspace path. */
export function usePostmortemLink(): (id: string) => string {
  const sub = useRouteRef(postmortemRouteRef);
  return (id: string) =>
    sub?.({ id }) ?? `${DEFAULT_ROOT}/${encodeURIComponent(id)}`;
}
