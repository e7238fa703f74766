/**
 * Reads the labelled corpus files (`<language>.<part>.txt`). Each line is a
 * label and a sentence: `B` blameful, `N` neutral, `T` tricky neutral;
 * `# names:` lists the people a catalog would know.
 */
import fs from 'node:fs';
import path from 'node:path';

export type CorpusLanguage = 'en' | 'de';

/**
 * `dev` parts are where rules are written and the clause model learns;
 * `dev2` and up were written for the model, by engineers who had read
 * neither the rules nor the other parts (English `dev8` and German `dev7`
 * mostly of people at ordinary work in words that sound like blame;
 * English `dev9` and German `dev8` mostly of blame without trigger words;
 * English `dev10` and German `dev9` mostly of tricky neutral sentences;
 * English `dev11` to `dev14`, German `dev10` to `dev13` in the natural
 * mix, with understatement, dialect, procedure language and blame of
 * outsiders).
 * `test2` to `test4` (English) were each written by an engineer who had read
 * neither the rules nor the other parts, and measured the rules on unseen
 * wording for one round each; since the clause model, they are training
 * data too. The parts of `HELD_OUT_PARTS` are never used to write rules or
 * to train: only their figures are printed, never their misses.
 */
export type CorpusPart =
  | 'dev'
  | 'dev2'
  | 'dev3'
  | 'dev4'
  | 'dev5'
  | 'dev6'
  | 'dev7'
  | 'dev8'
  | 'dev9'
  | 'dev10'
  | 'dev11'
  | 'dev12'
  | 'dev13'
  | 'dev14'
  | 'test'
  | 'test2'
  | 'test3'
  | 'test4'
  | 'test5'
  | 'test6'
  | 'test7'
  | 'test8';

/** The parts the clause model is trained on. */
export const TRAINING_PARTS: Record<CorpusLanguage, CorpusPart[]> = {
  en: [
    'dev',
    'dev2',
    'dev3',
    'dev4',
    'dev5',
    'dev6',
    'dev7',
    'dev8',
    'dev9',
    'dev10',
    'dev11',
    'dev12',
    'dev13',
    'dev14',
    'test2',
    'test3',
    'test4',
  ],
  de: [
    'dev',
    'dev2',
    'dev3',
    'dev4',
    'dev5',
    'dev6',
    'dev7',
    'dev8',
    'dev9',
    'dev10',
    'dev11',
    'dev12',
    'dev13',
  ],
};

/** The parts that are never used to write rules or to train. */
export const HELD_OUT_PARTS: Record<CorpusLanguage, CorpusPart[]> = {
  en: ['test', 'test5', 'test6', 'test7', 'test8'],
  de: ['test', 'test2', 'test3', 'test4', 'test5'],
};

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
