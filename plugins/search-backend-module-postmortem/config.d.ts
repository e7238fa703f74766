import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * Options of the postmortem collator, which indexes postmortems in
       * Backstage search as documents of type `postmortem`.
       */
      postmortem?: {
        /**
         * How often to rebuild the postmortem index.
         * Default: every 10 minutes, timeout 15 minutes, first run 3 seconds
         * after start-up.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Postmortems fetched per request to the postmortem backend, from 1 to
         * 200 (the most the backend serves in one page). Default: 100.
         */
        batchSize?: number;
      };
    };
  };
}
