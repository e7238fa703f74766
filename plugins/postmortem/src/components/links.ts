import { useRouteRef } from '@backstage/core-plugin-api';
import { legacyPostmortemRouteRef, legacyRootRouteRef } from '../routes';

/** Where the portal page is mounted when the app does not say otherwise. */
const DEFAULT_ROOT = '/postmortems';

// These links work in both frontend systems: `@backstage/core-plugin-api`'s
// useRouteRef asks the new system's route resolution when there is one and
// the old routing context otherwise (the new system's hook needs the route
// resolution API, which old apps lack). It throws for a route the app did
// not mount — only after calling all of its own hooks, the same way it
// guards its own lookups — so catching keeps the hook order stable and
// falls back to the default path.

/** The path of the postmortem list. */
export function usePostmortemsRootLink(): string {
  let root: (() => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(legacyRootRouteRef);
  } catch {
    root = undefined;
  }
  return root?.() ?? DEFAULT_ROOT;
}

/** A function from a postmortem's human id to its workspace path. */
export function usePostmortemLink(): (id: string) => string {
  let sub: ((params: { id: string }) => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    sub = useRouteRef(legacyPostmortemRouteRef);
  } catch {
    sub = undefined;
  }
  return (id: string) =>
    sub?.({ id }) ?? `${DEFAULT_ROOT}/${encodeURIComponent(id)}`;
}
