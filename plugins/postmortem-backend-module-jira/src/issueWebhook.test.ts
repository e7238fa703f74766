import { createHmac } from 'node:crypto';
import { parseIssueWebhook } from './issueWebhook';

const SECRET = 'jira-hook-secret';

/** A delivery as a Jira admin webhook with a secret sends it. */
const delivery = (body: object, secret = SECRET) => {
  const rawBody = Buffer.from(JSON.stringify(body));
  return {
    rawBody,
    body,
    headers: {
      'x-atlassian-webhook-identifier': '1234-abcd',
      'x-hub-signature': `sha256=${createHmac('sha256', secret)
        .update(rawBody)
        .digest('hex')}`,
    },
  };
};

// The fields of the documented jira:issue_updated payload that matter here.
const updated = (
  category: 'new' | 'indeterminate' | 'done',
  changed: string = 'status',
) => ({
  timestamp: 1764236400000,
  webhookEvent: 'jira:issue_updated',
  issue_event_type_name: 'issue_generic',
  issue: {
    id: '10001',
    key: 'CHK-12',
    fields: { status: { name: 'Whatever', statusCategory: { key: category } } },
  },
  changelog: {
    id: '10100',
    items: [{ field: changed, fieldtype: 'jira', fieldId: changed }],
  },
});

describe('Jira issue webhook', () => {
  it('reports status changes by status category', () => {
    expect(parseIssueWebhook(delivery(updated('done')), SECRET)).toEqual([
      { externalId: 'CHK-12', state: 'closed' },
    ]);
    expect(
      parseIssueWebhook(delivery(updated('indeterminate')), SECRET),
    ).toEqual([{ externalId: 'CHK-12', state: 'open' }]);
  });

  it('reports nothing for updates that leave the status alone and for other events', () => {
    expect(
      parseIssueWebhook(delivery(updated('done', 'description')), SECRET),
    ).toEqual([]);
    expect(
      parseIssueWebhook(
        delivery({ ...updated('done'), webhookEvent: 'comment_created' }),
        SECRET,
      ),
    ).toEqual([]);
  });

  it('refuses deliveries that are not signed with the secret', () => {
    expect(() =>
      parseIssueWebhook(delivery(updated('done'), 'guess'), SECRET),
    ).toThrow('Invalid X-Hub-Signature');
    expect(() =>
      parseIssueWebhook(delivery(updated('done')), undefined),
    ).toThrow('postmortem.jira.webhookSecret');
  });

  it('says what is missing from a malformed event', () => {
    expect(() =>
      parseIssueWebhook(
        delivery({ webhookEvent: 'jira:issue_updated', issue: {} }),
        SECRET,
      ),
    ).toThrow(/issue.key .* and issue.fields.status.statusCategory.key/);
  });
});
