import { readCorpusFile } from './__fixtures__/corpusFiles';
import { checkBlamelessLanguage } from './blamelessCheck';
import { detectLanguage } from './detectLanguage';

describe('detectLanguage', () => {
  it.each(['en', 'de'] as const)(
    'reads nearly every %s corpus sentence as its language',
    language => {
      const sentences = (['dev', 'test'] as const).flatMap(part =>
        readCorpusFile(language, part).entries.map(e => e.sentence),
      );
      const wrong = sentences.filter(s => detectLanguage(s) !== language);
      expect(wrong.length / sentences.length).toBeLessThan(0.05);
    },
  );

  it('takes text without function words as English', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('p99 402ms 14:02')).toBe('en');
  });

  it('lets the check pick the German model for German text', () => {
    const text = 'Der Support hat das Ticket nicht eskaliert.';
    expect(checkBlamelessLanguage(text).map(f => f.rule)).toEqual(
      checkBlamelessLanguage(text, { language: 'de' }).map(f => f.rule),
    );
    expect(checkBlamelessLanguage(text).length).toBeGreaterThan(0);
  });
});
