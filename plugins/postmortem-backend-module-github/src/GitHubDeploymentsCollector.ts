import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  CollectedEvidence,
  EvidenceCollector,
  EvidenceRequest,
} from '@postmortems/plugin-postmortem-node';
import {
  GitHubClient,
  GitHubClientOptions,
  GITHUB_PROJECT_SLUG_ANNOTATION,
} from './GitHubClient';

const DEFAULT_MAX_PAGES = 5;
/** Older deployments whose status is read to find what to roll back to. */
const MAX_ROLLBACK_LOOKUPS = 3;
const MAX_FIELD = 255;

/** @public */
export interface GitHubDeploymentsCollectorOptions
  extends Omit<GitHubClientOptions, 'access'> {
  /** Only deployments to these environments; default all. */
  environments?: string[];
  /** Only entities at most this many dependency hops from the affected ones; default all. */
  maxDistance?: number;
  /** Pages of 100 deployments read per repository and environment; default 5. */
  maxPages?: number;
  logger?: LoggerService;
}

interface GitHubDeployment {
  id: number;
  sha: string;
  ref: string;
  task?: string;
  environment: string;
  description?: string | null;
  creator?: { login?: string } | null;
  created_at: string;
  url?: string;
}

interface GitHubDeploymentStatus {
  state: string;
  description?: string | null;
  log_url?: string | null;
  target_url?: string | null;
  created_at?: string;
}

interface Repository {
  owner: string;
  repo: string;
  entityRefs: string[];
}

/** A deployment's latest state says it was rolled out at some point. */
const WAS_LIVE = new Set(['success', 'inactive']);

const isSha = (ref: string) => /^[0-9a-f]{40}$/i.test(ref);

/** `v42@3f2a1b9`, or `3f2a1b9` when the ref is the commit itself. */
export function versionOf(d: Pick<GitHubDeployment, 'ref' | 'sha'>): string {
  const sha = (d.sha ?? '').slice(0, 7);
  if (!d.ref || d.ref === d.sha || isSha(d.ref)) return sha || d.ref;
  return (sha ? `${d.ref}@${sha}` : d.ref).slice(0, MAX_FIELD);
}

/** Newest first; GitHub lists deployments that way, this makes it explicit. */
const newestFirst = (a: GitHubDeployment, b: GitHubDeployment) =>
  Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;

/**
 * Deployments from GitHub as changes: for every entity in the request that
 * has a `github.com/project-slug` annotation, the deployments created in the
 * change window with their latest status, author, log link and the previous
 * successful deployment to roll back to. The postmortem backend ranks them
 * as cause hypotheses like changes posted to `/webhooks/changes`.
 *
 * @public
 */
export class GitHubDeploymentsCollector implements EvidenceCollector {
  readonly id = 'github-deployments';

  private readonly github: GitHubClient;
  private readonly environments: string[];
  private readonly maxPages: number;
  private readonly webBaseUrl: string;

  /** Undefined when `postmortem.github` is not configured. */
  static fromConfig(
    config: Config,
    logger?: LoggerService,
  ): GitHubDeploymentsCollector | undefined {
    const c = config.getOptionalConfig('postmortem.github');
    if (!c) return undefined;
    const d = c.getOptionalConfig('deployments');
    return new GitHubDeploymentsCollector({
      token: c.getString('token'),
      apiBaseUrl: c.getOptionalString('apiBaseUrl'),
      environments: d?.getOptionalStringArray('environments'),
      maxDistance: d?.getOptionalNumber('maxDistance'),
      maxPages: d?.getOptionalNumber('maxPages'),
      logger,
    });
  }

  constructor(private readonly options: GitHubDeploymentsCollectorOptions) {
    this.github = new GitHubClient({
      token: options.token,
      apiBaseUrl: options.apiBaseUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      now: options.now,
      access:
        'read access to deployments of the repository (fine-grained: Deployments read; classic: repo_deployment or repo)',
    });
    this.environments = (options.environments ?? []).filter(Boolean);
    this.maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
    // Links to the deployed commit when a status has no log.
    this.webBaseUrl = this.github.apiBaseUrl
      .replace(/^(https?:\/\/)api\.github\.com$/, '$1github.com')
      .replace(/\/api\/v3$/, '');
  }

  async collect(request: EvidenceRequest): Promise<CollectedEvidence[]> {
    const from =
      request.changesFrom && request.changesFrom < request.from
        ? request.changesFrom
        : request.from;
    const repositories = this.repositoriesOf(request);
    const evidence: CollectedEvidence[] = [];
    const failures: string[] = [];
    for (const repository of repositories) {
      try {
        evidence.push(
          ...(await this.collectRepository(repository, from, request.to)),
        );
      } catch (error) {
        failures.push(
          `${repository.owner}/${repository.repo}: ${
            (error as Error)?.message ?? error
          }`,
        );
      }
    }
    if (failures.length && failures.length === repositories.length) {
      throw new Error(
        `No GitHub deployments could be read: ${failures.join('; ')}`,
      );
    }
    for (const failure of failures) {
      this.options.logger?.warn(
        `GitHub deployments of ${failure} (${request.humanId}); the others were collected`,
      );
    }
    return evidence;
  }

  /** The annotated repositories, each once, with the entities naming it. */
  private repositoriesOf(request: EvidenceRequest): Repository[] {
    const byRepo = new Map<string, Repository>();
    const maxDistance = this.options.maxDistance ?? Infinity;
    for (const entity of request.entities) {
      if (entity.distance > maxDistance) continue;
      const slug = entity.annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
      if (!slug) continue;
      const match = /^([\w.-]+)\/([\w.-]+)$/.exec(slug);
      if (!match) {
        this.options.logger?.warn(
          `${entity.entityRef} has ${GITHUB_PROJECT_SLUG_ANNOTATION}: '${slug}', expected <owner>/<repo>; its deployments are not collected`,
        );
        continue;
      }
      const key = slug.toLocaleLowerCase('en-US');
      const repository = byRepo.get(key) ?? {
        owner: match[1],
        repo: match[2],
        entityRefs: [],
      };
      repository.entityRefs.push(entity.entityRef);
      byRepo.set(key, repository);
    }
    return [...byRepo.values()];
  }

  private async collectRepository(
    { owner, repo, entityRefs }: Repository,
    from: Date,
    to: Date,
  ): Promise<CollectedEvidence[]> {
    const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
      repo,
    )}/deployments`;
    const statuses = new Map<number, GitHubDeploymentStatus | undefined>();
    const latestStatus = async (id: number) => {
      if (!statuses.has(id)) {
        const [latest] = await this.github.request<GitHubDeploymentStatus[]>(
          'GET',
          `${base}/${id}/statuses?per_page=1`,
        );
        statuses.set(id, latest);
      }
      return statuses.get(id);
    };

    const evidence: CollectedEvidence[] = [];
    for (const environment of this.environments.length
      ? this.environments
      : [undefined]) {
      const query = `${base}?${new URLSearchParams({
        ...(environment && { environment }),
        per_page: '100',
      })}`;
      const listed = (await this.list(query, from)).sort(newestFirst);
      const inWindow = listed.filter(d => {
        const at = Date.parse(d.created_at);
        return at >= from.getTime() && at <= to.getTime();
      });
      for (const deployment of inWindow) {
        const status = await latestStatus(deployment.id);
        const rollbackRef = await this.rollbackRefOf(
          deployment,
          listed,
          latestStatus,
        );
        const link =
          status?.log_url ||
          status?.target_url ||
          `${this.webBaseUrl}/${owner}/${repo}/commit/${deployment.sha}`;
        const state = status?.state ?? 'no status reported';
        const description = [
          `GitHub deployment ${deployment.id} of ${owner}/${repo} to ${
            deployment.environment
          }${deployment.task ? ` (${deployment.task})` : ''}: ${state}`,
          status?.description?.trim(),
          deployment.description?.trim(),
        ]
          .filter(Boolean)
          .join(' – ');
        const content = JSON.stringify(
          {
            repository: `${owner}/${repo}`,
            id: deployment.id,
            environment: deployment.environment,
            ref: deployment.ref,
            sha: deployment.sha,
            task: deployment.task,
            creator: deployment.creator?.login,
            createdAt: deployment.created_at,
            description: deployment.description ?? undefined,
            status: status && {
              state: status.state,
              description: status.description ?? undefined,
              logUrl: status.log_url || status.target_url || undefined,
              createdAt: status.created_at,
            },
            rollbackRef,
          },
          null,
          2,
        );
        for (const entityRef of entityRefs) {
          evidence.push({
            kind: 'deployment',
            source: this.id,
            query: `GET ${query}`,
            entityRef,
            occurredAt: new Date(deployment.created_at).toISOString(),
            content,
            change: {
              id: `${owner}/${repo}/deployments/${deployment.id}@${entityRef}`.toLocaleLowerCase(
                'en-US',
              ),
              kind: 'deployment',
              version: versionOf(deployment),
              author: deployment.creator?.login?.slice(0, MAX_FIELD),
              link,
              rollbackRef,
              description,
            },
          });
        }
      }
    }
    return evidence;
  }

  /**
   * Lists deployments newest first, page by page along the `Link` header,
   * until a page reaches back before `from` or `maxPages` pages were read.
   */
  private async list(query: string, from: Date): Promise<GitHubDeployment[]> {
    const deployments: GitHubDeployment[] = [];
    let next: string | undefined = query;
    for (let page = 0; next; page++) {
      if (page === this.maxPages) {
        this.options.logger?.warn(
          `GitHub deployments: stopped after ${this.maxPages} pages of ${query}; older deployments in the window were not read`,
        );
        break;
      }
      const answer: { data: GitHubDeployment[]; next?: string } =
        await this.github.requestPage<GitHubDeployment[]>(next);
      deployments.push(...answer.data);
      const reachedFrom = answer.data.some(
        d => Date.parse(d.created_at) < from.getTime(),
      );
      next = answer.data.length && !reachedFrom ? answer.next : undefined;
    }
    return deployments;
  }

  /**
   * The version of the newest earlier deployment to the same environment
   * that was live (its latest status is success, or inactive, which GitHub
   * only sets on formerly successful ones) and deployed another commit.
   */
  private async rollbackRefOf(
    deployment: GitHubDeployment,
    listed: GitHubDeployment[],
    latestStatus: (id: number) => Promise<GitHubDeploymentStatus | undefined>,
  ): Promise<string | undefined> {
    const earlier = listed.filter(
      d =>
        d.environment === deployment.environment &&
        d.sha !== deployment.sha &&
        newestFirst(deployment, d) < 0,
    );
    for (const candidate of earlier.slice(0, MAX_ROLLBACK_LOOKUPS)) {
      const status = await latestStatus(candidate.id);
      if (status && WAS_LIVE.has(status.state)) return versionOf(candidate);
    }
    return undefined;
  }
}
