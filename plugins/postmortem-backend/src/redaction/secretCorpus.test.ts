import { Redactor } from './Redactor';
import {
  LOOK_ALIKES,
  SECRET_KIND_COUNT,
  SECRET_SAMPLES,
} from './__fixtures__/secretCorpus';

describe('the redaction boundary on the secret corpus', () => {
  const redactor = Redactor.create();

  it('is large enough to mean something', () => {
    expect(SECRET_KIND_COUNT).toBeGreaterThanOrEqual(40);
    expect(SECRET_SAMPLES.length).toBeGreaterThanOrEqual(300);
    expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(100);
  });

  it('masks every secret in every context', async () => {
    const missed: string[] = [];
    for (const sample of SECRET_SAMPLES) {
      const { value } = await redactor.redactValueAsync(sample.text);
      if (value.includes(sample.secret)) {
        missed.push(`${sample.kind}: ${JSON.stringify(value)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('leaves every look-alike unchanged', async () => {
    const changed: string[] = [];
    for (const text of LOOK_ALIKES) {
      const { value } = await redactor.redactValueAsync(text);
      if (value !== text) changed.push(`${text} -> ${value}`);
    }
    expect(changed).toEqual([]);
  });
});
