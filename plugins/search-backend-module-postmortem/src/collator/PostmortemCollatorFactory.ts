import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  PostmortemStage,
  postmortemReadPermission,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  DefaultApiClient,
  Postmortem,
  PostmortemPage,
} from '@postmortems/plugin-postmortem-common/openapi';
import { Readable } from 'node:stream';
import { readBatchSize } from './config';
import { stripMarkdown } from './stripMarkdown';

/**
 * A postmortem as the search index stores it.
 *
 * @public
 */
export interface PostmortemDocument extends IndexableDocument {
  /** The incident's persistent human id, e.g. INC-2026-0042. */
  humanId: string;
  severity: Severity;
  stage: PostmortemStage;
  /** The affected catalog entities. */
  entityRefs: string[];
  /** Owners of the affected entities. */
  ownerRefs: string[];
  createdAt: string;
  /** The postmortem id, checked against `postmortem.read` per document. */
  authorization: { resourceRef: string };
}

/**
 * Options of {@link PostmortemCollatorFactory}.
 *
 * @public
 */
export interface PostmortemCollatorFactoryOptions {
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  /** Postmortems per request to the postmortem backend, 1 to 200. */
  batchSize: number;
}

/** The id of the postmortem backend plugin. */
const POSTMORTEM_PLUGIN_ID = 'postmortem';

/** The narrative sections that make up a document's text, in this order. */
const TEXT_SECTIONS = [
  'summary',
  'impact',
  'whyItHappened',
  'lessonsLearned',
] as const;

/**
 * Collates postmortems for Backstage search. It pages through the postmortem
 * backend's `GET /postmortems` with the search plugin's own service token,
 * which may read every postmortem; what each user may find is decided at
 * query time, per document, by {@link PostmortemCollatorFactory.visibilityPermission}.
 *
 * @public
 */
export class PostmortemCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'postmortem';
  /**
   * The search backend checks this permission for each result against the
   * document's `authorization.resourceRef` (the postmortem id), so restricted
   * postmortems only reach users the permission policy allows.
   */
  readonly visibilityPermission = postmortemReadPermission;

  private readonly auth: AuthService;
  private readonly client: DefaultApiClient;
  private readonly logger: LoggerService;
  private readonly batchSize: number;

  /** Reads `search.collators.postmortem.batchSize` from config. */
  static fromConfig(
    config: Config,
    options: Omit<PostmortemCollatorFactoryOptions, 'batchSize'>,
  ): PostmortemCollatorFactory {
    return new PostmortemCollatorFactory({
      ...options,
      batchSize: readBatchSize(config),
    });
  }

  private constructor(options: PostmortemCollatorFactoryOptions) {
    this.auth = options.auth;
    this.client = new DefaultApiClient({ discoveryApi: options.discovery });
    this.logger = options.logger;
    this.batchSize = options.batchSize;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  /** Yields one document per postmortem, fetching a page only when needed. */
  private async *execute(): AsyncGenerator<PostmortemDocument> {
    let cursor: string | undefined = undefined;
    let pages = 0;
    let count = 0;
    do {
      const page: PostmortemPage = await this.fetchPage(cursor);
      pages += 1;
      for (const postmortem of page.items) {
        count += 1;
        yield toDocument(postmortem);
      }
      if (page.nextCursor !== undefined && page.nextCursor === cursor) {
        throw new Error(
          `The postmortem backend returned the same cursor twice, stopping after ${count} postmortems`,
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
    this.logger.info(
      `Collated ${count} postmortem(s) for search in ${pages} page(s)`,
    );
  }

  private async fetchPage(cursor: string | undefined): Promise<PostmortemPage> {
    // A token per page: a long collation can outlive a single service token.
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: POSTMORTEM_PLUGIN_ID,
    });
    const response = await this.client.listPostmortems(
      { query: { limit: this.batchSize, cursor } },
      { token },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return await response.json();
  }
}

/** Maps a postmortem to its search document. */
export function toDocument(postmortem: Postmortem): PostmortemDocument {
  const narrative = postmortem.narrative ?? {};
  const text = TEXT_SECTIONS.map(section =>
    stripMarkdown(narrative[section] ?? ''),
  )
    .filter(Boolean)
    .join('\n\n');
  return {
    title: `${postmortem.humanId}: ${postmortem.title}`,
    text,
    location: `/postmortems/${encodeURIComponent(postmortem.humanId)}`,
    humanId: postmortem.humanId,
    severity: postmortem.severity,
    stage: postmortem.stage,
    entityRefs: postmortem.entityRefs ?? [],
    ownerRefs: postmortem.ownerRefs ?? [],
    createdAt: postmortem.createdAt,
    authorization: { resourceRef: postmortem.id },
  };
}
