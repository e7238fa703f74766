export interface Config {
  postmortem?: {
    /** Evidence from Prometheus: range queries over the incident window. */
    prometheus?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090 */
      baseUrl: string;
      /**
       * Queries run for each affected entity and each dependency up to
       * `maxDistance` hops. `$value` is replaced by the entity's
       * `entityAnnotation` value.
       */
      queries: Array<{ name: string; query: string }>;
      /** Default 'postmortem.io/alert-service'. */
      entityAnnotation?: string;
      /** Dependency hops to query beyond the affected entities. Default 1. */
      maxDistance?: number;
      /** Resolution of range queries in seconds. Default 15. */
      stepSeconds?: number;
    };
  };
}
