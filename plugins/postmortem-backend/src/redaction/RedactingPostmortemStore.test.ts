import type { PostmortemStore } from '../database/PostmortemStore';
import { RedactingPostmortemStore } from './RedactingPostmortemStore';
import { Redactor } from './Redactor';

const SECRET = 'ghp_R8x2Lq9ZmT4vW7nK1pB6cY3hJ5dF0sG8aE2u';
const MAIL = 'dana.whitfield@northwind.example';

/** A store that records what reaches it. */
function recordingStore() {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const store = new Proxy(
    {},
    {
      get: (_target, method) =>
        method === 'then'
          ? undefined
          : async (...args: unknown[]) => {
              calls.push({ method: String(method), args });
              if (method === 'applySignal') {
                const input = args[0] as { newIncident(): unknown };
                calls.push({
                  method: 'newIncident',
                  args: [input.newIncident()],
                });
              }
              return undefined;
            },
    },
  ) as PostmortemStore;
  return { store, calls };
}

describe('RedactingPostmortemStore', () => {
  const redactor = Redactor.create();

  it('redacts the arguments of every write, including methods it does not know', async () => {
    const { store, calls } = recordingStore();
    const wrapped = RedactingPostmortemStore.wrap(store, redactor);
    const text = `token ${SECRET} by ${MAIL}`;
    await wrapped.recordChange({
      source: 'changes',
      eventId: 'e1',
      entityRef: 'component:default/checkout-service',
      kind: 'deployment',
      version: text,
      description: text,
      author: MAIL,
      link: `https://ci.example.com/run?token=${SECRET}`,
      rollbackRef: text,
      occurredAt: '2026-11-20T10:00:00Z',
    });
    await wrapped.addSubRecord(
      'remediation',
      'pm',
      {
        title: text,
        impact: 1,
        probability: 1,
        horizon: 'short',
        trackerUrl: `https://jira.example.com/browse/X-1?token=${SECRET}`,
        verification: {
          kind: 'prometheus',
          query: `up{note="${text}"}`,
          comparator: '<',
          threshold: 1,
        },
      },
      { author: 'user:default/ada.okafor' },
    );
    await (wrapped as any).someFutureWrite({ nested: [{ note: text }] });
    await wrapped.applySignal({
      source: 'alertmanager',
      signal: {
        dedupKey: `fp-1 ${MAIL}`,
        eventId: 'ev-1',
        occurredAt: '2026-11-20T10:00:00Z',
        labels: { detail: text },
        links: [{ kind: 'alert', url: `https://am.example/?t=${SECRET}` }],
      },
      entityRefs: [],
      placeholderTitle: 'Incident from alertmanager',
      timelineKind: 'alert',
      timelineText: text,
      newIncident: () => ({ title: text, labels: { detail: text } } as any),
    });
    const seen = JSON.stringify(calls);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(MAIL);
    expect(calls.map(c => c.method)).toEqual([
      'recordChange',
      'addSubRecord',
      'someFutureWrite',
      'applySignal',
      'newIncident',
    ]);
    // Identifiers stay identifiers: unchanged when clean, a stable hash else.
    const signal = (calls[3].args[0] as any).signal;
    expect(signal.eventId).toBe('ev-1');
    expect(signal.dedupKey).toMatch(/^redacted-[0-9a-f]{32}$/);
  });

  it('leaves reads alone', async () => {
    const { store, calls } = recordingStore();
    const wrapped = RedactingPostmortemStore.wrap(store, redactor);
    await wrapped.listIncidents({ text: MAIL });
    expect(calls[0].args[0]).toEqual({ text: MAIL });
  });

  it('adds what it masked in evidence to the evidence redaction counts', async () => {
    const { store, calls } = recordingStore();
    const wrapped = RedactingPostmortemStore.wrap(store, redactor);
    await wrapped.addSubRecord(
      'evidence',
      'pm',
      {
        kind: 'log_excerpt',
        content: `mail ${MAIL}`,
        redactions: { ipv4: 2 },
      },
      { author: 'a' },
    );
    expect((calls[0].args[2] as any).redactions).toEqual({ ipv4: 2, email: 1 });
  });
});
