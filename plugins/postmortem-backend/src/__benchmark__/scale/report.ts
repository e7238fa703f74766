import fs from 'node:fs';
import path from 'node:path';
import type { PlanCheck } from './plans';

/** One measured figure with its target. */
export interface Result {
  engine: 'pg' | 'sqlite';
  /** What was measured, e.g. "entity tab data (500 postmortems)". */
  name: string;
  /** The figure the target is about, in `unit`. */
  value: number;
  unit: string;
  /** Other figures: p50, baseline times, counts. */
  details: Record<string, number | string>;
  /** The figure over the baseline measured in the same run, if any. */
  ratio?: number;
  target: string;
  /** Undefined: reported only (no target for this engine). */
  pass?: boolean;
  plans?: PlanCheck[];
}

function fmt(n: number | undefined, digits = 1) {
  if (n === undefined) return '';
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

const verdict = (pass: boolean | undefined) => {
  if (pass === undefined) return 'reported';
  return pass ? 'pass' : '**FAIL**';
};

export function toMarkdown(results: Result[], meta: Record<string, unknown>) {
  const lines = [
    '# Benchmarks at scale',
    '',
    Object.entries(meta)
      .map(
        ([k, v]) => `- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
      )
      .join('\n'),
    '',
    '| engine | measure | value | ratio to baseline | target | result | details |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const scans = (r.plans ?? []).flatMap(p => p.seqScans);
    const details = Object.entries(r.details)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`)
      .join(', ');
    lines.push(
      `| ${r.engine} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${
        r.ratio === undefined ? '' : `${fmt(r.ratio, 2)}×`
      } | ${r.target} | ${verdict(r.pass)} | ${details}${
        scans.length ? `; seq scan on ${[...new Set(scans)].join(', ')}` : ''
      } |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes benchmark-results/results.json and results.md at the repo root. */
export function writeResults(
  results: Result[],
  meta: Record<string, unknown>,
): string {
  // Benchmarks run from the source tree, never from a build.
  // eslint-disable-next-line no-restricted-syntax
  const dir = path.resolve(__dirname, '../../../../../benchmark-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'results.json'),
    `${JSON.stringify({ meta, results }, null, 2)}\n`,
  );
  const markdown = toMarkdown(results, meta);
  fs.writeFileSync(path.join(dir, 'results.md'), markdown);
  return markdown;
}
