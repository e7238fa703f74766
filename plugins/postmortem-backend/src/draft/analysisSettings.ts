import type { DraftLanguage } from './draftText';

/**
 * Tunables of the draft and its cause analysis, read from `postmortem.draft`
 * by `readDraftSettings` (config/readConfig.ts).
 */
export interface DraftSettings {
  /** History before the alert fetched for baselines (minutes). */
  baselineMinutes: number;
  evidenceMarginAfterMinutes: number;
  /** How far before impact start a change still counts (minutes). */
  changeLookbackMinutes: number;
  /** Proximity tie-break between changes the metrics cannot tell apart. */
  hypothesisHalfLifeMinutes: number;
  /** A deviation may start this long after the alert fired (minutes). */
  onsetGraceMinutes: number;
  detectionGapMinutes: number;
  /** Largest evidence content kept, in characters. */
  maxEvidenceChars: number;
  /** The language the draft is written in. */
  language: DraftLanguage;
}

export const CAUSE_ANALYSIS_DEFAULTS: DraftSettings = {
  baselineMinutes: 360,
  evidenceMarginAfterMinutes: 15,
  changeLookbackMinutes: 1440,
  hypothesisHalfLifeMinutes: 30,
  onsetGraceMinutes: 1,
  detectionGapMinutes: 5,
  maxEvidenceChars: 65536,
  language: 'en',
};
