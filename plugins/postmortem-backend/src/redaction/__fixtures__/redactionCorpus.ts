import { RedactionKind } from '../Redactor';

/** One corpus sample: a realistic line or snippet containing secrets. */
export interface RedactionCorpusSample {
  /** The kind the secrets in `text` must be reported as. */
  kind: RedactionKind;
  /** A log line, config snippet or JSON document. */
  text: string;
  /** The raw values; none of them may survive redaction. */
  secrets: string[];
  /** The exact counts expected; defaults to `{ [kind]: 1 }`. */
  counts?: Partial<Record<RedactionKind, number>>;
}

const FAKE_RSA_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

const FAKE_OPENSSH_BODY =
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';

/**
 * Fixture of the redactor tests: for every kind at least two realistic
 * samples (fake but well-formed values: AWS documentation keys, Luhn-valid
 * test card numbers, checksum-valid IBANs…) and clean lines that must come
 * out of the redactor unchanged.
 */
export const REDACTION_CORPUS: {
  samples: RedactionCorpusSample[];
  clean: string[];
} = {
  samples: [
    // private_key
    {
      kind: 'private_key',
      text: `deploy-bot: loaded key from secret\n${FAKE_RSA_KEY}\nnext step: ssh-add`,
      secrets: [
        'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
      ],
    },
    {
      kind: 'private_key',
      text: `{"name":"bastion","sshKey":"-----BEGIN OPENSSH PRIVATE KEY-----\\n${FAKE_OPENSSH_BODY}\\n-----END OPENSSH PRIVATE KEY-----\\n","port":22}`,
      secrets: [FAKE_OPENSSH_BODY],
    },
    {
      kind: 'private_key',
      text: `config diff:\n+  tls.key: |\n+    -----BEGIN EC PRIVATE KEY-----\n+    MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oYQ1pvTUvF9aoAoGCCqGSM49`,
      secrets: [
        'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oYQ1pvTUvF9aoAoGCCqGSM49',
      ],
    },
    // gcp_service_account
    {
      kind: 'gcp_service_account',
      text:
        '{"type": "service_account", "project_id": "pm-prod", ' +
        '"private_key_id": "2f1e6c5b8a7d4e3f9a0b1c2d3e4f5a6b7c8d9e0f", ' +
        '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n", ' +
        '"client_email": "pm-collector@pm-prod.iam.gserviceaccount.com"}',
      secrets: [
        '2f1e6c5b8a7d4e3f9a0b1c2d3e4f5a6b7c8d9e0f',
        'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
        'pm-collector@pm-prod.iam.gserviceaccount.com',
      ],
      counts: { gcp_service_account: 1, private_key: 1, email: 1 },
    },
    {
      kind: 'gcp_service_account',
      text: 'INFO google-auth: using credentials file, private_key_id=9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3 project=pm-prod',
      secrets: ['9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3'],
    },
    // url_password
    {
      kind: 'url_password',
      text: 'DATABASE_URL=postgres://pm_app:s3cr3t-P4ss@db.internal.example.com:5432/postmortems?sslmode=require',
      secrets: ['s3cr3t-P4ss'],
    },
    {
      kind: 'url_password',
      text: '2026-11-20T10:04:00Z ERROR cache: dial redis://:Hunter2Cache@cache.payments.svc.cluster.local:6379/0 failed: i/o timeout',
      secrets: ['Hunter2Cache'],
    },
    {
      kind: 'url_password',
      text: 'git clone https://ci-bot:p@ssw0rd!@git.example.com/acme/payments.git',
      secrets: ['p@ssw0rd!'],
    },
    // slack_webhook
    {
      kind: 'slack_webhook',
      text: 'notifier: posting to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX returned 404',
      secrets: ['T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    },
    {
      kind: 'slack_webhook',
      text: '{"alertmanager":{"slack_api_url":"https://hooks.slack.com/workflows/T0123ABCD/A0456EFGH/489012345678901234/Zx9Yw8Vu7Ts6Rq5P"}}',
      secrets: ['T0123ABCD/A0456EFGH/489012345678901234/Zx9Yw8Vu7Ts6Rq5P'],
    },
    // jwt
    {
      kind: 'jwt',
      text: 'set-cookie: session=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c; Path=/; HttpOnly',
      secrets: [
        'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
      ],
    },
    {
      kind: 'jwt',
      text: '{"level":"debug","msg":"token refreshed","id_jwt":"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLW5vdC1yZWFs"}',
      secrets: [
        'eyJpc3MiOiJodHRwczovL2lkcC5leGFtcGxlLmNvbSJ9',
        'c2lnbmF0dXJlLW5vdC1yZWFs',
      ],
    },
    // aws_access_key_id
    {
      kind: 'aws_access_key_id',
      text: 'botocore.credentials: Found credentials in environment variables. AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      secrets: ['AKIAIOSFODNN7EXAMPLE'],
    },
    {
      kind: 'aws_access_key_id',
      text: 'GET /bucket/report.csv?X-Amz-Credential=ASIAY34FZKBOKMUTVV7A%2F20261120%2Feu-west-1%2Fs3%2Faws4_request HTTP/1.1',
      secrets: ['ASIAY34FZKBOKMUTVV7A'],
    },
    // aws_secret_access_key
    {
      kind: 'aws_secret_access_key',
      text: '[default]\naws_access_key_id_ref = vault:aws/ci\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    },
    {
      kind: 'aws_secret_access_key',
      text: '{"Credentials": {"SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "Expiration": "2026-11-20T11:04:00Z"}}',
      secrets: ['je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'],
    },
    // github_token
    {
      kind: 'github_token',
      text: 'export GITHUB_TOKEN=ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz',
      secrets: ['ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz'],
    },
    {
      kind: 'github_token',
      text: 'curl -H "Authorization: token gho_16C7e42F292c6912E7710c838347Ae178B4a" https://api.github.com/user',
      secrets: ['gho_16C7e42F292c6912E7710c838347Ae178B4a'],
    },
    {
      kind: 'github_token',
      text: 'integrations.github[0].token: github_pat_11ABCDEFG0123456789abcd_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW',
      secrets: [
        'github_pat_11ABCDEFG0123456789abcd_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW',
      ],
    },
    // gitlab_token
    {
      kind: 'gitlab_token',
      text: 'PRIVATE-TOKEN: glpat-Ab3dE6gH9jK2mN5pQ8sT',
      secrets: ['glpat-Ab3dE6gH9jK2mN5pQ8sT'],
    },
    {
      kind: 'gitlab_token',
      text: 'git push origin main -o ci.variable="DEPLOY=glpat-x9Y8w7V6u5T4s3R2q1P0oN"',
      secrets: ['glpat-x9Y8w7V6u5T4s3R2q1P0oN'],
    },
    // slack_token
    {
      kind: 'slack_token',
      text: 'slack: chat.postMessage failed (invalid_auth) with xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
      secrets: ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    },
    {
      kind: 'slack_token',
      text: '{"slack":{"userToken":"xoxp-2398754123-2398754124-4829371948-0a1b2c3d4e5f60718293a4b5c6d7e8f9"}}',
      secrets: [
        'xoxp-2398754123-2398754124-4829371948-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      ],
    },
    // stripe_key
    {
      kind: 'stripe_key',
      text: 'StripeAuthenticationError: Invalid API Key provided: sk_test_4eC39HqLyjWDarjtT1zdp7dc',
      secrets: ['sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
    },
    {
      kind: 'stripe_key',
      text: 'payments:\n  stripe:\n    restrictedKey: rk_live_51H8xYzEXAMPLEabcdefGHIJ0123456789',
      secrets: ['rk_live_51H8xYzEXAMPLEabcdefGHIJ0123456789'],
    },
    // google_api_key
    {
      kind: 'google_api_key',
      text: 'GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe 403',
      secrets: ['AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'],
    },
    {
      kind: 'google_api_key',
      text: '{"firebase": {"apiKey": "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "projectId": "pm-prod"}}',
      secrets: ['AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
    },
    // npm_token
    {
      kind: 'npm_token',
      text: '//registry.npmjs.org/:_authToken=npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      secrets: ['npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'],
    },
    {
      kind: 'npm_token',
      text: 'npm ERR! 401 Unauthorized - token npm_0123456789zyxwvutsrqponmlkjihgfedcba was revoked',
      secrets: ['npm_0123456789zyxwvutsrqponmlkjihgfedcba'],
    },
    // azure_connection_string
    {
      kind: 'azure_connection_string',
      text: 'AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=pmstore;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net',
      secrets: [
        'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
      ],
    },
    {
      kind: 'azure_connection_string',
      text: 'servicebus: Endpoint=sb://pm-events.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=3kq0Zx1VbL2mP9nR7tY5uW8sA4dF6gH1jK3lQ0eC2vB=',
      secrets: ['3kq0Zx1VbL2mP9nR7tY5uW8sA4dF6gH1jK3lQ0eC2vB='],
    },
    {
      kind: 'azure_connection_string',
      text: 'download https://pmstore.blob.core.windows.net/exports/incident.json?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&spr=https&sig=dGhpcyUyQmlzJTJGbm90JTNEcmVhbA%3D%3D failed',
      secrets: ['dGhpcyUyQmlzJTJGbm90JTNEcmVhbA%3D%3D'],
    },
    // bearer_token
    {
      kind: 'bearer_token',
      text: 'GET /api/postmortem/incidents HTTP/1.1\nAuthorization: Bearer mF_9.B5f-4.1JqM\nAccept: application/json',
      secrets: ['mF_9.B5f-4.1JqM'],
    },
    {
      kind: 'bearer_token',
      text: "curl -sS -H 'Authorization: Basic dXNlcjpwYXNzd29yZA==' https://grafana.example.com/api/health",
      secrets: ['dXNlcjpwYXNzd29yZA=='],
    },
    {
      kind: 'bearer_token',
      text: '{"headers":{"authorization":"bearer 7f9c2ba4e88f827d616045507605853ed73b8093"}}',
      secrets: ['7f9c2ba4e88f827d616045507605853ed73b8093'],
    },
    // credential_assignment
    {
      kind: 'credential_assignment',
      text: 'env: NODE_ENV=production DB_PASSWORD=Sup3rS3cret! LOG_LEVEL=info',
      secrets: ['Sup3rS3cret!'],
    },
    {
      kind: 'credential_assignment',
      text: '{"pagerduty": {"routing_key": "R0UT1NGK3Y0123456789abcdefABCDEF", "severity": "critical"}}',
      secrets: ['R0UT1NGK3Y0123456789abcdefABCDEF'],
    },
    {
      kind: 'credential_assignment',
      text: 'POST https://api.pagerduty.com/incidents Authorization: Token token=y_NbAkKc66ryYTWUXYEu',
      secrets: ['y_NbAkKc66ryYTWUXYEu'],
    },
    {
      kind: 'credential_assignment',
      text: 'database:\n  host: db.internal.example.com\n  user: postmortem\n  password: hunter2\n',
      secrets: ['hunter2'],
    },
    {
      kind: 'credential_assignment',
      text: 'level=error msg="upstream rejected request" body="{\\"api_key\\":\\"c2VjcmV0LWFwaS1rZXk\\",\\"limit\\":10}"',
      secrets: ['c2VjcmV0LWFwaS1rZXk'],
    },
    {
      kind: 'credential_assignment',
      text: "settings = {'client_secret': 'Q2xpZW50U2VjcmV0VmFsdWU', 'timeout': 30}",
      secrets: ['Q2xpZW50U2VjcmV0VmFsdWU'],
    },
    {
      kind: 'credential_assignment',
      text: 'callback https://app.example.com/oauth/callback?code=ok&access_token=8xLOxBtZp8&state=xyz',
      secrets: ['8xLOxBtZp8'],
    },
    // email
    {
      kind: 'email',
      text: 'paged on-call engineer alice.smith@example.com at 2026-11-20T10:05:12Z',
      secrets: ['alice.smith@example.com'],
    },
    {
      kind: 'email',
      text: '{"assignee": "bob+pager@corp.example.org", "acknowledged": true}',
      secrets: ['bob+pager@corp.example.org'],
    },
    // ipv6
    {
      kind: 'ipv6',
      text: 'nginx: 2001:db8:85a3::8a2e:370:7334 - - [20/Nov/2026:10:04:00 +0000] "GET /healthz HTTP/1.1" 200',
      secrets: ['2001:db8:85a3::8a2e:370:7334'],
    },
    {
      kind: 'ipv6',
      text: 'connect to [2001:db8:0:1:0:0:0:42]:443 failed; fallback fe80::1ff:fe23:4567:890a%eth0',
      secrets: ['2001:db8:0:1:0:0:0:42', 'fe80::1ff:fe23:4567:890a'],
      counts: { ipv6: 2 },
    },
    // ipv4
    {
      kind: 'ipv4',
      text: '2026-11-20T10:04:00Z WARN upstream 10.12.4.7:8080 timed out after 30s',
      secrets: ['10.12.4.7'],
    },
    {
      kind: 'ipv4',
      text: 'X-Forwarded-For: 198.51.100.23, 192.0.2.1',
      secrets: ['198.51.100.23', '192.0.2.1'],
      counts: { ipv4: 2 },
    },
    // iban
    {
      kind: 'iban',
      text: 'refund to IBAN GB82 WEST 1234 5698 7654 32 queued',
      secrets: ['GB82 WEST 1234 5698 7654 32'],
    },
    {
      kind: 'iban',
      text: '{"payout": {"iban": "DE89370400440532013000", "currency": "EUR"}}',
      secrets: ['DE89370400440532013000'],
    },
    {
      kind: 'iban',
      text: 'SEPA mandate debtor account FR14 2004 1010 0505 0001 3M02 606',
      secrets: ['FR14 2004 1010 0505 0001 3M02 606'],
    },
    // credit_card
    {
      kind: 'credit_card',
      text: 'checkout failed for card 4111 1111 1111 1111 exp 12/28: do_not_honor',
      secrets: ['4111 1111 1111 1111'],
    },
    {
      kind: 'credit_card',
      text: '{"payment_method": {"number": "5555-5555-5555-4444", "brand": "mastercard"}}',
      secrets: ['5555-5555-5555-4444'],
    },
    {
      kind: 'credit_card',
      text: 'fraud check card=378282246310005 amount=42.00 result=declined',
      secrets: ['378282246310005'],
    },
    // us_ssn
    {
      kind: 'us_ssn',
      text: 'KYC mismatch for applicant ssn=078-05-1120',
      secrets: ['078-05-1120'],
    },
    {
      kind: 'us_ssn',
      text: '{"taxId": "219-09-9999", "country": "US"}',
      secrets: ['219-09-9999'],
    },
    // national_id
    {
      kind: 'national_id',
      text: 'payroll export row: name=R. Singh, NINO QQ 12 34 56 C, dept=ops',
      secrets: ['QQ 12 34 56 C'],
    },
    {
      kind: 'national_id',
      text: 'KYC failed for DNI 12345678Z and SIN 046 454 286',
      secrets: ['12345678Z', '046 454 286'],
      counts: { national_id: 2 },
    },
    // phone
    {
      kind: 'phone',
      text: 'SMS to +1 415 555 0132 failed: carrier rejected',
      secrets: ['+1 415 555 0132'],
    },
    {
      kind: 'phone',
      text: '{"escalation": {"name": "EMEA duty phone", "number": "+44 20 7946 0958"}}',
      secrets: ['+44 20 7946 0958'],
    },
    {
      kind: 'phone',
      text: 'twilio: call to +14155550123 completed, duration 42s',
      secrets: ['+14155550123'],
    },
    {
      kind: 'phone',
      text: 'on-call rota: Dana (415) 555-0132, backup 030 12345678',
      secrets: ['(415) 555-0132', '030 12345678'],
      counts: { phone: 2 },
    },
    // vault_token
    {
      kind: 'vault_token',
      text: 'request headers: map[Content-Type:[application/json] X-Vault-Request:[true]] token hvs.CAESIJ2b7mQx9Zr4Lk1pTq8WvNc3Hd6Fg0Ys5Ue',
      secrets: ['hvs.CAESIJ2b7mQx9Zr4Lk1pTq8WvNc3Hd6Fg0Ys5Ue'],
    },
    {
      kind: 'vault_token',
      text: 'vault login succeeded, lease s.7Hq2Lm9XpR4tZ8wK1vN3bC6d renewable',
      secrets: ['s.7Hq2Lm9XpR4tZ8wK1vN3bC6d'],
    },
    // cookie
    {
      kind: 'cookie',
      text: 'Set-Cookie: sessionid=8f3kd92jdk20dkslq0; Path=/; HttpOnly; Secure',
      secrets: ['8f3kd92jdk20dkslq0'],
    },
    {
      kind: 'cookie',
      text: '> GET /checkout HTTP/1.1\n> Cookie: _ga=GA1.2.1175.1700; connect.sid=s%3AxK29dLq.Vb7',
      secrets: ['GA1.2.1175.1700', 's%3AxK29dLq.Vb7'],
    },
    // kubernetes_secret
    {
      kind: 'kubernetes_secret',
      text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments-db\ndata:\n  DB_USER: cGF5bWVudHM=\n  DB_URL: cG9zdGdyZXM6Ly9kYi5pbnRlcm5hbDo1NDMyL3BheQ==\ntype: Opaque',
      secrets: ['cGF5bWVudHM=', 'cG9zdGdyZXM6Ly9kYi5pbnRlcm5hbDo1NDMyL3BheQ=='],
    },
    {
      kind: 'kubernetes_secret',
      text: "$ kubectl get secret payments-db -o jsonpath='{.data.DB_PASS}'\nczNjcjN0LXBAc3N3MHJk\n$ echo done",
      secrets: ['czNjcjN0LXBAc3N3MHJk'],
    },
    // high_entropy_token
    {
      kind: 'high_entropy_token',
      text: 'partner API answered 401 for key pk9Xq2Lm7Zt4Wv8Rn3Bc6Yh1Jd5Fg0Sa2Eu',
      secrets: ['pk9Xq2Lm7Zt4Wv8Rn3Bc6Yh1Jd5Fg0Sa2Eu'],
    },
    {
      kind: 'high_entropy_token',
      text: '{"client": "billing", "credential": "dop_v1_Q7wE2rT9yU4iO1pA8sD3fG6hJ0kL5zX"}',
      secrets: ['dop_v1_Q7wE2rT9yU4iO1pA8sD3fG6hJ0kL5zX'],
    },
    // url_token
    {
      kind: 'url_token',
      text: 'SENTRY_DSN=https://9f2c1e7b4a6d4c8e9b0a1f2e3d4c5b6a@o450123.ingest.sentry.io/5501234',
      secrets: ['9f2c1e7b4a6d4c8e9b0a1f2e3d4c5b6a'],
    },
    {
      kind: 'url_token',
      text: 'callback https://sso.example.org/cb?state=ok&code=4/0AfJohXk2Lq9ZrT8',
      secrets: ['4/0AfJohXk2Lq9ZrT8'],
    },
  ],
  clean: [
    '2026-11-20T10:04:00Z INFO checkout-api request completed status=200 duration=12.5ms',
    'trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 request_id=550e8400-e29b-41d4-a716-446655440000',
    'deployed commit 3f786850e387550fdab836ed7e6dc881de23001b (short 3f78685) to production',
    'upgraded @backstage/backend-defaults from 0.18.2 to 0.19.0; node v24.11.1; chart 1.2.3',
    'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{job="checkout"}[5m])) > 0.05',
    'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="payments",le="0.25"}[1m])))',
    'http_requests_total{method="POST",handler="/api/orders",status="500"} 1027 1763633040000',
    'kube_pod_container_status_restarts_total{namespace="payments",pod="api-0"} 14',
    'Warning  BackOff  2m (x14 over 9m)  kubelet  Back-off restarting failed container checkout in pod checkout-7d9f8b6c5-x2x9z_default(1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d)',
    'Normal  Scheduled  default-scheduler  Successfully assigned default/payments-5f6d8c9b7-abcde to ip-10-0-3-17.eu-west-1.compute.internal',
    '    at Object.handler (/app/packages/backend/dist/index.cjs.js:1042:17)',
    '    at async Promise.all (index 0)',
    "TypeError: Cannot read properties of undefined (reading 'token')",
    'Error: connect ECONNREFUSED 127.0.0.1:5432',
    'server listening on 0.0.0.0:7007 (pid 4242)',
    'p99 latency 1.25s over 5m window; timeout after 30s; retry in 250ms; uptime 3d4h12m',
    'config diff: replicas 3 -> 5, maxSurge 25%, image checkout:1.14.2 -> checkout:1.15.0',
    'image: registry.example.com/payments/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'ERROR ConnectionPool timeout after 30000 ms; active=50 idle=0 waiting=12; port 5432',
    'metric cpu_usage_seconds_total=18234.56 memory_working_set_bytes=536870912 ratio=0.9375',
    'the password rotation job finished; token expiry is 3600 seconds',
    'auth failed: token: expired at 10:04',
    'Windows build 10.0.19041.1 and OID 1.3.6.1.4.1.311 are not addresses',
    'git remote: git@github.com:acme/payments.git',
    "SELECT id, title FROM incidents WHERE severity = 'SEV1' AND started_at > '2026-11-20 10:04:00+00'",
    'MAC 00:1a:2b:3c:4d:5e on eth0; C++ frame std::vector<int>::at',
    '{"level":"warn","ts":1763633040.123,"msg":"slow query","duration_ms":1532,"rows":20480,"service":"incidents"}',
    'goroutine 42 [running]: main.handler(0xc000123456, 0x1f)',
    'secretName: payments-tls; kind: Secret; apiVersion: v1',
    'epoch 1763633040 (1763633040000 ms, 1763633040000000000 ns)',
    'release 2026.11.20; semver 10.20.30-rc.1+build.5',
    'RFC 3339 2026-11-20T10:04:00.123456+05:30 and ISO week 2026-W47',
    'PWD=/home/runner/work/payments OLDPWD=/home/runner',
    'password: ${DB_PASSWORD}  # from the environment',
    'Bearer authentication is required for /api/postmortem',
  ],
};
