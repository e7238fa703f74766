/**
 * Helpers for tests of postmortem modules against real peers.
 *
 * @packageDocumentation
 */

export * from './peers';
