export interface Config {
  permission?: {
    postmortemPolicy?: {
      /**
       * Use the postmortem policy (restricted postmortems for their role
       * holders, edits by role holders and owners of affected entities,
       * approvals by reviewers). When false, every request is allowed, as
       * with the allow-all policy.
       */
      enabled?: boolean;
      /** Users who may only read. Default: `user:development/guest`. */
      readOnlyUsers?: string[];
    };
  };
}
