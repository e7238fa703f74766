import {
  EvidenceCollector,
  IncidentSource,
} from '@postmortems/plugin-postmortem-node';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { PostmortemStore } from '../database/PostmortemStore';

export interface RouterOptions {
  knex: Knex;
  store: PostmortemStore;
  incidentSources: IncidentSource[];
  evidenceCollectors: EvidenceCollector[];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { knex, store, incidentSources, evidenceCollectors } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  // Health tells an operator that the plugin and its database answer, and
  // which modules are installed, without exposing any incident data.
  router.get('/health', async (_req, res) => {
    let database = 'ok';
    try {
      await knex.raw('select 1');
    } catch {
      database = 'unavailable';
    }
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      incidentSources: incidentSources.map(s => s.id),
      evidenceCollectors: evidenceCollectors.map(c => c.id),
    });
  });

  router.get('/postmortems', async (req, res) => {
    const entityRef =
      typeof req.query.entityRef === 'string' ? req.query.entityRef : undefined;
    res.json(await store.listPostmortems({ entityRef }));
  });

  return router;
}
