import { hasRole } from './hasRole';
import { isRestricted } from './isRestricted';
import { ownsAffectedEntity } from './ownsAffectedEntity';

/** Every rule an adopter's permission policy can use on postmortems. */
export const postmortemPermissionRules = {
  hasRole,
  ownsAffectedEntity,
  isRestricted,
};
