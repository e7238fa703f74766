export { PostmortemsPage } from './PostmortemsPage';
export { PostmortemRoutes } from './PostmortemRoutes';
