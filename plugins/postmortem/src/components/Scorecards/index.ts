export { ScorecardsPage } from './ScorecardsPage';
export { EntityScorecardCard } from './EntityScorecardCard';
