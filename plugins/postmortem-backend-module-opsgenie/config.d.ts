export interface Config {
  postmortem?: {
    /** Opsgenie outgoing Webhook integration: POST /api/postmortem/webhooks/opsgenie */
    opsgenie?: {
      /**
       * Token the integration sends, as `Authorization: Bearer <token>` or in
       * an `X-Opsgenie-Token` custom header.
       * @visibility secret
       */
      token: string;
      /** Alert priority (P1..P5) to incident severity. Default P1..P5 to SEV1..SEV5. */
      severityMap?: {
        [priority: string]: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5';
      };
      /** Entity annotation that alert services are matched against. Default 'postmortem.io/alert-service'. */
      entityAnnotation?: string;
      /** Keys of the alert's extra properties (details) that name services. Default ['service']. */
      entityDetails?: string[];
      /** Prefix of alert tags that name services. Default 'service:'. */
      entityTagPrefix?: string;
      /** Whether the alert's `entity` field also names a service. Default false. */
      useAlertEntity?: boolean;
      /**
       * Base URL of your Opsgenie web app, e.g. https://northwind.app.opsgenie.com,
       * to link incidents to their alerts.
       */
      alertUrl?: string;
      /** How Opsgenie users become catalog users. */
      users?: {
        /**
         * Namespace of users derived from the local part of the Opsgenie
         * username (an e-mail address). Default 'default'.
         */
        namespace?: string;
        /**
         * People whose e-mail does not match their user name: `match` is an
         * Opsgenie user id or username (e-mail), `user` a user entity ref or
         * user name.
         */
        overrides?: Array<{ match: string; user: string }>;
      };
    };
  };
}
