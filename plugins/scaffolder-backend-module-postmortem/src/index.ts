/**
 * Scaffolder actions that create postmortems and remediation items in the
 * postmortem plugin.
 *
 * @packageDocumentation
 */

export { scaffolderModulePostmortem as default } from './module';
export {
  createPostmortemAddRemediationAction,
  createPostmortemCreateAction,
} from './actions';
export type { PostmortemActionOptions } from './actions';
