// The scorecard queries live in database/ with the other stores; this path
// stays until every import of it has moved.
export * from '../database/ScorecardStore';
