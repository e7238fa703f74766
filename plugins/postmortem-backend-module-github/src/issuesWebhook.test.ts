import { createHmac } from 'node:crypto';
import { parseIssuesWebhook } from './issuesWebhook';

const SECRET = 'gh-hook-secret';

/** A delivery as GitHub sends it: JSON body, event name, HMAC of the bytes. */
const delivery = (event: string, body: object, secret = SECRET) => {
  const rawBody = Buffer.from(JSON.stringify(body));
  return {
    rawBody,
    body,
    headers: {
      'x-github-event': event,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret)
        .update(rawBody)
        .digest('hex')}`,
    },
  };
};

// The fields of the documented `issues` payload that matter here.
const issues = (action: string, state: 'open' | 'closed') => ({
  action,
  issue: {
    number: 7,
    state,
    state_reason: state === 'closed' ? 'completed' : null,
    html_url: 'https://github.com/northwind/checkout/issues/7',
  },
  repository: { full_name: 'northwind/checkout' },
  sender: { login: 'ada' },
});

describe('GitHub issues webhook', () => {
  it('reports closed and reopened issues as ticket states', () => {
    expect(
      parseIssuesWebhook(
        delivery('issues', issues('closed', 'closed')),
        SECRET,
      ),
    ).toEqual([{ externalId: 'northwind/checkout#7', state: 'closed' }]);
    expect(
      parseIssuesWebhook(
        delivery('issues', issues('reopened', 'open')),
        SECRET,
      ),
    ).toEqual([{ externalId: 'northwind/checkout#7', state: 'open' }]);
  });

  it('reports nothing for pings, other events and other actions', () => {
    expect(
      parseIssuesWebhook(delivery('ping', { zen: 'Keep it simple.' }), SECRET),
    ).toEqual([]);
    expect(
      parseIssuesWebhook(
        delivery('issue_comment', issues('created', 'closed')),
        SECRET,
      ),
    ).toEqual([]);
    expect(
      parseIssuesWebhook(delivery('issues', issues('labeled', 'open')), SECRET),
    ).toEqual([]);
  });

  it('refuses deliveries that are not signed with the secret', () => {
    const wrong = delivery('issues', issues('closed', 'closed'), 'guess');
    expect(() => parseIssuesWebhook(wrong, SECRET)).toThrow(
      'Invalid X-Hub-Signature-256',
    );
    const unsigned = delivery('issues', issues('closed', 'closed'));
    delete (unsigned.headers as Record<string, string>)['x-hub-signature-256'];
    expect(() => parseIssuesWebhook(unsigned, SECRET)).toThrow(
      'Missing X-Hub-Signature-256 header',
    );
    expect(() =>
      parseIssuesWebhook(
        delivery('issues', issues('closed', 'closed')),
        undefined,
      ),
    ).toThrow('postmortem.github.webhookSecret');
  });

  it('says what is missing from a malformed issues event', () => {
    expect(() =>
      parseIssuesWebhook(delivery('issues', { action: 'closed' }), SECRET),
    ).toThrow(/issue.number, issue.state .* repository.full_name/);
  });
});
