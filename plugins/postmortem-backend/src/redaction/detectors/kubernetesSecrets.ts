import { isMaskableCredential } from './credentialKeys';
import { mask } from './Detector';

export function decodesToText(candidate: string, minLength: number): boolean {
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
export function inSecretManifest(text: string, index: number): boolean {
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
export function maskSecretDataBlock(
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
