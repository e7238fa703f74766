/**
 * Types, permissions and pure logic shared by the postmortem frontend and backend.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './apiTypes';
export * from './domain';
export * from './revisionDiff';
export * from './format';
export * from './scorecards';
export * from './durations';
export * from './similar';
export * from './reviewProcess';
export * from './language/blamelessCheck';
export * from './language/score';
