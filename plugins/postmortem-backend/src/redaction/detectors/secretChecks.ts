import { isMaskableCredential } from './credentialKeys';
import { mask } from './Detector';

export function basicCredentialLooksReal(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) {
    return false;
  }
  const decoded = Buffer.from(token, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

const MAX_PEM_BODY = 65536;
// What may stand between BEGIN and END: base64, PEM headers, line breaks
// (also JSON-escaped ones) and the prefixes of YAML blocks and diffs.
const PEM_BODY = /^(?:[A-Za-z0-9+/=:,.\s"'|>-]|\\[rn])*$/;
// Without an END line: the base64 lines that follow the BEGIN line.
const PEM_BASE64_LINES =
  /(?:(?:\r?\n|\\r?\\n)[ \t+>|"'-]{0,16}[A-Za-z0-9+/=]{16,128}(?=[ \t]*(?:[\r\n"',]|\\[rn]|$)))*/y;

/**
 * Where the PEM block whose BEGIN line ends at `from` ends: after its END
 * line if there is one before the next BEGIN line, else after the base64
 * lines that follow. Looks at most MAX_PEM_BODY characters ahead.
 */
export function privateKeyEnd(
  text: string,
  from: number,
  type: string,
  suffix = '',
): number {
  let window = text.slice(from, from + MAX_PEM_BODY);
  const nextBegin = window.indexOf('-----BEGIN ');
  if (nextBegin >= 0) {
    window = window.slice(0, nextBegin);
  }
  const endLine = `-----END ${type}PRIVATE KEY${suffix}-----`;
  const endIndex = window.indexOf(endLine);
  if (endIndex >= 0 && PEM_BODY.test(window.slice(0, endIndex))) {
    return from + endIndex + endLine.length;
  }
  PEM_BASE64_LINES.lastIndex = 0;
  const body = PEM_BASE64_LINES.exec(window);
  return from + (body ? body[0].length : 0);
}

// Attributes of a Set-Cookie header, kept as they are.
const COOKIE_ATTRIBUTES = new Set([
  'path',
  'domain',
  'expires',
  'max-age',
  'samesite',
  'secure',
  'httponly',
  'priority',
  'partitioned',
  'version',
  'comment',
]);

/** Masks the value of every `name=value` pair of a Cookie or Set-Cookie header. */
export function maskCookieValues(header: string): string | undefined {
  let masked = 0;
  const out = header.split(';').map(part => {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      return part;
    }
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (
      COOKIE_ATTRIBUTES.has(name.toLowerCase()) ||
      !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ||
      !isMaskableCredential(name, value)
    ) {
      return part;
    }
    masked++;
    return `${part.slice(0, eq + 1)}${mask('cookie')}`;
  });
  return masked > 0 ? out.join(';') : undefined;
}

// Prefixes of digests and identifiers, not of tokens.
const HASH_PREFIXES =
  /^(?:sha|sha1|sha256|sha384|sha512|md5|blake2b|commit|trace|span|request|req|build|run|job|image|digest|etag|uuid|id|hash|correlation|corr|msg|message|event|evt|txn|order|ref|obj|file|blob|cache|redacted)$/i;

/** Shannon entropy in bits per character. */
function entropyOf(word: string): number {
  const frequencies = new Map<string, number>();
  for (const c of word) frequencies.set(c, (frequencies.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of frequencies.values()) {
    const p = n / word.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Whether a word looks like a random token rather than a name or a hash. */
export function isRandomToken(word: string): boolean {
  if (/^[0-9a-f_-]+$/i.test(word) && !/[g-z]/i.test(word)) {
    return false; // hex
  }
  const upper = word.replace(/[^A-Z]/g, '').length;
  const lower = word.replace(/[^a-z]/g, '').length;
  const digits = word.replace(/[^0-9]/g, '').length;
  const prefixed =
    /^([a-z]{2,10})[_-](?:[a-z0-9]{1,4}[_-])?([A-Za-z0-9]{30,})$/.exec(word);
  if (prefixed && !HASH_PREFIXES.test(prefixed[1])) {
    // A vendor prefix and a random body (dop_v1_…, pypi-…): the body may be
    // hex or one case only.
    const body = prefixed[2];
    return (
      body.replace(/[^0-9]/g, '').length >= 4 &&
      body.replace(/[^A-Za-z]/g, '').length >= 4 &&
      entropyOf(body) >= 3.5
    );
  }
  if (digits < 3 || (upper < 3 && lower < 3)) {
    return false;
  }
  if (upper < 3 || lower < 3) {
    // Upper case only (NRAK-…, uppercase API keys): a long random run and
    // more digits. Lower case only is left alone (pod and host names).
    return (
      lower === 0 &&
      /[A-Z0-9]{27,}/.test(word) &&
      digits >= 5 &&
      entropyOf(word) >= 4.0
    );
  }
  // Words run together (CheckoutDeploymentFailed2024) are names.
  const wordy = (word.match(/[A-Z]?[a-z]{4,}/g) ?? []).join('').length;
  return wordy < word.length / 2 && entropyOf(word) >= 4.2;
}
