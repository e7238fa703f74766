import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the fake postmortem API received. */
export interface RecordedRequest {
  method: string;
  /** Path below the plugin's base URL, e.g. `/incidents`. */
  path: string;
  authorization?: string;
  contentType?: string;
  body: any;
}

/** How the fake answers one request; return undefined for the default. */
export type FakeResponder = (
  request: RecordedRequest,
) => { status: number; body: unknown } | undefined;

/** The mount point the fake serves, like the real backend's. */
export const API_PREFIX = '/api/postmortem';

/**
 * A stand-in for the postmortem backend, served by a local node http server:
 * it records every request and answers `POST /incidents` and
 * `POST /postmortems/{id}/remediation` the way the real API does.
 */
export class FakePostmortemApi {
  readonly requests: RecordedRequest[] = [];
  private responder: FakeResponder | undefined;
  private incidents = 0;
  private items = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakePostmortemApi> {
    const server = createServer();
    const api = new FakePostmortemApi(server);
    server.on('request', (req, res) => {
      readBody(req).then(
        raw => {
          const { status, body } = api.handle(req, raw);
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        error => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { name: 'Error', message: error } }));
        },
      );
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    return api;
  }

  /** The base URL discovery hands out for the `postmortem` plugin. */
  get baseUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${API_PREFIX}`;
  }

  /** Overrides the answers, e.g. to return errors. */
  respondWith(responder: FakeResponder | undefined) {
    this.responder = responder;
  }

  reset() {
    this.requests.length = 0;
    this.responder = undefined;
  }

  async stop() {
    await new Promise<void>((resolve, reject) =>
      this.server.close(err => (err ? reject(err) : resolve())),
    );
  }

  private handle(req: IncomingMessage, raw: string) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname.startsWith(API_PREFIX)
        ? url.pathname.slice(API_PREFIX.length)
        : url.pathname,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.requests.push(recorded);
    return this.responder?.(recorded) ?? this.defaultResponse(recorded);
  }

  private defaultResponse(request: RecordedRequest) {
    const now = '2026-03-02T10:00:00.000Z';
    if (request.method === 'POST' && request.path === '/incidents') {
      this.incidents += 1;
      const n = String(this.incidents).padStart(4, '0');
      const humanId = `INC-2026-${n}`;
      const incidentId = `10000000-0000-4000-8000-00000000${n}`;
      const { roles = {}, ...incident } = request.body;
      return {
        status: 201,
        body: {
          incident: {
            ...incident,
            id: incidentId,
            humanId,
            status: 'declared',
            responders: [],
            source: 'manual',
            externalIds: {},
            links: [],
            createdAt: now,
            updatedAt: now,
          },
          postmortem: {
            id: `20000000-0000-4000-8000-00000000${n}`,
            incidentId,
            humanId,
            title: request.body.title,
            severity: request.body.severity,
            templateId: request.body.templateId ?? 'default',
            templateVersion: 1,
            stage: 'draft',
            roles: {
              technicalOwners: [],
              reviewers: [],
              contributors: [],
              ...roles,
            },
            narrative: {},
            attachments: [],
            deadlines: {},
            visibility: request.body.visibility ?? 'normal',
            revision: 1,
            entityRefs: request.body.entityRefs,
            createdAt: now,
            updatedAt: now,
          },
        },
      };
    }
    const remediation = /^\/postmortems\/([^/]+)\/remediation$/.exec(
      request.path,
    );
    if (request.method === 'POST' && remediation) {
      this.items += 1;
      return {
        status: 201,
        body: {
          ...request.body,
          id: `30000000-0000-4000-8000-${String(this.items).padStart(12, '0')}`,
          postmortemId: decodeURIComponent(remediation[1]),
          priority: request.body.impact * request.body.probability,
          status: 'open',
          createdAt: now,
          updatedAt: now,
        },
      };
    }
    return {
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: `No route ${request.path}` },
      },
    };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
