/** Characters Markdown lets an author escape with a backslash. */
const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
/** Escaped characters are parked in the Unicode private use area meanwhile. */
const PRIVATE_USE_BASE = 0xe000;
const PARKED = /[\ue000-\ue0ff]/g;

/**
 * Turns Markdown into plain text for the search index: the words stay, the
 * markup characters go. Link and image targets are dropped (their text is
 * kept), as are HTML tags, heading and list markers, emphasis, code fences,
 * block quotes and table rules. Underscores inside words (`db_pool_size`)
 * are kept. It is not a full CommonMark parser; it only has to leave text a
 * search engine can tokenize without indexing markup.
 */
export function stripMarkdown(markdown: string): string {
  let text = markdown
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPABLE, (_, ch: string) =>
      String.fromCharCode(PRIVATE_USE_BASE + ch.charCodeAt(0)),
    );

  text = text
    // HTML comments
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Code fences; the code inside is kept as text
    .replace(/^[ \t]*(?:`{3,}|~{3,})[^\n]*$/gm, '')
    // Images and links keep their text: ![alt](src), [text](href), [text][ref]
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    // Link reference definitions: [ref]: https://...
    .replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$/gm, '')
    // Autolinks keep their address: <https://...>
    .replace(/<((?:https?|mailto|ftp):[^>\s]+)>/gi, '$1')
    // HTML tags
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ' ')
    // Horizontal rules and setext heading underlines
    .replace(/^[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$/gm, '')
    // ATX headings, with optional closing hashes
    .replace(/^[ \t]*#{1,6}(?:[ \t]+|$)/gm, '')
    .replace(/[ \t]+#+[ \t]*$/gm, '')
    // Block quotes (nested too)
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    // List markers and task list boxes
    .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '')
    // Table separator rows, then the pipes between cells
    .replace(
      /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*(?:\n|$)/gm,
      '',
    )
    .replace(/[ \t]*\|[ \t]*/g, ' ')
    // Emphasis, strong, strikethrough and inline code markers
    .replace(/[*`]+|~~/g, '')
    // Underscores used as emphasis, but not those inside words
    .replace(/(^|[^\p{L}\p{N}])_+/gu, '$1')
    .replace(/_+(?=[^\p{L}\p{N}]|$)/gu, '');

  return text
    .replace(PARKED, ch =>
      String.fromCharCode(ch.charCodeAt(0) - PRIVATE_USE_BASE),
    )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
