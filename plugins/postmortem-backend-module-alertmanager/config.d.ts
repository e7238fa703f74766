export interface Config {
  postmortem?: {
    /** Prometheus Alertmanager webhook: POST /api/postmortem/webhooks/alertmanager */
    alertmanager?: {
      /**
       * Bearer token Alertmanager sends (http_config.authorization.credentials).
       * @visibility secret
       */
      token: string;
      /** Alert labels whose values name catalog entities. Default ['service']. */
      entityLabels?: string[];
      /** Entity annotation those label values are matched against. Default 'postmortem.io/alert-service'. */
      entityAnnotation?: string;
      /** Value of the `severity` label to incident severity, e.g. { critical: SEV1 }. */
      severityMap?: {
        [label: string]: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
      };
      /**
       * Label naming the kind of incident (security, data-loss…), which
       * picks the postmortem template with the severity. Default
       * 'incident_type'.
       */
      typeLabel?: string;
      /**
       * `group` (default): one incident per episode of an Alertmanager
       * notification group (group key, from its first alert's start until
       * all its alerts resolved); `alert`: one incident per alert.
       */
      incidentPer?: 'group' | 'alert';
    };
  };
}
