/** One secret in one context. */
export interface SecretSample {
  kind: string;
  /** The text as it is sent. */
  text: string;
  /** The raw value that must not be stored or shown. */
  secret: string;
}

export interface SecretKind {
  kind: string;
  values: string[];
  /** Shapes the value arrives in; `$` is replaced by the value. */
  contexts: string[];
}

/** A log line the value arrives in. */
export const LOG = 'ERROR upstream call failed with $ (retrying)';
