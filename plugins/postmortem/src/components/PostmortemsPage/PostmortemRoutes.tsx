import { Route, Routes, useParams } from 'react-router-dom';
import { PostmortemWorkspace } from '../PostmortemWorkspace';
import { PostmortemsPage } from './PostmortemsPage';

function WorkspaceRoute() {
  const { id = '' } = useParams();
  return <PostmortemWorkspace key={id} id={id} />;
}

/** The plugin page: the list at its root and a workspace per postmortem. */
export function PostmortemRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PostmortemsPage />} />
      <Route path="/:id" element={<WorkspaceRoute />} />
    </Routes>
  );
}
