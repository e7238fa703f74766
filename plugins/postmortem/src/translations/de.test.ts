import { postmortemTranslationRef } from '../translation';
import { postmortemTranslations } from './index';
import de from './de';

const placeholders = (message: string) =>
  (message.match(/{{\s*\w+\s*}}/g) ?? []).sort();

describe('German translation', () => {
  // Not public API, but the only way to read the English defaults back.
  const english: Record<string, string> = (
    postmortemTranslationRef as any
  ).getDefaultMessages();

  it('translates every message and keeps its placeholders', () => {
    expect(Object.keys(de.messages).sort()).toEqual(
      Object.keys(english).sort(),
    );
    for (const [key, message] of Object.entries(english)) {
      const german = (de.messages as Record<string, string | null>)[key];
      expect(typeof german).toBe('string');
      expect({ key, placeholders: placeholders(german!) }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });

  it('ships German with the ref and as a resource', async () => {
    const resource = (postmortemTranslationRef as any).getDefaultResource();
    expect(resource.resources.map((r: any) => r.language)).toEqual(['de']);
    const loaded = await resource.resources[0].loader();
    expect(loaded.messages['workspace.tabs.history']).toBe('Verlauf');

    const exported = (postmortemTranslations as any).resources;
    expect(exported.map((r: any) => r.language)).toEqual(['de']);
    expect((await exported[0].loader()).messages.pageTitle).toBe('Postmortems');
  });
});
