/**
 * Which language a postmortem text is written in, from its function words:
 * the check then uses that language's model. Postmortems are written in
 * English or German whatever the language of the interface.
 */
import type { BlamelessLanguage } from './blamelessCheck';

const words = (text: string): Set<string> =>
  new Set(text.split(/\s+/).filter(Boolean));

const GERMAN = words(`
  der die das den dem des ein eine einen einem einer und oder aber nicht
  kein keine keinen ist sind war waren wurde wurden hat haben hatte hätte
  wäre mit von vom zum zur auf für bei nach wir ich er sie es sich auch
  noch schon nur wenn weil dass als wie warum wer niemand jemand man um
  ohne durch gegen über unter zwischen seit bis im ins am beim
`);

const ENGLISH = words(`
  the a an and or but not no is are was were been has have had would should
  could with of from to for by on at in into we i he she it they them their
  our his her if because that this which who why what when didn't don't
  wasn't nobody someone after before without
`);

/**
 * Detects English or German from the share of each language's function
 * words; text with too few of either is taken as English.
 *
 * @param text - the text to check
 * @returns `de` when the text reads as German, else `en`
 * @public
 */
export function detectLanguage(text: string): BlamelessLanguage {
  let de = 0;
  let en = 0;
  for (const raw of text.toLowerCase().split(/[^\p{L}']+/u)) {
    if (!raw) continue;
    if (GERMAN.has(raw)) de++;
    if (ENGLISH.has(raw)) en++;
    if (/[äöüß]/.test(raw)) de++;
  }
  return de > en ? 'de' : 'en';
}
