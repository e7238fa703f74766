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
import { IncidentIntake } from '../intake/IncidentIntake';
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

const CHANGE_KINDS = ['deployment', 'config', 'flag', 'migration'] as const;

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
    const body = delivery.body as Record<string, unknown>;
    // An id becomes part of the stored event key (512 characters at most).
    const text = (field: string, required = false) => {
      const max = field === 'id' ? 256 : 2048;
      const value = body?.[field];
      if (value === undefined && !required) return undefined;
      if (
        typeof value !== 'string' ||
        value.length === 0 ||
        value.length > max
      ) {
        throw new InputError(
          `${field} must be a non-empty string of at most ${max} characters`,
        );
      }
      if (value.includes('\u0000')) {
        throw new InputError(`${field} must not contain NUL characters`);
      }
      return value;
    };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InputError('The change must be a JSON object');
    }
    const known = [
      'id',
      'kind',
      'entityRef',
      'service',
      'version',
      'description',
      'occurredAt',
      'author',
      'link',
      'rollbackRef',
    ];
    const unknown = Object.keys(body).filter(k => !known.includes(k));
    if (unknown.length) {
      throw new InputError(`Unknown field(s): ${unknown.join(', ')}`);
    }
    const kind = text('kind') ?? 'deployment';
    if (!CHANGE_KINDS.includes(kind as (typeof CHANGE_KINDS)[number])) {
      throw new InputError(`kind must be one of ${CHANGE_KINDS.join(', ')}`);
    }
    const occurredAt = text('occurredAt', true)!;
    if (Number.isNaN(Date.parse(occurredAt))) {
      throw new InputError('occurredAt must be an ISO 8601 time');
    }
    const service = text('service');
    const entityRef = text('entityRef');
    if (!service && !entityRef) {
      throw new InputError('entityRef or service is required');
    }
    const refs = entityRef
      ? await options.entities.requireExisting('entityRef', [entityRef])
      : await options.entities.findByHint(
          'postmortem.io/alert-service',
          service!,
          options.entityNameFallback ?? true,
        );
    if (!refs.length) {
      throw new InputError(
        `service: no catalog entity is annotated with postmortem.io/alert-service '${service}'${
          options.entityNameFallback ?? true ? ' or named so' : ''
        }`,
      );
    }
    const eventId =
      text('id') ?? `${refs[0]}:${text('version') ?? ''}:${occurredAt}`;
    let recorded = 0;
    for (const ref of refs) {
      const fresh = await options.store.recordChange({
        source: 'changes',
        eventId: refs.length > 1 ? `${eventId}:${ref}` : eventId,
        entityRef: ref,
        kind: kind as (typeof CHANGE_KINDS)[number],
        version: text('version'),
        description: text('description'),
        author: text('author'),
        link: text('link'),
        rollbackRef: text('rollbackRef'),
        occurredAt: new Date(occurredAt).toISOString(),
      });
      if (fresh) recorded++;
    }
    res.status(202).json({
      accepted: recorded,
      duplicates: refs.length - recorded,
      entityRefs: refs,
    });
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
