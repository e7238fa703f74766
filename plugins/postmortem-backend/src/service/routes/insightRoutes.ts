import { scorecardsToCsv } from '../../scorecards/scorecardsToCsv';
import { list, RouteContext } from './routeContext';

/**
 * Insights: scorecards, related and similar postmortems, and the dependency
 * map.
 */
export function registerInsightRoutes({
  router,
  service,
  credentials,
}: RouteContext) {
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
}
