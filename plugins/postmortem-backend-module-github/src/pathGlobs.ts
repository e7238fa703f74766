/**
 * Path globs of configuration files in a repository: `*` and `?` within a
 * path segment, `**` across segments, `{a,b}` alternatives. A glob
 * without wildcards names a file or a directory (everything below it),
 * as `git log -- <path>` does.
 */
export interface PathGlob {
  glob: string;
  /**
   * The longest leading directory (or file) without wildcards: what
   * GitHub's commits API can filter on (`path=`); '' for the whole
   * repository.
   */
  prefix: string;
  matches(path: string): boolean;
}

const WILDCARD = /[*?{[]/;

function escape(text: string) {
  return text.replace(/[.+^$()|\\\]]/g, '\\$&');
}

function toRegExpSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${glob
        .slice(i + 1, end)
        .split(',')
        .map(toRegExpSource)
        .join('|')})`;
      i = end;
    } else if (c === '[') {
      out += '\\[';
    } else {
      out += escape(c);
    }
  }
  return out;
}

/**
 * Reads a glob; throws with the reason for one that cannot name a path of
 * a repository (empty, `..`, a line break).
 */
export function parsePathGlob(raw: string): PathGlob {
  const glob = raw.trim().replace(/^\.?\/+/, '');
  if (!glob || glob.split('/').includes('..') || /[\r\n\0]/.test(glob)) {
    throw new Error(
      `'${raw}' is not a path glob of a repository (e.g. config/**, deploy/*.yaml)`,
    );
  }
  const segments = glob.replace(/\/+$/, '').split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (WILDCARD.test(segment)) break;
    literal.push(segment);
  }
  const exact = literal.length === segments.length;
  const prefix = literal.join('/');
  if (exact) {
    return {
      glob,
      prefix,
      matches: path => path === prefix || path.startsWith(`${prefix}/`),
    };
  }
  const pattern = new RegExp(`^${toRegExpSource(glob)}$`);
  return { glob, prefix, matches: path => pattern.test(path) };
}

/** Globs from a comma- or newline-separated list (an annotation's value). */
export function parsePathGlobList(value: string): PathGlob[] {
  return value
    .split(/[,\n]/)
    .map(s => s.trim())
    .filter(Boolean)
    .map(parsePathGlob);
}
