/**
 * The corpus of the "no secret stored" tests: secrets of many kinds, each
 * in several of the shapes they arrive in (log lines, headers, env files,
 * YAML, JSON, URLs), and harmless look-alikes that must come out unchanged.
 * Every value is fake: documentation keys, test cards, reserved numbers,
 * random strings of the right format.
 */

/** One secret in one context. */
export interface SecretSample {
  kind: string;
  /** The text as it is sent. */
  text: string;
  /** The raw value that must not be stored or shown. */
  secret: string;
}

interface SecretKind {
  kind: string;
  values: string[];
  /** Shapes the value arrives in; `$` is replaced by the value. */
  contexts: string[];
}

const LOG = 'ERROR upstream call failed with $ (retrying)';

const KINDS: SecretKind[] = [
  {
    kind: 'aws_access_key_id',
    values: ['AKIAQYLPMN5HHHFPZAM2', 'ASIAY34FZKBOKMUTVV7A'],
    contexts: ['AWS_ACCESS_KEY_ID=$', 'botocore: using key $ for s3', LOG],
  },
  {
    kind: 'aws_secret_access_key',
    values: ['Tq9vR2xW8mK4pL7nB3cZ6yH1jD5fG0sA2eU8iO4k'],
    contexts: [
      'aws_secret_access_key = $',
      'AWS_SECRET_ACCESS_KEY=$',
      '{"SecretAccessKey": "$"}',
    ],
  },
  {
    kind: 'github_classic_pat',
    values: [
      'ghp_R8x2Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2u',
      'ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
    ],
    contexts: [
      'git clone https://$@github.com/northwind/checkout.git',
      'GITHUB_TOKEN=$',
      LOG,
    ],
  },
  {
    kind: 'github_fine_grained_pat',
    values: [
      'github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01',
    ],
    contexts: ['token: $', 'used $ to push', LOG],
  },
  {
    kind: 'github_app_token',
    values: [
      'ghs_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0EdCbA9z8',
      'gho_Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9',
    ],
    contexts: [
      'Authorization: token $',
      'installation token $ expires 1h',
      LOG,
    ],
  },
  {
    kind: 'gitlab_pat',
    values: ['glpat-Xy7Kq2Lm9Np4Rs6Tv8Wz', 'glpat-aB3dE5gH7jK9mN1pQ3sT'],
    contexts: ['PRIVATE-TOKEN: $', 'gitlab token=$', LOG],
  },
  {
    kind: 'slack_bot_token',
    values: [
      'xoxb-2048123456-4096123456789-Ab3De5Gh7Jk9Mn1Pq3St5Vw7',
      'xoxp-1234567890-1234567890-1234567890123-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    ],
    contexts: ['SLACK_BOT_TOKEN=$', 'slack client init with $', LOG],
  },
  {
    kind: 'slack_webhook',
    values: [
      'https://hooks.slack.com/services/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',
    ],
    contexts: ['posting to $', 'webhook_url: $', '{"url":"$"}'],
  },
  {
    kind: 'stripe_secret_key',
    values: [
      'sk_live_51Hx2Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2uR8x',
      'rk_live_51Hx2Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2uQ7w',
    ],
    contexts: ['STRIPE_SECRET_KEY=$', 'stripe.api_key = "$"', LOG],
  },
  {
    kind: 'stripe_webhook_secret',
    values: ['whsec_Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2u'],
    contexts: ['endpoint secret $', 'STRIPE_WEBHOOK=$', LOG],
  },
  {
    kind: 'google_api_key',
    values: ['AIzau8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8'],
    contexts: [
      'https://maps.googleapis.com/maps/api/geocode/json?address=x&key=$',
      'GOOGLE_API_KEY=$',
      LOG,
    ],
  },
  {
    kind: 'gcp_service_account',
    values: ['8f2c1e7b4a6d4c8e9b0a1f2e3d4c5b6a7e8f9a0b'],
    contexts: ['{"type": "service_account", "private_key_id": "$"}'],
  },
  {
    kind: 'npm_token',
    values: ['npm_Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2uR8xQ'],
    contexts: ['//registry.npmjs.org/:_authToken=$', 'NPM_TOKEN=$', LOG],
  },
  {
    kind: 'azure_storage_key',
    values: [
      'Zq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6Tv8Wx0Yz2Ab4Cd6Ef8Gh0Ij2Kl4Mn6Op8Qr==',
    ],
    contexts: [
      'DefaultEndpointsProtocol=https;AccountName=pmlogs;AccountKey=$;EndpointSuffix=core.windows.net',
    ],
  },
  {
    kind: 'azure_sas',
    values: ['sv2Lm9Xp4Rt7Yk1Nb3Cd6Fg0Hj5Kl8M%3D'],
    contexts: [
      'https://pmlogs.blob.core.windows.net/exports/a.csv?sv=2022-11-02&sr=b&sig=$',
    ],
  },
  {
    kind: 'jwt',
    values: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInJvbGUiOiJhZG1pbiJ9.Xq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6',
    ],
    contexts: ['Authorization: Bearer $', 'id_token=$', LOG],
  },
  {
    kind: 'bearer_token',
    values: ['Zq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6', 'a9f8e7d6c5b4a3928170fedcba987654'],
    contexts: [
      'Authorization: Bearer $',
      'curl -H "Authorization: Bearer $" https://api.internal/v1',
      '{"headers": {"Authorization": "Bearer $"}}',
    ],
  },
  {
    kind: 'basic_auth_header',
    values: ['YWRtaW46UzNjcjN0LVBhc3M='],
    contexts: ['Authorization: Basic $', 'proxy-authorization: Basic $'],
  },
  {
    kind: 'url_password',
    values: ['S3cr3t-Pa55w0rd', 'h7Jk9Mn1Pq3St5'],
    contexts: [
      'postgres://pm_app:$@db.internal:5432/pm',
      'DATABASE_URL=mysql://root:$@10.0.4.12/orders',
      'redis://default:$@cache.internal:6379/0',
      'amqp://worker:$@rabbit.internal:5672/',
    ],
  },
  {
    kind: 'mongodb_srv_password',
    values: ['Mq7Lz2Xv9Rt4Wk1N'],
    contexts: ['mongodb+srv://orders:$@cluster0.abcde.mongodb.net/orders'],
  },
  {
    kind: 'env_password',
    values: ['Sup3r-S3cret!', 'correct-horse-battery-staple-42'],
    contexts: [
      'DB_PASSWORD=$',
      'export REDIS_PASSWORD="$"',
      'password: $',
      '{"password": "$"}',
      '[database]\npassword = $',
    ],
  },
  {
    kind: 'yaml_secret',
    values: ['Lm9Xp4Rt7Yk1Nb3C'],
    contexts: [
      'client_secret: $',
      'oauth:\n  clientSecret: "$"',
      "webhookSecret: '$'",
    ],
  },
  {
    kind: 'json_api_key',
    values: ['k7Jm2Nq9Rs4Tv6Wx8Yz0Ab'],
    contexts: ['{"api_key":"$"}', '{"x-api-key": "$"}', 'apiKey=$'],
  },
  {
    kind: 'env_app_key',
    values: [
      'base64:Zq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6=',
      'base64:dGhpcyBpcyBhIHZlcnkgc2VjcmV0IGtleSEhIQ==',
    ],
    contexts: ['APP_KEY=$', 'export APP_KEY="$"', 'ENCRYPTION_KEY=$'],
  },
  {
    kind: 'env_generic_key',
    values: ['3f9a7c2e1b8d4f6a0c5e9b7d2a4f8c1e', 'Dd8Kx2Lq9Zm4Tv7Wn1Kp6Bc'],
    contexts: ['DD_API_KEY=$', 'LICENSE_KEY=$', 'MAPBOX_KEY: $'],
  },
  {
    kind: 'session_cookie',
    values: ['s%3A8f3kd92jdk20dkslq0.Xq8Wv2Lm9Xp4', 'a8d7f6e5c4b3a2918'],
    contexts: [
      'Cookie: connect.sid=$; theme=dark',
      'Set-Cookie: JSESSIONID=$; Path=/; Secure; HttpOnly',
      'set-cookie: _session_id=$; path=/; samesite=lax',
      '{"headers":{"cookie":"sessionid=$"}}',
      'map[Cookie:[PHPSESSID=$] Accept:[*/*]]',
    ],
  },
  {
    kind: 'session_id',
    values: ['b7e4c1d9a2f8', 'Zq8Wv2Lm9Xp4Rt7'],
    contexts: ['session_id=$', 'sessionId: $', '{"sessionToken": "$"}'],
  },
  {
    kind: 'vault_token',
    values: [
      'hvs.CAESIJ2b7mQx9Zr4Lk1pTq8WvNc3Hd6Fg0Ys5Ue',
      's.7Hq2Lm9XpR4tZ8wK1vN3bC6d',
    ],
    contexts: [
      'map[Content-Type:[application/json] X-Vault-Token:[$]]',
      '{"X-Vault-Token": "$", "Accept": "*/*"}',
      'X-Vault-Token: $',
      'VAULT_TOKEN=$',
    ],
  },
  {
    kind: 'header_map_token',
    values: ['Xq8Wv2Lm9Xp4Rt7Yk1Nb'],
    contexts: [
      'map[X-Auth-Token:[$] User-Agent:[curl/8.5]]',
      "{'X-Api-Key': '$', 'Accept': 'application/json'}",
      'headers={"X-Consul-Token": ["$"]}',
    ],
  },
  {
    kind: 'kubernetes_secret',
    values: ['czNjcjN0LXBAc3N3MHJk', 'cGF5bWVudHMtYXBpLWtleS0yMDI0'],
    contexts: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments\ndata:\n  DB_PASS: $\n',
      'kind: Secret\ndata:\n  api.key: |\n    $\n',
      "kubectl get secret payments -o jsonpath='{.data.DB_PASS}'\n$\n",
      '{"apiVersion":"v1","data":{"DB_PASS":"$"},"kind":"Secret"}',
    ],
  },
  {
    kind: 'kubernetes_string_data',
    values: ['pl41n-t3xt-s3cret'],
    contexts: ['kind: Secret\nstringData:\n  DB_PASS: $\n'],
  },
  {
    kind: 'private_key',
    values: [
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
    ],
    contexts: [
      '-----BEGIN RSA PRIVATE KEY-----\n$\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----',
      'tls.key: |\n  -----BEGIN PRIVATE KEY-----\n  $\n  -----END PRIVATE KEY-----',
    ],
  },
  {
    kind: 'sendgrid_key',
    values: [
      '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',
    ],
    contexts: ['SENDGRID=$', 'mailer configured with $', LOG],
  },
  {
    kind: 'openai_key',
    values: [
      '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',
    ],
    contexts: ['OPENAI=$', 'llm client key $', LOG],
  },
  {
    kind: 'anthropic_key',
    values: [
      'sk-ant-api03-Xq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6Tv8Wx0Yz2Ab4Cd6Ef8Gh0Ij2Kl4Mn6Op8Qr0St2Uv4Wx6Yz8AbAA',
    ],
    contexts: ['ANTHROPIC=$', 'model key $', LOG],
  },
  {
    kind: 'shopify_token',
    values: ['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'],
    contexts: ['SHOPIFY=$', 'shop admin token $', LOG],
  },
  {
    kind: 'url_query_token',
    values: ['Zq8Wv2Lm9Xp4Rt7Yk1Nb3Cd6'],
    contexts: [
      'GET https://api.partner.example/v2/orders?access_token=$&page=2',
      'https://grafana.internal/d/abc?auth=$',
      'https://hooks.internal/trigger?token=$',
      'wss://stream.internal/feed?apikey=$',
    ],
  },
  {
    kind: 'url_userinfo_token',
    values: ['9f2c1e7b4a6d4c8e9b0a1f2e3d4c5b6a'],
    contexts: [
      'SENTRY_DSN=https://$@o450123.ingest.sentry.io/5501234',
      'git remote https://x-access-token:$@github.com/n/c.git',
    ],
  },
  {
    kind: 'pagerduty_routing_key',
    values: ['R0123456789ABCDEF0123456789ABCDE'],
    contexts: [
      'routing_key: $',
      '{"routing_key":"$","event_action":"trigger"}',
    ],
  },
  {
    kind: 'email',
    values: ['dana.whitfield@northwind.example', 'ops+oncall@example.org'],
    contexts: [
      'paged $ at 03:12',
      'reporter: $',
      '{"user": {"email": "$"}}',
      'mailto:$',
    ],
  },
  {
    kind: 'ipv4',
    values: ['203.0.113.42', '198.51.100.7'],
    contexts: [
      'client $ sent 4000 requests',
      'X-Forwarded-For: $, 10.0.0.1',
      'instance=$:9100',
    ],
  },
  {
    kind: 'ipv6',
    values: ['2001:db8:85a3::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a'],
    contexts: ['client [$]:443 reset', 'peer $ timed out'],
  },
  {
    kind: 'iban',
    values: ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000'],
    contexts: ['refund to $ failed', '{"iban":"$"}'],
  },
  {
    kind: 'credit_card',
    values: [
      '4111 1111 1111 1111',
      '5555555555554444',
      '3782-822463-10005',
      '6011000990139424',
    ],
    contexts: ['charge on card $ declined', '{"pan":"$"}'],
  },
  {
    kind: 'us_ssn',
    values: ['219-09-9999', '078-05-1121'],
    contexts: ['customer ssn $ in payload', 'ssn=$'],
  },
  {
    kind: 'url_path_token',
    values: ['Hj7Pq2Zx9Lw4Bt6Nc1Vr8Ks3Dm5Fy0Gu2Ea7Io4Wq9Tz6Rb1Mx3Ln8Kp5Sd'],
    contexts: [
      'posting to https://discord.com/api/webhooks/1187654321098765432/$',
      'webhook: https://chat.example.com/hooks/$?format=json',
    ],
  },
  {
    kind: 'national_id',
    values: ['QQ123456C', '12345678Z', '046 454 286', 'ABCPE1234F'],
    contexts: ['customer id document $ on file', '{"nationalId":"$"}'],
  },
  {
    kind: 'pgp_private_key',
    values: ['lQOYBGXyZ1sBCADq8Lm2Xp9Rt4Vw7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6Tv8Wx0'],
    contexts: [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n$\n=Xq8W\n-----END PGP PRIVATE KEY BLOCK-----',
    ],
  },
  {
    kind: 'prefixed_vendor_token',
    values: [
      'dop_v1_3f9a7c2e1b8d4f6a0c5e9b7d2a4f8c1e3f9a7c2e1b8d4f6a0c5e9b7d2a4f8c1e',
      'NRAK-7Q2X9L4M8R3T6W1V5Z0K2P9B4C7D3',
    ],
    contexts: ['provider token $ rejected', 'token configured: $'],
  },
  {
    kind: 'phone_international',
    values: ['+1 415 555 0132', '+44 20 7946 0958', '+4915112345678'],
    contexts: ['SMS to $ failed', '{"phone":"$"}'],
  },
  {
    kind: 'phone_national',
    values: [
      '(415) 555-0132',
      '415-555-0198',
      '020 7946 0958',
      '030 12345678',
      '06 12 34 56 78',
      '0044 20 7946 0958',
    ],
    contexts: [
      'escalated to on-call at $',
      'customer called from $ about refunds',
      'phone: $',
    ],
  },
  {
    kind: 'phone_labelled',
    values: ['4155550132', '07700900123'],
    contexts: ['phone: $', 'mobile=$', '{"tel":"$"}'],
  },
  {
    kind: 'database_connection_string',
    values: ['Pw9Xk2Lq7Zm4'],
    contexts: [
      'Server=sql.internal;Database=orders;User Id=app;Password=$;',
      'jdbc:postgresql://db.internal:5432/pm?user=app&password=$',
    ],
  },
  {
    kind: 'docker_auth',
    values: ['ZGVwbG95OlhxOFd2MkxtOVhwNFJ0N1lr'],
    contexts: [
      'kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: $\n',
    ],
  },
];

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

/**
 * Harmless text that looks like secrets or personal data: identifiers,
 * hashes, versions, dates, queries, prose about credentials. Redaction must
 * leave each of them unchanged.
 */
export const LOOK_ALIKES: string[] = [
  'deployed commit 3f786850e387550fdab836ed7e6dc881de23001b to production',
  'short sha 3f78685 reverted',
  'image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
  'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  'request_id=550e8400-e29b-41d4-a716-446655440000',
  'incident 1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d reopened',
  'md5 d41d8cd98f00b204e9800998ecf8427e matches',
  'integrity sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
  'etag "33a64df551425fcc55e4d42a148795d9f25f89d4"',
  '2026-11-20T10:04:00Z INFO checkout-api request completed status=200 duration=12.5ms',
  'window 2026-11-20 10:04 to 2026-11-20 10:41 UTC',
  'on 20/11/2026 at 10:04 the error rate rose',
  'dates 01-05-2024 and 2024.05.01 and 05/01/2024 10:00',
  'upgraded @backstage/backend-defaults from 0.18.2 to 0.19.0; node v24.11.1',
  'chart version 1.2.3-rc.4+build.5',
  'p99 latency 1234 ms, p50 87 ms, 5123 requests',
  'order ORD-2024-000123 shipped, invoice INV-555-1234',
  'ticket JIRA-4521 and PM-1042',
  'port 8080, 5432 and 6379 were open',
  'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
  'component:default/payments-service and group:default/checkout-team',
  'user:default/dana.whitfield approved revision 7',
  'git@github.com:northwind/checkout.git',
  'https://github.com/northwind/checkout/pull/4521',
  'https://grafana.example.com/d/abc123/checkout?orgId=1&from=now-6h&to=now',
  'https://backstage.example.com/postmortems/PM-42?tab=timeline',
  'https://docs.example.com/runbooks/payments#rollback',
  'loopback 127.0.0.1 and netmask 255.255.255.0 and 0.0.0.0',
  'ip 256.1.1.1 and 1.2.3',
  'card 4111 1111 1111 1112 failed Luhn',
  'iban GB82 WEST 1234 5698 7654 33 has a bad check digit',
  'ssn 666-12-3456 is invalid',
  'delta +1234567',
  '{"span_id":"4111111111111111"}',
  'std::io::Error and Foo::Bar',
  'token expired for the scheduled job',
  'password reset flow failed for 12% of users',
  'the session timed out after 30 minutes',
  'session: 42 minutes in, we rolled back',
  'Bearer authentication is required for the admin API',
  'cookie consent banner slowed the page',
  'set cookie policy to strict',
  'Cookie: none',
  'APP_KEY is missing from the environment',
  'rotate the APP_KEY and restart',
  'primary_key=id sort_key=created_at cache_key=user:42',
  'partition_key: tenant_id',
  'dedup_key=checkout-5xx-eu-west-1',
  'idempotency_key=postmortem-item-42',
  'secretName: payments-tls',
  'SECRET_NAME=payments-db',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: debug\n  REGION: eu-west-1\n',
  '{"data":{"status":"ok","count":3}}',
  'data:\n  replicas: 3\n  image: checkout:v42\n',
  'ConfigurationChanged',
  'DeploymentRolledBack',
  'kind: Deployment\nmetadata:\n  name: checkout',
  'password: <from vault>',
  'password=${DB_PASSWORD}',
  'api_key: null',
  'token: [REDACTED]',
  'PWD=/home/deploy/app',
  'tel: see the runbook',
  'phone home disabled',
  'mobile app 2.31.0 crashed on start',
  'cell 3 of 12 failed',
  'telemetry 2026-11-20 10:04:00 sent',
  'timeout 30000 ms after 3 retries',
  'version 10.2.1 of the driver',
  'throughput 1,234,567 rps',
  'price 12.50 EUR, 13.99 USD',
  'heap 1048576 bytes',
  'pod checkout-7d9f8b6c5-x2x9z restarted 14 times',
  'node ip-10-0-3-17.eu-west-1.compute.internal',
  'PromQL: rate(errors_total[5m]) / rate(requests_total[5m])',
  'SELECT id FROM orders WHERE status = $1 LIMIT 50',
  'grpc status UNAVAILABLE: connection reset',
  'HTTP/1.1 503 Service Unavailable',
  'Retry-After: 120',
  'Content-Type: application/json; charset=utf-8',
  'Cache-Control: no-store',
  'X-Request-Id: 550e8400-e29b-41d4-a716-446655440000',
  'uuid 123e4567-e89b-12d3-a456-426614174000',
  'AKIAIOSFODNN7EXAMPL is one character short',
  'ghp_ prefix is documented as a token prefix',
  'xoxb tokens are rotated monthly',
  'Basic auth was disabled',
  'sha1 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12',
  'build 20261120.4 of pipeline 77',
  'exit code 137 (OOMKilled)',
  'disk /dev/nvme0n1p1 95% full',
  '3 of 5 replicas ready (60%)',
  'checkout-service v42 rolled back to v41',
  'feature flag new-checkout-flow at 25%',
  'customer count 41552 (+3.2%)',
  '1.2.3.4.5 is not an address',
  'ratio 1:2:3',
  'S3 bucket arn:aws:s3:::northwind-exports',
  'arn:aws:iam::123456789012:role/checkout-deployer',
  'account 123456789012 in eu-west-1',
  'https://cdn.example.com/assets/app.3f786850e387550fdab836ed7e6dc881de23001b.js',
  'https://registry.npmjs.org/@backstage/core-components/-/core-components-0.17.5.tgz',
  'https://docs.example.com/how-to-rotate-the-database-credentials-safely-in-production',
  'https://github.com/northwind/checkout/commit/3f786850e387550fdab836ed7e6dc881de23001b',
  'https://sentry.example.com/organizations/northwind/issues/4521/events/5d41402abc4b2a76b9719d911017c592/',
  'ERROR_CODE_PAYMENT_PROVIDER_TIMEOUT_AFTER_3_RETRIES raised',
  'CheckoutServiceDeploymentFailedAlert2024Q4 fired',
];
