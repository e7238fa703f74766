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
import { parsePathGlob, parsePathGlobList, PathGlob } from './pathGlobs';

/**
 * Entity annotation with the configuration paths of its repository,
 * comma-separated globs (`config/**, deploy/values-*.yaml`); it replaces
 * `postmortem.github.configChanges.paths` for that entity.
 *
 * @public
 */
export const CONFIG_PATHS_ANNOTATION = 'postmortem.io/config-paths';

const DEFAULT_MAX_PAGES = 3;
const DEFAULT_MAX_COMMITS = 30;
const MAX_FIELD = 255;
/** Characters of diff kept per commit: enough to see what changed. */
const MAX_PATCH_CHARS = 4000;

/** @public */
export interface GitHubConfigChangesCollectorOptions
  extends Omit<GitHubClientOptions, 'access'> {
  /** Globs of configuration paths for entities without the annotation. */
  paths?: string[];
  /** Only entities at most this many dependency hops from the affected ones; default all. */
  maxDistance?: number;
  /** Pages of 100 commits read per repository and path; default 3. */
  maxPages?: number;
  /** Commits read in full (their files) per repository; default 30. */
  maxCommits?: number;
  logger?: LoggerService;
}

interface ListedCommit {
  sha: string;
  html_url?: string;
  commit: {
    message: string;
    author?: { name?: string; date?: string } | null;
    committer?: { name?: string; date?: string } | null;
  };
  author?: { login?: string } | null;
  parents?: Array<{ sha: string }>;
}

interface FullCommit extends ListedCommit {
  files?: Array<{
    filename: string;
    previous_filename?: string;
    status?: string;
    additions?: number;
    deletions?: number;
    patch?: string;
  }>;
}

interface Repository {
  owner: string;
  repo: string;
  globs: PathGlob[];
  entityRefs: string[];
}

/** When a commit landed on the branch: its committer date (a merge, a rebase), else its author date. */
const landedAt = (c: ListedCommit) =>
  c.commit.committer?.date ?? c.commit.author?.date ?? '';

/**
 * Commits that touched configuration paths of an entity's repository
 * (`github.com/project-slug`) in the change window, as changes of kind
 * `config`: the draft ranks them as cause hypotheses like deployments. The
 * paths are globs from the entity's `postmortem.io/config-paths`
 * annotation, else from `postmortem.github.configChanges.paths`; an
 * entity with neither is not asked about.
 *
 * GitHub filters commits by one literal path, so each glob's leading
 * literal directory is asked for, and the files of each commit found are
 * read to match the globs exactly.
 *
 * @public
 */
export class GitHubConfigChangesCollector implements EvidenceCollector {
  readonly id = 'github-config-commits';

  private readonly github: GitHubClient;
  private readonly globs: PathGlob[];
  private readonly maxPages: number;
  private readonly maxCommits: number;

  /**
   * Undefined when `postmortem.github` is not configured or
   * `configChanges.enabled` is false. A malformed glob stops the backend
   * at startup with its config key.
   */
  static fromConfig(
    config: Config,
    logger?: LoggerService,
  ): GitHubConfigChangesCollector | undefined {
    const c = config.getOptionalConfig('postmortem.github');
    if (!c) return undefined;
    const d = c.getOptionalConfig('configChanges');
    if (d?.getOptionalBoolean('enabled') === false) return undefined;
    const paths = d?.getOptionalStringArray('paths') ?? [];
    paths.forEach((p, i) => {
      try {
        parsePathGlob(p);
      } catch (error) {
        throw new Error(
          `postmortem.github.configChanges.paths[${i}]: ${
            (error as Error).message
          }`,
        );
      }
    });
    return new GitHubConfigChangesCollector({
      token: c.getString('token'),
      apiBaseUrl: c.getOptionalString('apiBaseUrl'),
      paths,
      maxDistance: d?.getOptionalNumber('maxDistance'),
      maxPages: d?.getOptionalNumber('maxPages'),
      maxCommits: d?.getOptionalNumber('maxCommits'),
      logger,
    });
  }

  constructor(private readonly options: GitHubConfigChangesCollectorOptions) {
    this.github = new GitHubClient({
      token: options.token,
      apiBaseUrl: options.apiBaseUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      now: options.now,
      access:
        'read access to the contents of the repository (fine-grained: Contents read; classic: repo)',
    });
    this.globs = (options.paths ?? []).map(parsePathGlob);
    this.maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
    this.maxCommits = Math.max(1, options.maxCommits ?? DEFAULT_MAX_COMMITS);
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
        `No configuration commits could be read from GitHub: ${failures.join(
          '; ',
        )}`,
      );
    }
    for (const failure of failures) {
      this.options.logger?.warn(
        `GitHub configuration commits of ${failure} (${request.humanId}); the others were collected`,
      );
    }
    return evidence;
  }

  /**
   * The annotated repositories, each once per set of globs, with the
   * entities naming it. Entities sharing a repository and globs share its
   * requests.
   */
  private repositoriesOf(request: EvidenceRequest): Repository[] {
    const byKey = new Map<string, Repository>();
    const maxDistance = this.options.maxDistance ?? Infinity;
    for (const entity of request.entities) {
      if (entity.distance > maxDistance) continue;
      const slug = entity.annotations[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim();
      if (!slug) continue;
      const match = /^([\w.-]+)\/([\w.-]+)$/.exec(slug);
      if (!match) continue; // the deployments collector warns about it
      let globs = this.globs;
      const annotated = entity.annotations[CONFIG_PATHS_ANNOTATION];
      if (annotated !== undefined) {
        try {
          globs = parsePathGlobList(annotated);
        } catch (error) {
          this.options.logger?.warn(
            `${entity.entityRef} has ${CONFIG_PATHS_ANNOTATION}: ${
              (error as Error).message
            }; its configuration commits are not collected`,
          );
          continue;
        }
      }
      if (!globs.length) continue;
      const key = `${slug.toLocaleLowerCase('en-US')}\u0000${globs
        .map(g => g.glob)
        .join('\u0000')}`;
      const repository = byKey.get(key) ?? {
        owner: match[1],
        repo: match[2],
        globs,
        entityRefs: [],
      };
      repository.entityRefs.push(entity.entityRef);
      byKey.set(key, repository);
    }
    return [...byKey.values()];
  }

  private async collectRepository(
    { owner, repo, globs, entityRefs }: Repository,
    from: Date,
    to: Date,
  ): Promise<CollectedEvidence[]> {
    const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
      repo,
    )}/commits`;
    // One listing per literal prefix; a prefix inside another is covered by it.
    const prefixes = [...new Set(globs.map(g => g.prefix))].sort();
    const asked = prefixes.filter(
      p => !prefixes.some(q => q !== p && (q === '' || p.startsWith(`${q}/`))),
    );
    const listed = new Map<string, ListedCommit>();
    for (const prefix of asked) {
      const query = `${base}?${new URLSearchParams({
        ...(prefix && { path: prefix }),
        since: from.toISOString(),
        until: to.toISOString(),
        per_page: '100',
      })}`;
      for (const c of await this.list(query)) listed.set(c.sha, c);
    }
    const commits = [...listed.values()]
      .filter(c => {
        const at = Date.parse(landedAt(c));
        return at >= from.getTime() && at <= to.getTime();
      })
      .sort((a, b) => Date.parse(landedAt(b)) - Date.parse(landedAt(a)));
    if (commits.length > this.maxCommits) {
      this.options.logger?.warn(
        `GitHub configuration commits of ${owner}/${repo}: ${commits.length} in the window, only the newest ${this.maxCommits} were read (postmortem.github.configChanges.maxCommits)`,
      );
    }

    const evidence: CollectedEvidence[] = [];
    for (const listedCommit of commits.slice(0, this.maxCommits)) {
      const commit = await this.github.request<FullCommit>(
        'GET',
        `${base}/${encodeURIComponent(listedCommit.sha)}`,
      );
      const files = (commit.files ?? []).filter(f =>
        globs.some(
          g =>
            g.matches(f.filename) ||
            (f.previous_filename !== undefined &&
              g.matches(f.previous_filename)),
        ),
      );
      if (!files.length) continue;
      evidence.push(
        ...this.changesOf(commit, files, { owner, repo, globs, entityRefs }),
      );
    }
    return evidence;
  }

  private changesOf(
    commit: FullCommit,
    files: NonNullable<FullCommit['files']>,
    { owner, repo, entityRefs }: Repository,
  ): CollectedEvidence[] {
    const subject = commit.commit.message.split('\n')[0].trim();
    const author =
      commit.author?.login || commit.commit.author?.name || undefined;
    const names = files.map(f => f.filename);
    const shown =
      names.length > 3
        ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
        : names.join(', ');
    let patchBudget = MAX_PATCH_CHARS;
    const content = JSON.stringify(
      {
        repository: `${owner}/${repo}`,
        sha: commit.sha,
        message: commit.commit.message,
        author,
        landedAt: landedAt(commit),
        files: files.map(f => {
          const patch = f.patch?.slice(0, Math.max(0, patchBudget));
          patchBudget -= patch?.length ?? 0;
          return {
            filename: f.filename,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
            ...(patch && { patch }),
          };
        }),
      },
      null,
      2,
    );
    const parent = commit.parents?.[0]?.sha;
    return entityRefs.map(entityRef => ({
      kind: 'config_diff' as const,
      source: this.id,
      query: `GET /repos/${owner}/${repo}/commits/${commit.sha}`,
      entityRef,
      occurredAt: new Date(landedAt(commit)).toISOString(),
      content,
      change: {
        id: `${owner}/${repo}/commits/${commit.sha}@${entityRef}`.toLocaleLowerCase(
          'en-US',
        ),
        kind: 'config' as const,
        version: commit.sha.slice(0, 7),
        author: author?.slice(0, MAX_FIELD),
        link: commit.html_url,
        // Reverting the commit restores its parent's configuration.
        rollbackRef: parent ? `revert to ${parent.slice(0, 7)}` : undefined,
        description: `Configuration commit ${commit.sha.slice(
          0,
          7,
        )} to ${owner}/${repo}: ${subject} (${shown})`.slice(0, 2048),
      },
    }));
  }

  /** Lists commits newest first along the `Link` header, at most `maxPages` pages. */
  private async list(query: string): Promise<ListedCommit[]> {
    const commits: ListedCommit[] = [];
    let next: string | undefined = query;
    for (let page = 0; next; page++) {
      if (page === this.maxPages) {
        this.options.logger?.warn(
          `GitHub configuration commits: stopped after ${this.maxPages} pages of ${query}; older commits in the window were not read`,
        );
        break;
      }
      const answer: { data: ListedCommit[]; next?: string } =
        await this.github.requestPage<ListedCommit[]>(next);
      commits.push(...answer.data);
      next = answer.data.length ? answer.next : undefined;
    }
    return commits;
  }
}
