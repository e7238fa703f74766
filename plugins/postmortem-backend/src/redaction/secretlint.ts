import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';

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
