import { createConditionExports } from '@backstage/plugin-permission-node';
import { postmortemPermissionResourceRef } from '@postmortems/plugin-postmortem-node';
import { postmortemPermissionRules } from './rules';

const exports = createConditionExports({
  resourceRef: postmortemPermissionResourceRef,
  rules: postmortemPermissionRules,
});

/**
 * Condition factories for permission policies, for example
 * `postmortemConditions.isRestricted()`.
 *
 * @public
 */
export const postmortemConditions = exports.conditions;

/**
 * Builds a conditional decision on a postmortem permission.
 *
 * @public
 */
export const createPostmortemConditionalDecision =
  exports.createConditionalDecision;
