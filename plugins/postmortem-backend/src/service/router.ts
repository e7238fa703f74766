import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  EvidenceCollector,
  IncidentSource,
} from '@postmortems/plugin-postmortem-node';
import express from 'express';
import { Knex } from 'knex';
import { RevisionConflictError } from '../database/KnexPostmortemStore';
import { SubRecordKind } from '../database/PostmortemStore';
import { createOpenApiRouter, EndpointMap } from '../schema/openapi';
import { PostmortemService, RevisionRequiredError } from './PostmortemService';
import { GatesNotMetError } from '../workflow/WorkflowEngine';
import { toHtml, toMarkdown } from '../export/renderPostmortem';
import { scorecardsToCsv } from '../scorecards/scorecardsToCsv';

export interface RouterOptions {
  knex: Knex;
  service: PostmortemService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  incidentSources: IncidentSource[];
  evidenceCollectors: EvidenceCollector[];
  /** Ids of the installed remediation trackers. */
  trackers: string[];
  /** Largest JSON body accepted; larger ones get 413. */
  maxBodySize: string;
}

const SUB_RECORD_PATHS: Record<string, SubRecordKind> = {
  timeline: 'timeline',
  evidence: 'evidence',
  causes: 'causes',
  remediation: 'remediation',
};

/** Any request of the typed router, for helpers shared by every route. */
type ApiRequest = express.Request<any, any, any, any, any>;

/** The filters the incident and postmortem lists share. */
type ListQuery = Partial<
  EndpointMap['#get|/incidents']['query'] &
    EndpointMap['#get|/postmortems']['query']
>;

/** Query values arrive as a string or an array of strings. */
const list = <T extends string = any>(value: unknown): T[] | undefined =>
  value === undefined
    ? undefined
    : ((Array.isArray(value) ? value : [value]) as T[]);

/**
 * What an update states about the revision it is based on. The service
 * answers 428 when it states none, after it checked that the caller may
 * read and change the postmortem (so a 428 tells nothing to others).
 */
function basedOn(
  req: ApiRequest,
  bodyRevision?: number,
): { expectedRevision?: number; revisionRequired: true } {
  return {
    expectedRevision: expectedRevision(
      req.header('if-match') ?? undefined,
      bodyRevision,
    ),
    revisionRequired: true,
  };
}

/** The revision an edit is based on: If-Match wins over the body field. */
function expectedRevision(
  ifMatch: string | undefined,
  bodyRevision: number | undefined,
): number | undefined {
  if (ifMatch === undefined) return bodyRevision;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new InputError(`If-Match must be a revision ETag such as "3"`);
  }
  return Number(match[1]);
}

/** The JSON path of the first string (or key) with a NUL character. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const found = nulPath(key, path) ?? nulPath(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * NUL characters are refused in bodies and query strings: PostgreSQL
 * cannot store them in text, and nothing a person writes contains one.
 */
const refuseNulCharacters: express.RequestHandler = (req, _res, next) => {
  const found = nulPath(req.body, 'body') ?? nulPath(req.query, 'query');
  next(
    found
      ? new InputError(`${found} must not contain NUL characters`)
      : undefined,
  );
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { knex, service, httpAuth, auditor } = options;
  // Requests are validated against the spec at runtime.
  const json = express.json({ limit: options.maxBodySize });
  const router = await createOpenApiRouter({
    middleware: [json],
    validatorOptions: {
      validateRequests: {
        // Query strings are still read as the spec's types (the validator
        // always does that for parameters); bodies are taken as sent: a
        // title `true` or a count `"1"` is a 400, never stored converted.
        coerceTypes: false,
        allowUnknownQueryParameters: false,
      },
    },
  });

  const credentials = async (req: ApiRequest) => ({
    credentials: await httpAuth.credentials(req),
  });

  /** Runs a mutation inside a Backstage auditor event. */
  async function audited<T>(
    req: ApiRequest,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  // Health tells an operator that the plugin and its database answer, and
  // which modules are installed, without exposing any incident data.
  router.get('/health', async (_req, res) => {
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await knex.raw('select 1');
    } catch {
      database = 'unavailable';
    }
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      incidentSources: options.incidentSources.map(s => s.id),
      evidenceCollectors: options.evidenceCollectors.map(c => c.id),
      trackers: options.trackers,
    });
  });

  router.get('/templates', async (_req, res) => {
    res.json({ items: service.listTemplates() });
  });

  const listQuery = (q: ListQuery) => ({
    ...q,
    // The validator leaves a single value of an array parameter as it came.
    severity: list(q.severity),
    type: list(q.type),
    stage: list(q.stage),
    status: list(q.status),
  });

  router.get('/scorecards/durations', async (req, res) => {
    const q = req.query;
    res.json({
      items: await service.getScorecardDurations(
        {
          groupBy: q.groupBy,
          from: q.from,
          to: q.to,
          entityRef: q.entityRef,
          includeDependencies: q.includeDependencies,
          systemRef: q.systemRef,
          ownerRef: q.ownerRef,
          severity: list(q.severity),
        },
        q.metric,
        await credentials(req),
      ),
    });
  });

  router.get('/scorecards', async (req, res) => {
    const q = req.query;
    const rows = await service.getScorecards(
      {
        groupBy: q.groupBy,
        interval: q.interval,
        from: q.from,
        to: q.to,
        entityRef: q.entityRef,
        includeDependencies: q.includeDependencies,
        systemRef: q.systemRef,
        ownerRef: q.ownerRef,
        severity: list(q.severity),
      },
      await credentials(req),
    );
    if (q.format === 'csv') {
      res.setHeader(
        'Content-Disposition',
        'attachment; filename="scorecards.csv"',
      );
      res.type('text/csv; charset=utf-8').send(scorecardsToCsv(rows));
      return;
    }
    res.json({ items: rows });
  });

  router.get('/incidents', async (req, res) => {
    res.json(
      await service.listIncidents(listQuery(req.query), await credentials(req)),
    );
  });

  router.post('/incidents', async (req, res) => {
    const body = req.body;
    const result = await audited(
      req,
      'postmortem-incident-declare',
      // Not the title: audit logs keep no free text.
      { severity: body.severity },
      async () => service.declareIncident(body, await credentials(req)),
    );
    res.status(201).json(result);
  });

  router.get('/incidents/:incidentId', async (req, res) => {
    res.json(
      await service.getIncident(req.params.incidentId, await credentials(req)),
    );
  });

  router.patch('/incidents/:incidentId', async (req, res) => {
    const result = await audited(
      req,
      'postmortem-incident-update',
      { incidentId: req.params.incidentId, fields: Object.keys(req.body) },
      async () =>
        service.updateIncident(req.params.incidentId, req.body, {
          ...(await credentials(req)),
          ...basedOn(req),
        }),
    );
    res.json(result);
  });

  router.get('/postmortems', async (req, res) => {
    res.json(
      await service.listPostmortems(
        listQuery(req.query),
        await credentials(req),
      ),
    );
  });

  router.get('/postmortems/:postmortemId', async (req, res) => {
    const postmortem = await service.getPostmortem(
      req.params.postmortemId,
      await credentials(req),
    );
    res.setHeader('ETag', `"${postmortem.revision}"`);
    res.json(postmortem);
  });

  router.patch('/postmortems/:postmortemId', async (req, res) => {
    const { revision, ...changes } = req.body;
    const expected = expectedRevision(
      req.header('if-match') ?? undefined,
      revision,
    );
    const postmortem = await audited(
      req,
      'postmortem-update',
      {
        postmortemId: req.params.postmortemId,
        fields: Object.keys(changes),
        expectedRevision: expected,
      },
      async () =>
        service.updatePostmortem(req.params.postmortemId, changes, expected, {
          ...(await credentials(req)),
          revisionRequired: true,
        }),
    );
    res.setHeader('ETag', `"${postmortem.revision}"`);
    res.json(postmortem);
  });

  router.delete('/postmortems/:postmortemId', async (req, res) => {
    await audited(
      req,
      'postmortem-delete',
      { postmortemId: req.params.postmortemId },
      async () =>
        service.deletePostmortem(
          req.params.postmortemId,
          await credentials(req),
        ),
    );
    res.status(204).end();
  });

  router.post('/postmortems/:postmortemId/draft', async (req, res) => {
    const postmortem = await audited(
      req,
      'postmortem-draft-generate',
      { postmortemId: req.params.postmortemId },
      async () =>
        service.generateDraft(req.params.postmortemId, await credentials(req)),
    );
    res.setHeader('ETag', `"${postmortem.revision}"`);
    res.json(postmortem);
  });

  router.post(
    '/postmortems/:postmortemId/remediation/:itemId/verify',
    async (req, res) => {
      const item = await audited(
        req,
        'postmortem-remediation-verify',
        { postmortemId: req.params.postmortemId, itemId: req.params.itemId },
        async () =>
          service.signOffRemediation(
            req.params.postmortemId,
            req.params.itemId,
            req.body?.comment,
            await credentials(req),
          ),
      );
      res.json(item);
    },
  );

  router.get('/postmortems/:postmortemId/related', async (req, res) => {
    res.json({
      items: await service.listRelated(
        req.params.postmortemId,
        await credentials(req),
      ),
    });
  });

  router.get('/postmortems/:postmortemId/dependency-map', async (req, res) => {
    res.json(
      await service.getDependencyMap(
        req.params.postmortemId,
        await credentials(req),
      ),
    );
  });

  router.get('/postmortems/:postmortemId/similar', async (req, res) => {
    // The spec bounds the limit (1 to 20) and defaults it.
    const limit = Number(req.query.limit ?? 5);
    res.json({
      items: await service.findSimilarPostmortems(
        req.params.postmortemId,
        limit,
        await credentials(req),
      ),
    });
  });

  router.get('/postmortems/:postmortemId/export', async (req, res) => {
    const doc = await service.exportDocument(
      req.params.postmortemId,
      await credentials(req),
    );
    const name = doc.postmortem.humanId;
    switch (req.query.format) {
      case 'markdown':
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="${name}.md"`,
        );
        res.type('text/markdown; charset=utf-8').send(toMarkdown(doc));
        return;
      case 'html':
        // The page carries its own CSP; nothing in it runs script.
        res.type('text/html; charset=utf-8').send(toHtml(doc));
        return;
      default:
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="${name}.json"`,
        );
        res.json(doc);
    }
  });

  router.get('/postmortems/:postmortemId/gates', async (req, res) => {
    res.json(
      await service.getGates(req.params.postmortemId, await credentials(req)),
    );
  });

  router.post('/postmortems/:postmortemId/transition', async (req, res) => {
    const postmortem = await audited(
      req,
      'postmortem-transition',
      { postmortemId: req.params.postmortemId, to: req.body.to },
      async () =>
        service.transition(
          req.params.postmortemId,
          req.body,
          await credentials(req),
        ),
    );
    res.setHeader('ETag', `"${postmortem.revision}"`);
    res.json(postmortem);
  });

  router.get('/postmortems/:postmortemId/approvals', async (req, res) => {
    res.json({
      items: await service.listApprovals(
        req.params.postmortemId,
        await credentials(req),
      ),
    });
  });

  router.get('/postmortems/:postmortemId/comments', async (req, res) => {
    res.json({
      items: await service.listComments(
        req.params.postmortemId,
        await credentials(req),
      ),
    });
  });

  router.post('/postmortems/:postmortemId/comments', async (req, res) => {
    const comment = await audited(
      req,
      'postmortem-comment-add',
      {
        postmortemId: req.params.postmortemId,
        perspective: req.body.perspective,
      },
      async () =>
        service.addComment(
          req.params.postmortemId,
          req.body,
          await credentials(req),
        ),
    );
    res.status(201).json(comment);
  });

  router.post(
    '/postmortems/:postmortemId/language-waivers',
    async (req, res) => {
      await audited(
        req,
        'postmortem-language-waive',
        {
          postmortemId: req.params.postmortemId,
          findingKey: req.body.findingKey,
        },
        async () =>
          service.waiveFinding(
            req.params.postmortemId,
            req.body,
            await credentials(req),
          ),
      );
      res.status(204).end();
    },
  );

  // The four sub-record lists share their handlers (each path is in the
  // spec); a typed route per path would repeat each handler four times.
  const subRecords = router as unknown as express.Router;
  for (const [path, kind] of Object.entries(SUB_RECORD_PATHS)) {
    subRecords.get(`/postmortems/:postmortemId/${path}`, async (req, res) => {
      res.json({
        items: await service.listSubRecords(
          kind,
          req.params.postmortemId,
          await credentials(req),
        ),
      });
    });
    subRecords.post(`/postmortems/:postmortemId/${path}`, async (req, res) => {
      const record = await audited(
        req,
        `postmortem-${kind}-add`,
        { postmortemId: req.params.postmortemId },
        async () =>
          service.addSubRecord(
            kind,
            req.params.postmortemId,
            req.body,
            await credentials(req),
          ),
      );
      res.status(201).json(record);
    });
    subRecords.patch(
      `/postmortems/:postmortemId/${path}/:itemId`,
      async (req, res) => {
        const record = await audited(
          req,
          `postmortem-${kind}-update`,
          {
            postmortemId: req.params.postmortemId,
            itemId: req.params.itemId,
            fields: Object.keys(req.body),
          },
          async () =>
            service.updateSubRecord(
              kind,
              req.params.postmortemId,
              req.params.itemId,
              req.body,
              {
                ...(await credentials(req)),
                ...basedOn(req),
              },
            ),
        );
        res.json(record);
      },
    );
    subRecords.delete(
      `/postmortems/:postmortemId/${path}/:itemId`,
      async (req, res) => {
        await audited(
          req,
          `postmortem-${kind}-delete`,
          { postmortemId: req.params.postmortemId, itemId: req.params.itemId },
          async () =>
            service.deleteSubRecord(
              kind,
              req.params.postmortemId,
              req.params.itemId,
              {
                ...(await credentials(req)),
                ...basedOn(req),
              },
            ),
        );
        res.status(204).end();
      },
    );
  }

  router.get('/postmortems/:postmortemId/revisions', async (req, res) => {
    res.json({
      items: await service.listRevisions(
        req.params.postmortemId,
        await credentials(req),
      ),
    });
  });

  router.get('/postmortems/:postmortemId/diff', async (req, res) => {
    const { from, to } = req.query;
    res.json({
      from,
      to,
      sections: await service.diffRevisions(
        req.params.postmortemId,
        from,
        to,
        await credentials(req),
      ),
    });
  });

  router.get('/postmortems/:postmortemId/history', async (req, res) => {
    res.json({
      items: await service.listHistory(
        req.params.postmortemId,
        await credentials(req),
      ),
    });
  });

  // A stale edit answers 409 with the revision that won, so the client can
  // reload and merge; the generic error handler would drop that number.
  router.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error instanceof GatesNotMetError) {
        res.status(409).json({
          error: { name: error.name, message: error.message },
          unmetGates: error.unmet,
        });
        return;
      }
      if (error instanceof RevisionRequiredError) {
        res.status(428).json({
          error: { name: error.name, message: error.message },
        });
        return;
      }
      if (error instanceof RevisionConflictError) {
        res.setHeader('ETag', `"${error.currentRevision}"`);
        res.status(409).json({
          error: { name: error.name, message: error.message },
          currentRevision: error.currentRevision,
        });
        return;
      }
      next(error);
    },
  );

  // The body is parsed before the validated router: its error transformer
  // would turn the parser's 413 (body too large) into a 400.
  const outer = express.Router();
  outer.use(json);
  outer.use(refuseNulCharacters);
  outer.use(router);
  return outer;
}
