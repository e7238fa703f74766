import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Tests against real peers (Debian's `prometheus`, `promtool`,
 * `prometheus-alertmanager`): free ports, processes, waiting.
 */

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Whether a peer's binary is on the PATH. */
export function hasBinary(name: string): boolean {
  return (process.env.PATH ?? '')
    .split(':')
    .some(dir => fs.existsSync(path.join(dir, name)));
}

/** A metrics endpoint whose gauge values the test sets. */
export async function startExporter(gauges: Record<string, number>) {
  const port = await freePort();
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      [
        '# TYPE demo_error_ratio gauge',
        ...Object.entries(gauges).map(
          ([service, value]) =>
            `demo_error_ratio{service="${service}"} ${value}`,
        ),
        '',
      ].join('\n'),
    );
  });
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return { port, stop: () => new Promise(r => server.close(r)) };
}

/** Starts a peer process; its output is kept for failure messages. */
export function startProcess(command: string, args: string[]) {
  const child: ChildProcess = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', d => (output += d));
  child.stderr?.on('data', d => (output += d));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise(r => child.once('exit', r));
    },
  };
}

/** A fresh directory under the system's temporary directory. */
export function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Polls until `probe` gives a value; on timeout the error carries `diagnostics()`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  diagnostics: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`Timed out waiting for ${what}\n${diagnostics()}`);
}

/**
 * A real Prometheus holding the given samples, written into its TSDB with
 * `promtool tsdb create-blocks-from openmetrics` (so a test's series may lie
 * in the past) and kept however old they are. `openMetrics` is the text
 * without the closing `# EOF`. Resolves once `readyQuery` at `readyAt`
 * (seconds) returns a series.
 */
export async function startBackfilledPrometheus(options: {
  openMetrics: string;
  readyQuery: string;
  readyAt: number;
}): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const dir = tempDir('postmortem-prometheus-');
  const file = path.join(dir, 'series.om');
  fs.writeFileSync(file, `${options.openMetrics.trimEnd()}\n# EOF\n`);
  const tsdb = path.join(dir, 'tsdb');
  execFileSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', file, tsdb],
    { stdio: 'pipe' },
  );
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global: {}\n');
  const port = await freePort();
  const prometheus = startProcess('prometheus', [
    `--config.file=${path.join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${tsdb}`,
    '--storage.tsdb.retention.time=10y',
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await prometheus.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ready = new URL(`${baseUrl}/api/v1/query`);
    ready.searchParams.set('query', options.readyQuery);
    ready.searchParams.set('time', String(options.readyAt));
    await waitFor(
      'Prometheus to load the backfilled blocks',
      async () => {
        const body = await (await fetch(ready)).json();
        return body.data?.result?.length ? true : undefined;
      },
      60_000,
      prometheus.output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}
