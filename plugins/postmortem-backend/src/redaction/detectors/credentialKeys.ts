// Key names whose value is a credential: the key has to end with one of
// these words (DB_PASSWORD, dbPassword, "api_key", X-Api-Key, routing_key…).
export const CREDENTIAL_KEY_SOURCE =
  'pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|apikey|' +
  'sess(?:ion)?[_-]?(?:id|key|token)|sessid|signature|' +
  '(?:access|auth|secret|private|routing|integration|service|subscription|master|encryption|signing)[_-]?key';

export const SENSITIVE_KEY = new RegExp(`(?:${CREDENTIAL_KEY_SOURCE})$`, 'i');

// Any other `<word>_KEY` (APP_KEY, STRIPE_KEY, LICENSE-KEY): a credential
// only when its value looks like one, since many keys name columns or
// lookups.
export const GENERIC_KEY_SOURCE = '[A-Za-z0-9][A-Za-z0-9_.-]{0,63}[_-]key';
export const NON_CREDENTIAL_KEY =
  /(?:primary|foreign|sort|partition|cache|dedup|idempotency|object|row|group|shard|composite|unique|lookup|map|message|i18n|translation|label|storage|origin|finding|routing_?rule|hot|public|ssh_public|cursor|event|index|search|query|order|kms_key_id)[_-]?key$/i;

/** Whether a value under a generic `<word>_KEY` name looks like a credential. */
export function looksLikeKeyMaterial(value: string): boolean {
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

export function isMaskableCredential(key: string, value: string): boolean {
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
export function startsLine(text: string, index: number): boolean {
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
