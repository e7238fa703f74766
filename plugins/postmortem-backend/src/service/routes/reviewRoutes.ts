import { RouteContext } from './routeContext';

/**
 * Reviews: gates and findings, stage transitions, approvals, comments and
 * language waivers.
 */
export function registerReviewRoutes({
  router,
  service,
  credentials,
  audited,
}: RouteContext) {
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
}
