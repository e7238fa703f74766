export interface Config {
  postmortem?: {
    /**
     * GitHub Issues as remediation tracker, for owners annotated with
     * `github.com/project-slug: <owner>/<repo>`. Without this block the
     * module does not register a tracker.
     */
    github?: {
      /**
       * Token that may read and write issues of the owners' repositories
       * (fine-grained: Issues read/write; classic: `repo`).
       * @visibility secret
       */
      token: string;
      /**
       * REST API base URL. Default https://api.github.com; for GitHub
       * Enterprise Server https://<host>/api/v3.
       */
      apiBaseUrl?: string;
      /** Labels added to every issue, next to `postmortem`. */
      labels?: string[];
    };
  };
}
