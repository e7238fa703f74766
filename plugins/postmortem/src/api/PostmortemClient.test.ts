import { ResponseError } from '@backstage/errors';
import { GatesNotMetError, RevisionConflictError } from './PostmortemApi';
import { PostmortemClient } from './PostmortemClient';

type Call = { url: string; init?: RequestInit };

/** A FetchApi that answers from a queue and records what it was asked. */
function clientAnswering(...responses: Response[]) {
  const calls: Call[] = [];
  const client = new PostmortemClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://backend/api/postmortem',
    },
    fetchApi: {
      fetch: async (url: any, init?: RequestInit) => {
        calls.push({ url: String(url), init });
        const next = responses.shift();
        if (!next) throw new Error(`unexpected request ${url}`);
        return next;
      },
    },
  });
  return { client, calls };
}

const json = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

describe('PostmortemClient', () => {
  it('lists with repeated array parameters', async () => {
    const { client, calls } = clientAnswering(
      json({ items: [], totalCount: 0 }),
    );
    await client.listPostmortems({
      entityRef: 'component:default/checkout',
      severity: ['SEV1', 'SEV2'],
      includeDependencies: true,
    });
    expect(calls[0].url).toBe(
      'http://backend/api/postmortem/postmortems?entityRef=component%3Adefault%2Fcheckout&severity=SEV1&severity=SEV2&includeDependencies=true',
    );
    expect(calls[0].init?.method).toBe('GET');
  });

  it('patches a postmortem with If-Match and a JSON body', async () => {
    const { client, calls } = clientAnswering(json({ id: 'p', revision: 5 }));
    const result = await client.updatePostmortem('INC-2026-0001', 4, {
      narrative: { summary: 'x' },
    });
    expect(result).toEqual({ id: 'p', revision: 5 });
    expect(calls[0].url).toBe(
      'http://backend/api/postmortem/postmortems/INC-2026-0001',
    );
    expect(calls[0].init).toEqual({
      method: 'PATCH',
      headers: { 'If-Match': '"4"', 'Content-Type': 'application/json' },
      body: JSON.stringify({ narrative: { summary: 'x' } }),
    });
  });

  it('turns a 409 into RevisionConflictError with the current revision', async () => {
    const { client } = clientAnswering(
      json(
        {
          error: { name: 'RevisionConflictError', message: 'stale' },
          currentRevision: 7,
        },
        409,
        { ETag: '"7"' },
      ),
    );
    const error = await client
      .updatePostmortem('p', 4, { visibility: 'restricted' })
      .catch(e => e);
    expect(error).toBeInstanceOf(RevisionConflictError);
    expect(error.currentRevision).toBe(7);
    expect(error.message).toBe('stale');
  });

  it('reads the current revision from the ETag when the body lacks it', async () => {
    const { client } = clientAnswering(
      new Response('conflict', { status: 409, headers: { ETag: 'W/"12"' } }),
    );
    const error = await client.updatePostmortem('p', 4, {}).catch(e => e);
    expect(error).toBeInstanceOf(RevisionConflictError);
    expect(error.currentRevision).toBe(12);
  });

  it('throws ResponseError for other failures', async () => {
    const { client } = clientAnswering(
      json({ error: { name: 'NotFoundError', message: 'nope' } }, 404),
    );
    await expect(client.getPostmortem('x')).rejects.toBeInstanceOf(
      ResponseError,
    );
  });

  it('unwraps item lists and posts sub-records', async () => {
    const { client, calls } = clientAnswering(
      json({ items: [{ id: 'e1' }] }),
      json({ id: 'e2' }, 201),
      new Response(null, { status: 204 }),
      json({ from: 1, to: 2, sections: [] }),
      json({ items: [{ id: 'default' }] }),
    );
    expect(await client.listTimelineEvents('p/1')).toEqual([{ id: 'e1' }]);
    expect(
      await client.addCause('p', { type: 'direct', statement: 'abc' }),
    ).toEqual({ id: 'e2' });
    expect(await client.deleteRemediationItem('p', 'r 1', 4)).toBeUndefined();
    expect(await client.diffRevisions('p', 1, 2)).toEqual({
      from: 1,
      to: 2,
      sections: [],
    });
    expect(await client.listTemplates()).toEqual([{ id: 'default' }]);
    expect(calls.map(c => `${c.init?.method} ${c.url}`)).toEqual([
      'GET http://backend/api/postmortem/postmortems/p%2F1/timeline',
      'POST http://backend/api/postmortem/postmortems/p/causes',
      'DELETE http://backend/api/postmortem/postmortems/p/remediation/r%201',
      'GET http://backend/api/postmortem/postmortems/p/diff?from=1&to=2',
      'GET http://backend/api/postmortem/templates',
    ]);
    expect(calls[1].init?.body).toBe(
      JSON.stringify({ type: 'direct', statement: 'abc' }),
    );
    // Changes of existing things state the revision they are based on.
    expect(new Headers(calls[2].init?.headers).get('If-Match')).toBe('"4"');
  });

  it('moves stages and turns refused review into GatesNotMetError', async () => {
    const unmetGates = [
      { gate: 'direct_cause', message: 'Add at least one direct cause' },
    ];
    const { client, calls } = clientAnswering(
      json({ id: 'p', stage: 'cause_analysis' }),
      json(
        {
          error: { name: 'ConflictError', message: '1 gate(s) not met' },
          unmetGates,
        },
        409,
      ),
      json(
        {
          error: { name: 'NotAllowedError', message: 'Only a reviewer' },
          request: { method: 'POST', url: '/transition' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    expect(
      await client.transition('p', { to: 'cause_analysis', comment: 'why' }),
    ).toEqual({ id: 'p', stage: 'cause_analysis' });
    expect(calls[0].url).toBe(
      'http://backend/api/postmortem/postmortems/p/transition',
    );
    expect(calls[0].init?.method).toBe('POST');
    expect(calls[0].init?.body).toBe(
      JSON.stringify({ to: 'cause_analysis', comment: 'why' }),
    );

    const refused = await client
      .transition('p', { to: 'in_review' })
      .catch(e => e);
    expect(refused).toBeInstanceOf(GatesNotMetError);
    expect(refused.unmetGates).toEqual(unmetGates);
    expect(refused.message).toBe('1 gate(s) not met');

    const forbidden = await client
      .transition('p', { to: 'approved' })
      .catch(e => e);
    expect(forbidden).toBeInstanceOf(ResponseError);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.cause.message).toBe('Only a reviewer');
  });

  it('drafts, reads gates, approvals, comments and the dependency map, and waives', async () => {
    const map = { capturedAt: 't', live: true, nodes: [], edges: [] };
    const { client, calls } = clientAnswering(
      json({ id: 'p', revision: 4 }),
      json({ unmetGates: [], findings: [] }),
      json({ items: [{ reviewer: 'user:default/r', revision: 3 }] }),
      json({ items: [{ id: 'c1' }] }),
      json({ id: 'c2' }, 201),
      new Response(null, { status: 204 }),
      json(map),
    );
    expect(await client.generateDraft('INC-1')).toEqual({
      id: 'p',
      revision: 4,
    });
    expect(await client.getGates('p')).toEqual({
      unmetGates: [],
      findings: [],
    });
    expect(await client.listApprovals('p')).toEqual([
      { reviewer: 'user:default/r', revision: 3 },
    ]);
    expect(await client.listComments('p')).toEqual([{ id: 'c1' }]);
    expect(
      await client.addComment('p', { text: 'hi', perspective: 'sre' }),
    ).toEqual({ id: 'c2' });
    expect(
      await client.waiveLanguageFinding('p', {
        findingKey: 'k',
        reason: 'quoted',
      }),
    ).toBeUndefined();
    expect(await client.getDependencyMap('p')).toEqual(map);
    expect(calls.map(c => `${c.init?.method} ${c.url}`)).toEqual([
      'POST http://backend/api/postmortem/postmortems/INC-1/draft',
      'GET http://backend/api/postmortem/postmortems/p/gates',
      'GET http://backend/api/postmortem/postmortems/p/approvals',
      'GET http://backend/api/postmortem/postmortems/p/comments',
      'POST http://backend/api/postmortem/postmortems/p/comments',
      'POST http://backend/api/postmortem/postmortems/p/language-waivers',
      'GET http://backend/api/postmortem/postmortems/p/dependency-map',
    ]);
    expect(calls[4].init?.body).toBe(
      JSON.stringify({ text: 'hi', perspective: 'sre' }),
    );
    expect(calls[5].init?.body).toBe(
      JSON.stringify({ findingKey: 'k', reason: 'quoted' }),
    );
  });

  it('downloads exports with their file names', async () => {
    const { client, calls } = clientAnswering(
      new Response('# INC-2026-0001', {
        status: 200,
        headers: {
          'Content-Type': 'text/markdown; charset=utf-8',
          'Content-Disposition': 'attachment; filename="INC-2026-0001.md"',
        },
      }),
      new Response('<html></html>', {
        status: 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      }),
    );
    const markdown = await client.exportPostmortem('p', 'markdown');
    expect(markdown.filename).toBe('INC-2026-0001.md');
    expect(await markdown.blob.text()).toBe('# INC-2026-0001');
    const html = await client.exportPostmortem('p', 'html');
    expect(html.filename).toBe('p.html');
    expect(calls.map(c => c.url)).toEqual([
      'http://backend/api/postmortem/postmortems/p/export?format=markdown',
      'http://backend/api/postmortem/postmortems/p/export?format=html',
    ]);
    expect(await client.getExportUrl('p 1', 'json')).toBe(
      'http://backend/api/postmortem/postmortems/p%201/export?format=json',
    );
  });
});
