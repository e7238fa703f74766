import {
  fill,
  fillJson,
  MissingValueError,
  unknownPlaceholders,
  UnsafeValueError,
  variablesFor,
} from './placeholders';
import { stepFor, toMillis } from './times';

const vars = (annotations: Record<string, string> = {}, value = 'checkout') =>
  variablesFor({
    from: new Date('2026-03-01T06:00:00Z'),
    to: new Date('2026-03-01T12:30:00Z'),
    changesFrom: new Date('2026-02-28T12:00:00Z'),
    stepSeconds: 60,
    entityRef: 'component:shop/checkout',
    value,
    annotations,
    incidentId: 'i-1',
    humanId: 'INC-1',
  });

describe('placeholders', () => {
  it('fills the window in every format and the entity', () => {
    const v = vars({ 'backstage.io/kubernetes-namespace': 'shop' });
    expect(
      fill(
        '{{from}} {{fromSeconds}} {{fromMillis}} {{fromMicros}} {{toNanos}} {{step}} {{entityNamespace}}/{{entityName}} {{annotation:backstage.io/kubernetes-namespace}}',
        v,
      ),
    ).toBe(
      '2026-03-01T06:00:00.000Z 1772344800 1772344800000 1772344800000000 1772368200000000000 60s shop/checkout shop',
    );
  });

  it('uses a fallback for a missing annotation, and otherwise says it is missing', () => {
    expect(fill('{{annotation:ns ?? default}}', vars())).toBe('default');
    expect(() => fill('{{annotation:ns}}', vars())).toThrow(MissingValueError);
  });

  it('refuses catalog values that could change a query', () => {
    expect(() => fill('{{value}}', vars({}, 'a" or 1=1'))).toThrow(
      UnsafeValueError,
    );
    expect(() => fill('{{value}}', vars({}, 'a}|json'))).toThrow(
      UnsafeValueError,
    );
    expect(fill('{{value}}', vars({}, 'app=a,tier!=b'))).toBe('app=a,tier!=b');
  });

  it('encodes for URLs and keeps numbers numbers in JSON bodies', () => {
    expect(fill('/x/{{from}}', vars(), encodeURIComponent)).toBe(
      '/x/2026-03-01T06%3A00%3A00.000Z',
    );
    expect(
      fillJson(
        { range: { gte: '{{fromMillis}}', q: 'svc:{{value}}' } },
        vars(),
      ),
    ).toEqual({ range: { gte: 1772344800000, q: 'svc:checkout' } });
  });

  it('names unknown placeholders', () => {
    expect(unknownPlaceholders('{{from}} {{form}} {{annotation:a/b}}')).toEqual(
      ['form'],
    );
  });
});

describe('toMillis', () => {
  it('tells seconds, milliseconds, microseconds and nanoseconds apart', () => {
    const ms = Date.parse('2026-03-01T06:00:00.123Z');
    expect(toMillis(ms / 1000)).toBe(ms);
    expect(toMillis(ms)).toBe(ms);
    expect(toMillis(`${ms}000`)).toBe(ms);
    expect(toMillis(`${ms}000000`)).toBe(ms);
    expect(toMillis('2026-03-01T06:00:00.123Z')).toBe(ms);
    expect(toMillis('yesterday')).toBeUndefined();
  });
  it('keeps a step that fits the window', () => {
    const from = new Date(0);
    expect(stepFor(from, new Date(3600_000), 60, 500)).toBe(60);
    expect(stepFor(from, new Date(86400_000), 60, 500)).toBe(174);
  });
});
