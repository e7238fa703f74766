import { LOG, SecretKind } from './secretKind';

/** Keys of cloud providers and of the infrastructure around them: AWS, Google Cloud, Azure, Vault, Kubernetes secrets, registry credentials. */
export const CLOUD_AND_INFRASTRUCTURE: SecretKind[] = [
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
    kind: 'docker_auth',
    values: ['ZGVwbG95OlhxOFd2MkxtOVhwNFJ0N1lr'],
    contexts: [
      'kind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: $\n',
    ],
  },
];
