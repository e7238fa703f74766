import { HumanDuration } from '@backstage/types';

export interface Config {
  postmortem?: {
    /**
     * Evidence from any HTTP API that answers JSON (logs, traces, error
     * trackers, the Kubernetes API), configured rather than coded. Each
     * source is asked once per entity of the incident's neighbourhood that
     * has its annotation; see the module's README for placeholders and the
     * mapping's items.
     */
    genericEvidence?: {
      /** Default time limit of a request, e.g. { seconds: 15 } (the default). */
      timeout?: HumanDuration | string;
      /** Default size limit of an answer in bytes. Default 5,000,000. */
      maxResponseBytes?: number;
      sources: Array<{
        /** Letters, digits, '-', '_', '.'; the collector is `generic:<name>`. */
        name: string;
        /**
         * Entities with this annotation are asked about; `{{value}}` is its
         * value. Default 'postmortem.io/alert-service'.
         */
        entityAnnotation?: string;
        /** Dependency hops around the alerting entity. Default 3. */
        maxDistance?: number;
        /**
         * Default kind of the items: metric_series, log_excerpt,
         * deployment, config_diff, trace, link. Default log_excerpt.
         */
        kind?:
          | 'metric_series'
          | 'log_excerpt'
          | 'deployment'
          | 'config_diff'
          | 'trace'
          | 'link';
        /**
         * The request, with `{{placeholder}}`s for the window (from, to,
         * fromSeconds, fromMillis, fromMicros, fromNanos, the same for to
         * and changesFrom, stepSeconds, step) and the entity (value,
         * annotation:<key>, entityRef, entityName, ...); `{{name ?? x}}`
         * falls back to x.
         */
        request: {
          /** Placeholders are URL-encoded. */
          url: string;
          /** GET (default), POST or PUT. */
          method?: string;
          /** Query parameters, filled and URL-encoded. */
          query?: { [name: string]: string };
          /**
           * Headers; put secrets in with ${ENV_VAR} substitution.
           * @visibility secret
           */
          headers?: { [name: string]: string };
          /**
           * A string sent as written, or an object sent as JSON;
           * Content-Type defaults to application/json.
           */
          body?: string | object;
        };
        /**
         * JSONata expression from the answer to evidence items: { kind,
         * title, content, entityRef, occurredAt, query, series, change,
         * lines }. It can read $window, $entity and $source.
         */
        mapping: string;
        /** Time limit of this source's requests. */
        timeout?: HumanDuration | string;
        /** Size limit of this source's answers in bytes. */
        maxResponseBytes?: number;
        /** Finest interval of counts in seconds. Default 60. */
        stepSeconds?: number;
        /** Most intervals over the window; the step grows to fit. Default 500. */
        maxPoints?: number;
        /** Entities asked at once. Default 4. */
        concurrency?: number;
        /**
         * A cluster of Backstage's Kubernetes config
         * (kubernetes.clusterLocatorMethods, type config): its URL is
         * {{clusterUrl}} and its serviceAccountToken is sent as a bearer
         * token; its caData or caFile signs the cluster's certificate, and
         * its skipTLSVerify turns the check off.
         */
        kubernetesCluster?: string;
        /**
         * CA certificates (PEM, or base64-encoded PEM) that sign the
         * source's certificate, for a tool behind a private CA. Default:
         * the cluster's caData/caFile, else Node's trusted CAs.
         */
        caData?: string;
        /** A PEM file of CA certificates, read at startup; instead of caData. */
        caFile?: string;
        /** How log lines (`lines` items) are grouped into templates and reported. */
        logs?: {
          /** Fewest lines since the onset to report a template. Default 3. */
          minCount?: number;
          /** Rate since the onset over the rate before, at least. Default 2. */
          minRatio?: number;
          /** Most templates per entity, largest rise first. Default 10. */
          maxTemplates?: number;
          /** Share of equal words that joins a line to a template. Default 0.5. */
          similarity?: number;
          /** What template counts measure for the analysis. Default errors. */
          signal?: 'errors' | 'latency' | 'saturation' | 'throughput';
        };
      }>;
    };
  };
}
