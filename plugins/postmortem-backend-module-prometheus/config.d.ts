export interface Config {
  postmortem?: {
    /** Evidence from Prometheus: range queries over the incident window. */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090 */
      baseUrl: string;
      /**
       * Queries run for each entity of the incident's neighbourhood up to
       * `maxDistance` hops (dependencies and callers). `$value` is replaced
       * by the entity's `entityAnnotation` value.
       */
      queries: Array<{
        name: string;
        query: string;
        /**
         * What the query measures, which tells the cause analysis which
         * way is bad: errors, latency, saturation (CPU, memory,
         * connections) or throughput. Guessed from the name when absent.
         */
        signal?: 'errors' | 'latency' | 'saturation' | 'throughput';
        /**
         * For a per-edge query (one series per caller, such as a mesh's
         * client-side latency grouped by source workload): the label that
         * names the caller, in the same values as `entityAnnotation`. The
         * analysis then knows which caller saw a deviation.
         */
        callerLabel?: string;
      }>;
      /** Default 'postmortem.io/alert-service'. */
      entityAnnotation?: string;
      /** Dependency hops to query beyond the affected entities. Default 3. */
      maxDistance?: number;
      /** Finest resolution of range queries in seconds. Default 15. */
      stepSeconds?: number;
      /**
       * Most points per series; the step grows for long windows so that an
       * incident declared late still gets its series. Default 1000
       * (Prometheus refuses more than 11,000).
       */
      maxPoints?: number;
      /**
       * Also fetch every series one day and one week earlier, so that a
       * rise that happens every day (or every Monday) at this hour is not
       * taken for a deviation. Default true.
       */
      seasonalReference?: boolean;
    };
  };
}
