/**
 * Reads the labelled corpus files (`en.dev.txt`, `en.test.txt`,
 * `en.test2.txt`, `en.test3.txt`, `en.test4.txt`, `de.dev.txt`, `de.test.txt`). Each line is a label and a sentence: `B` blameful, `N`
 * neutral, `T` tricky neutral; `# names:` lists the people a catalog would
 * know. The test parts were written before any tuning and are never used to
 * write rules: only their figures are printed, never their misses.
 */
import fs from 'node:fs';
import path from 'node:path';

export type CorpusLanguage = 'en' | 'de';
/**
 * `test2`, `test3` and `test4` are further held-out parts (English only), each written
 * later by an engineer who had read neither the rules nor the misses of the
 * other parts.
 */
export type CorpusPart = 'dev' | 'test' | 'test2' | 'test3' | 'test4';

export interface CorpusEntry {
  sentence: string;
  blameful: boolean;
  /** A neutral sentence that looks like blame. */
  tricky: boolean;
}

export interface CorpusFile {
  language: CorpusLanguage;
  part: CorpusPart;
  names: string[];
  entries: CorpusEntry[];
}

export function readCorpusFile(
  language: CorpusLanguage,
  part: CorpusPart,
): CorpusFile {
  const file = path.join(__dirname, `${language}.${part}.txt`);
  const names: string[] = [];
  const entries: CorpusEntry[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const namesLine = /^#\s*names:\s*(.*)$/.exec(line);
      if (namesLine) {
        names.push(...namesLine[1].split(',').map(n => n.trim()));
        return;
      }
      if (!line.trim() || line.startsWith('#')) return;
      const m = /^([BNT]) (\S.*)$/.exec(line);
      if (!m) throw new Error(`${file}:${index + 1}: not "B|N|T sentence"`);
      entries.push({
        sentence: m[2].trim(),
        blameful: m[1] === 'B',
        tricky: m[1] === 'T',
      });
    });
  return { language, part, names, entries };
}
