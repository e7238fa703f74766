import { InputError } from '@backstage/errors';
import {
  verifyHubSignature,
  TicketStateChange,
  WebhookDelivery,
} from '@postmortems/plugin-postmortem-node';

/**
 * Reads a Jira `jira:issue_updated` webhook delivery (an admin webhook with
 * a secret, which Jira signs as `X-Hub-Signature: sha256=<hex>`) into the
 * ticket state it reports. Only updates whose changelog touches the status
 * count, so editing a comment on a done issue does not re-close an item
 * someone reopened in the postmortem.
 */
export function parseIssueWebhook(
  delivery: WebhookDelivery,
  secret: string | undefined,
): TicketStateChange[] {
  verifyHubSignature(
    delivery,
    'X-Hub-Signature',
    secret,
    'postmortem.jira.webhookSecret',
  );
  const body = delivery.body as {
    webhookEvent?: unknown;
    issue?: {
      key?: unknown;
      fields?: { status?: { statusCategory?: { key?: unknown } } };
    };
    changelog?: { items?: Array<{ field?: unknown; fieldId?: unknown }> };
  };
  if (body?.webhookEvent !== 'jira:issue_updated') return [];
  const key = body.issue?.key;
  const category = body.issue?.fields?.status?.statusCategory?.key;
  if (
    typeof key !== 'string' ||
    !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(key) ||
    typeof category !== 'string'
  ) {
    throw new InputError(
      'A jira:issue_updated event needs issue.key (e.g. CHK-12) and issue.fields.status.statusCategory.key',
    );
  }
  const statusChanged = (body.changelog?.items ?? []).some(
    i => i?.fieldId === 'status' || i?.field === 'status',
  );
  if (!statusChanged) return [];
  return [{ externalId: key, state: category === 'done' ? 'closed' : 'open' }];
}
