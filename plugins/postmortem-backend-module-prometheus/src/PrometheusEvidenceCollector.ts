import { Config } from '@backstage/config';
import type { SignalKind } from '@postmortems/plugin-postmortem-common';
import {
  CollectedEvidence,
  CollectedSeries,
  EvidenceCollector,
  EvidenceRequest,
} from '@postmortems/plugin-postmortem-node';

const DAY = 86_400_000;

export interface PrometheusQuery {
  name: string;
  query: string;
  signal: SignalKind;
  /** The label naming the caller, for a per-edge query. */
  callerLabel?: string;
}

export interface PrometheusCollectorOptions {
  baseUrl: string;
  queries: PrometheusQuery[];
  entityAnnotation: string;
  maxDistance: number;
  stepSeconds: number;
  maxPoints: number;
  /** Also fetch each series a day and a week earlier, as seasonal references. */
  seasonalReference: boolean;
  fetch?: typeof fetch;
}

type Series = {
  metric: Record<string, string>;
  values: Array<[number, string]>;
};

const labelsOf = (metric: Record<string, string>) =>
  `{${Object.entries(metric)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

/** What a query measures, guessed from its name when config does not say. */
export function signalOf(name: string): SignalKind {
  const n = name.toLocaleLowerCase('en-US');
  if (/latenc|duration|p9\d|p50|response time|slow/.test(n)) return 'latency';
  if (
    /cpu|memory|mem\b|heap|saturat|connection|pool|queue|disk|thread|gc/.test(n)
  )
    return 'saturation';
  if (/throughput|traffic|requests? ?(rate|per)|rps|qps|load|volume/.test(n))
    return 'throughput';
  return 'errors';
}

/** Seconds between points: at least `stepSeconds`, at most `maxPoints` a range. */
export function stepFor(
  from: Date,
  to: Date,
  stepSeconds: number,
  maxPoints: number,
): number {
  const range = Math.max(0, (to.getTime() - from.getTime()) / 1000);
  return Math.max(stepSeconds, Math.ceil(range / Math.max(1, maxPoints - 1)));
}

/**
 * Captures metric series from Prometheus for the entities around an
 * incident, over a window long enough to give each a baseline. The series
 * go to the draft's cause analysis as numbers; the evidence item keeps
 * them for people to read.
 */
export class PrometheusEvidenceCollector implements EvidenceCollector {
  readonly id = 'prometheus';

  static fromConfig(config: Config): PrometheusEvidenceCollector | undefined {
    const c = config.getOptionalConfig('postmortem.prometheus');
    if (!c) return undefined;
    return new PrometheusEvidenceCollector({
      baseUrl: c.getString('baseUrl').replace(/\/$/, ''),
      queries: c.getConfigArray('queries').map(q => ({
        name: q.getString('name'),
        query: q.getString('query'),
        signal:
          (q.getOptionalString('signal') as SignalKind | undefined) ??
          signalOf(q.getString('name')),
        callerLabel: q.getOptionalString('callerLabel'),
      })),
      entityAnnotation:
        c.getOptionalString('entityAnnotation') ??
        'postmortem.io/alert-service',
      maxDistance: c.getOptionalNumber('maxDistance') ?? 3,
      stepSeconds: c.getOptionalNumber('stepSeconds') ?? 15,
      maxPoints: c.getOptionalNumber('maxPoints') ?? 1000,
      seasonalReference: c.getOptionalBoolean('seasonalReference') ?? true,
    });
  }

  constructor(private readonly options: PrometheusCollectorOptions) {}

  async collect(request: EvidenceRequest): Promise<CollectedEvidence[]> {
    const step = stepFor(
      request.from,
      request.to,
      this.options.stepSeconds,
      this.options.maxPoints,
    );
    const evidence: CollectedEvidence[] = [];
    const entityByValue = new Map(
      request.entities.map(e => [
        e.annotations[this.options.entityAnnotation],
        e.entityRef,
      ]),
    );
    for (const entity of request.entities) {
      const value = entity.annotations[this.options.entityAnnotation];
      if (!value || entity.distance > this.options.maxDistance) continue;
      for (const { name, query: template, signal, callerLabel } of this.options
        .queries) {
        // Label values are quoted in PromQL; escape what would end the string.
        const query = template
          .split('$value')
          .join(value.replace(/["\\]/g, '\\$&'));
        const result = await this.queryRange(
          query,
          request.from,
          request.to,
          step,
          `${name} for ${entity.entityRef}`,
        );
        if (!result.length) continue;
        // The same window a day and a week earlier, on today's times.
        const earlier = async (offset: number, what: string) => {
          if (!this.options.seasonalReference) return () => undefined;
          const then = await this.queryRange(
            query,
            new Date(request.from.getTime() - offset),
            new Date(request.to.getTime() - offset),
            step,
            `${name} for ${entity.entityRef} ${what}`,
          ).catch(() => []);
          return (metric: Record<string, string>) =>
            then
              .find(y => labelsOf(y.metric) === labelsOf(metric))
              ?.values.map(
                ([t, v]) => [t * 1000 + offset, Number(v)] as [number, number],
              );
        };
        const dayEarlier = await earlier(DAY, 'a day earlier');
        const weekEarlier = await earlier(7 * DAY, 'a week earlier');
        const series: CollectedSeries[] = result.map(r => {
          const reference = dayEarlier(r.metric);
          const weekReference = weekEarlier(r.metric);
          const caller = callerLabel ? r.metric[callerLabel] : undefined;
          return {
            name: result.length > 1 ? `${name} ${labelsOf(r.metric)}` : name,
            signal,
            // A caller outside the neighbourhood still is not every caller.
            ...(caller && {
              observedBy:
                entityByValue.get(caller) ?? `${callerLabel}=${caller}`,
            }),
            points: r.values.map(([t, v]) => [t * 1000, Number(v)]),
            ...(reference && { reference }),
            ...(weekReference && { weekReference }),
          };
        });
        evidence.push({
          kind: 'metric_series',
          source: 'prometheus',
          query,
          entityRef: entity.entityRef,
          content: JSON.stringify({ name, signal, step, result }),
          series,
        });
      }
    }
    return evidence;
  }

  private async queryRange(
    query: string,
    from: Date,
    to: Date,
    step: number,
    what: string,
  ): Promise<Series[]> {
    const doFetch = this.options.fetch ?? fetch;
    const url = new URL(`${this.options.baseUrl}/api/v1/query_range`);
    url.searchParams.set('query', query);
    url.searchParams.set('start', String(from.getTime() / 1000));
    url.searchParams.set('end', String(to.getTime() / 1000));
    url.searchParams.set('step', String(step));
    const response = await doFetch(url, {
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) {
      throw new Error(`Prometheus answered ${response.status} to ${what}`);
    }
    const body = (await response.json()) as { data?: { result?: Series[] } };
    return body.data?.result ?? [];
  }
}
