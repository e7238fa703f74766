import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, JsonValue } from '@backstage/types';
import {
  EVIDENCE_KINDS,
  EvidenceKind,
  SignalKind,
} from '@postmortems/plugin-postmortem-common';
import jsonata from 'jsonata';
import { readFileSync } from 'node:fs';
import { unknownPlaceholders } from './placeholders';

const SIGNALS: SignalKind[] = ['errors', 'latency', 'saturation', 'throughput'];
const METHODS = ['GET', 'POST', 'PUT'];
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Limits for one evaluation of a mapping, so it cannot hang a draft. */
const EVALUATION_LIMITS = { timeout: 2000, stack: 500 };

/** How log lines a mapping returns are grouped and which templates are reported. */
export interface LogTemplateSettings {
  minCount: number;
  minRatio: number;
  maxTemplates: number;
  similarity: number;
  signal: SignalKind;
}

/**
 * One configured source, checked and compiled: everything a collector
 * needs to query it for an entity.
 *
 * @public
 */
export interface EvidenceSource {
  name: string;
  entityAnnotation: string;
  maxDistance: number;
  kind: EvidenceKind;
  request: {
    url: string;
    method: string;
    query: Array<[string, string]>;
    headers: Record<string, string>;
    /** A string is sent as written; anything else as JSON. */
    body?: JsonValue;
  };
  mapping: jsonata.Expression;
  timeoutMs: number;
  maxResponseBytes: number;
  stepSeconds: number;
  maxPoints: number;
  concurrency: number;
  logs: LogTemplateSettings;
  /** From Backstage's Kubernetes config, when the source names a cluster. */
  cluster?: { url: string; token?: string };
  /**
   * How the source's certificate is checked, when not against Node's
   * trusted CAs: the source's own CA, else its cluster's (caData,
   * caFile), or not at all (the cluster's skipTLSVerify).
   */
  tls?: TlsSettings;
}

/** @public */
export interface TlsSettings {
  /** PEM certificates trusted instead of Node's default CAs. */
  ca?: string;
  /** False only when the cluster config says skipTLSVerify. */
  rejectUnauthorized: boolean;
}

/**
 * A CA bundle from config: `caData` as PEM or base64-encoded PEM (as
 * Backstage's Kubernetes config has it), or `caFile`, read at startup.
 */
function caOf(c: Config, path: string): string | undefined {
  const data = c.getOptionalString('caData')?.trim();
  const file = c.getOptionalString('caFile');
  if (data && file) {
    throw new Error(`${path}: give caData or caFile, not both`);
  }
  let pem: string | undefined;
  if (data) {
    pem = data.includes('-----BEGIN')
      ? data
      : Buffer.from(data, 'base64').toString('utf8');
  } else if (file) {
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error: any) {
      throw new Error(
        `${path}.caFile: cannot read ${file}: ${error?.code ?? error}`,
      );
    }
  }
  if (pem !== undefined && !/-----BEGIN CERTIFICATE-----/.test(pem)) {
    throw new Error(
      `${path}.${
        data ? 'caData' : 'caFile'
      } holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return pem;
}

function compileMapping(text: string, key: string): jsonata.Expression {
  try {
    return jsonata(text, EVALUATION_LIMITS);
  } catch (error: any) {
    const at =
      typeof error?.position === 'number'
        ? ` at position ${error.position}`
        : '';
    throw new Error(
      `${key} is not a valid JSONata expression${at}: ${
        error?.message ?? error
      }`,
    );
  }
}

function checkPlaceholders(text: string, key: string) {
  const unknown = unknownPlaceholders(text);
  if (unknown.length) {
    throw new Error(
      `${key} uses unknown placeholders ${unknown
        .map(u => `{{${u}}}`)
        .join(', ')}`,
    );
  }
}

function durationMs(
  config: Config,
  key: string,
  fallback: number,
  path: string,
): number {
  if (!config.has(key)) return fallback;
  try {
    return durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error: any) {
    throw new Error(`${path}.${key}: ${error?.message ?? error}`);
  }
}

/** The cluster of Backstage's Kubernetes config (`kubernetes.clusterLocatorMethods`) with this name. */
function clusterOf(root: Config, name: string, path: string) {
  for (const method of root.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      if (cluster.getOptionalString('name') !== name) continue;
      const where = `kubernetes cluster '${name}'`;
      return {
        url: cluster.getString('url').replace(/\/$/, ''),
        token: cluster.getOptionalString('serviceAccountToken'),
        ca: caOf(cluster, where),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    }
  }
  throw new Error(
    `${path}.kubernetesCluster: no cluster named '${name}' in kubernetes.clusterLocatorMethods (type: config)`,
  );
}

function readSource(
  c: Config,
  path: string,
  root: Config,
  defaults: { timeoutMs: number; maxResponseBytes: number },
): EvidenceSource {
  const name = c.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${path}.name must be letters, digits, '-', '_' or '.', got '${name}'`,
    );
  }
  const kind = (c.getOptionalString('kind') ?? 'log_excerpt') as EvidenceKind;
  if (!EVIDENCE_KINDS.includes(kind)) {
    throw new Error(
      `${path}.kind must be one of ${EVIDENCE_KINDS.join(', ')}, got '${kind}'`,
    );
  }
  const r = c.getConfig('request');
  const url = r.getString('url');
  checkPlaceholders(url, `${path}.request.url`);
  const method = (r.getOptionalString('method') ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) {
    throw new Error(
      `${path}.request.method must be one of ${METHODS.join(', ')}`,
    );
  }
  const query: Array<[string, string]> = [];
  const q = r.getOptionalConfig('query');
  for (const key of q?.keys() ?? []) {
    const value = String(q!.get(key));
    checkPlaceholders(value, `${path}.request.query.${key}`);
    query.push([key, value]);
  }
  const headers: Record<string, string> = {};
  const h = r.getOptionalConfig('headers');
  for (const key of h?.keys() ?? []) {
    const value = h!.getString(key);
    checkPlaceholders(value, `${path}.request.headers.${key}`);
    headers[key] = value;
  }
  const body = r.getOptional('body') as JsonValue | undefined;
  if (body !== undefined) {
    checkPlaceholders(JSON.stringify(body), `${path}.request.body`);
    if (method === 'GET') {
      throw new Error(`${path}.request.body needs method POST or PUT`);
    }
  }
  const l = c.getOptionalConfig('logs');
  const signal = (l?.getOptionalString('signal') ?? 'errors') as SignalKind;
  if (!SIGNALS.includes(signal)) {
    throw new Error(`${path}.logs.signal must be one of ${SIGNALS.join(', ')}`);
  }
  const clusterName = c.getOptionalString('kubernetesCluster');
  const cluster = clusterName ? clusterOf(root, clusterName, path) : undefined;
  const ca = caOf(c, path) ?? cluster?.ca;
  const rejectUnauthorized = !cluster?.skipTLSVerify;
  const usesClusterUrl = /\{\{\s*clusterUrl/.test(
    JSON.stringify([url, query, headers, body]),
  );
  if (usesClusterUrl && !clusterName) {
    throw new Error(
      `${path} uses {{clusterUrl}} but names no kubernetesCluster`,
    );
  }
  return {
    name,
    entityAnnotation:
      c.getOptionalString('entityAnnotation') ?? 'postmortem.io/alert-service',
    maxDistance: c.getOptionalNumber('maxDistance') ?? 3,
    kind,
    request: { url, method, query, headers, body },
    mapping: compileMapping(c.getString('mapping'), `${path}.mapping`),
    timeoutMs: durationMs(c, 'timeout', defaults.timeoutMs, path),
    maxResponseBytes:
      c.getOptionalNumber('maxResponseBytes') ?? defaults.maxResponseBytes,
    stepSeconds: c.getOptionalNumber('stepSeconds') ?? 60,
    maxPoints: c.getOptionalNumber('maxPoints') ?? 500,
    concurrency: Math.max(1, c.getOptionalNumber('concurrency') ?? 4),
    logs: {
      minCount: l?.getOptionalNumber('minCount') ?? 3,
      minRatio: l?.getOptionalNumber('minRatio') ?? 2,
      maxTemplates: l?.getOptionalNumber('maxTemplates') ?? 10,
      similarity: l?.getOptionalNumber('similarity') ?? 0.5,
      signal,
    },
    cluster: cluster && { url: cluster.url, token: cluster.token },
    tls: ca || !rejectUnauthorized ? { ca, rejectUnauthorized } : undefined,
  };
}

/**
 * Reads `postmortem.genericEvidence`. Every mistake stops the backend at
 * startup with the config key in the message, rather than failing each
 * draft later.
 */
export function readSources(root: Config): EvidenceSource[] {
  const c = root.getOptionalConfig('postmortem.genericEvidence');
  if (!c) return [];
  const defaults = {
    timeoutMs: durationMs(c, 'timeout', 15_000, 'postmortem.genericEvidence'),
    maxResponseBytes: c.getOptionalNumber('maxResponseBytes') ?? 5_000_000,
  };
  const sources = c
    .getConfigArray('sources')
    .map((s, i) =>
      readSource(s, `postmortem.genericEvidence.sources[${i}]`, root, defaults),
    );
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.name)) {
      throw new Error(
        `postmortem.genericEvidence.sources has two sources named '${s.name}'`,
      );
    }
    seen.add(s.name);
  }
  return sources;
}
