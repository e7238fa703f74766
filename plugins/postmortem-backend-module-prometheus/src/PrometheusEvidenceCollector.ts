import { Config } from '@backstage/config';
import {
  CollectedEvidence,
  EvidenceCollector,
  EvidenceRequest,
} from '@postmortems/plugin-postmortem-node';

export interface PrometheusCollectorOptions {
  baseUrl: string;
  queries: Array<{ name: string; query: string }>;
  entityAnnotation: string;
  maxDistance: number;
  stepSeconds: number;
  fetch?: typeof fetch;
}

type Series = {
  metric: Record<string, string>;
  values: Array<[number, string]>;
};

/**
 * Whether a series left its baseline: the peak after the first quarter of
 * the window exceeds the baseline mean by three standard deviations (and by
 * a visible margin, so flat-zero series do not trip on noise).
 */
export function isAnomalous(series: Series): boolean {
  const values = series.values
    .map(([, v]) => Number(v))
    .filter(Number.isFinite);
  if (values.length < 8) return false;
  const split = Math.max(2, Math.floor(values.length / 4));
  const baseline = values.slice(0, split);
  const rest = values.slice(split);
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const sd = Math.sqrt(
    baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / baseline.length,
  );
  const peak = Math.max(...rest);
  return (
    peak > mean + 3 * sd && peak - mean > Math.max(0.05 * Math.abs(mean), 1e-9)
  );
}

/**
 * Captures metric series from Prometheus for the affected entities and their
 * nearby dependencies, over the incident window.
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
      })),
      entityAnnotation:
        c.getOptionalString('entityAnnotation') ??
        'postmortem.io/alert-service',
      maxDistance: c.getOptionalNumber('maxDistance') ?? 1,
      stepSeconds: c.getOptionalNumber('stepSeconds') ?? 15,
    });
  }

  constructor(private readonly options: PrometheusCollectorOptions) {}

  async collect(request: EvidenceRequest): Promise<CollectedEvidence[]> {
    const doFetch = this.options.fetch ?? fetch;
    const evidence: CollectedEvidence[] = [];
    for (const entity of request.entities) {
      const value = entity.annotations[this.options.entityAnnotation];
      if (!value || entity.distance > this.options.maxDistance) continue;
      for (const { name, query: template } of this.options.queries) {
        // Label values are quoted in PromQL; escape what would end the string.
        const query = template
          .split('$value')
          .join(value.replace(/["\\]/g, '\\$&'));
        const url = new URL(`${this.options.baseUrl}/api/v1/query_range`);
        url.searchParams.set('query', query);
        url.searchParams.set('start', String(request.from.getTime() / 1000));
        url.searchParams.set('end', String(request.to.getTime() / 1000));
        url.searchParams.set('step', String(this.options.stepSeconds));
        const response = await doFetch(url);
        if (!response.ok) {
          throw new Error(
            `Prometheus answered ${response.status} to ${name} for ${entity.entityRef}`,
          );
        }
        const body = (await response.json()) as {
          status: string;
          data?: { result?: Series[] };
        };
        const result = body.data?.result ?? [];
        if (!result.length) continue;
        evidence.push({
          kind: 'metric_series',
          source: 'prometheus',
          query,
          entityRef: entity.entityRef,
          content: JSON.stringify({ name, result }),
          anomalous: result.some(isAnomalous),
        });
      }
    }
    return evidence;
  }
}
