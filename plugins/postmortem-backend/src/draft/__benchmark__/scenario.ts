import type {
  ChangeKind,
  HypothesisKind,
  SignalKind,
} from '@postmortems/plugin-postmortem-common';

/** One labelled incident for the cause-analysis benchmark. */
export interface Scenario {
  name: string;
  /** Where it comes from: a published fault study or a written shape. */
  origin: 'nezha' | 'written';
  alertEntity: string;
  /** `from` depends on `to`. */
  edges: Array<{ from: string; to: string }>;
  series: Array<{
    entityRef: string;
    name: string;
    signal: SignalKind;
    /** [epoch ms, value], one a step. */
    points: Array<[number, number]>;
    /** For a per-edge series, the caller whose view it is. */
    observedBy?: string;
  }>;
  changes: Array<{
    id: string;
    entityRef: string;
    kind: ChangeKind;
    occurredAt: number;
  }>;
  detectedAt: number;
  /** Start of the metrics window the collector would fetch. */
  windowStart: number;
  truth: { kind: HypothesisKind; changeId?: string; entityRef?: string };
}

export const ref = (name: string) => `component:default/${name}`;

/** A deterministic pseudo-random source (mulberry32), so runs repeat. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
