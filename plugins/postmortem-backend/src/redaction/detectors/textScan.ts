/**
 * The start of the run of `allowed` characters that ends at `index`, looking
 * back at most `max` characters.
 */
export function scanBack(
  text: string,
  index: number,
  allowed: RegExp,
  max: number,
): number {
  let start = index;
  while (start > 0 && index - start < max && allowed.test(text[start - 1])) {
    start--;
  }
  return start;
}

/** Up to `max` characters before `index`, not reaching back past a line break. */
export function lineBefore(text: string, index: number, max: number): string {
  const before = text.slice(Math.max(0, index - max), index);
  return before.slice(before.lastIndexOf('\n') + 1);
}
