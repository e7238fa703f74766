import { toHtml, toMarkdown } from '../../export/renderPostmortem';
import { expectedRevision, listQuery, RouteContext } from './routeContext';

/**
 * Postmortems: listing, reading, changing, deleting, drafting and exporting
 * them, and their revisions and history.
 */
export function registerPostmortemRoutes({
  router,
  service,
  credentials,
  audited,
}: RouteContext) {
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
}
