import { LOG, SecretKind } from './secretKind';

/** Credentials recognised by where they sit rather than by a vendor prefix: headers, URLs, env files, YAML, JSON, cookies, connection strings, key blocks. */
export const GENERIC_AND_STRUCTURED: SecretKind[] = [
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
    kind: 'header_map_token',
    values: ['Xq8Wv2Lm9Xp4Rt7Yk1Nb'],
    contexts: [
      'map[X-Auth-Token:[$] User-Agent:[curl/8.5]]',
      "{'X-Api-Key': '$', 'Accept': 'application/json'}",
      'headers={"X-Consul-Token": ["$"]}',
    ],
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
    kind: 'pgp_private_key',
    values: ['lQOYBGXyZ1sBCADq8Lm2Xp9Rt4Vw7Yk1Nb3Cd6Fg0Hj5Kl8Mn2Pq4Rs6Tv8Wx0'],
    contexts: [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n$\n=Xq8W\n-----END PGP PRIVATE KEY BLOCK-----',
    ],
  },
  {
    kind: 'database_connection_string',
    values: ['Pw9Xk2Lq7Zm4'],
    contexts: [
      'Server=sql.internal;Database=orders;User Id=app;Password=$;',
      'jdbc:postgresql://db.internal:5432/pm?user=app&password=$',
    ],
  },
];
