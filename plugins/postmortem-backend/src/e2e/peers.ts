import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

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

export function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

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
