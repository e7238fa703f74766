import {
  isMaskableCredential,
  SENSITIVE_KEY,
} from './detectors/credentialKeys';
import { mask } from './detectors/Detector';
import type { RedactionResult } from './kinds';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function addCounts(
  target: Record<string, number>,
  source: Record<string, number | undefined>,
) {
  for (const [kind, count] of Object.entries(source)) {
    if (count) {
      target[kind] = (target[kind] ?? 0) + count;
    }
  }
}

/** Copies a JSON-like value, replacing each string by `fn(string)`. */
export function mapStrings(
  value: unknown,
  fn: (text: string) => string,
): unknown {
  const copies = new Map<object, unknown>();
  const walk = (current: unknown): unknown => {
    if (typeof current === 'string') {
      return fn(current);
    }
    if (Array.isArray(current) || isPlainObject(current)) {
      const existing = copies.get(current);
      if (existing) {
        return existing;
      }
      if (Array.isArray(current)) {
        const copy: unknown[] = [];
        copies.set(current, copy);
        for (const item of current) copy.push(walk(item));
        return copy;
      }
      const copy: Record<string, unknown> = {};
      copies.set(current, copy);
      for (const [k, v] of Object.entries(current)) copy[k] = walk(v);
      return copy;
    }
    return current;
  };
  return walk(value);
}

/**
 * Redacts every string inside a JSON-like value with `redact`, summing the
 * counts; see {@link Redactor.redactValue}. With `maskSensitiveKeys`, a
 * string under a credential-like key in which `redact` found nothing is
 * masked whole as `credential_assignment`.
 */
export function redactStructured<T>(
  value: T,
  redact: (text: string) => RedactionResult,
  maskSensitiveKeys: boolean,
): { value: T; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const copies = new Map<object, unknown>();

  const walk = (current: unknown, key?: string): unknown => {
    if (typeof current === 'string') {
      const result = redact(current);
      if (
        maskSensitiveKeys &&
        key !== undefined &&
        Object.keys(result.counts).length === 0 &&
        SENSITIVE_KEY.test(key) &&
        isMaskableCredential(key, current)
      ) {
        addCounts(counts, { credential_assignment: 1 });
        return mask('credential_assignment');
      }
      addCounts(counts, result.counts);
      return result.text;
    }
    if (Array.isArray(current)) {
      const existing = copies.get(current);
      if (existing) {
        return existing;
      }
      const copy: unknown[] = [];
      copies.set(current, copy);
      for (const item of current) {
        copy.push(walk(item));
      }
      return copy;
    }
    if (isPlainObject(current)) {
      const existing = copies.get(current);
      if (existing) {
        return existing;
      }
      const copy: Record<string, unknown> = {};
      copies.set(current, copy);
      for (const [k, v] of Object.entries(current)) {
        copy[k] = walk(v, k);
      }
      return copy;
    }
    return current;
  };

  return { value: walk(value) as T, counts };
}
