import { LOG, SecretKind } from './secretKind';

/** Tokens of code hosting, package registries and deployment tooling: GitHub, GitLab, npm, vendor-prefixed provider tokens. */
export const VCS_AND_CI_TOKENS: SecretKind[] = [
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
    kind: 'npm_token',
    values: ['npm_Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2uR8xQ'],
    contexts: ['//registry.npmjs.org/:_authToken=$', 'NPM_TOKEN=$', LOG],
  },
  {
    kind: 'prefixed_vendor_token',
    values: [
      'dop_v1_3f9a7c2e1b8d4f6a0c5e9b7d2a4f8c1e3f9a7c2e1b8d4f6a0c5e9b7d2a4f8c1e',
      'NRAK-7Q2X9L4M8R3T6W1V5Z0K2P9B4C7D3',
    ],
    contexts: ['provider token $ rejected', 'token configured: $'],
  },
];
