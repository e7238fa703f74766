/** One log line with its time (epoch milliseconds). */
export interface LogLine {
  at: number;
  line: string;
}

/**
 * Variable parts of log lines, masked before grouping, in this order:
 * quoted strings first (they may hold anything), then ids, addresses and
 * numbers. What is left is the wording the code wrote.
 */
const MASKS: Array<[RegExp, string, RegExp?]> = [
  // The third entry finds a character the pattern needs: lines without it
  // skip the pattern, which halves the time of a large answer.
  [/"(?:[^"\\]|\\.)*"|'(?:[^'\\\s]|\\.)*'/g, '<STR>', /["']/],
  [
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    '<UUID>',
    /-/,
  ],
  [/\bhttps?:\/\/[^\s"'<>]+/gi, '<URL>', /:/],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, '<EMAIL>', /@/],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, '<IP>', /\./],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])/gi, '<IP>', /:/],
  // Hosts with two dots or more (db-1.eu.internal), and pod names
  // (checkout-7d9f8b6c5d-x2x9q) whose suffixes change with each rollout.
  [/\b[a-z][\w-]*(?:\.[a-z0-9][\w-]*){2,}(?::\d{1,5})?\b/gi, '<HOST>', /\./],
  [/\b[a-z][a-z0-9-]*-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '<POD>', /-/],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<HEX>'],
  [/\b[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]{10,}\b/g, '<ID>'],
  [/-?\b\d+(?:[.,]\d+)*(?:[a-zµ%]{1,3})?\b/gi, '<NUM>'],
];

/** The line with its variable parts masked. */
export function maskLine(line: string): string {
  let out = line.trim();
  for (const [pattern, mask, needs] of MASKS) {
    if (needs && !needs.test(out)) continue;
    out = out.replace(pattern, mask);
  }
  return out.replace(/\s+/g, ' ');
}

const WILDCARD = '<*>';

interface Cluster {
  tokens: string[];
  lines: LogLine[];
}

/**
 * Groups lines into templates, after Drain (He et al., 2017): masked
 * lines of the same length and first word join the most similar cluster
 * if at least `similarity` of their words are equal; the words that
 * differ become `<*>`. Lines are taken in time order, so a template is
 * the same whichever tool answered.
 */
export async function groupLines(
  lines: LogLine[],
  options: { similarity?: number; maxClusters?: number } = {},
): Promise<Array<{ template: string; lines: LogLine[] }>> {
  const similarity = options.similarity ?? 0.5;
  const maxClusters = options.maxClusters ?? 1000;
  const groups = new Map<string, Cluster[]>();
  let count = 0;
  const sorted = [...lines].sort((a, b) => a.at - b.at);
  for (const [index, entry] of sorted.entries()) {
    // Masking costs about 15 µs a line: let other work run between
    // batches, so a large answer does not hold the event loop for a second.
    if (index % 500 === 499) await new Promise(r => setImmediate(r));
    const tokens = maskLine(entry.line).split(' ');
    const key = `${tokens.length}\u0000${tokens[0]}`;
    const clusters = groups.get(key) ?? [];
    groups.set(key, clusters);
    let best: Cluster | undefined;
    let bestScore = -1;
    for (const cluster of clusters) {
      let same = 0;
      for (let i = 0; i < tokens.length; i++) {
        if (cluster.tokens[i] === tokens[i]) same++;
      }
      const score = same / tokens.length;
      if (score >= similarity && score > bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (best) {
      best.tokens = best.tokens.map((t, i) => (t === tokens[i] ? t : WILDCARD));
      best.lines.push(entry);
    } else if (count < maxClusters) {
      clusters.push({ tokens, lines: [entry] });
      count++;
    }
    // Beyond maxClusters, new wordings are dropped rather than growing
    // without bound; a window with a thousand distinct templates says
    // little about any one of them.
  }
  return [...groups.values()]
    .flat()
    .map(c => ({ template: c.tokens.join(' '), lines: c.lines }));
}

/** Counts per interval over the window, every interval present. */
export function countsPer(
  times: number[],
  from: number,
  to: number,
  stepMs: number,
): Array<[number, number]> {
  const n = Math.max(1, Math.ceil((to - from) / stepMs));
  const counts = new Array<number>(n).fill(0);
  for (const t of times) {
    const i = Math.floor((t - from) / stepMs);
    if (i >= 0 && i < n) counts[i]++;
  }
  return counts.map((c, i) => [from + i * stepMs, c]);
}

/**
 * Where a count series rose, by Pettitt's rank test: the split that best
 * separates lower from higher values, if the rise is significant
 * (p < 0.05). Returns the time of the first interval after the split.
 */
export function risingOnset(
  points: Array<[number, number]>,
): number | undefined {
  const n = points.length;
  if (n < 6) return undefined;
  const x = points.map(p => p[1]);
  // U_k = sum_{i<=k} sum_{j>k} sign(x_j - x_i), positive for a rise;
  // U_k = U_{k-1} + sum_j sign(x_j - x_k).
  let u = 0;
  let bestU = 0;
  let bestK = -1;
  for (let k = 0; k < n - 1; k++) {
    for (let j = 0; j < n; j++) u += Math.sign(x[j] - x[k]);
    // On ties the later split: a point equal to the baseline's values
    // belongs to the baseline.
    if (u > 0 && u >= bestU) {
      bestU = u;
      bestK = k;
    }
  }
  if (bestK < 0) return undefined;
  const p = 2 * Math.exp((-6 * bestU * bestU) / (n ** 3 + n ** 2));
  return p < 0.05 ? points[bestK + 1][0] : undefined;
}

/** A template whose rate rose at the onset. */
export interface RisenTemplate {
  template: string;
  /** Lines before the onset, and since. */
  before: number;
  during: number;
  /** Lines per minute before the onset, and since. */
  rateBefore: number;
  rateDuring: number;
  /** First line of this template since the onset (epoch ms). */
  firstDuring: number;
  /** A few lines as they were written, newest last. */
  examples: string[];
  /** Lines per interval over the whole window. */
  points: Array<[number, number]>;
}

export interface RisenTemplatesOptions {
  from: number;
  to: number;
  stepMs: number;
  /** Where to split when the lines themselves show no rise. */
  fallbackOnset: number;
  /** Fewest lines since the onset for a template to be reported. Default 3. */
  minCount?: number;
  /** Rate since the onset over the rate before, at least. Default 2. */
  minRatio?: number;
  /** Most templates reported, the largest rises first. Default 10. */
  maxTemplates?: number;
  similarity?: number;
}

/**
 * Groups an entity's lines into templates and reports those whose rate
 * rose at the onset: where the entity's lines as a whole rose (Pettitt),
 * else `fallbackOnset` (the alert). A template never seen before the
 * onset counts as risen when it has `minCount` lines since.
 */
export async function risenTemplates(
  lines: LogLine[],
  options: RisenTemplatesOptions,
): Promise<{
  onsetAt: number;
  onsetFrom: 'logs' | 'alert';
  templates: RisenTemplate[];
}> {
  const { from, to, stepMs } = options;
  const inWindow = lines.filter(l => l.at >= from && l.at <= to);
  const total = countsPer(
    inWindow.map(l => l.at),
    from,
    to,
    stepMs,
  );
  const detected = risingOnset(total);
  const onsetAt =
    detected ?? Math.min(Math.max(options.fallbackOnset, from), to);
  const minutesBefore = Math.max((onsetAt - from) / 60_000, 1 / 60);
  const minutesDuring = Math.max((to - onsetAt) / 60_000, 1 / 60);
  const minCount = options.minCount ?? 3;
  const minRatio = options.minRatio ?? 2;
  const templates: RisenTemplate[] = [];
  for (const group of await groupLines(inWindow, options)) {
    const before = group.lines.filter(l => l.at < onsetAt);
    const during = group.lines.filter(l => l.at >= onsetAt);
    const rateBefore = before.length / minutesBefore;
    const rateDuring = during.length / minutesDuring;
    if (during.length < minCount) continue;
    if (before.length > 0 && rateDuring < rateBefore * minRatio) continue;
    templates.push({
      template: group.template,
      before: before.length,
      during: during.length,
      rateBefore,
      rateDuring,
      firstDuring: during[0].at,
      examples: during.slice(-3).map(l => l.line.slice(0, 500)),
      points: countsPer(
        group.lines.map(l => l.at),
        from,
        to,
        stepMs,
      ),
    });
  }
  templates.sort(
    (a, b) =>
      b.rateDuring - b.rateBefore - (a.rateDuring - a.rateBefore) ||
      a.firstDuring - b.firstDuring,
  );
  return {
    onsetAt,
    onsetFrom: detected === undefined ? 'alert' : 'logs',
    templates: templates.slice(0, options.maxTemplates ?? 10),
  };
}
