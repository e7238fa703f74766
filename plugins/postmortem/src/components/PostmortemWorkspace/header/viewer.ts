import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { Postmortem } from '@postmortems/plugin-postmortem-common';
import useAsync from 'react-use/esm/useAsync';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The signed-in user's ref and ownership refs (their groups), lower-cased;
 * undefined while loading or when the identity is unknown.
 */
export function useViewerRefs(): string[] | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return [identity.userEntityRef, ...identity.ownershipEntityRefs].map(lower);
  }, [identityApi]);
  return value;
}

/**
 * Whether the viewer is one of the postmortem's reviewers, directly or
 * through a group, the way the backend decides it.
 */
export function isReviewer(
  postmortem: Postmortem,
  viewerRefs: string[] | undefined,
): boolean {
  if (!viewerRefs) return false;
  const mine = new Set(viewerRefs);
  return (postmortem.roles.reviewers ?? []).some(ref => mine.has(lower(ref)));
}
