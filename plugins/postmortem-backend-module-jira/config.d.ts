export interface Config {
  postmortem?: {
    /**
     * Jira as remediation tracker, for owners annotated with
     * `jira/project-key: <KEY>`. Without this block the module does not
     * register a tracker. Give either `email` and `apiToken` (Jira Cloud,
     * Basic auth) or `token` (Jira Data Center personal access token).
     */
    jira?: {
      /** e.g. https://northwind.atlassian.net or https://jira.example.com */
      baseUrl: string;
      /** Account e-mail, with `apiToken` (Jira Cloud). */
      email?: string;
      /**
       * API token of that account (Jira Cloud).
       * @visibility secret
       */
      apiToken?: string;
      /**
       * Personal access token, sent as Bearer (Jira Data Center).
       * @visibility secret
       */
      token?: string;
      /** Issue type name. Default 'Task'. */
      issueType?: string;
      /** Labels added to every issue, next to `postmortem` and `pm-<item id>`. */
      labels?: string[];
      /**
       * Secret of a Jira admin webhook (event "Issue updated", URL
       * `<backend>/api/postmortem/webhooks/trackers/jira`), so closed and
       * reopened issues show at once instead of at the next poll.
       * @visibility secret
       */
      webhookSecret?: string;
    };
  };
}
