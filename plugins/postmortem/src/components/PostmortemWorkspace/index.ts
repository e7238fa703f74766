export { PostmortemWorkspace } from './PostmortemWorkspace';
