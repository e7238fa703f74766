/**
 * Quotations used as speech, not mentioned as words: `"Freya ignored the
 * alert," the incident commander wrote` reports blame and is checked like
 * any sentence; `words like "careless"` or `the "Forgot password?" link`
 * mention words and are not.
 */
import { MENTION_MARKERS, SPEECH_VERBS } from './lexicon';
import { mentionsPeople } from './match';
import { isPeople, isVerb, subjectAt, type Sentence } from './parse';

/** A quoted run of a sentence that reports speech: offsets into the text. */
export interface ReportedQuote {
  start: number;
  end: number;
}

/** Verbs that give up saying something ("stop writing", "avoid saying"). */
const STOPPING_VERBS = new Set(['stop', 'avoid', 'quit', 'ban', 'drop']);

/** Quoted runs of at least three words that a speech verb reports. */
export function reportedQuotes(s: Sentence): ReportedQuote[] {
  const { tokens } = s;
  const out: ReportedQuote[] = [];
  // The speech verb stands outside every quotation, and is not negated
  // nor an infinitive of advice ("not to write", "avoid saying").
  // Its speaker is people, before it or after it ("…," said the lead):
  // what a template, a linter or a status page "says" is mentioned words.
  // A quotation is reported by the speech verb nearest to it ("the status
  // page said "…", and legal asked us to reword it": the page said it).
  const verbs = tokens
    .map((_, k) => k)
    .filter(k => {
      const t = tokens[k];
      return (
        !t.quoted &&
        isVerb(t) &&
        SPEECH_VERBS.has(t.lemma) &&
        tokens[k - 1]?.norm !== 'to' &&
        // "agreed to stop writing "…"": words given up, not said.
        !STOPPING_VERBS.has(tokens[k - 1]?.lemma ?? '') &&
        !tokens[k - 1]?.tags.has('Negative') &&
        !tokens[k - 1]?.tags.has('Modal')
      );
    });
  if (verbs.length === 0) return out;
  const spokenByPeople = (k: number) =>
    isPeople(subjectAt(s, k).kind) ||
    tokens
      .slice(k + 1, k + 5)
      .some((w, j) => !w.quoted && mentionsPeople(s, k + 1 + j));
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].quoted) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].quoted) j++;
    const run = { from: i, to: j };
    i = j;
    if (run.to - run.from < 2) continue;
    const distance = (k: number) =>
      k < run.from ? run.from - k : k - run.to + 0.5;
    // A verb beyond a ";" tells of another clause ("…"; we have asked …).
    const near = verbs.filter(k => {
      const [a, b] = k < run.from ? [k, run.from] : [run.to, k];
      return !tokens.slice(a, b).some(t => /;/.test(t.post));
    });
    if (near.length === 0) continue;
    const nearest = near.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    if (!spokenByPeople(nearest)) continue;
    const around = [
      ...tokens.slice(Math.max(0, run.from - 4), run.from),
      ...tokens.slice(run.to + 1, run.to + 5),
    ];
    if (around.some(t => !t.quoted && MENTION_MARKERS.has(t.norm))) continue;
    out.push({ start: tokens[run.from].start, end: tokens[run.to].end });
  }
  return out;
}
