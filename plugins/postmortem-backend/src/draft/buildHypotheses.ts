import type { Change } from '../database/PostmortemStore';
import {
  canOriginate,
  Candidate,
  CandidateSet,
  isBad,
  isClearFailure,
  isServiceLevel,
  OwnBehaviour,
  Propagation,
  SIGNIFICANT,
  strength,
} from './candidate';
import type { Onset } from './detectOnsets';
import { DependencyGraph, Neighbourhood } from './Neighbourhood';

/** What is known about an incident before any hypothesis is scored. */
export interface CauseAnalysisInput {
  alertEntities: string[];
  graph: DependencyGraph;
  onsets: Onset[];
  /** Entities that had at least one series: silence there means flat. */
  measured: Set<string>;

  changes: Change[];
  /** When the alert fired (epoch ms). */
  detectedAt: number;
  /** When the source says impact started, if earlier than detection. */
  declaredImpactStart?: number;
  lookbackMinutes: number;
}

const isDefined = <T>(x: T | undefined): x is T => x !== undefined;
/**
 * How soon a caller feels a dependency's failure: two samples, at least
 * two minutes (timeouts and retries take a while to pile up).
 */
const PROMPT_MS = (o: Onset) => Math.max(2 * o.stepMs, 120_000) + 5_000;
/** Clock skew tolerated between a change's timestamp and the metrics. */
const SKEW_MS = 5_000;

/**
 * Builds every hypothesis the evidence allows, each with the facts that
 * support or contradict it: changes in the neighbourhood (callers
 * included), components that failed first without a change, a surge of
 * load at the edge, and "no cause established". Scoring is separate.
 */
export function buildHypotheses(input: CauseAnalysisInput): CandidateSet {
  const graph = new Neighbourhood(input.graph);
  const alerting = new Set(input.alertEntities);
  const byEntity = new Map<string, Onset[]>();
  for (const onset of input.onsets) {
    byEntity.set(onset.entityRef, [
      ...(byEntity.get(onset.entityRef) ?? []),
      onset,
    ]);
  }
  // What an entity's callers saw of it on their own calls (per-edge
  // series), by caller.
  const observedBy = new Map<string, Onset[]>();
  for (const onset of input.onsets) {
    if (!onset.observedBy) continue;
    observedBy.set(onset.observedBy, [
      ...(observedBy.get(onset.observedBy) ?? []),
      onset,
    ]);
  }
  const firstBad = (ref: string) =>
    (byEntity.get(ref) ?? []).filter(isBad).sort((a, b) => a.at - b.at)[0];
  /**
   * The entity's first clear failure as its callers feel it: errors or
   * latency. Saturation alone (a busier CPU that still serves in time)
   * neither starts nor explains a failure elsewhere. With a `viewer`, only
   * what that caller could see: the entity's own series and the per-edge
   * series of that caller's calls, not another caller's.
   */
  const firstFailure = (ref: string, viewer?: string) =>
    (byEntity.get(ref) ?? [])
      .filter(
        o =>
          isClearFailure(o) &&
          (viewer === undefined ||
            o.observedBy === undefined ||
            o.observedBy === viewer),
      )
      .sort((a, b) => a.at - b.at)[0];

  // Impact as users see it: errors or latency. Fewer requests alone may
  // be fewer users.
  const impactOnsets = input.onsets
    .filter(
      o =>
        alerting.has(o.entityRef) &&
        isServiceLevel(o) &&
        o.signal !== 'throughput',
    )
    .map(o => o.at);
  const metricImpact = impactOnsets.length ? Math.min(...impactOnsets) : NaN;
  const declared = Math.min(
    input.detectedAt,
    input.declaredImpactStart ?? Infinity,
  );
  const impactFromMetrics = metricImpact < declared;
  const impactStart = impactFromMetrics ? metricImpact : declared;
  // One sampling interval: the resolution at which two times are "equal".
  const step = (o?: Onset) => o?.stepMs ?? 0;

  const pathOf = (ref: string) => graph.pathTo(ref, alerting) ?? [ref];
  const onsetsOnPath = (path: string[]) =>
    path
      .slice(1)
      .map(firstBad)
      .filter((o): o is Onset => o !== undefined);
  /**
   * A dependency failure that `ref` saw on its own calls, soon before
   * `own` (or within a sample of it, for `together`). Dependencies with
   * no series are looked through: their own dependencies may have failed.
   */
  const dependencyFailure = (
    ref: string,
    own: Onset | undefined,
    together: boolean,
  ) => {
    if (!own) return false;
    const seen = new Set<string>([ref]);
    const visit = (caller: string): boolean =>
      [...graph.dependenciesOf(caller)].some(dep => {
        if (seen.has(dep)) return false;
        seen.add(dep);
        const o = firstFailure(dep, caller);
        // A caller feels a dependency's failure soon: one long before its
        // own deviation did not bring it about.
        if (o) {
          return together
            ? Math.abs(o.at - own.at) <= step(own)
            : o.at < own.at - step(own) && o.at >= own.at - PROMPT_MS(o);
        }
        return !input.measured.has(dep) && visit(dep);
      });
    return visit(ref);
  };
  const explainedByDependency = (ref: string, own?: Onset) =>
    dependencyFailure(ref, own, false);
  /**
   * How a caller reacted to a dependency's failure at `at`: its first bad
   * deviation from a sample before on (errors, latency, fewer requests
   * completed, busier threads). A reaction long before is not one.
   */
  const reaction = (caller: string, at: number) =>
    (byEntity.get(caller) ?? [])
      .filter(o => isBad(o) && o.at >= at - step(o))
      .sort((a, b) => a.at - b.at)[0];
  /**
   * Whether a failure starting at `origin` reaches an alerting entity:
   * each caller on the way saw it on its own calls and then reacted
   * itself (or has no series to tell).
   */
  const connected = (origin: string, onset: Onset) => {
    const seen = new Set<string>([origin]);
    const queue: Array<{ ref: string; at: number; saturatedOnly: boolean }> = [
      { ref: origin, at: onset.at, saturatedOnly: !firstFailure(origin) },
    ];
    while (queue.length) {
      const { ref, at, saturatedOnly } = queue.shift()!;
      for (const caller of graph.callersOf(ref)) {
        if (seen.has(caller)) continue;
        // A saturated entity with no failure of its own shows itself in its
        // callers' failures only.
        const seenFailure = saturatedOnly || firstFailure(ref, caller);
        if (!seenFailure) continue;
        if (alerting.has(caller)) return true;
        const next = reaction(caller, at);
        if (!next && input.measured.has(caller)) continue;
        seen.add(caller);
        queue.push({ ref: caller, at: next?.at ?? at, saturatedOnly: false });
      }
    }
    return false;
  };

  const candidates: Candidate[] = [];
  const earliest = input.changes.length
    ? impactStart - input.lookbackMinutes * 60_000
    : Infinity;
  for (const change of input.changes) {
    const at = Date.parse(change.occurredAt);
    const ref = change.entityRef;
    const ownBad = firstBad(ref);
    const grace = Math.max(step(ownBad), 60_000);
    // A change after the impact began cannot have started it.
    if (at > impactStart + grace || at < earliest) continue;
    let own: OwnBehaviour = 'unmeasured';
    // A sample sums up an interval: a deviation stamped less than one
    // sample before the change may still have followed it (and deploy
    // records often land when a rollout ends). Earlier than that, it began
    // before the change.
    const notBefore = (o: Onset) => o.at >= at - step(o) - SKEW_MS;
    // Less traffic to the changed entity is its callers' doing, not the
    // change's effect; more traffic from it (a retry storm) is. Its
    // dependencies answering it at least twice as fast, or not at all, is
    // its own doing too (it stopped calling them, or calls them
    // differently); a little faster is everyday variation.
    const ownOnsets = [
      ...(byEntity.get(ref) ?? []).filter(
        o => !(o.signal === 'throughput' && o.direction === 'down'),
      ),
      ...(observedBy.get(ref) ?? []).filter(
        o => !isBad(o) && Math.abs(o.peak) <= Math.abs(o.baseline) / 2,
      ),
    ]
      .filter(notBefore)
      .sort((a, b) => a.at - b.at);
    // A failure after the change is new evidence even if a resource had
    // been creeping up before it; a failure already under way is not.
    const failsAfter = ownOnsets.some(
      o => isServiceLevel(o) && strength(o) >= SIGNIFICANT,
    );
    const failedBefore = (byEntity.get(ref) ?? []).some(
      o => !notBefore(o) && (failsAfter ? isServiceLevel(o) : isBad(o)),
    );
    if (failedBefore) own = 'deviated-before';
    else if (ownOnsets.length) own = 'deviated-after';
    else if (input.measured.has(ref)) own = 'flat';
    // The deviation blamed on the change: its first clear one.
    const blamed =
      ownOnsets.find(o => strength(o) >= SIGNIFICANT) ??
      ownOnsets.filter(isBad)[0] ??
      ownOnsets[0];
    const path = pathOf(ref);
    const along = onsetsOnPath(path);
    const from = blamed?.at ?? at;
    let propagation: Propagation = 'unknown';
    if (along.length) {
      propagation = along.every(o => o.at >= from - step(o))
        ? 'in-order'
        : 'out-of-order';
    }
    const superseded = input.changes.some(
      other =>
        other !== change &&
        other.entityRef === ref &&
        Date.parse(other.occurredAt) > at &&
        Date.parse(other.occurredAt) <=
          (blamed ? blamed.at : impactStart) + SKEW_MS,
    );
    candidates.push({
      kind: 'change',
      entityRef: ref,
      change,
      path,
      own: ownOnsets.length ? ownOnsets : [ownBad].filter(isDefined),
      pathOnsets: along,
      facts: {
        own,
        propagation,
        superseded,
        // A dependency's failure can bring about the suspect's failure, not
        // a change of its behaviour (faster, quieter) that came first.
        explainedByDependency:
          blamed !== undefined &&
          isBad(blamed) &&
          explainedByDependency(ref, blamed),
        alerting: alerting.has(ref),
        // Any move after the change is its effect, a surge of calls too.
        strength: Math.max(0, ...ownOnsets.map(strength)),
        failed: ownOnsets.some(
          o => o.signal !== 'saturation' && strength(o) >= SIGNIFICANT,
        ),
        leadMs: (blamed?.at ?? impactStart) - at,
        // The deviation began somewhere in the sample before its onset: if
        // the change falls inside that interval, its order is uncertain.
        sameSample:
          blamed !== undefined &&
          Math.abs(blamed.at - at) < step(blamed) - SKEW_MS,
      },
    });
  }

  // Components that failed first, with no change behind it.
  // The alerting entity's own errors are the symptom, not an origin,
  // unless it ran out of a resource first.
  const saturatedAt = (ref: string) =>
    (byEntity.get(ref) ?? []).some(
      o =>
        canOriginate(o) &&
        o.signal === 'saturation' &&
        strength(o) >= SIGNIFICANT,
    );
  // An origin failed (errors, latency), or ran out of a resource before
  // something on its way to the alerting entity failed.
  // Its first failure that went on: seen by all its callers, or by one
  // that is alerting or failed in turn. What only a caller that stayed
  // healthy saw did not start this incident.
  const wentOn = (o: Onset) =>
    !o.observedBy ||
    alerting.has(o.observedBy) ||
    reaction(o.observedBy, o.at) !== undefined;
  const originOnset = (ref: string) => {
    const failure = (byEntity.get(ref) ?? [])
      .filter(o => isClearFailure(o) && wentOn(o))
      .sort((a, b) => a.at - b.at)[0];
    if (failure) return failure;
    const saturation = (byEntity.get(ref) ?? [])
      .filter(o => canOriginate(o) && strength(o) >= SIGNIFICANT)
      .sort((a, b) => a.at - b.at)[0];
    const callersFailLater = pathOf(ref)
      .slice(1)
      .some(
        n => (firstFailure(n)?.at ?? -Infinity) >= (saturation?.at ?? Infinity),
      );
    return callersFailLater ? saturation : undefined;
  };
  const deviating = [...byEntity.keys()]
    .map(ref => ({ ref, onset: originOnset(ref) }))
    .filter(
      (d): d is { ref: string; onset: Onset } =>
        d.onset !== undefined &&
        d.onset.at <= impactStart + Math.max(step(d.onset), 60_000) + SKEW_MS,
    );
  // A caller feels a dependency's errors or latency soon (PROMPT_MS); a
  // rise long before anything else failed is a wobble, not the start of
  // this incident. Saturation may build up.
  const nextFailure = (ref: string) => {
    const next = pathOf(ref)[1];
    return next ? firstFailure(next)?.at ?? impactStart : impactStart;
  };
  const isPrompt = (ref: string, onset: Onset) =>
    onset.signal === 'saturation' ||
    (byEntity.get(ref) ?? []).some(
      o =>
        isClearFailure(o) && Math.abs(nextFailure(ref) - o.at) <= PROMPT_MS(o),
    );
  const origins = deviating
    .filter(({ ref }) => !alerting.has(ref) || saturatedAt(ref))
    .map(d => ({
      ...d,
      prompt: isPrompt(d.ref, d.onset),
      connected: alerting.has(d.ref) || connected(d.ref, d.onset),
    }));
  const firstAt = Math.min(
    ...origins.filter(d => d.prompt && d.connected).map(d => d.onset.at),
  );
  for (const { ref, onset, prompt, connected: reaches } of origins) {
    const own = (byEntity.get(ref) ?? []).filter(canOriginate);
    candidates.push({
      kind: 'origin',
      entityRef: ref,
      path: pathOf(ref),
      own,
      pathOnsets: onsetsOnPath(pathOf(ref)),
      facts: {
        first: prompt && reaches && onset.at <= firstAt + step(onset),
        prompt,
        connected: reaches,
        saturated: saturatedAt(ref),
        explainedByDependency: explainedByDependency(ref, onset),
        dependencyFailedTogether: dependencyFailure(ref, onset, true),
        strength: Math.max(...own.map(strength)),
      },
    });
  }

  // A surge of requests at the edge before the errors.
  for (const onset of input.onsets) {
    if (onset.signal !== 'throughput' || onset.direction !== 'up') continue;
    if (onset.at > impactStart + step(onset)) continue;
    // At the edge: the alerting entity or an entry point nothing calls.
    const atEdge =
      alerting.has(onset.entityRef) ||
      !input.graph.edges.some(e => e.to === onset.entityRef);
    if (
      !atEdge ||
      candidates.some(
        c => c.kind === 'surge' && c.entityRef === onset.entityRef,
      )
    )
      continue;
    candidates.push({
      kind: 'surge',
      entityRef: onset.entityRef,
      path: pathOf(onset.entityRef),
      own: [onset],
      pathOnsets: onsetsOnPath(pathOf(onset.entityRef)),
      facts: {
        first: onset.at <= firstAt + step(onset),
        strength: strength(onset),
      },
    });
  }

  candidates.push({
    kind: 'none',
    entityRef: input.alertEntities[0] ?? '',
    path: [],
    own: [],
    pathOnsets: [],
    facts: {},
  });
  return { impactStart, impactFromMetrics, candidates };
}
