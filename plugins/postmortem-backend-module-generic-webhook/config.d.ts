export interface Config {
  postmortem?: {
    /**
     * Incident sources configured without code. Each entry is served at
     * POST /api/postmortem/webhooks/generic/<name> and maps the JSON payload
     * to one incident signal with JSONata expressions (https://jsonata.org).
     */
    genericWebhooks?: Array<{
      /** URL segment of this webhook: letters, digits, '-', '_', '.'. */
      name: string;
      /**
       * Bearer token the tool sends (Authorization: Bearer <token>). A token,
       * an hmac, or both are required.
       * @visibility secret
       */
      token?: string;
      /** Signature of the raw body that the tool sends in a header. */
      hmac?: {
        /** Header carrying the signature, e.g. X-Grafana-Alerting-Signature. */
        header: string;
        /**
         * Shared secret the signature is computed with.
         * @visibility secret
         */
        secret: string;
        /** Default sha256. */
        algorithm?: 'sha256' | 'sha512';
        /** Text before the digest in the header, e.g. 'sha256='. Default none. */
        prefix?: string;
        /** Encoding of the digest. Default hex. */
        encoding?: 'hex' | 'base64';
      };
      /**
       * JSONata expressions evaluated against the payload. Required:
       * dedupKey, occurredAt, status.
       */
      mapping: {
        /**
         * A list of alerts in the payload (e.g. `alerts`): each becomes a
         * signal of its own, and every other expression is evaluated with
         * the alert as its context (`$payload` is the whole payload).
         */
        alerts?: string;
        /**
         * Groups alerts into one incident, as Alertmanager's groupKey: the
         * incident is one episode of the group (from its first alert's
         * start until all its alerts resolved; a group firing again later
         * is a new incident), and dedupKey then names one alert of the
         * group. E.g. `$payload.groupKey`.
         */
        groupKey?: string;
        /** Key tying the deliveries of one incident (or one alert of a group) together. */
        dedupKey: string;
        /** Unique id of this delivery; a repeated id is ignored. Default: SHA-256 of the raw body. */
        eventId?: string;
        /** When the event happened: ISO 8601 time or epoch milliseconds. */
        occurredAt: string;
        /** One of declared, investigating, mitigated, resolved. */
        status: string;
        title?: string;
        /** One of SEV1..SEV5. */
        severity?: string;
        /** Kind of incident (security, data-loss…), which picks the template with the severity. */
        type?: string;
        impactStartedAt?: string;
        detectedAt?: string;
        acknowledgedAt?: string;
        mitigatedAt?: string;
        resolvedAt?: string;
        /** An entity ref or a list of them, e.g. 'component:default/' & labels.service. */
        entityRefs?: string;
        /** Annotation values that name catalog entities; `value` is an expression. */
        entityHints?: Array<{ annotation: string; value: string }>;
        /** An object or list of objects { url, kind?, title? }; kind: alert, pager, chat, dashboard, runbook, change_ticket, other. */
        links?: string;
        /** Timeline text for this delivery. */
        text?: string;
      };
    }>;
  };
}
