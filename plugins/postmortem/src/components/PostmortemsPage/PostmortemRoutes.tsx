import { Route, Routes, useParams } from 'react-router-dom';
import { PostmortemWorkspace } from '../PostmortemWorkspace';
import { ScorecardsPage } from '../Scorecards';
import { PostmortemsPage } from './PostmortemsPage';

function WorkspaceRoute() {
  const { id = '' } = useParams();
  return <PostmortemWorkspace key={id} id={id} />;
}

/**
 * The plugin page: the list at its root, the leadership scorecards, and a
 * workspace per postmortem.
 */
export function PostmortemRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PostmortemsPage />} />
      <Route path="/scorecards" element={<ScorecardsPage />} />
      <Route path="/:id" element={<WorkspaceRoute />} />
    </Routes>
  );
}
