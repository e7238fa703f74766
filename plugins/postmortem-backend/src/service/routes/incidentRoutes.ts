import { basedOn, listQuery, RouteContext } from './routeContext';

/**
 * Incidents: declaring, reading, changing and listing them, and the templates a
 * declared incident picks from.
 */
export function registerIncidentRoutes({
  router,
  service,
  credentials,
  audited,
}: RouteContext) {
  router.get('/templates', async (_req, res) => {
    res.json({ items: service.listTemplates() });
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
}
