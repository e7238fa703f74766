// eslint-disable-next-line @backstage/no-undeclared-imports
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  CollectedEvidence,
  EvidenceCollector,
} from '@postmortems/plugin-postmortem-node';
import type { Knex } from 'knex';
import { KnexPostmortemStore } from '../../database/KnexPostmortemStore';
import { CAUSE_ANALYSIS_DEFAULTS } from '../../draft/analysisSettings';
import { DraftGenerator } from '../../draft/DraftGenerator';
import { Redactor } from '../../redaction/Redactor';
import { componentRef, ownerOf, random } from './dataset';
import type { Result } from './report';
import { msSince } from './timing';

const MINUTE = 60_000;
const SERVICES = 10;
const EVENTS = 1_000;
const SERIES = 20;
const DEPLOYMENTS = 20;

type Resolver = ConstructorParameters<typeof DraftGenerator>[1];

/**
 * The catalog's answers from the data set's graph in memory: the catalog
 * is not what is measured here, the draft's own work is.
 */
function inMemoryResolver(entities: Entity[]): Resolver {
  const edges = new Map<string, string[]>();
  const callers = new Map<string, string[]>();
  for (const e of entities) {
    const ref = `${e.kind}:default/${e.metadata.name}`.toLocaleLowerCase(
      'en-US',
    );
    for (const r of e.relations ?? []) {
      if (r.type === 'dependsOn') {
        edges.set(ref, [...(edges.get(ref) ?? []), r.targetRef]);
        callers.set(r.targetRef, [...(callers.get(r.targetRef) ?? []), ref]);
      }
    }
  }
  const resolver = {
    async dependencyGraph(refs: string[], options: { callers?: boolean } = {}) {
      const seen = new Map(refs.map(r => [r, 0]));
      const out: Array<{ from: string; to: string }> = [];
      let frontier = [...refs];
      for (let depth = 1; depth <= 3 && frontier.length; depth++) {
        const next: string[] = [];
        for (const ref of frontier) {
          const around = [
            ...(edges.get(ref) ?? []).map(to => ({ from: ref, to, other: to })),
            ...(options.callers ? callers.get(ref) ?? [] : []).map(from => ({
              from,
              to: ref,
              other: from,
            })),
          ];
          for (const { from, to, other } of around) {
            out.push({ from, to });
            if (!seen.has(other)) {
              seen.set(other, depth);
              next.push(other);
            }
          }
        }
        frontier = next;
      }
      return {
        nodes: [...seen].map(([entityRef, distance]) => ({
          entityRef,
          distance,
        })),
        edges: out,
      };
    },
    async annotationsOf(refs: string[]) {
      return new Map(refs.map(r => [r, {}]));
    },
    async ownersOf(refs: string[]) {
      return refs.map(r => ownerOf(Number(r.split('svc-')[1] ?? 0)));
    },
  };
  return resolver as unknown as Resolver;
}

/**
 * 20 series of six hours at 30 s (the affected services' error ratios, one
 * of them stepping up before the alert), 980 log events and 20 deployments.
 */
function stormCollector(
  services: string[],
  detectedAt: number,
): EvidenceCollector {
  return {
    id: 'benchmark',
    async collect(request) {
      const rnd = random(11);
      const from = request.from.getTime();
      const to = request.to.getTime();
      const items: CollectedEvidence[] = [];
      for (let s = 0; s < SERIES; s++) {
        const entityRef = services[s % services.length];
        const points: Array<[number, number]> = [];
        for (let t = from; t <= to; t += 30_000) {
          const broken = s === 0 && t >= detectedAt - 8 * MINUTE;
          points.push([t, (broken ? 0.3 : 0.01) + rnd.next() * 0.005]);
        }
        items.push({
          kind: 'metric_series',
          source: 'benchmark',
          query: `errors ${s}`,
          entityRef,
          content: `error ratio of ${entityRef}`,
          series: [{ name: `errors ${s}`, signal: 'errors', points }],
        });
      }
      for (let e = 0; e < EVENTS - DEPLOYMENTS; e++) {
        items.push({
          kind: 'log_excerpt',
          source: 'benchmark',
          query: `log ${e}`,
          entityRef: services[e % services.length],
          content: `ERROR connection refused by upstream (request ${e})`,
          occurredAt: new Date(
            detectedAt - 60 * MINUTE + e * 3_000,
          ).toISOString(),
        });
      }
      for (let d = 0; d < DEPLOYMENTS; d++) {
        items.push({
          kind: 'deployment',
          source: 'benchmark',
          entityRef: services[d % services.length],
          content: `deployed v${d}`,
          occurredAt: new Date(
            detectedAt - (120 - d * 5) * MINUTE,
          ).toISOString(),
          change: {
            id: `deploy-${detectedAt}-${d}`,
            kind: 'deployment',
            version: `v${d}`,
          },
        });
      }
      return items;
    },
  };
}

/**
 * A draft for an incident touching 10 services, with 1,000 events and 20
 * series from a collector, through the product's whole pipeline (collect,
 * onsets, hypotheses, scores, write) on the data set's database.
 */
export async function measureDraft(
  engine: 'pg' | 'sqlite',
  knex: Knex,
  entities: Entity[],
  entityCount: number,
  runs = 3,
): Promise<Result> {
  const store = KnexPostmortemStore.create(knex);
  const times: number[] = [];
  let timeline = 0;
  for (let run = 0; run < runs; run++) {
    const detectedAt = Date.now() - 3 * 60 * MINUTE - run * MINUTE;
    // Ten services of the graph's second layer, with their dependencies.
    const first = Math.floor(entityCount / 7) + run * SERVICES;
    const services = Array.from({ length: SERVICES }, (_, i) =>
      componentRef(first + i),
    );
    const { incident, postmortem } = await store.createIncident({
      title: `Draft benchmark ${run}`,
      severity: 'SEV1',
      status: 'resolved',
      entityRefs: services,
      responders: [],
      links: [],
      source: 'manual',
      externalIds: {},
      labels: {},
      detectedAt: new Date(detectedAt).toISOString(),
      resolvedAt: new Date(detectedAt + 45 * MINUTE).toISOString(),
      postmortem: {
        templateId: 'default',
        templateVersion: 1,
        roles: { technicalOwners: [], reviewers: [], contributors: [] },
        narrative: {},
        visibility: 'normal',
        deadlines: {},
        ownerRefs: [ownerOf(first)],
      },
      author: 'user:default/responder-1',
    });
    const generator = new DraftGenerator(
      store,
      inMemoryResolver(entities),
      [stormCollector(services, detectedAt)],
      Redactor.create(),
      CAUSE_ANALYSIS_DEFAULTS,
      mockServices.logger.mock(),
    );
    const started = process.hrtime.bigint();
    await generator.generate(incident.id);
    times.push(msSince(started));
    timeline = (await store.listSubRecords('timeline', postmortem.id)).length;
  }
  const worst = Math.max(...times);
  return {
    engine,
    name: `draft: ${SERVICES} services, ${EVENTS} events, ${SERIES} series`,
    value: worst,
    unit: 'ms (slowest of 3)',
    details: {
      fastest: Math.min(...times),
      'timeline entries written': timeline,
    },
    target: '< 2 s',
    pass: worst < 2000,
  };
}
