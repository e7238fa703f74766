import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** Where the collator's options live in app-config. */
export const CONFIG_KEY = 'search.collators.postmortem';

/**
 * The largest page the postmortem backend serves
 * (`GET /postmortems?limit=`, maximum 200).
 */
export const MAX_BATCH_SIZE = 200;

/** Defaults used when app-config says nothing. */
export const defaults = {
  schedule: {
    frequency: { minutes: 10 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 3 },
  } satisfies SchedulerServiceTaskScheduleDefinition,
  batchSize: 100,
};

/** Reads `search.collators.postmortem.schedule`, or the default schedule. */
export function readScheduleConfigOptions(
  configRoot: Config,
): SchedulerServiceTaskScheduleDefinition {
  const scheduleConfig = configRoot
    .getOptionalConfig(CONFIG_KEY)
    ?.getOptionalConfig('schedule');
  if (!scheduleConfig) {
    return defaults.schedule;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${CONFIG_KEY}, ${error}`);
  }
}

/** Reads `search.collators.postmortem.batchSize` (1 to 200, default 100). */
export function readBatchSize(configRoot: Config): number {
  const batchSize = configRoot.getOptionalNumber(`${CONFIG_KEY}.batchSize`);
  if (batchSize === undefined) {
    return defaults.batchSize;
  }
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    batchSize > MAX_BATCH_SIZE
  ) {
    throw new InputError(
      `Invalid ${CONFIG_KEY}.batchSize ${batchSize}, expected an integer from 1 to ${MAX_BATCH_SIZE}`,
    );
  }
  return batchSize;
}
