import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  ChangeKind,
  EVIDENCE_KINDS,
  EvidenceKind,
  SignalKind,
} from '@postmortems/plugin-postmortem-common';
import {
  CollectedEvidence,
  CollectedSeries,
  EvidenceCollector,
  EvidenceRequest,
  ObservedCalls,
} from '@postmortems/plugin-postmortem-node';
import { fetchLimited, tlsDispatcher } from './fetchLimited';
import { LogLine, risenTemplates } from './logTemplates';
import {
  fill,
  fillJson,
  MissingValueError,
  UnsafeValueError,
  variablesFor,
} from './placeholders';
import { EvidenceSource, readSources } from './readSources';
import { stepFor, toMillis } from './times';

const SIGNALS: SignalKind[] = ['errors', 'latency', 'saturation', 'throughput'];
const CHANGE_KINDS: ChangeKind[] = [
  'deployment',
  'config',
  'flag',
  'migration',
];

type Entity = EvidenceRequest['entities'][number];

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSONata result as a list: one value, a sequence or nothing. */
const listOf = (value: unknown): unknown[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value];
};

const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
};

const perMinute = (n: number) =>
  n >= 10 ? n.toFixed(0) : n.toPrecision(2).replace(/\.?0+$/, '');

/** The evidence kind of a change: a deployment, or else a config diff. */
const changeEvidenceKind = (
  change: CollectedEvidence['change'],
): EvidenceKind | undefined => {
  if (!change) return undefined;
  return change.kind === 'deployment' ? 'deployment' : 'config_diff';
};

/**
 * The backend keys an evidence item by its kind, entity, query and time,
 * and keeps only the first of items with one key in a draft. Exact repeats are
 * dropped; different items that share a key (a mapping that returns
 * several hits without times) get their position in the query, which is
 * stable while the tool answers the same.
 */
function distinct(items: CollectedEvidence[]): CollectedEvidence[] {
  const seen = new Map<string, string[]>();
  const out: CollectedEvidence[] = [];
  for (const item of items) {
    const key = [item.kind, item.entityRef, item.query, item.occurredAt].join(
      '\u0000',
    );
    const contents = seen.get(key) ?? [];
    seen.set(key, contents);
    const repeat = JSON.stringify([item.content, item.change, item.series]);
    if (contents.includes(repeat)) continue;
    contents.push(repeat);
    out.push(
      contents.length === 1
        ? item
        : { ...item, query: `${item.query ?? ''}\n(item ${contents.length})` },
    );
  }
  return out;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    },
  );
  await Promise.all(workers);
  return out;
}

/**
 * Evidence from any HTTP API, configured rather than coded: one collector
 * per `postmortem.genericEvidence.sources` entry. For each entity of the
 * incident's neighbourhood that carries the source's annotation, it fills
 * the request template with the window and the entity, sends it within
 * the source's time and size limits, and maps the JSON answer to evidence
 * with the source's JSONata expression. Log lines the mapping returns are
 * grouped into templates, and those whose rate rose at the onset become
 * evidence with their counts as an `errors` series for the analysis.
 *
 * A source that fails throws, naming itself and the entity: the draft
 * reports it and goes on with the other collectors.
 *
 * @public
 */
export class GenericEvidenceCollector implements EvidenceCollector {
  readonly id: string;
  private readonly dispatcher?: ReturnType<typeof tlsDispatcher>;

  /** One collector per configured source; none without `postmortem.genericEvidence`. */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService; fetch?: typeof fetch } = {},
  ): GenericEvidenceCollector[] {
    // The backend's draft baseline, under its current key or the numeric one
    // it replaced (the backend warns about that one).
    const draft = config.getOptionalConfig('postmortem.draft');
    const baselineMinutes = draft?.has('baseline')
      ? durationToMilliseconds(
          readDurationFromConfig(draft, { key: 'baseline' }),
        ) / 60_000
      : draft?.getOptionalNumber('baselineMinutes') ?? 360;
    return readSources(config).map(
      source =>
        new GenericEvidenceCollector(source, { ...options, baselineMinutes }),
    );
  }

  constructor(
    private readonly source: EvidenceSource,
    private readonly options: {
      logger?: LoggerService;
      fetch?: typeof fetch;
      /**
       * How far `from` lies before the alert (`postmortem.draft.baseline`):
       * log templates are split there when their lines show no onset.
       */
      baselineMinutes?: number;
    } = {},
  ) {
    this.id = `generic:${source.name}`;
    if (source.tls) this.dispatcher = tlsDispatcher(source.tls);
  }

  async collect(request: EvidenceRequest): Promise<CollectedEvidence[]> {
    const { source } = this;
    const stepSeconds = stepFor(
      request.from,
      request.to,
      source.stepSeconds,
      source.maxPoints,
    );
    const entities = request.entities.filter(
      e =>
        e.distance <= source.maxDistance &&
        e.annotations[source.entityAnnotation],
    );
    const results = await mapLimit(entities, source.concurrency, entity =>
      this.collectFor(entity, request, stepSeconds),
    );
    return distinct(results.flat());
  }

  private async collectFor(
    entity: Entity,
    request: EvidenceRequest,
    stepSeconds: number,
  ): Promise<CollectedEvidence[]> {
    const { source } = this;
    const changesFrom = request.changesFrom ?? request.from;
    const vars = variablesFor({
      from: request.from,
      to: request.to,
      changesFrom,
      stepSeconds,
      entityRef: entity.entityRef,
      value: entity.annotations[source.entityAnnotation],
      annotations: entity.annotations,
      incidentId: request.incidentId,
      humanId: request.humanId,
      clusterUrl: source.cluster?.url,
    });

    let url: URL;
    let headers: Record<string, string>;
    let body: string | undefined;
    try {
      url = new URL(fill(source.request.url, vars, encodeURIComponent));
      for (const [key, value] of source.request.query) {
        url.searchParams.append(key, fill(value, vars));
      }
      headers = {};
      for (const [key, value] of Object.entries(source.request.headers)) {
        headers[key] = fill(value, vars);
      }
      if (source.cluster?.token && !headers.Authorization) {
        headers.Authorization = `Bearer ${source.cluster.token}`;
      }
      const b = source.request.body;
      if (b !== undefined) {
        body =
          typeof b === 'string'
            ? fill(b, vars)
            : JSON.stringify(fillJson(b, vars));
        if (!Object.keys(headers).some(k => /^content-type$/i.test(k))) {
          headers['Content-Type'] = 'application/json';
        }
      }
    } catch (error) {
      if (error instanceof MissingValueError) return []; // not this entity's kind of source
      if (error instanceof UnsafeValueError) {
        this.options.logger?.warn(
          `Evidence source ${source.name} skipped ${entity.entityRef}: ${error.message}`,
        );
        return [];
      }
      throw new Error(
        `Evidence source ${source.name} has no valid URL for ${entity.entityRef}: ${error}`,
      );
    }
    if (!Object.keys(headers).some(k => /^accept$/i.test(k))) {
      headers.Accept = 'application/json';
    }

    // The query people read with the evidence; the backend redacts it.
    const query = [
      `${source.request.method} ${url.toString()}`,
      ...(body ? [body] : []),
    ].join('\n');
    // Errors name the endpoint, never its query string or headers.
    const where = `${source.request.method} ${url.origin}${url.pathname}`;
    const fail = (message: string) =>
      new Error(
        `Evidence source ${source.name} (${where}) for ${entity.entityRef}: ${message}`,
      );

    let response;
    try {
      response = await fetchLimited(
        url,
        { method: source.request.method, headers, body },
        {
          timeoutMs: source.timeoutMs,
          maxBytes: source.maxResponseBytes,
          fetch: this.options.fetch,
          dispatcher: this.dispatcher,
        },
      );
    } catch (error) {
      throw fail((error as Error).message);
    }
    if (response.status < 200 || response.status > 299) {
      throw fail(
        `answered ${response.status} ${response.statusText}${
          response.text ? `: ${response.text.slice(0, 200)}` : ''
        }`,
      );
    }
    let json: unknown;
    try {
      json = response.text ? JSON.parse(response.text) : null;
    } catch {
      throw fail(
        `answered ${
          response.contentType || 'a body'
        } that is not JSON: ${response.text.slice(0, 100)}`,
      );
    }

    let mapped: unknown;
    try {
      mapped = await source.mapping.evaluate(json, {
        window: {
          from: vars.from,
          to: vars.to,
          changesFrom: vars.changesFrom,
          fromMillis: request.from.getTime(),
          toMillis: request.to.getTime(),
          changesFromMillis: changesFrom.getTime(),
          stepSeconds,
        },
        entity: {
          entityRef: entity.entityRef,
          value: vars.value,
          annotations: entity.annotations,
        },
        source: source.name,
      });
    } catch (error: any) {
      throw fail(
        `mapping could not be evaluated: ${
          error?.message ?? error?.code ?? error
        }`,
      );
    }

    const evidence: CollectedEvidence[] = [];
    for (const [i, item] of listOf(mapped).entries()) {
      evidence.push(
        ...(await this.toEvidence(item, i, {
          entity,
          query,
          request,
          changesFrom,
          stepSeconds,
          fail,
        })),
      );
    }
    return evidence;
  }

  /** One mapped item as evidence: checked, times read, log lines grouped. */
  private async toEvidence(
    item: unknown,
    index: number,
    ctx: {
      entity: Entity;
      query: string;
      request: EvidenceRequest;
      changesFrom: Date;
      stepSeconds: number;
      fail: (message: string) => Error;
    },
  ): Promise<CollectedEvidence[]> {
    const { source } = this;
    const bad = (key: string, message: string) =>
      ctx.fail(`mapping result [${index}]${key ? `.${key}` : ''} ${message}`);
    if (!isObject(item)) {
      throw bad('', `must be an object, got ${JSON.stringify(item)}`);
    }
    const kind = (item.kind ?? source.kind) as EvidenceKind;
    if (!EVIDENCE_KINDS.includes(kind)) {
      throw bad('kind', `must be one of ${EVIDENCE_KINDS.join(', ')}`);
    }
    const entityRef =
      typeof item.entityRef === 'string' && item.entityRef
        ? item.entityRef
        : ctx.entity.entityRef;
    let occurredAt: string | undefined;
    if (item.occurredAt !== undefined && item.occurredAt !== null) {
      const ms = toMillis(item.occurredAt);
      if (ms === undefined) {
        throw bad(
          'occurredAt',
          `must be an RFC 3339 time or an epoch number, got ${JSON.stringify(
            item.occurredAt,
          )}`,
        );
      }
      occurredAt = new Date(ms).toISOString();
    }
    const query = typeof item.query === 'string' ? item.query : ctx.query;
    const out: CollectedEvidence[] = [];

    const series = listOf(item.series).map((s, i) => {
      if (!isObject(s) || !Array.isArray(s.points)) {
        throw bad(
          `series[${i}]`,
          'must be { name, signal, points: [[time, value]] }',
        );
      }
      const signal = (s.signal ?? 'errors') as SignalKind;
      if (!SIGNALS.includes(signal)) {
        throw bad(
          `series[${i}].signal`,
          `must be one of ${SIGNALS.join(', ')}`,
        );
      }
      const points: Array<[number, number]> = [];
      for (const p of s.points) {
        const [t, v] = Array.isArray(p) ? p : [p?.at ?? p?.time, p?.value];
        const at = toMillis(t);
        const value = Number(v);
        if (at !== undefined && Number.isFinite(value))
          points.push([at, value]);
      }
      points.sort((a, b) => a[0] - b[0]);
      return {
        name: typeof s.name === 'string' && s.name ? s.name : source.name,
        signal,
        points,
      } as CollectedSeries;
    });

    let change: CollectedEvidence['change'];
    if (item.change !== undefined && item.change !== null) {
      const c = item.change;
      if (!isObject(c) || c.id === undefined || c.id === '') {
        throw bad('change', 'must be an object with an id');
      }
      const changeKind = (c.kind ?? 'deployment') as ChangeKind;
      if (!CHANGE_KINDS.includes(changeKind)) {
        throw bad('change.kind', `must be one of ${CHANGE_KINDS.join(', ')}`);
      }
      if (!occurredAt) throw bad('occurredAt', 'is needed for a change');
      const at = Date.parse(occurredAt);
      // Changes outside the window would only be stored, never ranked.
      if (at < ctx.changesFrom.getTime() || at > ctx.request.to.getTime()) {
        return [];
      }
      change = {
        id: String(c.id),
        kind: changeKind,
        ...(text(c.version) ? { version: text(c.version) } : {}),
        ...(text(c.author) ? { author: text(c.author) } : {}),
        ...(text(c.link) ? { link: text(c.link) } : {}),
        ...(text(c.rollbackRef) ? { rollbackRef: text(c.rollbackRef) } : {}),
        ...(text(c.description) ? { description: text(c.description) } : {}),
      };
    }

    const calls = this.callsOf(item.calls, ctx.request, bad);
    const title = text(item.title);
    // Without content of their own, calls are described one per line.
    const callLines = calls.map(
      c =>
        `${c.from} → ${c.to}: ${c.count} calls, ${c.errors} failed, ${c.slow} slow`,
    );
    const content = [title, text(item.content) ?? callLines.join('\n')]
      .filter(Boolean)
      .join('\n');
    if (content || series.length || change) {
      out.push({
        kind: item.kind ?? changeEvidenceKind(change) ?? kind,
        source: source.name,
        query,
        entityRef,
        content: content || JSON.stringify({ series }),
        ...(occurredAt ? { occurredAt } : {}),
        ...(series.length ? { series } : {}),
        ...(change ? { change } : {}),
        ...(calls.length ? { calls } : {}),
      });
    }

    if (item.lines !== undefined) {
      // Templates of trace operations stay traces; anything else is logs.
      const linesKind = kind === 'trace' ? 'trace' : 'log_excerpt';
      out.push(
        ...(await this.logEvidence(item.lines, {
          ...ctx,
          entityRef,
          bad,
          kind: linesKind,
        })),
      );
    }
    if (!out.length && item.lines === undefined) {
      throw bad(
        '',
        'has none of content, title, series, change, calls or lines',
      );
    }
    return out;
  }

  /**
   * Calls between services a mapping returns (`calls`), summed per caller
   * and callee. Each end is an entity ref, or the source's annotation value
   * of an entity of the request (a service name as traces know it); calls
   * with an end the request does not know are left out, as the map could
   * not place them.
   */
  private callsOf(
    raw: unknown,
    request: EvidenceRequest,
    bad: (key: string, message: string) => Error,
  ): ObservedCalls[] {
    const byName = new Map<string, string>();
    for (const e of request.entities) {
      byName.set(e.entityRef.toLocaleLowerCase('en-US'), e.entityRef);
      const value = e.annotations[this.source.entityAnnotation];
      if (value && !byName.has(value)) byName.set(value, e.entityRef);
    }
    const refOf = (name: string) =>
      byName.get(name) ?? byName.get(name.toLocaleLowerCase('en-US'));
    const amount = (v: unknown, key: string, fallback: number) => {
      if (v === undefined || v === null) return fallback;
      if (typeof v === 'boolean') return v ? 1 : 0;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) {
        throw bad(
          key,
          `must be a count or a boolean, got ${JSON.stringify(v)}`,
        );
      }
      return Math.round(n);
    };
    const summed = new Map<string, ObservedCalls>();
    listOf(raw).forEach((c, i) => {
      if (
        !isObject(c) ||
        typeof c.from !== 'string' ||
        typeof c.to !== 'string'
      ) {
        throw bad(
          `calls[${i}]`,
          'must be { from, to, count?, errors?, slow? } with service names or entity refs',
        );
      }
      const from = refOf(c.from);
      const to = refOf(c.to);
      if (!from || !to || from === to) return;
      const count = amount(c.count, `calls[${i}].count`, 1);
      const key = `${from}\u0000${to}`;
      const sum = summed.get(key) ?? { from, to, count: 0, errors: 0, slow: 0 };
      sum.count += count;
      sum.errors += Math.min(count, amount(c.errors, `calls[${i}].errors`, 0));
      sum.slow += Math.min(count, amount(c.slow, `calls[${i}].slow`, 0));
      summed.set(key, sum);
    });
    return [...summed.values()];
  }

  /** Log lines grouped into templates; those that rose at the onset become evidence. */
  private async logEvidence(
    raw: unknown,
    ctx: {
      entityRef: string;
      query: string;
      request: EvidenceRequest;
      stepSeconds: number;
      bad: (key: string, message: string) => Error;
      kind: 'log_excerpt' | 'trace';
    },
  ): Promise<CollectedEvidence[]> {
    const { source } = this;
    const lines: LogLine[] = [];
    listOf(raw).forEach((l: any, i) => {
      const [t, line] = Array.isArray(l) ? l : [l?.at ?? l?.time, l?.line];
      const at = toMillis(t);
      if (at === undefined || typeof line !== 'string') {
        throw ctx.bad(`lines[${i}]`, 'must be { at, line } or [at, line]');
      }
      lines.push({ at, line });
    });
    if (!lines.length) return [];
    const from = ctx.request.from.getTime();
    const to = ctx.request.to.getTime();
    const stepMs = ctx.stepSeconds * 1000;
    const { onsetAt, onsetFrom, templates } = await risenTemplates(lines, {
      from,
      to,
      stepMs,
      fallbackOnset:
        ctx.request.detectedAt?.getTime() ??
        from + (this.options.baselineMinutes ?? 360) * 60_000,
      ...source.logs,
    });
    const onset = new Date(onsetAt).toISOString();
    return templates.map(t => ({
      kind: ctx.kind,
      source: source.name,
      query: `${ctx.query}\ntemplate: ${t.template}`,
      entityRef: ctx.entityRef,
      content: [
        `${ctx.kind === 'trace' ? 'Trace' : 'Log'} template: ${t.template}`,
        `Before ${onset} (${
          onsetFrom === 'logs' ? 'where these logs rose' : 'the alert'
        }): ${t.before} lines, ${perMinute(t.rateBefore)}/min`,
        `Since: ${t.during} lines, ${perMinute(t.rateDuring)}/min${
          t.before === 0 ? ' (new)' : ''
        }, first at ${new Date(t.firstDuring).toISOString()}`,
        'Examples:',
        ...t.examples.map(e => `  ${e}`),
      ].join('\n'),
      series: [
        {
          name: `log: ${t.template.slice(0, 80)}`,
          signal: source.logs.signal,
          points: t.points,
        },
      ],
    }));
  }
}
