export interface Config {
  postmortem?: {
    /**
     * GitHub Issues as remediation tracker, for owners annotated with
     * `github.com/project-slug: <owner>/<repo>`, and GitHub deployments of
     * entities with that annotation as changes for drafts. Without this
     * block the module registers neither.
     */
    github?: {
      /**
       * Token that may read and write issues of the owners' repositories
       * and read deployments of the entities' repositories (fine-grained:
       * Issues read/write and Deployments read; classic: `repo`, or
       * `repo_deployment` for deployments alone).
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
      /**
       * GitHub deployments of the affected entities and their dependencies,
       * collected when a draft is generated and ranked as cause hypotheses
       * like changes posted to `/webhooks/changes`.
       */
      deployments?: {
        /** Default true; false leaves deployments out. */
        enabled?: boolean;
        /**
         * Only deployments to these environments (GitHub's `environment`
         * name, e.g. `production`); default every environment, including
         * previews and staging.
         */
        environments?: string[];
        /**
         * Only entities at most this many dependency hops from the affected
         * ones; default every entity of the dependency graph.
         */
        maxDistance?: number;
        /**
         * Pages of 100 deployments read per repository and environment
         * before giving up on reaching the start of the window; default 5.
         */
        maxPages?: number;
      };
      /**
       * Commits that touched configuration paths of the entities'
       * repositories in the change window, ranked as cause hypotheses like
       * deployments (changes of kind `config`). An entity's
       * `postmortem.io/config-paths` annotation (comma-separated globs)
       * replaces `paths` for it; entities with neither are not asked about.
       * The token needs read access to the repository's contents.
       */
      configChanges?: {
        /** Default true; false leaves configuration commits out. */
        enabled?: boolean;
        /**
         * Globs of configuration paths: `*` and `?` within a directory,
         * `**` across directories, `{a,b}` alternatives; a path without
         * wildcards is a file or everything below a directory. E.g.
         * `config/**`, `deploy/values-*.yaml`, `**\/*.properties`.
         */
        paths?: string[];
        /** Only entities at most this many dependency hops from the affected ones; default all. */
        maxDistance?: number;
        /** Pages of 100 commits read per repository and path; default 3. */
        maxPages?: number;
        /** Commits read with their files per repository, newest first; default 30. */
        maxCommits?: number;
      };
      /**
       * Secret of a repository or organization webhook (event "Issues",
       * content type application/json, URL
       * `<backend>/api/postmortem/webhooks/trackers/github`), so closed and
       * reopened issues show at once instead of at the next poll.
       * @visibility secret
       */
      webhookSecret?: string;
    };
  };
}
