import { RedactionResult, Redactor } from '../Redactor';

/** What {@link runRedactionBenchmark} measured. */
export interface RedactionBenchmarkFigures {
  /** Size of the generated log (UTF-8). */
  megabytes: number;
  /** Wall-clock time of the redaction alone. */
  seconds: number;
  mbPerSecond: number;
  /** Heap growth while redacting, output included (noisy without --expose-gc). */
  heapDeltaMb: number;
}

/** Options of {@link runRedactionBenchmark}. */
export interface RedactionBenchmarkOptions {
  /** Size of the generated log; default 20. */
  megabytes?: number;
  /** The redactor to measure; default `Redactor.create()`. */
  redactor?: Redactor;
  /** Receives the redacted log, e.g. to check that no secret survived. */
  onResult?: (result: RedactionResult) => void;
}

/** The raw secrets sprinkled into the benchmark log. */
export const BENCHMARK_SECRETS: readonly string[] = [
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz',
  'alice.smith@example.com',
  '4111 1111 1111 1111',
  'Sup3rS3cret!',
  's3cr3t-P4ss',
  '203.0.113.42',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk',
];

const SECRET_LINES = [
  (ts: string) =>
    `${ts} INFO botocore.credentials found AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE`,
  (ts: string) =>
    `${ts} DEBUG aws config aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
  (ts: string) =>
    `${ts} WARN git clone failed with GITHUB_TOKEN=ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz`,
  (ts: string) =>
    `{"ts":"${ts}","level":"info","msg":"paged alice.smith@example.com","incident":"INC-4711"}`,
  (ts: string) =>
    `${ts} ERROR payment declined card=4111 1111 1111 1111 reason=do_not_honor`,
  (ts: string) =>
    `${ts} INFO env DB_HOST=db.internal DB_PASSWORD=Sup3rS3cret! POOL=20`,
  (ts: string) =>
    `${ts} ERROR dial postgres://pm_app:s3cr3t-P4ss@db.internal.example.com:5432/pm`,
  (ts: string) =>
    `${ts} WARN rate limited client 203.0.113.42 path=/api/orders`,
  (ts: string) =>
    `${ts} DEBUG auth header Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk`,
];

const SERVICES = ['checkout', 'payments', 'catalog', 'search', 'incidents'];
const PATHS = [
  '/api/orders',
  '/api/cart/items',
  '/healthz',
  '/api/search?q=shoes',
];

/** A deterministic pseudo-random generator so runs are comparable. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) {
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

/** Generates about `megabytes` of log lines, a few of them with secrets. */
function generateLog(megabytes: number): string {
  const random = lcg(42);
  const target = megabytes * 1024 * 1024;
  const lines: string[] = [];
  let size = 0;
  let time = Date.UTC(2026, 10, 20, 10, 0, 0);
  for (let i = 0; size < target; i++) {
    time += Math.floor(random() * 50);
    const ts = new Date(time).toISOString();
    const service = SERVICES[i % SERVICES.length];
    const pick = random();
    let line: string;
    if (i % 997 === 0) {
      line = SECRET_LINES[(i / 997) % SECRET_LINES.length](ts);
    } else if (pick < 0.4) {
      line = JSON.stringify({
        ts,
        level: 'info',
        service,
        trace_id: hex(random, 32),
        span_id: hex(random, 16),
        msg: `GET ${PATHS[i % PATHS.length]} 200`,
        duration_ms: Math.round(random() * 50000) / 100,
        pod: `${service}-7d9f8b6c5-${hex(random, 5)}`,
      });
    } else if (pick < 0.7) {
      line =
        `${ts} INFO [${service}] request completed status=200 ` +
        `duration=${Math.round(random() * 900)}ms path=${
          PATHS[i % PATHS.length]
        } ` +
        `commit=${hex(random, 40)} version=1.${i % 20}.${i % 7}`;
    } else if (pick < 0.85) {
      line = `http_requests_total{service="${service}",code="${
        random() < 0.9 ? 200 : 503
      }",le="0.25"} ${Math.floor(random() * 100000)} ${time}`;
    } else if (pick < 0.95) {
      line =
        `${ts} Warning BackOff kubelet Back-off restarting failed container ` +
        `${service} in pod ${service}-5f6d8c9b7-${hex(random, 5)}_default(` +
        `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(
          random,
          4,
        )}-${hex(random, 12)})`;
    } else {
      line =
        `${ts} ERROR TypeError: Cannot read properties of undefined (reading 'id')\n` +
        `    at handler (/app/packages/backend/dist/index.cjs.js:${
          i % 2000
        }:17)\n` +
        `    at async Promise.all (index 0)`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * Generates about 20 MB of realistic log lines (JSON logs, access logs,
 * Prometheus samples, Kubernetes events, stack traces) with a few secrets,
 * redacts them as one text and reports throughput and heap growth.
 */
export function runRedactionBenchmark(
  options: RedactionBenchmarkOptions = {},
): RedactionBenchmarkFigures {
  const redactor = options.redactor ?? Redactor.create();
  const log = generateLog(options.megabytes ?? 20);
  const megabytes = Buffer.byteLength(log, 'utf8') / (1024 * 1024);

  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const result = redactor.redact(log);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const heapAfter = process.memoryUsage().heapUsed;

  options.onResult?.(result);
  return {
    megabytes,
    seconds,
    mbPerSecond: megabytes / seconds,
    heapDeltaMb: (heapAfter - heapBefore) / (1024 * 1024),
  };
}
