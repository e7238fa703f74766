import { Config } from '@backstage/config';
import { isIPv6 } from 'node:net';
import { findWithSecretlint, SecretlintFinding } from './secretlintRules';

/**
 * The kinds of sensitive data the {@link Redactor} masks, in the order in
 * which their detectors run. Specific detectors (known token formats) run
 * before generic ones (`credential_assignment`), so a value is reported under
 * the most precise kind.
 */
export const REDACTION_KINDS = [
  'private_key',
  'gcp_service_account',
  'url_password',
  'slack_webhook',
  'jwt',
  'aws_access_key_id',
  'aws_secret_access_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'npm_token',
  'azure_connection_string',
  'vault_token',
  'bearer_token',
  'cookie',
  'kubernetes_secret',
  'url_token',
  'credential_assignment',
  'high_entropy_token',
  'email',
  'ipv6',
  'ipv4',
  'iban',
  'credit_card',
  'us_ssn',
  'national_id',
  'phone',
] as const;

/** One kind of sensitive data, see {@link REDACTION_KINDS}. */
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** What {@link Redactor.redact} returns. */
export interface RedactionResult {
  /** The input with every detected value replaced by `[REDACTED:<kind>]`. */
  text: string;
  /**
   * How many values of each kind were masked; kinds that were not found are
   * absent. Names of extra patterns appear alongside the built-in kinds.
   */
  counts: Partial<Record<RedactionKind | (string & {}), number>>;
}

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

interface Detector {
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

const PLACEHOLDER_PREFIX = '[REDACTED:';
const EXTRA_PATTERN_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function mask(kind: string): string {
  return `${PLACEHOLDER_PREFIX}${kind}]`;
}

// Key names whose value is a credential: the key has to end with one of
// these words (DB_PASSWORD, dbPassword, "api_key", X-Api-Key, routing_key…).
const CREDENTIAL_KEY_SOURCE =
  'pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|apikey|' +
  'sess(?:ion)?[_-]?(?:id|key|token)|sessid|signature|' +
  '(?:access|auth|secret|private|routing|integration|service|subscription|master|encryption|signing)[_-]?key';

const SENSITIVE_KEY = new RegExp(`(?:${CREDENTIAL_KEY_SOURCE})$`, 'i');

// Any other `<word>_KEY` (APP_KEY, STRIPE_KEY, LICENSE-KEY): a credential
// only when its value looks like one, since many keys name columns or
// lookups.
const GENERIC_KEY_SOURCE = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}[_-]key';
const NON_CREDENTIAL_KEY =
  /(?:primary|foreign|sort|partition|cache|dedup|idempotency|object|row|group|shard|composite|unique|lookup|map|message|i18n|translation|label|storage|origin|finding|routing_?rule|hot|public|ssh_public|cursor|event|index|search|query|order|kms_key_id)[_-]?key$/i;

/** Whether a value under a generic `<word>_KEY` name looks like a credential. */
function looksLikeKeyMaterial(value: string): boolean {
  if (/^base64:/i.test(value)) {
    return true;
  }
  return (
    value.length >= 16 &&
    !/\s/.test(value) &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !/^[a-z]+(?:[-_.:/][a-z0-9]+)*$/.test(value)
  );
}

// Values that are obviously not secrets: empty markers, template and
// environment references, already masked values.
const NON_SECRET_VALUE =
  /^(?:null|nil|none|undefined|true|false|\*+|x{3,}|\.{3,}|-+|<[^>]*>|\$\{[^}]*\}?|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|%[sdv]|\[?(?:redacted|filtered|masked|hidden)\]?|\[?REDACTED:.*)$/i;

function isMaskableCredential(key: string, value: string): boolean {
  if (value === '' || NON_SECRET_VALUE.test(value)) {
    return false;
  }
  // PWD / OLDPWD in environment dumps hold the working directory.
  if (/pwd$/i.test(key) && /^(?:[/~]|[A-Za-z]:\\)/.test(value)) {
    return false;
  }
  return true;
}

/** True when the text before `index` on its line is only indentation. */
function startsLine(text: string, index: number): boolean {
  let i = index;
  let steps = 0;
  while (i > 0 && steps < 128 && /[\w.-]/.test(text[i - 1])) {
    i--;
    steps++;
  }
  steps = 0;
  while (i > 0 && steps < 64) {
    const c = text[i - 1];
    if (c === '\n') {
      return true;
    }
    if (c !== ' ' && c !== '\t' && c !== '-' && c !== '"' && c !== "'") {
      return false;
    }
    i--;
    steps++;
  }
  return i === 0;
}

const EMAIL_LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const HEX_CHAR = /[0-9A-Fa-f]/;

/**
 * The start of the run of `allowed` characters that ends at `index`, looking
 * back at most `max` characters.
 */
function scanBack(
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
function lineBefore(text: string, index: number, max: number): string {
  const before = text.slice(Math.max(0, index - max), index);
  return before.slice(before.lastIndexOf('\n') + 1);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether the number starts like a card of a known network with that length. */
function cardNetworkMatches(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === '4') {
    return len === 13 || len === 16 || len === 19; // Visa
  }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
    return len === 16; // Mastercard
  }
  if (p2 === 34 || p2 === 37) {
    return len === 15; // American Express
  }
  if (p2 === 36 || (p3 >= 300 && p3 <= 305)) {
    return len >= 14 && len <= 19; // Diners Club
  }
  if (p4 >= 3528 && p4 <= 3589) {
    return len >= 16 && len <= 19; // JCB
  }
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || p2 === 62) {
    return len >= 16 && len <= 19; // Discover, UnionPay
  }
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4)) {
    return len >= 13 && len <= 19; // Maestro
  }
  return false;
}

// IBAN lengths per country (ISO 13616 registry).
// prettier-ignore
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18,
  NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined ? iban.length !== expected : iban.length < 15) {
    return false;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : c;
    for (const d of value) {
      remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
    }
  }
  return remainder === 1;
}

function isUninterestingIpv4(ip: string): boolean {
  const octets = ip.split('.').map(Number);
  if (octets[0] === 127 || octets.every(o => o === 0)) {
    return true; // loopback, unspecified
  }
  // Netmasks such as 255.255.255.0.
  const maskOctets = [0, 128, 192, 224, 240, 248, 252, 254, 255];
  return octets[0] === 255 && octets.every(o => maskOctets.includes(o));
}

function basicCredentialLooksReal(token: string): boolean {
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
function privateKeyEnd(
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
function maskCookieValues(header: string): string | undefined {
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

function decodesToText(candidate: string, minLength: number): boolean {
  if (candidate.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(candidate)) {
    return false;
  }
  const decoded = Buffer.from(candidate, 'base64').toString('latin1');
  return decoded.length >= minLength && /^[\x20-\x7e\t\r\n]+$/.test(decoded);
}

/**
 * Whether the manifest around `index` declares a Kubernetes Secret: the
 * snippet up to the nearest blank line or `---` on either side.
 */
function inSecretManifest(text: string, index: number): boolean {
  const from = Math.max(0, index - 4096);
  const before = text.slice(from, index);
  const startMatch = [...before.matchAll(/\n[ \t]*\r?\n|\n---/g)].pop();
  const start =
    from + (startMatch ? startMatch.index! + startMatch[0].length : 0);
  const after = text.slice(index, index + 4096);
  const endMatch = /\n[ \t]*\r?\n|\n---/.exec(after);
  const end = index + (endMatch ? endMatch.index : after.length);
  return /kind["']?[ \t]*:[ \t]*["']?Secret\b/.test(text.slice(start, end));
}

/**
 * The end of the indented block that follows a `data:` line whose
 * indentation is `indent`, masking each value in it. Values under `data:`
 * are masked when they are base64 (or the manifest is a Secret); under
 * `stringData:` always.
 */
function maskSecretDataBlock(
  text: string,
  from: number,
  indent: number,
  always: boolean,
): { text: string; end: number; found: number } {
  let out = '';
  let pos = from;
  let found = 0;
  let blockIndent = -1;
  while (pos < text.length) {
    const lineEnd = text.indexOf('\n', pos);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const line = text.slice(pos, end);
    const lineIndent = line.length - line.replace(/^[ \t+-]*/, '').length;
    if (line.trim() !== '' && lineIndent <= indent) {
      break;
    }
    const pair = /^([ \t+-]*)([^\s:#][^:]{0,252}):([ \t]*)(.*)$/.exec(line);
    if (blockIndent >= 0 && lineIndent > blockIndent && line.trim() !== '') {
      // A line of a block scalar (`key: |`).
      out += `${line.slice(0, lineIndent)}${mask('kubernetes_secret')}`;
      found++;
    } else if (pair && pair[4] !== '') {
      blockIndent = -1;
      const value = pair[4].replace(/^["']|["']$/g, '');
      if (/^[|>][-+]?$/.test(value)) {
        blockIndent = lineIndent;
        out += line;
      } else if (
        isMaskableCredential(pair[2], value) &&
        (always || decodesToText(value, 3))
      ) {
        const quote = /^["']/.test(pair[4]) ? pair[4][0] : '';
        out += `${pair[1]}${pair[2]}:${pair[3]}${quote}${mask(
          'kubernetes_secret',
        )}${quote}`;
        found++;
      } else {
        out += line;
      }
    } else {
      out += line;
    }
    out += lineEnd < 0 ? '' : '\n';
    pos = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  return { text: out, end: pos, found };
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
function isRandomToken(word: string): boolean {
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

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Whether a candidate is a valid national id of a supported country. */
function nationalIdValid(candidate: string): boolean {
  const compact = candidate.replace(/[ -]/g, '');
  if (/^\d{9}$/.test(compact)) {
    // Canadian SIN: Luhn, written with separators.
    return /[ -]/.test(candidate) && luhnValid(compact);
  }
  if (/^[XYZ]?\d{7,8}[A-Z]$/.test(compact)) {
    // Spanish DNI / NIE: the letter is a checksum.
    const digits = compact
      .slice(0, -1)
      .replace(/^X/, '0')
      .replace(/^Y/, '1')
      .replace(/^Z/, '2');
    return (
      digits.length === 8 &&
      DNI_LETTERS[Number(digits) % 23] === compact[compact.length - 1]
    );
  }
  if (/^[A-Z]{2}\d{6}[A-D]$/.test(compact)) {
    // UK National Insurance number.
    return (
      !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/.test(compact) &&
      // (QQ is invalid but HMRC's own example: masked too.)
      !/[DFIUV]/.test(compact.slice(0, 2)) &&
      compact[1] !== 'O'
    );
  }
  if (/^[A-Z]{5}\d{4}[A-Z]$/.test(compact)) {
    // Indian PAN: the fourth letter is the holder type.
    return 'ABCFGHLJPT'.includes(compact[3]);
  }
  return false;
}

// `span_id": "`, `traceId=`, `ID: `: the value is an identifier.
const ID_KEY_BEFORE =
  /(?:(?<![A-Za-z])id|[_-]id|[a-z]Id|ID)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?$/;

function builtInDetectors(): Record<RedactionKind, Detector | Detector[]> {
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
    email: {
      kind: 'email',
      hints: ['@'],
      // Finds the domain; the local part is read backwards from the '@'.
      pattern: /@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
      replace: (m, text) => {
        const start = scanBack(text, m.index, EMAIL_LOCAL_CHAR, 65);
        const local = text.slice(start, m.index);
        // git@github.com:org/repo.git is an SSH remote, not a person.
        return local.length === 0 || local.length > 64 || local === 'git'
          ? undefined
          : { text: mask('email'), start };
      },
    },
    ipv6: {
      kind: 'ipv6',
      hints: [':'],
      // Starts at the first ':'; the first group is read backwards.
      pattern:
        /:[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,6}(?:\.\d{1,3}){0,3}(?:%[A-Za-z0-9]{1,16})?(?![\w:]|\.\d)/g,
      replace: (m, text) => {
        const start = scanBack(text, m.index, HEX_CHAR, 5);
        if (
          m.index - start > 4 ||
          (start > 0 && /[\w:.]/.test(text[start - 1]))
        ) {
          return undefined;
        }
        const address = text.slice(start, m.index) + m[0].split('%')[0];
        const groups = address.split(':').filter(g => g !== '');
        return isIPv6(address) && /\d/.test(address) && groups.length >= 2
          ? { text: mask('ipv6'), start }
          : undefined;
      },
    },
    ipv4: {
      kind: 'ipv4',
      hints: ['.'],
      pattern:
        /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g,
      replace: m => (isUninterestingIpv4(m[0]) ? undefined : mask('ipv4')),
    },
    iban: {
      kind: 'iban',
      pattern:
        /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
      replace: m => (ibanValid(m[0]) ? mask('iban') : undefined),
    },
    credit_card: {
      kind: 'credit_card',
      pattern:
        /(?<![\w.-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})(?![\w-]|[.,]\d)/g,
      replace: (m, text) => {
        const digits = m[0].replace(/\D/g, '');
        if (
          digits.length === m[0].length &&
          ID_KEY_BEFORE.test(lineBefore(text, m.index, 40))
        ) {
          return undefined; // an all-digit hex identifier such as a span id
        }
        return digits.length >= 13 &&
          digits.length <= 19 &&
          cardNetworkMatches(digits) &&
          luhnValid(digits)
          ? mask('credit_card')
          : undefined;
      },
    },
    us_ssn: {
      kind: 'us_ssn',
      hints: ['-'],
      pattern:
        /(?<![\w.-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-]|[.,]\d)/g,
      replace: () => mask('us_ssn'),
    },
    national_id: {
      kind: 'national_id',
      pattern:
        /(?<![\w.-])(?:\d{3}[ -]\d{3}[ -]\d{3}|[XYZ]?\d{7,8}-?[A-Z]|[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]|[A-Z]{5}\d{4}[A-Z])(?![\w-]|[.,]\d)/g,
      replace: m => (nationalIdValid(m[0]) ? mask('national_id') : undefined),
    },
    phone: [
      {
        kind: 'phone',
        hints: ['+'],
        pattern: /(?<![\w+])\+[1-9](?:[ .-]?\(?\d\)?){7,14}(?!\d|[.,]\d)/g,
        replace: m => {
          const digits = m[0].replace(/\D/g, '');
          const separated = /[ .()-]/.test(m[0]);
          return separated || digits.length >= 10 ? mask('phone') : undefined;
        },
      },
      {
        kind: 'phone',
        // National formats: (415) 555-0132, 415-555-0132, 020 7946 0958,
        // 030 12345678, 06 12 34 56 78, 0044 20 7946 0958.
        pattern:
          /(?<![\w.+/:-])(?:(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ ]?\d{3}[ .-]\d{4}|[2-9]\d{2}([.-])\d{3}\1\d{4})|00[1-9]\d{0,3}(?:[ .-]\d{1,5}){2,5}|0[1-9]\d{0,4}(?:[ /-]\d{2,8}){1,4})(?![\w/:-]|[.,]\d)/g,
        replace: m => {
          const digits = m[0].replace(/\D/g, '');
          if (m[0].startsWith('00')) {
            return digits.length >= 11 && digits.length <= 17
              ? mask('phone')
              : undefined;
          }
          if (m[0].startsWith('0')) {
            const date = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(m[0]);
            return !date && digits.length >= 10 && digits.length <= 13
              ? mask('phone')
              : undefined;
          }
          return mask('phone');
        },
      },
      {
        kind: 'phone',
        // Any number introduced as one: "phone: 4155550132", "tel 0301234567".
        pattern:
          /(?<![A-Za-z])((?:phone|tel|mobile|cell|fax|whatsapp|sms|telefon|handy)(?:[ _-]?(?:number|num|no|nr|phone))?s?(?![A-Za-z])["']?[ \t]{0,4}[:=#.]?[ \t]{0,4}["']?)(\+?\d[\d ().-]{5,18}\d)(?![\w-]|[.,]\d)/gi,
        replace: m => {
          const digits = m[2].replace(/\D/g, '');
          const date = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(m[2]);
          return !date && digits.length >= 7 && digits.length <= 15
            ? m[1] + mask('phone')
            : undefined;
        },
      },
    ],
  };
}

function applyDetector(
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
function mapStrings(value: unknown, fn: (text: string) => string): unknown {
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
async function maskWithSecretlint(
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

    const builtIns = builtInDetectors();
    for (const kind of REDACTION_KINDS) {
      if (!disabled.has(kind)) {
        detectors.push(...[builtIns[kind]].flat());
      }
    }
    return new Redactor(detectors, !disabled.has('credential_assignment'));
  }

  private constructor(
    private readonly detectors: Detector[],
    private readonly maskSensitiveKeys: boolean,
  ) {}

  /** Masks every detected value in `text`. */
  redact(text: string): RedactionResult {
    const counts: Record<string, number> = {};
    let result = text;
    for (const detector of this.detectors) {
      result = applyDetector(result, detector, counts);
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
    const counts: Record<string, number> = {};
    const copies = new Map<object, unknown>();

    const walk = (current: unknown, key?: string): unknown => {
      if (typeof current === 'string') {
        const result = this.redact(current);
        if (
          this.maskSensitiveKeys &&
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
