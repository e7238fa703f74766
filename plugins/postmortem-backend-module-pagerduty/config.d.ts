export interface Config {
  postmortem?: {
    /** PagerDuty V3 webhooks: POST /api/postmortem/webhooks/pagerduty */
    pagerduty?: {
      /**
       * Signing secrets of the webhook subscription(s). A delivery is accepted
       * when its X-PagerDuty-Signature matches any of them, so a new secret can
       * be added before the old one is removed.
       * @visibility secret
       */
      signingSecrets: string[];
      /**
       * Incident priority name (P1..P5, or your own names) to incident
       * severity. Defaults map P1..P5 to SEV1..SEV5.
       */
      severityMap?: {
        [priority: string]: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
      };
      /**
       * Entity annotation matched against the PagerDuty service id.
       * Default 'pagerduty.com/service-id'.
       */
      serviceAnnotation?: string;
      /** How PagerDuty users become catalog users. */
      users?: {
        /**
         * Namespace of users derived from the local part of an e-mail address
         * (ada.okafor@example.com becomes user:<namespace>/ada.okafor).
         * Default 'default'.
         */
        namespace?: string;
        /**
         * People whose e-mail does not match their user name: `match` is a
         * PagerDuty user id (e.g. PLH1HKV) or e-mail address, `user` a user
         * entity ref or user name.
         */
        overrides?: Array<{ match: string; user: string }>;
      };
      /**
       * Optional read-only REST API key. V3 webhook payloads name users only
       * by id and display name; with a key the module looks up their e-mail
       * addresses, and the current incident status for notes and responders.
       * @visibility secret
       */
      apiToken?: string;
      /** REST API base URL. Default https://api.pagerduty.com (EU: https://api.eu.pagerduty.com). */
      apiBaseUrl?: string;
    };
  };
}
