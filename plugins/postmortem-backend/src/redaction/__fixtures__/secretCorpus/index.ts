/**
 * The corpus of the "no secret stored" tests: secrets of many kinds, each
 * in several of the shapes they arrive in (log lines, headers, env files,
 * YAML, JSON, URLs), and harmless look-alikes that must come out unchanged.
 * Every value is fake: documentation keys, test cards, reserved numbers,
 * random strings of the right format.
 */
import { CLOUD_AND_INFRASTRUCTURE } from './cloudAndInfrastructure';
import { GENERIC_AND_STRUCTURED } from './genericAndStructured';
import { PAYMENT_AND_MESSAGING } from './paymentAndMessaging';
import { PERSONAL_DATA } from './personalData';
import { SecretKind, SecretSample } from './secretKind';
import { VCS_AND_CI_TOKENS } from './vcsAndCiTokens';

export type { SecretSample } from './secretKind';
export { LOOK_ALIKES } from './lookAlikes';

/**
 * The order of the kinds in {@link SECRET_SAMPLES}. The tests pack the
 * samples into texts in this order, so it decides which secret goes through
 * which field: keep it when adding a kind (add the new one at the end).
 */
const ORDER = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'github_classic_pat',
  'github_fine_grained_pat',
  'github_app_token',
  'gitlab_pat',
  'slack_bot_token',
  'slack_webhook',
  'stripe_secret_key',
  'stripe_webhook_secret',
  'google_api_key',
  'gcp_service_account',
  'npm_token',
  'azure_storage_key',
  'azure_sas',
  'jwt',
  'bearer_token',
  'basic_auth_header',
  'url_password',
  'mongodb_srv_password',
  'env_password',
  'yaml_secret',
  'json_api_key',
  'env_app_key',
  'env_generic_key',
  'session_cookie',
  'session_id',
  'vault_token',
  'header_map_token',
  'kubernetes_secret',
  'kubernetes_string_data',
  'private_key',
  'sendgrid_key',
  'openai_key',
  'anthropic_key',
  'shopify_token',
  'url_query_token',
  'url_userinfo_token',
  'pagerduty_routing_key',
  'email',
  'ipv4',
  'ipv6',
  'iban',
  'credit_card',
  'us_ssn',
  'url_path_token',
  'national_id',
  'pgp_private_key',
  'prefixed_vendor_token',
  'phone_international',
  'phone_national',
  'phone_labelled',
  'database_connection_string',
  'docker_auth',
];

const byKind = new Map<string, SecretKind>(
  [
    ...CLOUD_AND_INFRASTRUCTURE,
    ...VCS_AND_CI_TOKENS,
    ...PAYMENT_AND_MESSAGING,
    ...GENERIC_AND_STRUCTURED,
    ...PERSONAL_DATA,
  ].map(k => [k.kind, k]),
);
if (byKind.size !== ORDER.length || ORDER.some(kind => !byKind.has(kind))) {
  throw new Error('secretCorpus: every kind must be listed once in ORDER');
}
const KINDS: SecretKind[] = ORDER.map(kind => byKind.get(kind)!);

/** Every secret of the corpus, in every context. */
export const SECRET_SAMPLES: SecretSample[] = KINDS.flatMap(k =>
  k.values.flatMap(value =>
    k.contexts.flatMap(context => {
      const text = context.split('$').join(value);
      const sample = { kind: k.kind, text, secret: value };
      // Single lines also arrive inside a collected log line.
      return text.includes('\n')
        ? [sample]
        : [
            sample,
            {
              ...sample,
              text: `2026-11-20T10:04:05Z checkout[web.1]: ${text}`,
            },
          ];
    }),
  ),
);

/** The number of kinds in {@link SECRET_SAMPLES}. */
export const SECRET_KIND_COUNT = KINDS.length;
