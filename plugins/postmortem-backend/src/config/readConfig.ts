import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  POSTMORTEM_STAGES,
  PostmortemStage,
  REVIEW_GATES,
  ReviewGate,
  ReviewProcess,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  CAUSE_ANALYSIS_DEFAULTS,
  DraftSettings,
} from '../draft/analysisSettings';
import type { ReminderSettings } from '../reminders/ReminderService';
import {
  DRAFT_LANGUAGES,
  DraftLanguage,
  isDraftLanguage,
} from '../draft/draftText';
import { DEFAULT_DEADLINE_POLICY, DeadlinePolicy } from '../workflow/deadlines';

/**
 * Every `postmortem.*` key the backend reads is read here, into typed
 * settings; the jobs and services take these and never the raw config.
 * Durations are `HumanDuration | string` (`{ minutes: 5 }`, `'5m'`,
 * `'PT5M'`); the numeric keys of earlier releases (`pollSeconds`,
 * `frequencySeconds`, ...) still work and log a deprecation warning.
 */

const UNIT_MS = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
} as const;

interface DurationKey {
  /** The key of the `HumanDuration | string` value. */
  key: string;
  /** The deprecated numeric key it replaces, and its unit. */
  legacy?: { key: string; unit: keyof typeof UNIT_MS };
  fallback: HumanDuration;
}

/**
 * Reads one duration, in milliseconds. A value that is not a duration, or
 * not longer than zero, stops startup with an error naming the key.
 */
export function readDurationMs(
  config: Config,
  logger: LoggerService,
  { key, legacy, fallback }: DurationKey,
): number {
  let ms: number;
  let readFrom = key;
  if (config.has(key)) {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
    if (legacy && config.has(legacy.key)) {
      logger.warn(
        `Config key '${legacy.key}' is deprecated and ignored, since '${key}' is set; remove it`,
      );
    }
  } else if (legacy && config.has(legacy.key)) {
    const value = config.getNumber(legacy.key);
    logger.warn(
      `Config key '${legacy.key}' is deprecated; use '${key}' with a duration such as { ${legacy.unit}: ${value} } or '${value} ${legacy.unit}'`,
    );
    ms = value * UNIT_MS[legacy.unit];
    readFrom = legacy.key;
  } else {
    return durationToMilliseconds(fallback);
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `Invalid duration in config at '${readFrom}': it must be longer than zero`,
    );
  }
  return ms;
}

/** How often a background job runs. */
export interface JobSchedule {
  frequency: HumanDuration;
}

function readSchedule(
  config: Config,
  logger: LoggerService,
  section: string,
  legacyKey: string,
  fallback: HumanDuration,
): JobSchedule {
  const ms = readDurationMs(config, logger, {
    key: `postmortem.${section}.frequency`,
    legacy: { key: `postmortem.${section}.${legacyKey}`, unit: 'seconds' },
    fallback,
  });
  return { frequency: { milliseconds: ms } };
}

/** `postmortem.draft.frequency`: how often requested drafts are looked for. */
export function readDraftJobConfig(config: Config, logger: LoggerService) {
  return readSchedule(config, logger, 'draft', 'pollSeconds', { seconds: 15 });
}

/** `postmortem.outbox.frequency`: how often unsent notifications are retried. */
export function readOutboxConfig(config: Config, logger: LoggerService) {
  return readSchedule(config, logger, 'outbox', 'retrySeconds', {
    seconds: 60,
  });
}

/** `postmortem.trackers`: how often tickets are filed and pulled. */
export function readTrackerSyncConfig(config: Config, logger: LoggerService) {
  return {
    ...readSchedule(config, logger, 'trackers', 'syncSeconds', {
      minutes: 2,
    }),
    /** Links in tickets point here. */
    appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
  };
}

/** `postmortem.verification`: how often done remediation items are checked. */
export function readVerificationConfig(config: Config, logger: LoggerService) {
  return readSchedule(config, logger, 'verification', 'checkSeconds', {
    minutes: 5,
  });
}

/** `postmortem.reminders`: the job's frequency and the reminder windows. */
export function readReminderConfig(
  config: Config,
  logger: LoggerService,
): JobSchedule & { settings: ReminderSettings } {
  const hours = (name: string, legacyUnit: 'hours' | 'days', def: number) =>
    readDurationMs(config, logger, {
      key: `postmortem.reminders.${name}`,
      legacy: {
        key: `postmortem.reminders.${name}${
          legacyUnit === 'hours' ? 'Hours' : 'Days'
        }`,
        unit: legacyUnit,
      },
      fallback: { [legacyUnit]: def },
    }) / UNIT_MS[legacyUnit];
  return {
    ...readSchedule(config, logger, 'reminders', 'frequencySeconds', {
      minutes: 15,
    }),
    settings: {
      approachingHours: hours('approaching', 'hours', 24),
      contributorWindowHours: hours('contributorWindow', 'hours', 48),
      escalationHours: hours('escalation', 'hours', 24),
      reevaluationDays: hours('reevaluation', 'days', 30),
    },
  };
}

/** `postmortem.draft`: the tunables of the draft and its cause analysis. */
export function readDraftSettings(
  config: Config,
  logger: LoggerService,
): DraftSettings {
  const d = CAUSE_ANALYSIS_DEFAULTS;
  const minutes = (name: string, def: number) =>
    readDurationMs(config, logger, {
      key: `postmortem.draft.${name}`,
      legacy: { key: `postmortem.draft.${name}Minutes`, unit: 'minutes' },
      fallback: { minutes: def },
    }) / UNIT_MS.minutes;
  return {
    baselineMinutes: minutes('baseline', d.baselineMinutes),
    evidenceMarginAfterMinutes: minutes(
      'evidenceMarginAfter',
      d.evidenceMarginAfterMinutes,
    ),
    changeLookbackMinutes: minutes('changeLookback', d.changeLookbackMinutes),
    hypothesisHalfLifeMinutes: minutes(
      'hypothesisHalfLife',
      d.hypothesisHalfLifeMinutes,
    ),
    onsetGraceMinutes: minutes('onsetGrace', d.onsetGraceMinutes),
    detectionGapMinutes: minutes('detectionGap', d.detectionGapMinutes),
    maxEvidenceChars:
      config.getOptionalNumber('postmortem.draft.maxEvidenceChars') ??
      d.maxEvidenceChars,
    language: draftLanguage(config),
  };
}

function draftLanguage(config: Config): DraftLanguage {
  const language = config.getOptionalString('postmortem.draft.language');
  if (language === undefined) return CAUSE_ANALYSIS_DEFAULTS.language;
  if (!isDraftLanguage(language)) {
    throw new Error(
      `postmortem.draft.language must be one of ${DRAFT_LANGUAGES.join(
        ', ',
      )}, not '${language}'`,
    );
  }
  return language;
}

/**
 * `postmortem.workflow`: the deadline policy (business days per stage, by
 * severity), how many reviewers must approve, and the review process of
 * each severity.
 */
export function readWorkflowConfig(config: Config): {
  policy: DeadlinePolicy;
  requiredApprovals: number;
  processes: Record<Severity, ReviewProcess>;
} {
  const requiredApprovals =
    config.getOptionalNumber('postmortem.workflow.requiredApprovals') ?? 1;
  return {
    policy: readDeadlinePolicy(config),
    requiredApprovals,
    processes: readReviewProcesses(config, requiredApprovals),
  };
}

/**
 * `postmortem.workflow.severities.<SEV>`: who signs a postmortem of that
 * severity off (`reviewers`, the default, or `incidentCommander`), how many
 * reviewers approve, and which gates it must pass (all by default). Process
 * sized to severity: a SEV5 need not take a SEV1's path.
 */
export function readReviewProcesses(
  config: Config,
  requiredApprovals: number,
): Record<Severity, ReviewProcess> {
  const key = 'postmortem.workflow.severities';
  const c = config.getOptionalConfig(key);
  for (const severity of c?.keys() ?? []) {
    if (!SEVERITIES.includes(severity as Severity)) {
      throw new Error(`${key}.${severity} is not a severity`);
    }
  }
  const entries = SEVERITIES.map((severity): [Severity, ReviewProcess] => {
    const s = c?.getOptionalConfig(severity);
    const signOffText = s?.getOptionalString('signOff') ?? 'reviewers';
    if (signOffText !== 'reviewers' && signOffText !== 'incidentCommander') {
      throw new Error(
        `${key}.${severity}.signOff must be reviewers or incidentCommander, not ${signOffText}`,
      );
    }
    const signOff =
      signOffText === 'reviewers' ? 'reviewers' : 'incident_commander';
    const gates = s?.getOptionalStringArray('gates') ?? [...REVIEW_GATES];
    for (const gate of gates) {
      if (!(REVIEW_GATES as readonly string[]).includes(gate)) {
        throw new Error(
          `${key}.${severity}.gates: ${gate} is not a gate (${REVIEW_GATES.join(
            ', ',
          )})`,
        );
      }
    }
    const approvals =
      signOff === 'reviewers'
        ? s?.getOptionalNumber('requiredApprovals') ?? requiredApprovals
        : 0;
    if (!Number.isInteger(approvals) || approvals < 0) {
      throw new Error(
        `${key}.${severity}.requiredApprovals must be a whole number`,
      );
    }
    return [
      severity,
      {
        signOff,
        requiredApprovals: approvals,
        gates: gates as ReviewGate[],
      },
    ];
  });
  return Object.fromEntries(entries) as Record<Severity, ReviewProcess>;
}

function readDeadlinePolicy(config: Config): DeadlinePolicy {
  const c = config.getOptionalConfig('postmortem.workflow.deadlines');
  if (!c) return DEFAULT_DEADLINE_POLICY;
  const policy: DeadlinePolicy = {};
  for (const severity of c.keys()) {
    if (!SEVERITIES.includes(severity as Severity)) {
      throw new Error(
        `postmortem.workflow.deadlines.${severity} is not a severity`,
      );
    }
    const stages = c.getConfig(severity);
    policy[severity as Severity] = Object.fromEntries(
      stages.keys().map(stage => {
        if (!POSTMORTEM_STAGES.includes(stage as PostmortemStage)) {
          throw new Error(
            `postmortem.workflow.deadlines.${severity}.${stage} is not a stage`,
          );
        }
        return [stage, stages.getNumber(stage)];
      }),
    );
  }
  return policy;
}

/** The plugin's remaining settings, none of them a job's. */
export function readPluginConfig(config: Config) {
  return {
    /** How many dependsOn hops the "include dependencies" filters follow. */
    dependencyDepth:
      config.getOptionalNumber('postmortem.dependencyDepth') ?? 3,
    entityNameFallback:
      config.getOptionalBoolean('postmortem.intake.entityNameFallback') ?? true,
    /** Largest JSON request body, a size string such as '1mb'. */
    maxBodySize: config.getOptionalString('postmortem.maxBodySize') ?? '1mb',
    /** The bearer token CI/CD sends with changes. */
    changesToken: config.getOptionalString('postmortem.changes.token'),
    demoData: config.getOptionalBoolean('postmortem.demoData') ?? false,
  };
}
