import { InputError, NotFoundError } from '@backstage/errors';
import { IncidentMetric } from '../../database/ScorecardStore';
import { rankSimilar } from '../../similar/rankSimilar';
import { normalizeRef } from '../../catalog/EntityResolver';
import { CallOptions, ScorecardApiQuery } from '../PostmortemService';
import { ServiceArea } from './ServiceArea';

/**
 * What is learnt across postmortems: scorecards, related and similar
 * postmortems, and the dependency map.
 */
export class InsightOperations extends ServiceArea {
  async getScorecards(query: ScorecardApiQuery, options: CallOptions) {
    return this.scorecards.compute(await this.scorecardScope(query, options));
  }

  async getScorecardDurations(
    query: ScorecardApiQuery,
    metric: IncidentMetric,
    options: CallOptions,
  ) {
    const groups = await this.scorecards.durations(
      await this.scorecardScope(query, options),
      metric,
    );
    // Nearest rank, as the scorecard rows compute them in SQL.
    const rank = (values: number[], p: number) =>
      values.length ? values[Math.ceil((p / 100) * values.length) - 1] : null;
    return groups.map(({ group, values }) => ({
      group,
      count: values.length,
      median: rank(values, 50),
      p90: rank(values, 90),
      values,
    }));
  }

  /** What a scorecard query covers, as the store takes it. */
  private async scorecardScope(query: ScorecardApiQuery, options: CallOptions) {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from
      ? new Date(query.from)
      : new Date(to.getTime() - 180 * 86_400_000);
    if (from >= to) throw new InputError('from must be before to');
    let entityRefs = await this.expandEntity(query);
    if (query.systemRef) {
      const parts = await this.entities.partsOfSystem(query.systemRef);
      entityRefs = entityRefs
        ? entityRefs.filter(r => parts.includes(r))
        : parts;
    }
    return {
      groupBy: query.groupBy ?? 'none',
      interval: query.interval ?? 'month',
      from,
      to,
      entityRefs,
      ownerRef: query.ownerRef && normalizeRef(query.ownerRef, 'group'),
      severity: query.severity,
      permission: options.readFilter,
      // The systems of the catalog now, not as they were at intake.
      systemOf:
        query.groupBy === 'system'
          ? await this.entities.entitySystems()
          : undefined,
    } as const;
  }

  async listRelated(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const related = await this.recurrence.related(postmortem.incidentId);
    // Only incidents the caller may read.
    const readable = await Promise.all(
      related.map(r =>
        this.store.getIncident(r.incidentId, options.readFilter),
      ),
    );
    return related.filter((_, i) => readable[i]);
  }

  async getDependencyMap(id: string, options: CallOptions) {
    const postmortem = await this.getPostmortem(id, options);
    const snapshot = await this.store.getDependencySnapshot(postmortem.id);
    if (snapshot) return { ...snapshot, live: false };
    // Not drafted yet: the catalog as it is now.
    const graph = await this.entities.dependencyGraph(postmortem.entityRefs);
    return {
      capturedAt: new Date().toISOString(),
      nodes: graph.nodes.map(n => ({ ...n, affected: n.distance === 0 })),
      edges: graph.edges,
      live: true,
    };
  }

  async findSimilarPostmortems(
    id: string,
    limit: number,
    options: CallOptions,
  ) {
    // Read through the permission check first: an unreadable one is a 404.
    const postmortem = await this.getPostmortem(id, options);
    const target = await this.similar.record(postmortem.id);
    if (!target) throw new NotFoundError(`No postmortem ${id}`);
    const candidates = await this.similar.candidates(
      target,
      options.readFilter,
    );
    return rankSimilar(target, candidates, { limit, now: new Date() });
  }
}
