import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  EvidenceCollector,
  IncidentSource,
} from '@postmortems/plugin-postmortem-node';
import express from 'express';
import type { DatabaseHealth } from '../database/KnexDatabaseHealth';
import { RevisionConflictError } from '../database/KnexPostmortemStore';
import { createOpenApiRouter } from '../schema/openapi';
import { PostmortemService, RevisionRequiredError } from './PostmortemService';
import { GatesNotMetError } from '../workflow/WorkflowEngine';
import { registerIncidentRoutes } from './routes/incidentRoutes';
import { registerInsightRoutes } from './routes/insightRoutes';
import { registerPostmortemRoutes } from './routes/postmortemRoutes';
import { refuseNulCharacters } from './routes/refuseNulCharacters';
import { registerRemediationRoutes } from './routes/remediationRoutes';
import { registerReviewRoutes } from './routes/reviewRoutes';
import { routeContext } from './routes/routeContext';
import { registerSubRecordRoutes } from './routes/subRecordRoutes';

export interface RouterOptions {
  /** The plugin's database, for the health check. */
  database: DatabaseHealth;
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

/**
 * The HTTP API. The routes of each area are in routes/ (incidents,
 * postmortems, sub-records, remediation, reviews, insights); here are the
 * health check, the answers to stale or ungated edits, and the body parsing.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { database: db, service, httpAuth, auditor } = options;
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

  const context = routeContext({ router, service, httpAuth, auditor });

  // Health tells an operator that the plugin and its database answer, and
  // which modules are installed, without exposing any incident data.
  router.get('/health', async (_req, res) => {
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await db.ping();
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

  registerIncidentRoutes(context);
  registerPostmortemRoutes(context);
  registerSubRecordRoutes(context);
  registerRemediationRoutes(context);
  registerReviewRoutes(context);
  registerInsightRoutes(context);

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
