import { Config } from '@backstage/config';
import { Detector, applyDetector, mask } from './detectors/Detector';
import { personalDataDetectors } from './detectors/personalDataDetectors';
import { secretDetectors } from './detectors/secretDetectors';
import { REDACTION_KINDS, RedactionKind, RedactionResult } from './kinds';
import { RedactionMemo } from './memo';
import { maskWithSecretlint } from './secretlint';
import { mapStrings, redactStructured } from './structuredValues';

export { REDACTION_KINDS } from './kinds';
export type { RedactionKind, RedactionResult } from './kinds';

/** Options of {@link Redactor.create}. */
export interface RedactorOptions {
  /** Built-in kinds that are left alone. */
  disabledKinds?: RedactionKind[];
  /**
   * Site-specific patterns (JavaScript regular expression sources). Each
   * match is replaced by `[REDACTED:<name>]` and counted under `name`. They
   * run before the built-in detectors. Keep them free of nested quantifiers.
   */
  extraPatterns?: Array<{ name: string; pattern: string }>;
}

/** Texts at least this long have their redaction remembered. */
const MEMO_MIN_LENGTH = 32;

const EXTRA_PATTERN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Masks secrets and personal data in text before it is stored: collected
 * metrics, logs, deployments and config diffs as well as free text typed by
 * people. Only which kinds were masked and how many is kept, never the
 * values.
 *
 * Every detector is a bounded regular expression (no nested unbounded
 * quantifiers) followed by a cheap validator (Luhn, IBAN mod 97, IP parsing),
 * so redaction is linear in the size of the input. Loopback and unspecified
 * IP addresses and netmasks are not masked.
 */
export class Redactor {
  /**
   * Creates a redactor from the `postmortem.redaction` config:
   * `disabledKinds` (names of built-in kinds to leave alone) and
   * `extraPatterns` (`{ name, pattern }` regular expressions).
   *
   * @throws Error if a disabled kind is unknown or an extra pattern is invalid.
   */
  static fromConfig(config: Config): Redactor {
    const disabledKinds = config.getOptionalStringArray(
      'postmortem.redaction.disabledKinds',
    );
    const extraPatterns = config
      .getOptionalConfigArray('postmortem.redaction.extraPatterns')
      ?.map(c => ({
        name: c.getString('name'),
        pattern: c.getString('pattern'),
      }));
    return Redactor.create({
      disabledKinds: disabledKinds as RedactionKind[] | undefined,
      extraPatterns,
    });
  }

  /**
   * Creates a redactor; without options every built-in kind is detected.
   *
   * @throws Error if a disabled kind is unknown or an extra pattern is invalid.
   */
  static create(options: RedactorOptions = {}): Redactor {
    const disabled = new Set<string>(options.disabledKinds ?? []);
    const known = new Set<string>(REDACTION_KINDS);
    const unknown = [...disabled].filter(kind => !known.has(kind));
    if (unknown.length > 0) {
      throw new Error(
        `Unknown redaction kind${unknown.length > 1 ? 's' : ''} in ` +
          `postmortem.redaction.disabledKinds: ${unknown.join(', ')}; ` +
          `known kinds are ${REDACTION_KINDS.join(', ')}`,
      );
    }

    const detectors: Detector[] = [];
    for (const { name, pattern } of options.extraPatterns ?? []) {
      if (!EXTRA_PATTERN_NAME.test(name)) {
        throw new Error(
          `Invalid redaction pattern name '${name}' in ` +
            'postmortem.redaction.extraPatterns: use letters, digits, _ . -',
        );
      }
      let regex: RegExp;
      try {
        regex = new RegExp(pattern, 'g');
      } catch (error) {
        throw new Error(
          `Invalid redaction pattern '${name}' in ` +
            `postmortem.redaction.extraPatterns: ${(error as Error).message}`,
        );
      }
      detectors.push({ kind: name, pattern: regex, replace: () => mask(name) });
    }

    const builtIns = { ...secretDetectors(), ...personalDataDetectors() };
    for (const kind of REDACTION_KINDS) {
      if (!disabled.has(kind)) {
        detectors.push(...[builtIns[kind]].flat());
      }
    }
    return new Redactor(detectors, !disabled.has('credential_assignment'));
  }

  /** What the detectors made of texts seen recently (see RedactionMemo). */
  private readonly memo = new RedactionMemo<RedactionResult>();

  private constructor(
    private readonly detectors: Detector[],
    private readonly maskSensitiveKeys: boolean,
  ) {}

  /** Masks every detected value in `text`. */
  redact(text: string): RedactionResult {
    // Short texts cost less to redact than to look up.
    const key = text.length >= MEMO_MIN_LENGTH && RedactionMemo.keyOf(text);
    const known = key && this.memo.get(key);
    if (known) return { text: known.text, counts: { ...known.counts } };
    const counts: Record<string, number> = {};
    let result = text;
    for (const detector of this.detectors) {
      result = applyDetector(result, detector, counts);
    }
    if (key) {
      this.memo.set(
        key,
        { text: result, counts: { ...counts } },
        result.length,
      );
    }
    return { text: result, counts };
  }

  /**
   * Redacts every string inside a JSON-like value (objects/arrays), summing
   * counts. Strings under credential-like keys (`password`, `apiKey`,
   * `client_secret`…) are masked whole as `credential_assignment` unless a
   * more specific kind was found in them. Object keys, numbers, booleans and
   * non-plain objects are kept as they are; the input is not modified.
   */
  redactValue<T>(value: T): { value: T; counts: Record<string, number> } {
    return redactStructured(
      value,
      text => this.redact(text),
      this.maskSensitiveKeys,
    );
  }

  /**
   * {@link Redactor.redact} followed by secretlint's recommended rules: what
   * is stored goes through this.
   */
  async redactAsync(text: string): Promise<RedactionResult> {
    const { value, counts } = await this.redactValueAsync(text);
    return { text: value, counts };
  }

  /**
   * {@link Redactor.redactValue} followed by secretlint's recommended rules
   * over every string (all strings of the value in one pass).
   */
  async redactValueAsync<T>(
    value: T,
  ): Promise<{ value: T; counts: Record<string, number> }> {
    const first = this.redactValue(value);
    const texts = new Set<string>();
    mapStrings(first.value, text => {
      // Shorter strings hold no token secretlint knows.
      if (text.length >= 8) texts.add(text);
      return text;
    });
    const counts = { ...first.counts };
    const replaced = await maskWithSecretlint([...texts], counts);
    if (replaced.size === 0) {
      return first;
    }
    return {
      value: mapStrings(first.value, text => replaced.get(text) ?? text) as T,
      counts,
    };
  }
}
