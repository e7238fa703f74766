import express from 'express';
import { SubRecordKind } from '../../database/PostmortemStore';
import { basedOn, RouteContext } from './routeContext';

const SUB_RECORD_PATHS: Record<string, SubRecordKind> = {
  timeline: 'timeline',
  evidence: 'evidence',
  causes: 'causes',
  remediation: 'remediation',
};

/**
 * Sub-records: a postmortem's timeline, evidence, causes and remediation items.
 */
export function registerSubRecordRoutes({
  router,
  service,
  credentials,
  audited,
}: RouteContext) {
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
}
