import { createBackend } from '@backstage/backend-defaults';
import { embeddedSqliteDatabaseServiceFactory } from '@postmortems/plugin-postmortem-backend';

const backend = createBackend();

// The embedded default keeps each plugin in a SQLite file; this database
// service puts them in write-ahead-log mode, so no plugin's commit stalls
// the requests of all the others (it changes nothing on PostgreSQL).
backend.add(embeddedSqliteDatabaseServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for local use; see https://backstage.io/docs/auth/
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions: allow-all unless permission.postmortemPolicy.enabled switches
// on the postmortem policy; adopters may use it or set their own.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@postmortems/plugin-permission-backend-module-postmortem-policy'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@postmortems/plugin-scaffolder-backend-module-postmortem'));

// Search: PostgreSQL engine in production, Lunr in memory on SQLite.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@postmortems/plugin-search-backend-module-postmortem'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// The postmortem suite.
backend.add(import('@postmortems/plugin-postmortem-backend'));
backend.add(
  import('@postmortems/plugin-postmortem-backend-module-alertmanager'),
);
backend.add(import('@postmortems/plugin-postmortem-backend-module-pagerduty'));
backend.add(import('@postmortems/plugin-postmortem-backend-module-opsgenie'));
backend.add(
  import('@postmortems/plugin-postmortem-backend-module-generic-webhook'),
);
backend.add(import('@postmortems/plugin-postmortem-backend-module-prometheus'));
// Logs, traces, error trackers and Kubernetes, from postmortem.genericEvidence.
backend.add(
  import('@postmortems/plugin-postmortem-backend-module-generic-evidence'),
);
backend.add(import('@postmortems/plugin-postmortem-backend-module-github'));
backend.add(import('@postmortems/plugin-postmortem-backend-module-jira'));

backend.start();
