import { Config } from '@backstage/config';

/** Tunables of the draft and its cause analysis, from `postmortem.draft`. */
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
}

export const CAUSE_ANALYSIS_DEFAULTS: DraftSettings = {
  baselineMinutes: 360,
  evidenceMarginAfterMinutes: 15,
  changeLookbackMinutes: 1440,
  hypothesisHalfLifeMinutes: 30,
  onsetGraceMinutes: 1,
  detectionGapMinutes: 5,
  maxEvidenceChars: 65536,
};

export function draftSettingsFromConfig(config: Config): DraftSettings {
  const c = config.getOptionalConfig('postmortem.draft');
  const d = CAUSE_ANALYSIS_DEFAULTS;
  const n = (key: keyof DraftSettings) => c?.getOptionalNumber(key) ?? d[key];
  return {
    baselineMinutes: n('baselineMinutes'),
    evidenceMarginAfterMinutes: n('evidenceMarginAfterMinutes'),
    changeLookbackMinutes: n('changeLookbackMinutes'),
    hypothesisHalfLifeMinutes: n('hypothesisHalfLifeMinutes'),
    onsetGraceMinutes: n('onsetGraceMinutes'),
    detectionGapMinutes: n('detectionGapMinutes'),
    maxEvidenceChars: n('maxEvidenceChars'),
  };
}
