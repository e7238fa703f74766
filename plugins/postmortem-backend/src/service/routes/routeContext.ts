import express from 'express';
import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { createOpenApiRouter, EndpointMap } from '../../schema/openapi';
import { PostmortemService } from '../PostmortemService';

/** The typed router of the API, as createOpenApiRouter makes it. */
export type ApiRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** Any request of the typed router, for helpers shared by every route. */
export type ApiRequest = express.Request<any, any, any, any, any>;

/** The filters the incident and postmortem lists share. */
export type ListQuery = Partial<
  EndpointMap['#get|/incidents']['query'] &
    EndpointMap['#get|/postmortems']['query']
>;

/** Query values arrive as a string or an array of strings. */
export const list = <T extends string = any>(value: unknown): T[] | undefined =>
  value === undefined
    ? undefined
    : ((Array.isArray(value) ? value : [value]) as T[]);

/**
 * What an update states about the revision it is based on. The service
 * answers 428 when it states none, after it checked that the caller may
 * read and change the postmortem (so a 428 tells nothing to others).
 */
export function basedOn(
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
export function expectedRevision(
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

/** The list filters as the service takes them: array parameters as arrays. */
export const listQuery = (q: ListQuery) => ({
  ...q,
  // The validator leaves a single value of an array parameter as it came.
  severity: list(q.severity),
  type: list(q.type),
  stage: list(q.stage),
  status: list(q.status),
});

/** What the routes of every area use. */
export interface RouteContext {
  router: ApiRouter;
  service: PostmortemService;
  /** The caller of a request, as the service takes it. */
  credentials: (
    req: ApiRequest,
  ) => Promise<{ credentials: BackstageCredentials }>;
  /** Runs a mutation inside a Backstage auditor event. */
  audited<T>(
    req: ApiRequest,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
  ): Promise<T>;
}

/** The caller of a request and the audit of mutations, for every route. */
export function routeContext(options: {
  router: ApiRouter;
  service: PostmortemService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}): RouteContext {
  const { router, service, httpAuth, auditor } = options;
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

  return { router, service, credentials, audited };
}
