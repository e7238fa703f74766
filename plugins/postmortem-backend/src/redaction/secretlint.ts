import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { mask, PLACEHOLDER_PREFIX } from './detectors/Detector';

/** A credential that a secretlint rule found, as a range of the text. */
export interface SecretlintFinding {
  start: number;
  end: number;
  /** The rule's short name, e.g. `github` or `sendgrid`. */
  kind: string;
}

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
 * Masks what secretlint finds in each of `texts`; returns the replacement
 * of every string that changed.
 */
export async function maskWithSecretlint(
  texts: string[],
  counts: Record<string, number>,
): Promise<Map<string, string>> {
  const replaced = new Map<string, string>();
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const joined = batch.join(BATCH_SEPARATOR);
    const findings = await findWithSecretlint(joined);
    if (findings.length > 0) {
      let offset = 0;
      for (const text of batch) {
        const masked = maskRanges(
          text,
          rangesIn(findings, joined, offset, offset + text.length),
          counts,
        );
        if (masked !== text) replaced.set(text, masked);
        offset += text.length + BATCH_SEPARATOR.length;
      }
    }
    batch = [];
    size = 0;
  };
  for (const text of texts) {
    if (size + text.length > MAX_BATCH) await flush();
    batch.push(text);
    size += text.length + BATCH_SEPARATOR.length;
  }
  await flush();
  return replaced;
}
