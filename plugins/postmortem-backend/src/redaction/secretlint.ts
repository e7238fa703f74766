import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { mask, PLACEHOLDER_PREFIX } from './detectors/Detector';
import { RedactionMemo } from './memo';

/** A credential that a secretlint rule found, as a range of the text. */
export interface SecretlintFinding {
  start: number;
  end: number;
  /** The rule's short name, e.g. `github` or `sendgrid`. */
  kind: string;
}

// secretlint times every rule of every lint with performance marks and
// keeps each mark and measure in arrays that are never emptied (and in
// Node's global performance timeline): a leak on a server that lints every
// write, and a few per cent of its CPU (a mark per rule and a regular
// expression per mark). Nothing here reads those timings.
secretLintProfiler.setEnabled(false);

const CONFIG = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommendedPreset,
    },
  ],
};

/**
 * Runs secretlint's recommended rule preset over `text`. The rules are
 * maintained upstream for credential formats (cloud providers, SaaS tokens,
 * connection strings); the redactor's own detectors add what the preset
 * lacks (personal data, cookies, env and YAML keys, Kubernetes secrets).
 */
export async function findWithSecretlint(
  text: string,
): Promise<SecretlintFinding[]> {
  const result = await lintSource({
    source: { content: text, filePath: 'input.txt', contentType: 'text' },
    options: { config: CONFIG as any, noPhysicFilePath: true },
  });
  return result.messages.map(message => ({
    start: message.range[0],
    end: message.range[1],
    kind: message.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
  }));
}

// Strings are linted together, one per line block; a separator no rule
// reads as part of a token.
const BATCH_SEPARATOR = '\n\n\u0000\n\n';
const MAX_BATCH = 4 * 1024 * 1024;

/** The findings that overlap `[start, end)` of `joined`, relative to start. */
function rangesIn(
  findings: SecretlintFinding[],
  joined: string,
  start: number,
  end: number,
): SecretlintFinding[] {
  return (
    findings
      .filter(f => f.start < end && f.end > start)
      // Already masked by a detector of ours (e.g. a URL's password).
      .filter(f => !joined.slice(f.start, f.end).includes(PLACEHOLDER_PREFIX))
      .map(f => ({
        start: Math.max(f.start, start) - start,
        end: Math.min(f.end, end) - start,
        kind: f.kind,
      }))
      .sort((a, b) => a.start - b.start)
  );
}

function maskRanges(
  text: string,
  ranges: SecretlintFinding[],
  counts: Record<string, number>,
): string {
  let out = '';
  let last = 0;
  for (const range of ranges) {
    if (range.end <= last) continue;
    out += text.slice(last, Math.max(last, range.start)) + mask(range.kind);
    last = range.end;
    counts[range.kind] = (counts[range.kind] ?? 0) + 1;
  }
  return out + text.slice(last);
}

/**
 * What secretlint made of texts seen recently: the masked text (undefined
 * when nothing was found) and what it counted. Each text is linted on its
 * own terms (the batch separator ends every token), so a text's result does
 * not depend on the texts it was batched with. Linting a batch costs a
 * fixed few milliseconds even when every text is clean, so a batch of known
 * texts is not linted at all.
 */
const known = new RedactionMemo<{
  masked?: string;
  counts: Record<string, number>;
}>();

function addCounts(to: Record<string, number>, from: Record<string, number>) {
  for (const [kind, count] of Object.entries(from)) {
    to[kind] = (to[kind] ?? 0) + count;
  }
}

/**
 * Masks what secretlint finds in each of `texts`; returns the replacement
 * of every string that changed.
 */
export async function maskWithSecretlint(
  texts: string[],
  counts: Record<string, number>,
): Promise<Map<string, string>> {
  const replaced = new Map<string, string>();
  let batch: Array<{ text: string; key: string }> = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const joined = batch.map(b => b.text).join(BATCH_SEPARATOR);
    const findings = await findWithSecretlint(joined);
    let offset = 0;
    for (const { text, key } of batch) {
      const found: Record<string, number> = {};
      const masked =
        findings.length > 0
          ? maskRanges(
              text,
              rangesIn(findings, joined, offset, offset + text.length),
              found,
            )
          : text;
      if (masked !== text) replaced.set(text, masked);
      addCounts(counts, found);
      known.set(
        key,
        { masked: masked === text ? undefined : masked, counts: found },
        masked === text ? 0 : masked.length,
      );
      offset += text.length + BATCH_SEPARATOR.length;
    }
    batch = [];
    size = 0;
  };
  for (const text of texts) {
    const key = RedactionMemo.keyOf(text);
    const result = known.get(key);
    if (result) {
      if (result.masked !== undefined) replaced.set(text, result.masked);
      addCounts(counts, result.counts);
      continue;
    }
    if (size + text.length > MAX_BATCH) await flush();
    batch.push({ text, key });
    size += text.length + BATCH_SEPARATOR.length;
  }
  await flush();
  return replaced;
}
