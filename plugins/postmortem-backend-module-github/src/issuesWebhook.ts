import { InputError } from '@backstage/errors';
import {
  verifyHubSignature,
  TicketStateChange,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';

/**
 * Reads a GitHub `issues` webhook delivery (repository or organization
 * webhook, content type application/json, signed with a secret) into the
 * ticket state it reports. `ping` and other events report nothing.
 */
export function parseIssuesWebhook(
  delivery: WebhookDelivery,
  secret: string | undefined,
): TicketStateChange[] {
  verifyHubSignature(
    delivery,
    'X-Hub-Signature-256',
    secret,
    'postmortem.github.webhookSecret',
  );
  if (delivery.headers['x-github-event'] !== 'issues') return [];

  const body = delivery.body as {
    action?: unknown;
    issue?: { number?: unknown; state?: unknown; pull_request?: unknown };
    repository?: { full_name?: unknown };
  };
  const number = body?.issue?.number;
  const repository = body?.repository?.full_name;
  const state = body?.issue?.state;
  if (
    !Number.isInteger(number) ||
    typeof repository !== 'string' ||
    !/^[\w.-]+\/[\w.-]+$/.test(repository) ||
    (state !== 'open' && state !== 'closed')
  ) {
    throw new InputError(
      'An issues event needs issue.number, issue.state (open or closed) and repository.full_name (<owner>/<repo>)',
    );
  }
  // Only opening and closing change what the postmortem shows.
  if (!['closed', 'reopened'].includes(String(body.action))) return [];
  return [{ externalId: `${repository}#${number}`, state }];
}
