export interface Config {
  /** Configuration of the postmortem suite. */
  postmortem?: {
    /**
     * Largest request body the API accepts; larger bodies get 413.
     * A size string such as '1mb'.
     */
    maxBodySize?: string;
  };
}
