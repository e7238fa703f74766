/**
 * Backend plugin for automated incident postmortems.
 *
 * @packageDocumentation
 */

export { postmortemPlugin as default } from './plugin';
export {
  postmortemConditions,
  createPostmortemConditionalDecision,
} from './permissions/conditionExports';
