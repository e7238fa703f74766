/** A pattern and what replaces its matches; see {@link applyDetector}. */
export interface Detector {
  kind: string;
  pattern: RegExp;
  /** At least one of these must occur in the text for the detector to run. */
  hints?: string[];
  /**
   * The replacement of a match, or undefined to leave the match as it is.
   * With `start` / `end`, the replacement covers the text from `start` (at
   * most the match start) up to `end` (at least the match end).
   */
  replace(
    match: RegExpExecArray,
    text: string,
  ): string | { text: string; start?: number; end?: number } | undefined;
}

export const PLACEHOLDER_PREFIX = '[REDACTED:';

/** The placeholder that replaces a value of `kind`. */
export function mask(kind: string): string {
  return `${PLACEHOLDER_PREFIX}${kind}]`;
}

/** Replaces every match of the detector in `text`, counting them under its kind. */
export function applyDetector(
  text: string,
  detector: Detector,
  counts: Record<string, number>,
): string {
  if (detector.hints && !detector.hints.some(h => text.includes(h))) {
    return text;
  }
  const pattern = detector.pattern;
  pattern.lastIndex = 0;
  let out = '';
  let last = 0;
  let found = 0;
  for (
    let match = pattern.exec(text);
    match !== null;
    match = pattern.exec(text)
  ) {
    if (match[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    const replacement = detector.replace(match, text);
    if (replacement === undefined) {
      continue;
    }
    const matchEnd = match.index + match[0].length;
    if (typeof replacement === 'string') {
      out += text.slice(last, match.index) + replacement;
      last = matchEnd;
    } else {
      const start = Math.max(
        last,
        Math.min(replacement.start ?? match.index, match.index),
      );
      out += text.slice(last, start) + replacement.text;
      last = Math.max(replacement.end ?? matchEnd, matchEnd);
      pattern.lastIndex = last;
    }
    found++;
  }
  if (found === 0) {
    return text;
  }
  counts[detector.kind] = (counts[detector.kind] ?? 0) + found;
  return out + text.slice(last);
}
