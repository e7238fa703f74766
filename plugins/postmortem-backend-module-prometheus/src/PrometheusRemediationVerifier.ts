import { Config } from '@backstage/config';
import type { RemediationVerification } from '@postmortems/plugin-postmortem-common';
import type {
  RemediationCheckResult,
  RemediationCheckVerifier,
} from '@postmortems/plugin-postmortem-node';

type PrometheusCheck = Extract<RemediationVerification, { kind: 'prometheus' }>;

const COMPARE: Record<
  PrometheusCheck['comparator'],
  (a: number, b: number) => boolean
> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Checks a done remediation item's Prometheus query: it passes when the
 * query returns series and every one meets the threshold.
 */
export class PrometheusRemediationVerifier implements RemediationCheckVerifier {
  readonly kind = 'prometheus' as const;

  /**
   * `postmortem.verification.prometheusBaseUrl`, else the evidence
   * collector's `postmortem.prometheus.baseUrl`; undefined when neither is
   * set, so items with Prometheus checks are left as they are.
   */
  static fromConfig(
    config: Config,
    fetchImpl: typeof fetch = fetch,
  ): PrometheusRemediationVerifier | undefined {
    const baseUrl =
      config.getOptionalString('postmortem.verification.prometheusBaseUrl') ??
      config.getOptionalString('postmortem.prometheus.baseUrl');
    return baseUrl
      ? new PrometheusRemediationVerifier(baseUrl.replace(/\/$/, ''), fetchImpl)
      : undefined;
  }

  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async verify(
    check: RemediationVerification,
  ): Promise<RemediationCheckResult> {
    if (check.kind !== 'prometheus') {
      throw new Error(`Not a Prometheus check: ${check.kind}`);
    }
    const url = new URL(`${this.baseUrl}/api/v1/query`);
    url.searchParams.set('query', check.query);
    const response = await this.fetchImpl(url);
    if (!response.ok) throw new Error(`Prometheus answered ${response.status}`);
    const body = (await response.json()) as {
      data?: { result?: Array<{ value: [number, string] }> };
    };
    const values = (body.data?.result ?? []).map(r => Number(r.value[1]));
    const passed =
      values.length > 0 &&
      values.every(v => COMPARE[check.comparator](v, check.threshold));
    const detail = values.length
      ? `${check.query} = ${values.join(', ')} (want ${check.comparator} ${
          check.threshold
        })`
      : `${check.query} returned no series`;
    return { passed, detail };
  }
}
