import { LOG, SecretKind } from './secretKind';

/** Keys of payment, messaging and other SaaS APIs: Stripe, Slack, SendGrid, chat webhooks, AI providers, Shopify, PagerDuty. */
export const PAYMENT_AND_MESSAGING: SecretKind[] = [
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
    kind: 'pagerduty_routing_key',
    values: ['R0123456789ABCDEF0123456789ABCDE'],
    contexts: [
      'routing_key: $',
      '{"routing_key":"$","event_action":"trigger"}',
    ],
  },
  {
    kind: 'url_path_token',
    values: ['Hj7Pq2Zx9Lw4Bt6Nc1Vr8Ks3Dm5Fy0Gu2Ea7Io4Wq9Tz6Rb1Mx3Ln8Kp5Sd'],
    contexts: [
      'posting to https://discord.com/api/webhooks/1187654321098765432/$',
      'webhook: https://chat.example.com/hooks/$?format=json',
    ],
  },
];
