import { expect, test } from '@playwright/test';

/**
 * An MCP client call against the running backend: the postmortem actions
 * are listed and one is run. The token is a static external-access token
 * that scripts/e2e.sh configures for the test portal only.
 */
test('MCP lists the postmortem actions and runs one', async ({ request }) => {
  const token = process.env.POSTMORTEM_E2E_MCP_TOKEN;
  test.skip(!token && !process.env.CI, 'run through scripts/e2e.sh');
  const call = async (id: number, method: string, params: object) => {
    const res = await request.post('http://localhost:7007/api/mcp-actions/v1', {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json, text/event-stream',
      },
      data: { jsonrpc: '2.0', id, method, params },
    });
    expect(res.status()).toBe(200);
    const text = await res.text();
    const data = text.startsWith('{')
      ? text
      : text
          .split('\n')
          .find(l => l.startsWith('data: '))!
          .slice(6);
    return JSON.parse(data).result;
  };
  await call(1, 'initialize', {
    protocolVersion: '2025-03-26',
    capabilities: {},
    clientInfo: { name: 'postmortem-e2e', version: '1' },
  });
  const tools = await call(2, 'tools/list', {});
  const names = tools.tools.map((t: { name: string }) => t.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'postmortem.get-postmortem',
      'postmortem.list-postmortems',
      'postmortem.create-draft-postmortem',
      'postmortem.add-timeline-event',
    ]),
  );
  const listed = await call(3, 'tools/call', {
    name: 'postmortem.list-postmortems',
    arguments: {
      entityRef: 'component:default/checkout-service',
      includeDependencies: true,
    },
  });
  expect(JSON.stringify(listed.content)).toMatch(/INC-\d{4}-\d{4}/);
});
