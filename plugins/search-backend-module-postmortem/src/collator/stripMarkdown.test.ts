import { stripMarkdown } from './stripMarkdown';

describe('stripMarkdown', () => {
  it('keeps the words and drops inline markup', () => {
    expect(
      stripMarkdown(
        '**Checkout** was _down_ for ~~20~~ 25 minutes; see `db_pool_size` and [the runbook](https://example.com/rb).',
      ),
    ).toBe(
      'Checkout was down for 20 25 minutes; see db_pool_size and the runbook.',
    );
  });

  it('drops block markup: headings, lists, quotes, fences, rules, tables', () => {
    const markdown = [
      '## Impact ##',
      '',
      '> Customers saw errors',
      '> > nested',
      '',
      '- first',
      '* second',
      '1. third',
      '- [x] done',
      '',
      '---',
      '',
      '```sql',
      'SELECT 1;',
      '```',
      '',
      '| Region | Errors |',
      '|:-------|-------:|',
      '| eu     | 12%    |',
      '',
      'Setext',
      '======',
    ].join('\n');

    expect(stripMarkdown(markdown)).toBe(
      [
        'Impact',
        '',
        'Customers saw errors',
        'nested',
        '',
        'first',
        'second',
        'third',
        'done',
        '',
        'SELECT 1;',
        '',
        'Region Errors',
        'eu 12%',
        '',
        'Setext',
      ].join('\n'),
    );
  });

  it('keeps image alt text and autolink addresses, drops HTML and references', () => {
    expect(
      stripMarkdown(
        '![latency graph](g.png) <b>bold</b> <!-- note --> <https://status.example.com>\n\n[ref]: https://example.com',
      ),
    ).toBe('latency graph bold https://status.example.com');
  });

  it('keeps escaped characters and underscores inside words', () => {
    expect(stripMarkdown('2 \\* 3 and \\_literal\\_ and snake_case_name')).toBe(
      '2 * 3 and _literal_ and snake_case_name',
    );
  });

  it('returns an empty string for empty input', () => {
    expect(stripMarkdown('')).toBe('');
  });
});
