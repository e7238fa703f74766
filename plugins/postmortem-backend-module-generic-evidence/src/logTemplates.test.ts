import {
  countsPer,
  groupLines,
  maskLine,
  risenTemplates,
  risingOnset,
} from './logTemplates';

describe('maskLine', () => {
  it('masks numbers, ids, hashes, hosts, IPs and quoted strings', () => {
    expect(
      maskLine(
        'ERROR user "ann smith" 42 failed on db-1.eu.internal:5432 from 10.0.0.7:443 id 3f2a1b9c-1d2e-4f5a-8b9c-0d1e2f3a4b5c sha 9f86d081884c7d65 pod checkout-7d9f8b6c5d-x2x9q took 12ms',
      ),
    ).toBe(
      'ERROR user <STR> <NUM> failed on <HOST> from <IP> id <UUID> sha <HEX> pod <POD> took <NUM>',
    );
    expect(
      maskLine('GET https://api.example.com/v1/orders/12 for a@b.io'),
    ).toBe('GET <URL> for <EMAIL>');
    // Words the code wrote stay, dotted names with one dot too.
    expect(maskLine('payments.charge failed: card declined')).toBe(
      'payments.charge failed: card declined',
    );
  });
});

describe('groupLines', () => {
  it('joins lines that differ in a few words and keeps different wordings apart', async () => {
    const groups = await groupLines([
      { at: 1, line: 'worker alpha stopped after crash' },
      { at: 2, line: 'worker beta stopped after crash' },
      { at: 3, line: 'cache for sessions is full' },
      { at: 4, line: 'worker gamma stopped after crash' },
    ]);
    expect(groups.map(g => [g.template, g.lines.length])).toEqual([
      ['worker <*> stopped after crash', 3],
      ['cache for sessions is full', 1],
    ]);
  });
});

describe('risingOnset', () => {
  it('finds where counts rose, and nothing in noise', () => {
    const points = countsPer([], 0, 60 * 60_000, 60_000).map(
      ([t], i): [number, number] => [t, i >= 40 ? 5 + (i % 2) : i % 2],
    );
    expect(risingOnset(points)).toBe(40 * 60_000);
    const flat = points.map(([t], i): [number, number] => [t, (i * 7) % 3]);
    expect(risingOnset(flat)).toBeUndefined();
  });
});

describe('risenTemplates', () => {
  const MIN = 60_000;
  const lines = [
    // Steady all along: once every 10 minutes.
    ...Array.from({ length: 12 }, (_, i) => ({
      at: i * 10 * MIN + MIN,
      line: `retrying job ${i} in 5s`,
    })),
    // New at minute 90.
    ...Array.from({ length: 30 }, (_, i) => ({
      at: 90 * MIN + i * MIN,
      line: `ERROR disk full on /var/lib/data${i % 3}`,
    })),
  ];

  it('reports templates that rose at the onset, with counts before and since', async () => {
    const result = await risenTemplates(lines, {
      from: 0,
      to: 120 * MIN,
      stepMs: MIN,
      fallbackOnset: 100 * MIN,
    });
    expect(result.onsetFrom).toBe('logs');
    expect(result.onsetAt).toBe(90 * MIN);
    expect(result.templates).toHaveLength(1);
    expect(result.templates[0]).toMatchObject({
      template: 'ERROR disk full on <*>',
      before: 0,
      during: 30,
      firstDuring: 90 * MIN,
    });
    expect(result.templates[0].points).toHaveLength(120);
  });

  it('splits at the alert when the lines show no rise', async () => {
    const result = await risenTemplates(lines.slice(0, 12), {
      from: 0,
      to: 120 * MIN,
      stepMs: MIN,
      fallbackOnset: 100 * MIN,
    });
    expect(result).toMatchObject({ onsetFrom: 'alert', onsetAt: 100 * MIN });
    expect(result.templates).toEqual([]);
  });
});
