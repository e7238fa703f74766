import type {
  Postmortem,
  RemediationCounts,
} from '@postmortems/plugin-postmortem-common';
import { Knex } from 'knex';
import { decodeCursor, encodeCursor } from './cursor';
import {
  applyCursor,
  applyListOrder,
  cursorValue,
  incidentIdCursor,
  resolveListOrder,
  selectSortId,
  selectSortValue,
} from './listOrder';
import { applyPermissionCriteria } from './permissionQuery';
import type { ListFilter } from './PostmortemStore';
import { json, Row, toIso, UUID } from './rows';

const DEFAULT_LIMIT = 50;

/**
 * The narrative is stored as JSON: a word is searched the way JSON writes
 * it, so a backslash or a quote matches only itself, not the escapes of
 * every line break.
 */
const inJson = (word: string) => JSON.stringify(word).slice(1, -1);

/**
 * What the trigram table (SQLite, migration sqlite_text_index) answers for
 * one branch of a text filter.
 */
interface TextIndexPlan {
  /** Its FTS5 query: each word it answers, where the branch looks for it. */
  match: string;
  /** The words it answers (by position); the others keep their LIKE. */
  covered: Set<number>;
  /** More matches than the count cap (see filteredRows). */
  many: boolean;
}

/**
 * Marks the rows of a list page: their postmortems are hydrated with their
 * remediation counts (one grouped query per page, so that a list needs no
 * request per postmortem for its progress).
 */
const listed = new WeakSet<Row>();

const NO_REMEDIATION: RemediationCounts = {
  total: 0,
  open: 0,
  overdue: 0,
  done: 0,
  verified: 0,
  wontDo: 0,
};

/** The postmortem columns a hydrated postmortem (or incident) is made of. */
const POSTMORTEM_COLUMNS = [
  'id',
  'incident_id',
  'template_id',
  'template_version',
  'stage',
  'roles',
  'narrative',
  'attachments',
  'deadlines',
  'visibility',
  'revision',
  'created_at',
  'updated_at',
];

/**
 * Reads postmortems joined with their incidents: by id, and the filtered,
 * permission-scoped, ordered and counted pages of the lists.
 */
export class PostmortemRows {
  /** The embedded SQLite: the text filter reads its trigram table. */
  private readonly sqliteTextIndex: boolean;

  constructor(private readonly knex: Knex, private readonly countCap: number) {
    this.sqliteTextIndex = /sqlite/.test(String(knex.client.config.client));
  }

  idClause(alias: string, idOrHumanId: string) {
    return UUID.test(idOrHumanId)
      ? { [`${alias}.id`]: idOrHumanId }
      : { [`${alias}.human_id`]: idOrHumanId.toLocaleUpperCase('en-US') };
  }

  postmortemQuery() {
    return this.knex('postmortems as p')
      .join('incidents as i', 'i.id', 'p.incident_id')
      .select(
        // The columns hydrate reads, not p.*: the dependency snapshot (the
        // largest value of a drafted postmortem) and the draft bookkeeping
        // are read where they are used, not on every read of a postmortem.
        ...POSTMORTEM_COLUMNS.map(c => `p.${c}`),
        'i.human_id',
        'i.title',
        'i.severity',
        'i.status',
        'i.impact_started_at',
        'i.detected_at',
        'i.acknowledged_at',
        'i.mitigated_at',
        'i.resolved_at',
        'i.source',
        'i.external_ids',
        'i.links',
        'i.responders',
        { incident_created_at: 'i.created_at' },
        { incident_updated_at: 'i.updated_at' },
      );
  }

  /**
   * The filtered, permission-scoped join of postmortems and incidents.
   * With a text filter, `firstWord` says where its first word is looked
   * for: in the narrative, or in the title or id (the other words in any).
   */
  private filteredRows(
    filter: ListFilter,
    words: string[],
    firstWord?: 'narrative' | 'incident',
    text?: TextIndexPlan & { ordered: boolean },
  ) {
    const base = this.knex('postmortems as p').join(
      'incidents as i',
      'i.id',
      'p.incident_id',
    );
    if (filter.entityRefs) {
      base.whereIn(
        'i.id',
        this.knex('incident_entities')
          .select('incident_id')
          .whereIn('entity_ref', filter.entityRefs),
      );
    }
    if (filter.ownerRef) {
      // The owner's incidents first (a materialized CTE keeps the planner
      // from folding them into the join): read from indexes and sorted,
      // they cost far less than walking every incident by date and probing
      // each for the owner, the plan it picks otherwise (10× slower at
      // 100,000 incidents for an owner of 1 %).
      base.whereRaw(
        `i.id in (with owned as materialized (select po.incident_id from postmortem_owners o join postmortems po on po.id = o.postmortem_id where o.owner_ref = ?) select incident_id from owned)`,
        [filter.ownerRef.toLocaleLowerCase('en-US')],
      );
    }
    if (filter.severity?.length) base.whereIn('i.severity', filter.severity);
    if (filter.type?.length) base.whereIn('i.type', filter.type);
    if (filter.recurring !== undefined) {
      // The flag the links' triggers keep on the incident: read from the
      // index the page walks, with no probe of the links per incident.
      base.where('i.recurrence', filter.recurring);
    }
    if (filter.stage?.length) base.whereIn('p.stage', filter.stage);
    if (filter.status?.length) base.whereIn('i.status', filter.status);
    if (filter.from)
      base.where('i.impact_started_at', '>=', new Date(filter.from));
    if (filter.to) base.where('i.impact_started_at', '<', new Date(filter.to));
    // With more matches than the count cap, an ordered page finds its rows
    // sooner by walking the sort's index and testing each row with the
    // LIKEs than by reading them all first; with fewer (and for a count,
    // which reads in no order) the trigram table names them.
    const index = text && !(text.many && text.ordered) ? text : undefined;
    words.forEach((word, n) => {
      if (index?.covered.has(n)) return;
      const like = (w: string) => `%${w.replace(/[\\%_]/g, c => `\\${c}`)}%`;
      const narrative = `lower(p.narrative) like ? escape '\\'`;
      const inIncident = (qb: Knex.QueryBuilder) =>
        qb
          .whereRaw(`lower(i.title) like ? escape '\\'`, [like(word)])
          .orWhereRaw(`lower(i.human_id) like ? escape '\\'`, [like(word)]);
      if (n === 0 && firstWord === 'incident') base.where(inIncident);
      else if (n === 0 && firstWord === 'narrative') {
        base.whereRaw(narrative, [like(inJson(word))]);
      } else {
        base.where(qb =>
          inIncident(qb).orWhereRaw(narrative, [like(inJson(word))]),
        );
      }
    });
    if (index) {
      // Its matches are exactly the LIKEs' (see the migration). Case as before: it holds lower() text in case-sensitive trigrams (SQLite folds ASCII only).
      base.whereIn(
        'p.id',
        this.knex('postmortem_text as ft')
          .join('postmortem_text_ids as fi', 'fi.id', 'ft.rowid')
          .whereRaw('postmortem_text match ?', [index.match])
          .select('fi.postmortem_id'),
      );
    }
    if (filter.permission) {
      applyPermissionCriteria(this.knex, base, filter.permission);
    }
    return base;
  }

  /**
   * On SQLite, what the trigram table answers for a branch of a text
   * filter: the words of 3 characters or more (trigrams find no shorter
   * string; a shorter word keeps its LIKE, as on PostgreSQL), and whether
   * they match more postmortems than the count cap.
   */
  private async textIndexPlan(
    words: string[],
    firstWord: 'narrative' | 'incident',
  ): Promise<TextIndexPlan | undefined> {
    if (!this.sqliteTextIndex) return undefined;
    const covered = new Set<number>();
    const terms: string[] = [];
    words.forEach((word, n) => {
      const phrases = [
        ['title human_id', word],
        ['narrative', inJson(word)],
      ].filter(
        ([columns]) =>
          n > 0 || (firstWord === 'narrative') === (columns === 'narrative'),
      );
      if (phrases.every(([, phrase]) => [...phrase].length >= 3)) {
        covered.add(n);
        const each = phrases.map(
          ([columns, phrase]) =>
            `{${columns}} : "${phrase.replace(/"/g, '""')}"`,
        );
        terms.push(`(${each.join(' OR ')})`);
      }
    });
    if (!terms.length) return undefined;
    const match = terms.join(' AND ');
    const [{ n }] = (await this.knex.count({ n: '*' }).from(
      this.knex('postmortem_text')
        .select(this.knex.raw('1'))
        .whereRaw('postmortem_text match ?', [match])
        .limit(this.countCap + 1)
        .as('matches'),
    )) as Array<{ n: number | string }>;
    return { match, covered, many: Number(n) > this.countCap };
  }

  /** One filtered, permission-scoped page of postmortem+incident rows. */
  async listRows(filter: ListFilter) {
    const order = resolveListOrder(filter.orderBy, filter.order);
    const cursor = filter.cursor
      ? await incidentIdCursor(this.knex, decodeCursor(filter.cursor))
      : undefined;
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const words = (filter.text ?? '')
      .toLocaleLowerCase('en-US')
      .split(/\s+/)
      .filter(Boolean);
    // A text filter's first word matches in the narrative or in the title
    // or id: two branches, each of one table, so that each can use its
    // (trigram) index or walk the sort's index, then merged.
    const texts = words.length
      ? await Promise.all(
          (['narrative', 'incident'] as const).map(async firstWord => ({
            firstWord,
            text: await this.textIndexPlan(words, firstWord),
          })),
        )
      : [{ firstWord: undefined, text: undefined }];
    // A count reads its matches in no order, a page in the sort's.
    const branchesFor = (ordered: boolean) =>
      texts.map(({ firstWord, text }) =>
        this.filteredRows(
          filter,
          words,
          firstWord,
          text && { ...text, ordered },
        ),
      );
    const branches = branchesFor(false);
    const union = (queries: Knex.QueryBuilder[]) =>
      queries
        .slice(1)
        .reduce(
          (all, q, n) =>
            all.union(this.knex.select('*').from(q.as(`branch${n + 1}`))),
          this.knex.select('*').from(queries[0].as('branch0')),
        );

    // Counted on the first page only (later pages carry the count in their
    // cursor), and only up to the cap: counting every one of 100,000
    // matches costs more than the page itself. Counted apart from the page
    // and in no order: the planner may then find the matches from the
    // filter's own index (a stage, the recurrence flag) instead of walking
    // the sort's index until it has passed the cap (10,000 incidents walked
    // for 1,000 postmortems in review, 0.17 s at 100,000).
    let totalCount = cursor?.n;
    let totalCountCapped = cursor?.c ?? false;
    if (totalCount === undefined) {
      const matches = union(
        branches.map(b =>
          b
            .clone()
            .select('p.id')
            .limit(this.countCap + 1),
        ),
      );
      const [{ count }] = (await this.knex
        .count({ count: '*' })
        .from(matches.as('matches'))) as Array<{ count: number | string }>;
      totalCountCapped = Number(count) > this.countCap;
      totalCount = Math.min(Number(count), this.countCap);
    }

    const pages = branchesFor(true).map(b => {
      const page = b
        .clone()
        .select(
          'p.id',
          selectSortValue(this.knex, order),
          selectSortId(this.knex, order),
        );
      applyListOrder(page, order);
      if (cursor) applyCursor(page, order, cursor);
      return page.limit(limit + 1);
    });
    let found: Row[];
    if (pages.length === 1) {
      found = await pages[0];
    } else {
      const merged = this.knex.select('*').from(union(pages).as('merged'));
      if (order.column.nullable) {
        merged.orderByRaw('case when sort_value is null then 1 else 0 end');
      }
      merged
        .orderBy('sort_value', order.direction)
        .orderBy('sort_id', order.direction);
      found = await merged.limit(limit + 1);
    }
    const hasMore = found.length > limit;
    const pageRows = found.slice(0, limit);
    const pageIds = pageRows.map(r => r.id as string);
    const rows = pageIds.length
      ? await this.postmortemQuery().whereIn('p.id', pageIds)
      : [];
    const position = new Map(pageIds.map((id, n) => [id, n]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    for (const row of rows) listed.add(row);
    const last = pageRows[pageRows.length - 1];
    return {
      rows,
      totalCount,
      totalCountCapped,
      nextCursor:
        hasMore && last
          ? encodeCursor({
              o: order.orderBy,
              d: order.direction,
              v: cursorValue(order, last.sort_value),
              id: last.sort_id,
              k: 'i',
              n: totalCount,
              c: totalCountCapped || undefined,
            })
          : undefined,
    };
  }

  /**
   * The remediation items of some postmortems counted by status; overdue:
   * open or in progress and due before today (UTC).
   */
  async remediationCounts(postmortemIds: string[]) {
    const counts = new Map<string, RemediationCounts>();
    if (!postmortemIds.length) return counts;
    const today = new Date().toISOString().slice(0, 10);
    const rows: Row[] = await this.knex('remediation_items')
      .whereIn('postmortem_id', postmortemIds)
      .groupBy('postmortem_id')
      .select(
        'postmortem_id',
        this.knex.raw('count(*) as total'),
        ...(
          [
            ['open', "status in ('open', 'in_progress')"],
            [
              'overdue',
              "status in ('open', 'in_progress') and due_date is not null and due_date < ?",
            ],
            ['done', "status = 'done'"],
            ['verified', "status = 'verified'"],
            ['wont_do', "status = 'wont_do'"],
          ] as const
        ).map(([name, when]) =>
          this.knex.raw(
            `sum(case when ${when} then 1 else 0 end) as ${name}`,
            when.includes('?') ? [today] : [],
          ),
        ),
      );
    for (const r of rows) {
      counts.set(r.postmortem_id, {
        total: Number(r.total),
        open: Number(r.open),
        overdue: Number(r.overdue),
        done: Number(r.done),
        verified: Number(r.verified),
        wontDo: Number(r.wont_do),
      });
    }
    return counts;
  }

  async hydrate(rows: Row[]): Promise<Postmortem[]> {
    const entities = await this.entitiesOf(rows.map(r => r.incident_id));
    const remediation = await this.remediationCounts(
      rows.filter(r => listed.has(r)).map(r => r.id),
    );
    const owners = new Map<string, string[]>();
    if (rows.length) {
      const ownerRows = await this.knex('postmortem_owners')
        .whereIn(
          'postmortem_id',
          rows.map(r => r.id),
        )
        .orderBy('owner_ref');
      for (const o of ownerRows) {
        owners.set(o.postmortem_id, [
          ...(owners.get(o.postmortem_id) ?? []),
          o.owner_ref,
        ]);
      }
    }
    return rows.map(row => ({
      id: row.id,
      incidentId: row.incident_id,
      humanId: row.human_id,
      title: row.title,
      severity: row.severity,
      templateId: row.template_id,
      templateVersion: row.template_version,
      stage: row.stage,
      roles: json(row.roles, {
        technicalOwners: [],
        reviewers: [],
        contributors: [],
      }),
      narrative: json(row.narrative, {}),
      attachments: json(row.attachments, []),
      deadlines: json(row.deadlines, {}),
      visibility: row.visibility,
      revision: row.revision,
      entityRefs: entities.get(row.incident_id) ?? [],
      ownerRefs: owners.get(row.id) ?? [],
      ...(listed.has(row)
        ? { remediation: remediation.get(row.id) ?? NO_REMEDIATION }
        : {}),
      resolvedAt: toIso(row.resolved_at),
      createdAt: toIso(row.created_at)!,
      updatedAt: toIso(row.updated_at)!,
    }));
  }

  async entitiesOf(incidentIds: string[]) {
    const byIncident = new Map<string, string[]>();
    if (!incidentIds.length) return byIncident;
    const rows = await this.knex('incident_entities')
      .whereIn('incident_id', incidentIds)
      .orderBy('entity_ref');
    for (const row of rows) {
      byIncident.set(row.incident_id, [
        ...(byIncident.get(row.incident_id) ?? []),
        row.entity_ref,
      ]);
    }
    return byIncident;
  }
}
