export { ScorecardsPage } from './ScorecardsPage';
export { EntityScorecardCard } from './EntityScorecardCard';
export { scorecardsTranslationRef } from './translation';
