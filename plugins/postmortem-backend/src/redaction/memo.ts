import { createHash } from 'node:crypto';

/**
 * Results of redacting a text, by a digest of the text. Redaction is a pure
 * function of the text (and of the redactor's settings, one memo per
 * redactor), and the same texts come back all the time: a draft rewritten
 * with the same sections, an alert's labels at each delivery, the same
 * notification texts. Under load, redacting them again was a tenth of the
 * CPU of webhooks and drafts.
 *
 * Keyed by a SHA-256 digest, so the texts themselves (which may hold the
 * very secrets being masked) are not kept; what is kept is the redacted
 * text. Bounded in entries and in characters; the least recently used go
 * first.
 */
export class RedactionMemo<T> {
  private readonly entries = new Map<string, { value: T; chars: number }>();
  private chars = 0;

  constructor(
    private readonly maxEntries = 5_000,
    private readonly maxChars = 8_000_000,
  ) {}

  /** The key of a text. */
  static keyOf(text: string): string {
    return createHash('sha256').update(text).digest('base64');
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps a value; `chars` is what it holds, for the bound. */
  set(key: string, value: T, chars: number) {
    if (chars > this.maxChars / 16) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.chars -= previous.chars;
      this.entries.delete(key);
    }
    while (
      this.entries.size &&
      (this.entries.size >= this.maxEntries ||
        this.chars + chars > this.maxChars)
    ) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
    this.entries.set(key, { value, chars });
    this.chars += chars;
  }
}
