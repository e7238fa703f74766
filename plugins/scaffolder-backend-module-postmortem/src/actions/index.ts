export { createPostmortemCreateAction } from './createPostmortem';
export { createPostmortemAddRemediationAction } from './addRemediation';
export type { PostmortemActionOptions } from './postmortemApi';
