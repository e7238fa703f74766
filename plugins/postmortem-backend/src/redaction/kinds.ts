/**
 * Credentials and tokens, known formats first, generic ones
 * (`credential_assignment`, `high_entropy_token`) last.
 */
export const SECRET_KINDS = [
  'private_key',
  'gcp_service_account',
  'url_password',
  'slack_webhook',
  'jwt',
  'aws_access_key_id',
  'aws_secret_access_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'npm_token',
  'azure_connection_string',
  'vault_token',
  'bearer_token',
  'cookie',
  'kubernetes_secret',
  'url_token',
  'credential_assignment',
  'high_entropy_token',
] as const;

/** Personal data: addresses, account and card numbers, ids, phone numbers. */
export const PERSONAL_DATA_KINDS = [
  'email',
  'ipv6',
  'ipv4',
  'iban',
  'credit_card',
  'us_ssn',
  'national_id',
  'phone',
] as const;

/**
 * The kinds of sensitive data the {@link Redactor} masks, in the order in
 * which their detectors run. Specific detectors (known token formats) run
 * before generic ones (`credential_assignment`), so a value is reported under
 * the most precise kind.
 */
export const REDACTION_KINDS = [
  ...SECRET_KINDS,
  ...PERSONAL_DATA_KINDS,
] as const;

/** A kind of secret, see {@link SECRET_KINDS}. */
export type SecretKind = (typeof SECRET_KINDS)[number];

/** A kind of personal data, see {@link PERSONAL_DATA_KINDS}. */
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** One kind of sensitive data, see {@link REDACTION_KINDS}. */
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** What {@link Redactor.redact} returns. */
export interface RedactionResult {
  /** The input with every detected value replaced by `[REDACTED:<kind>]`. */
  text: string;
  /**
   * How many values of each kind were masked; kinds that were not found are
   * absent. Names of extra patterns appear alongside the built-in kinds.
   */
  counts: Partial<Record<RedactionKind | (string & {}), number>>;
}
