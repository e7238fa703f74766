import { RouteContext } from './routeContext';

/**
 * Remediation: the sign-off of an item verified by a person holding a role.
 */
export function registerRemediationRoutes({
  router,
  service,
  credentials,
  audited,
}: RouteContext) {
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
}
