import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Severity } from '@postmortems/plugin-postmortem-common';
import { PostmortemStore } from '../database/PostmortemStore';
import { DraftGenerator } from '../draft/DraftGenerator';
import { PostmortemService } from '../service/PostmortemService';

interface DemoIncident {
  title: string;
  severity: Severity;
  entityRefs: string[];
  daysAgo: number;
  minutesToDetect: number;
  minutesToResolve: number;
  change?: { entityRef: string; version: string; minutesBefore: number };
  commander: string;
  summary?: string;
}

const DEMO: DemoIncident[] = [
  {
    title: 'Checkout requests time out during payment',
    severity: 'SEV1',
    entityRefs: ['component:default/checkout-service'],
    daysAgo: 2,
    minutesToDetect: 9,
    minutesToResolve: 47,
    change: {
      entityRef: 'component:default/payments-service',
      version: 'v2.14.0',
      minutesBefore: 12,
    },
    commander: 'user:default/sofia.martinez',
  },
  {
    title: 'Orders database failover left replicas read-only',
    severity: 'SEV2',
    entityRefs: ['resource:default/orders-db'],
    daysAgo: 9,
    minutesToDetect: 4,
    minutesToResolve: 95,
    commander: 'user:default/ada.okafor',
    summary:
      'A planned failover promoted a replica that kept its read-only flag.',
  },
  {
    title: 'Parcel label generation failing for EU carriers',
    severity: 'SEV3',
    entityRefs: ['component:default/label-service'],
    daysAgo: 16,
    minutesToDetect: 31,
    minutesToResolve: 180,
    change: {
      entityRef: 'component:default/carrier-gateway',
      version: 'v5.2.1',
      minutesBefore: 40,
    },
    commander: 'user:default/mateo.rossi',
  },
  {
    title: 'Session cache evictions logged out shoppers',
    severity: 'SEV3',
    entityRefs: [
      'resource:default/session-cache',
      'component:default/checkout-service',
    ],
    daysAgo: 30,
    minutesToDetect: 6,
    minutesToResolve: 38,
    commander: 'user:default/liam.chen',
  },
  {
    title: 'Fraud scoring latency delayed payment approvals',
    severity: 'SEV2',
    entityRefs: ['component:default/fraud-service'],
    daysAgo: 45,
    minutesToDetect: 14,
    minutesToResolve: 72,
    change: {
      entityRef: 'component:default/fraud-service',
      version: 'v9.0.0',
      minutesBefore: 25,
    },
    commander: 'user:default/priya.raman',
  },
];

const minutes = (m: number) => m * 60_000;

/**
 * Loads demo incidents and drafted postmortems for the demo catalog, once:
 * it waits until the catalog knows the demo entities and does nothing when
 * demo incidents exist already. Enabled by `postmortem.demoData: true`.
 */
export async function seedDemoData(deps: {
  store: PostmortemStore;
  service: PostmortemService;
  drafts: DraftGenerator;
  credentials: BackstageCredentials;
  logger: LoggerService;
}): Promise<boolean> {
  const { store, service, drafts, credentials, logger } = deps;
  const existing = await store.listIncidents({ text: 'demo', limit: 1 });
  const seeded = await store.listIncidents({ limit: 1 });
  if (existing.totalCount > 0 || seeded.totalCount > 0) return true;
  const now = Date.now();
  try {
    for (const demo of DEMO) {
      const start = now - demo.daysAgo * 86_400_000;
      if (demo.change) {
        await store.recordChange({
          source: 'demo',
          eventId: `demo:${demo.change.entityRef}:${demo.change.version}`,
          entityRef: demo.change.entityRef,
          kind: 'deployment',
          version: demo.change.version,
          author: 'ci-bot',
          occurredAt: new Date(
            start - minutes(demo.change.minutesBefore),
          ).toISOString(),
        });
      }
      const { incident } = await service.declareIncident(
        {
          title: demo.title,
          severity: demo.severity,
          status: 'resolved',
          entityRefs: demo.entityRefs,
          impactStartedAt: new Date(start).toISOString(),
          detectedAt: new Date(
            start + minutes(demo.minutesToDetect),
          ).toISOString(),
          acknowledgedAt: new Date(
            start + minutes(demo.minutesToDetect + 3),
          ).toISOString(),
          resolvedAt: new Date(
            start + minutes(demo.minutesToResolve),
          ).toISOString(),
          roles: {
            incidentCommander: demo.commander,
            technicalOwners: [],
            reviewers: ['user:default/ingrid.larsen'],
            contributors: [],
          },
          source: 'demo',
        },
        { credentials },
      );
      await drafts.generate(incident.id, 'demo');
    }
  } catch (error) {
    // The catalog may not have processed the demo entities yet; try later.
    logger.info(`Demo data not loaded yet: ${error}`);
    return false;
  }
  logger.info(`Loaded ${DEMO.length} demo incidents`);
  return true;
}

/**
 * With `postmortem.demoData: true`, schedules {@link seedDemoData} until it
 * has loaded the demo (the catalog may take a while to know its entities).
 */
export async function scheduleDemoData(options: {
  enabled: boolean;
  scheduler: SchedulerService;
  auth: AuthService;
  store: PostmortemStore;
  service: PostmortemService;
  drafts: DraftGenerator;
  logger: LoggerService;
}): Promise<void> {
  if (!options.enabled) return;
  let seeded = false;
  await options.scheduler.scheduleTask({
    id: 'postmortem-demo-data',
    scope: 'global',
    frequency: { seconds: 20 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      if (seeded) return;
      seeded = await seedDemoData({
        ...options,
        credentials: await options.auth.getOwnServiceCredentials(),
      });
    },
  });
}
