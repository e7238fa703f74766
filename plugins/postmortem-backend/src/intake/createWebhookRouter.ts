import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  bearerToken,
  IncidentSource,
  RemediationTracker,
  secretsEqual,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';
import express from 'express';
import Router from 'express-promise-router';
import { PostmortemStore } from '../database/PostmortemStore';
import { ChangesIntake } from './ChangesIntake';
import { IncidentIntake } from './IncidentIntake';
import { EntityResolver } from '../catalog/EntityResolver';
import { TrackerSync } from '../trackers/TrackerSync';

export interface WebhookRouterOptions {
  sources: IncidentSource[];
  intake: IncidentIntake;
  store: PostmortemStore;
  entities: EntityResolver;
  logger: LoggerService;
  /** Trackers whose webhooks report ticket states (closed, reopened). */
  trackers: RemediationTracker[];
  trackerSync: TrackerSync;
  /** Bearer token that CI/CD systems send to /webhooks/changes. */
  changesToken?: string;
  maxBodySize: string;
  /** Map a service to the entity of that name when no annotation matches. */
  entityNameFallback?: boolean;
}

/**
 * The delivery as received. Its body is parsed on first use, which is after
 * the source has authenticated the raw bytes: a request without a valid
 * credential gets 401 whatever its body, and nothing learns from a 400
 * whether its JSON would have been accepted.
 */
function deliveryOf(req: express.Request, subPath?: string): WebhookDelivery {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLocaleLowerCase('en-US')] = Array.isArray(value)
      ? value.join(',')
      : value;
  }
  let parsed: { body: unknown } | undefined;
  return {
    rawBody,
    headers,
    subPath,
    get body() {
      if (!parsed) parsed = { body: parseJson(rawBody) };
      return parsed.body;
    },
  };
}

function parseJson(rawBody: Buffer): unknown {
  const text = rawBody.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('The webhook body is not valid JSON');
  }
}

/**
 * The public webhook URLs that adopters paste into their tools:
 * `/webhooks/<source>` for each installed incident source,
 * `/webhooks/changes` for deployments and config changes and
 * `/webhooks/trackers/<tracker>` for ticket states. They carry no
 * Backstage token; each source authenticates its own deliveries.
 */
export function createWebhookRouter(options: WebhookRouterOptions) {
  const { intake, logger } = options;
  const changesIntake = new ChangesIntake(
    options.store,
    options.entities,
    options.entityNameFallback ?? true,
  );
  const sources = new Map(options.sources.map(s => [s.id, s]));
  const router = Router();
  // Raw bytes: signatures are computed over the body exactly as sent.
  router.use(
    '/webhooks',
    express.raw({ type: () => true, limit: options.maxBodySize }),
  );

  router.post('/webhooks/changes', async (req, res) => {
    const delivery = deliveryOf(req);
    const token = bearerToken(delivery.headers);
    if (
      !options.changesToken ||
      !token ||
      !secretsEqual(token, options.changesToken)
    ) {
      throw new AuthenticationError('Invalid or missing bearer token');
    }
    res.status(202).json(await changesIntake.record(delivery.body));
  });

  router.post('/webhooks/trackers/:trackerId', async (req, res) => {
    const tracker = options.trackers.find(t => t.id === req.params.trackerId);
    if (!tracker?.receiveWebhook) {
      throw new NotFoundError(
        `No tracker '${req.params.trackerId}' that receives webhooks is installed`,
      );
    }
    const changes = await tracker.receiveWebhook(deliveryOf(req));
    const result = await options.trackerSync.applyStates(tracker.id, changes);
    logger.info(
      `Webhook trackers/${tracker.id}: ${result.applied} item(s) changed, ${result.ignored} event(s) without effect`,
    );
    res.status(202).json(result);
  });

  router.post('/webhooks/:sourceId/:subPath?', async (req, res) => {
    const source = sources.get(req.params.sourceId);
    if (!source) {
      throw new NotFoundError(
        `No incident source '${req.params.sourceId}' is installed`,
      );
    }
    const delivery = deliveryOf(req, req.params.subPath);
    await source.authenticate(delivery);
    const signals = await source.parse(delivery);
    const result = await intake.ingest(source.id, signals);
    logger.info(
      `Webhook ${source.id}: ${result.accepted} event(s) applied, ${result.duplicates} duplicate(s)`,
    );
    res.status(202).json(result);
  });

  return router;
}
