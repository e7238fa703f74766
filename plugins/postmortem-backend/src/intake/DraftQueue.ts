/**
 * Where intake asks for drafts. A declaration or a resolution records that
 * a draft is due with the incident, in the intake's transaction, so the
 * request survives a crash; the queue is then told to work off what is
 * due now rather than at its next scheduled pass. The draft job
 * (`draft/DraftJob`) is the queue.
 */
export interface DraftQueue {
  /** Work off the drafts that are due, now or right after the run in progress. */
  runSoon(): void;
}
