import { postmortemTranslationRef } from '../translation';
import de from './de';

/**
 * Messages that show a count beside a label rather than counting a noun:
 * "Wording suggestions: 3", "SRE (2)", "token × 4".
 */
const COUNT_AS_FIGURE = new Set([
  'narrative.findingsCount',
  'contributions.group',
  'evidence.redactionCount',
]);

describe('plurals', () => {
  // Not public API, but the only way to read the English defaults back.
  const english: Record<string, string> = (
    postmortemTranslationRef as any
  ).getDefaultMessages();
  const german = de.messages as Record<string, string | null>;

  it('counts nouns through plural forms, in English and German', () => {
    const counting = Object.entries(english).filter(
      ([key, message]) =>
        message.includes('{{count}}') && !COUNT_AS_FIGURE.has(key),
    );
    expect(counting.length).toBeGreaterThan(10);
    for (const [key] of counting) {
      const base = key.replace(/_(one|other)$/, '');
      expect({ key, plural: key !== base }).toEqual({ key, plural: true });
      for (const form of ['one', 'other']) {
        expect({
          key: `${base}_${form}`,
          english: !!english[`${base}_${form}`],
        }).toEqual({ key: `${base}_${form}`, english: true });
        expect({
          key: `${base}_${form}`,
          german: !!german[`${base}_${form}`],
        }).toEqual({ key: `${base}_${form}`, german: true });
      }
    }
  });
});
