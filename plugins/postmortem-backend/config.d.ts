export interface Config {
  /** Configuration of the postmortem suite. */
  postmortem?: {
    /**
     * Largest JSON request body the API accepts; larger bodies get 413.
     * A size string such as '1mb'.
     */
    maxBodySize?: string;
    /**
     * How many dependsOn hops the "include dependencies" filters follow.
     * Default 3.
     */
    dependencyDepth?: number;
    /**
     * Postmortem templates in addition to the shipped default. The first
     * template whose severities include an incident's severity is used
     * unless a template is asked for by id.
     */
    templates?: Array<{
      id: string;
      /** Bump when sections change; each postmortem records the version it used. */
      version?: number;
      title: string;
      severities?: Array<'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'SEV5'>;
      sections: Array<{
        /** One of summary, impact, whatHappened, whyItHappened, whatChanged, lessonsLearned, glossary. */
        id: string;
        title: string;
        prompt?: string;
      }>;
      glossary?: { [term: string]: string };
    }>;
  };
}
