import type { SecretKind } from '../kinds';
import {
  CREDENTIAL_KEY_SOURCE,
  GENERIC_KEY_SOURCE,
  isMaskableCredential,
  looksLikeKeyMaterial,
  NON_CREDENTIAL_KEY,
  SENSITIVE_KEY,
  startsLine,
} from './credentialKeys';
import { Detector, mask } from './Detector';
import {
  decodesToText,
  inSecretManifest,
  maskSecretDataBlock,
} from './kubernetesSecrets';
import {
  basicCredentialLooksReal,
  isRandomToken,
  maskCookieValues,
  privateKeyEnd,
} from './secretChecks';
import { lineBefore } from './textScan';

/** The detectors of credentials and tokens, fresh (their patterns keep state). */
export function secretDetectors(): Record<SecretKind, Detector | Detector[]> {
  return {
    private_key: {
      kind: 'private_key',
      hints: ['PRIVATE KEY'],
      // PEM keys and PGP private key blocks.
      pattern:
        /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY( BLOCK)?-----/g,
      replace: (m, text) => ({
        text: mask('private_key'),
        end: privateKeyEnd(text, m.index + m[0].length, m[1], m[2] ?? ''),
      }),
    },
    gcp_service_account: {
      kind: 'gcp_service_account',
      hints: ['private_key_id'],
      pattern:
        /(private_key_id(?:\\?["'])?[ \t]{0,8}[:=][ \t]{0,8}(?:\\?["'])?)([A-Za-z0-9]{16,128})(?![A-Za-z0-9])/g,
      replace: m => m[1] + mask('gcp_service_account'),
    },
    url_password: {
      kind: 'url_password',
      hints: ['://'],
      // scheme://user:password@host; the password may contain '@', the last
      // '@' before the host ends it.
      pattern:
        /:\/\/([^\s:/?#@"'<>[\]{}|\\^`]{0,256}):([^\s/?#"'<>\\^`{}|]{1,256})@/g,
      replace: m =>
        isMaskableCredential('password', m[2])
          ? `://${m[1]}:${mask('url_password')}@`
          : undefined,
    },
    slack_webhook: {
      kind: 'slack_webhook',
      hints: ['hooks.slack.com'],
      pattern:
        /https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{8,512}/g,
      replace: () => mask('slack_webhook'),
    },
    jwt: {
      kind: 'jwt',
      hints: ['eyJ'],
      pattern:
        /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,16384}\.eyJ[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,16384}/g,
      replace: () => mask('jwt'),
    },
    aws_access_key_id: {
      kind: 'aws_access_key_id',
      hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
      pattern:
        /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
      replace: () => mask('aws_access_key_id'),
    },
    aws_secret_access_key: {
      kind: 'aws_secret_access_key',
      pattern:
        /((?:aws[_-]?)?secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key)((?:\\?["'])?(?:[ \t]{0,8}(?:=>|:=|[:=])[ \t]{0,8}|[ \t]{1,8})(?:\\?["'])?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
      replace: m => m[1] + m[2] + mask('aws_secret_access_key'),
    },
    github_token: {
      kind: 'github_token',
      hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
      pattern:
        /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,251})(?![A-Za-z0-9_])/g,
      replace: () => mask('github_token'),
    },
    gitlab_token: {
      kind: 'gitlab_token',
      hints: ['gl'],
      pattern:
        /(?<![A-Za-z0-9_-])gl(?:pat|ptt|rt|dt|ft|cbt|imt|soat|agent)-[A-Za-z0-9_-]{20,128}(?:\.[A-Za-z0-9_-]{1,64}){0,3}/g,
      replace: () => mask('gitlab_token'),
    },
    slack_token: {
      kind: 'slack_token',
      hints: ['xox', 'xapp-'],
      pattern:
        /(?<![A-Za-z0-9_-])(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9_])/g,
      replace: () => mask('slack_token'),
    },
    stripe_key: {
      kind: 'stripe_key',
      hints: ['_live_', '_test_', 'whsec_'],
      pattern:
        /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}|whsec_[A-Za-z0-9]{24,128})(?![A-Za-z0-9])/g,
      replace: () => mask('stripe_key'),
    },
    google_api_key: {
      kind: 'google_api_key',
      hints: ['AIza'],
      pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
      replace: () => mask('google_api_key'),
    },
    npm_token: {
      kind: 'npm_token',
      hints: ['npm_'],
      pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
      replace: () => mask('npm_token'),
    },
    azure_connection_string: {
      kind: 'azure_connection_string',
      hints: ['AccountKey=', 'SharedAccess', 'sig='],
      pattern:
        /(?<![A-Za-z0-9])(SharedAccessSignature=)([^;\s"'<>]{8,4096})|(?<![A-Za-z0-9])(AccountKey=|SharedAccessKey=)([A-Za-z0-9+/=]{16,512})|([?&]sig=)([A-Za-z0-9%+/=_-]{16,512})/g,
      replace: m => (m[1] ?? m[3] ?? m[5]) + mask('azure_connection_string'),
    },
    vault_token: {
      kind: 'vault_token',
      hints: ['hvs.', 'hvb.', 'hvr.', 's.', 'b.', 'r.'],
      pattern:
        /(?<![A-Za-z0-9_.-])(?:hv[sbr]\.[A-Za-z0-9_-]{24,512}|[sbr]\.[A-Za-z0-9]{24})(?![A-Za-z0-9_-])/g,
      replace: m =>
        m[0].startsWith('hv') || (/\d/.test(m[0]) && /[A-Z]/.test(m[0]))
          ? mask('vault_token')
          : undefined,
    },
    bearer_token: {
      kind: 'bearer_token',
      pattern:
        /(?<![A-Za-z0-9_-])(Bearer|Basic)([ \t]{1,8})([A-Za-z0-9._~+/-]{6,8192}=*)/gi,
      replace: (m, text) => {
        const token = m[3];
        const inHeader = /auth/i.test(lineBefore(text, m.index, 64));
        let real: boolean;
        if (m[1].toLowerCase() === 'basic') {
          real = basicCredentialLooksReal(token);
        } else if (inHeader) {
          real = token.length >= 8;
        } else {
          // Free text ("Bearer authentication"): only token-looking values.
          real =
            token.length >= 16 && /\d/.test(token) && /[A-Za-z]/.test(token);
        }
        return real ? m[1] + m[2] + mask('bearer_token') : undefined;
      },
    },
    cookie: {
      kind: 'cookie',
      pattern:
        /(?<![A-Za-z0-9_-])((?:set-)?cookie2?)(["']?[ \t]{0,8}[:=][ \t]{0,8}\[?[ \t]{0,2}["']?)([^\r\n"'\]]{1,8192})/gi,
      replace: m => {
        const value = maskCookieValues(m[3]);
        return value === undefined ? undefined : m[1] + m[2] + value;
      },
    },
    kubernetes_secret: {
      kind: 'kubernetes_secret',
      // A `data:` / `stringData:` block in YAML, a lone base64 line as
      // `kubectl get secret -o jsonpath` prints it, and the same blocks in
      // JSON.
      pattern:
        /^([ \t+-]*)(data|stringData):[ \t\r]*$|^([ \t]*)([A-Za-z0-9+/]{12,4096}={0,2})[ \t\r]*$|"(data|stringData)"[ \t]*:[ \t]*\{([^{}]{1,65536})\}/gm,
      replace: (m, text) => {
        if (m[4] !== undefined) {
          // Hashes and random ids decode to binary; secret values to text.
          return decodesToText(m[4], 6) && !/^[0-9a-f]+$/i.test(m[4])
            ? m[0].replace(m[4], mask('kubernetes_secret'))
            : undefined;
        }
        if (m[6] !== undefined) {
          const always =
            m[5] === 'stringData' || inSecretManifest(text, m.index);
          let found = 0;
          const body = m[6].replace(
            /("(?:[^"\\]|\\.){1,253}"[ \t]*:[ \t]*")((?:[^"\\]|\\.){1,65536})"/g,
            (pair, head: string, value: string) => {
              if (!always && !decodesToText(value, 3)) {
                return pair;
              }
              found++;
              return `${head}${mask('kubernetes_secret')}"`;
            },
          );
          return found ? m[0].replace(m[6], body) : undefined;
        }
        let after = m.index + m[0].length;
        if (text[after] !== '\n') {
          return undefined;
        }
        after++;
        const block = maskSecretDataBlock(
          text,
          after,
          m[1].length,
          m[2] === 'stringData' || inSecretManifest(text, m.index),
        );
        return block.found === 0
          ? undefined
          : { text: text.slice(m.index, after) + block.text, end: block.end };
      },
    },
    url_token: {
      kind: 'url_token',
      pattern:
        /:\/\/([A-Za-z0-9_-]{16,256})@|([?&#;](?:key|code|auth|sig|access|apikey|client_secret|refresh|id_token|X-Amz-Security-Token|X-Goog-Signature|X-Amz-Signature|X-Amz-Credential)=)([^&#\s"'<>]{8,4096})/gi,
      replace: m => {
        if (m[1] !== undefined) {
          return /\d/.test(m[1]) ? `://${mask('url_token')}@` : undefined;
        }
        return isMaskableCredential('token', m[3])
          ? m[2] + mask('url_token')
          : undefined;
      },
    },
    credential_assignment: {
      kind: 'credential_assignment',
      // key = value, key: value, "key": "value", key => 'value',
      // \"key\":\"value\", and Go header maps (Key:[value]).
      pattern: new RegExp(
        `(${CREDENTIAL_KEY_SOURCE}|${GENERIC_KEY_SOURCE})` +
          `((?:\\\\?["'])?[ \\t]{0,8}(?:=>|:=|[:=])[ \\t]{0,8}(?:\\[[ \\t]{0,2})?)` +
          '(?:' +
          `\\\\"((?:[^"\\\\\\r\\n]|\\\\[^"\\r\\n]){1,4096})\\\\"` +
          `|"((?:[^"\\\\\\r\\n]|\\\\.){1,4096})"` +
          `|'([^'\\r\\n]{1,4096})'` +
          '|([^\\s"\'`,;&{}[\\]<>()][^\\s"\'`,;&}\\]<>)]{0,4095})' +
          ')',
        'gi',
      ),
      replace: (m, text) => {
        const [, key, separator, escaped, doubled, single, bare] = m;
        const value = escaped ?? doubled ?? single ?? bare;
        if (!isMaskableCredential(key, value)) {
          return undefined;
        }
        if (!SENSITIVE_KEY.test(key)) {
          // A generic <word>_KEY: only key material, and only at the start
          // of a key name (not the tail of "primary_key").
          const before = m.index > 0 ? text[m.index - 1] : '';
          if (
            /[A-Za-z0-9_-]/.test(before) ||
            NON_CREDENTIAL_KEY.test(key) ||
            !looksLikeKeyMaterial(value)
          ) {
            return undefined;
          }
        }
        if (
          bare !== undefined &&
          separator.includes(':') &&
          !/[=>[]/.test(separator) &&
          !startsLine(text, m.index) &&
          !(value.length >= 16 || /[^A-Za-z]/.test(value))
        ) {
          // "token: expired" in prose rather than a key: value pair.
          return undefined;
        }
        const masked = mask('credential_assignment');
        if (escaped !== undefined) {
          return `${key}${separator}\\"${masked}\\"`;
        }
        if (doubled !== undefined) {
          return `${key}${separator}"${masked}"`;
        }
        if (single !== undefined) {
          return `${key}${separator}'${masked}'`;
        }
        return key + separator + masked;
      },
    },
    high_entropy_token: {
      kind: 'high_entropy_token',
      // A long random token of a format no detector knows (a new vendor's
      // API key, the last segment of a webhook URL): mixed case and digits,
      // high entropy. Hex (hashes, commit
      // SHAs, trace ids), UUIDs and base64 with '+' or '/' (digests) are
      // left alone.
      pattern:
        /(?<![A-Za-z0-9_.+=:-])[A-Za-z0-9_-]{32,512}(?![A-Za-z0-9_./+=-])/g,
      replace: m =>
        isRandomToken(m[0]) ? mask('high_entropy_token') : undefined,
    },
  };
}
