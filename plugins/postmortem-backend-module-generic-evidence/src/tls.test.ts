import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import type { EvidenceRequest } from '@postmortems/plugin-postmortem-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GenericEvidenceCollector } from './GenericEvidenceCollector';

const hasOpenssl = (process.env.PATH ?? '')
  .split(':')
  .some(dir => fs.existsSync(path.join(dir, 'openssl')));
if (!hasOpenssl && process.env.CI) {
  throw new Error('openssl must be installed in CI (apt-get install openssl)');
}
const describeWithOpenssl = hasOpenssl ? describe : describe.skip;

/**
 * A private CA and a certificate it signed for 127.0.0.1, made with
 * openssl for this run: what a cluster or a tool inside a company has.
 */
function privateCa(dir: string) {
  const run = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Northwind Test CA',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  fs.writeFileSync(
    path.join(dir, 'san.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return {
    caPem: read('ca.pem'),
    caFile: path.join(dir, 'ca.pem'),
    key: read('server.key'),
    cert: read('server.pem'),
  };
}

const request: EvidenceRequest = {
  incidentId: 'incident-1',
  humanId: 'INC-9',
  entities: [
    {
      entityRef: 'component:default/checkout-service',
      distance: 0,
      annotations: { 'backstage.io/kubernetes-id': 'checkout' },
    },
  ],
  from: new Date('2026-03-01T06:00:00Z'),
  to: new Date('2026-03-01T12:30:00Z'),
  labels: {},
};

describeWithOpenssl('sources behind a private CA', () => {
  let dir: string;
  let ca: ReturnType<typeof privateCa>;
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generic-evidence-tls-'));
    ca = privateCa(dir);
    server = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'EventList',
          apiVersion: 'v1',
          items: [
            {
              reason: 'BackOff',
              message: 'Back-off restarting failed container',
              lastTimestamp: '2026-03-01T11:50:00Z',
            },
          ],
        }),
      );
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const events = {
    name: 'kubernetes-events',
    kubernetesCluster: 'production',
    entityAnnotation: 'backstage.io/kubernetes-id',
    request: { url: '{{clusterUrl}}/api/v1/namespaces/shop/events' },
    mapping: "items.{ 'title': reason & ': ' & message }",
  };
  /** Backstage's Kubernetes config with one cluster, and one source on it. */
  const collectorFor = (cluster: JsonObject, source: JsonObject = events) =>
    GenericEvidenceCollector.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'production',
                  url: baseUrl,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'k8s-token',
                  ...cluster,
                },
              ],
            },
          ],
        },
        postmortem: { genericEvidence: { sources: [source] } },
      }),
    )[0];

  it("refuses a certificate from a CA that Node does not trust, naming the source and the certificate's problem", async () => {
    await expect(collectorFor({}).collect(request)).rejects.toThrow(
      /Evidence source kubernetes-events \(GET https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/shop\/events\) for component:default\/checkout-service: request failed: .*(self[- ]signed|unable to verify|issuer)/i,
    );
  });

  it("trusts the cluster's caData (base64 PEM, as Backstage's Kubernetes config has it) and sends its token", async () => {
    const items = await collectorFor({
      caData: Buffer.from(ca.caPem).toString('base64'),
    }).collect(request);
    expect(items.map(i => i.content)).toEqual([
      'BackOff: Back-off restarting failed container',
    ]);
    expect(seen.at(-1)).toBe('Bearer k8s-token /api/v1/namespaces/shop/events');
  });

  it("trusts the cluster's caFile", async () => {
    const items = await collectorFor({ caFile: ca.caFile }).collect(request);
    expect(items).toHaveLength(1);
  });

  it('skips the check for a cluster with skipTLSVerify', async () => {
    const items = await collectorFor({ skipTLSVerify: true }).collect(request);
    expect(items).toHaveLength(1);
  });

  it('trusts the CA of a plain HTTP source (caData as PEM, or caFile)', async () => {
    const plain = (extra: JsonObject) =>
      GenericEvidenceCollector.fromConfig(
        new ConfigReader({
          postmortem: {
            genericEvidence: {
              sources: [
                {
                  name: 'internal-logs',
                  entityAnnotation: 'backstage.io/kubernetes-id',
                  request: { url: `${baseUrl}/api/v1/namespaces/shop/events` },
                  mapping: "items.{ 'title': reason }",
                  ...extra,
                },
              ],
            },
          },
        }),
      )[0];
    expect(await plain({ caData: ca.caPem }).collect(request)).toHaveLength(1);
    expect(await plain({ caFile: ca.caFile }).collect(request)).toHaveLength(1);
    await expect(plain({}).collect(request)).rejects.toThrow(
      /internal-logs .*request failed/,
    );
  });

  it('stops at startup on a CA that cannot be read or is no certificate', () => {
    expect(() =>
      collectorFor({ caFile: path.join(dir, 'missing.pem') }),
    ).toThrow(
      /kubernetes cluster 'production'.caFile: cannot read .*missing.pem: ENOENT/,
    );
    expect(() =>
      collectorFor({}, { ...events, caData: 'bm90IGEgY2VydGlmaWNhdGU=' }),
    ).toThrow(
      /postmortem.genericEvidence.sources\[0\].caData holds no PEM certificate/,
    );
    expect(() => collectorFor({ caData: ca.caPem, caFile: ca.caFile })).toThrow(
      /give caData or caFile, not both/,
    );
  });
});
