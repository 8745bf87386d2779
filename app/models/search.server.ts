import {
  MeilisearchError,
  type Meilisearch,
  type MultiSearchParams,
  type MultiSearchQuery,
} from "meilisearch";

import type { Audience } from "~/editor/content.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

import { createQueryClient, createSearchClient } from "../../search/client.ts";
import { REQUIRED_FIELDS, documentsFor, type ArticleDoc } from "../../search/documents.ts";
import { prepareQuery } from "../../search/german.ts";
import {
  applyIndexChange,
  applyIndexSettings,
  applySynonyms,
  filterValue,
  rebuildIndexes,
} from "../../search/indexer.ts";
import { indexNames } from "../../search/settings.ts";
import { synonymsFor } from "../../search/synonyms.ts";

import {
  fallbackHitInclude,
  presentFallbackHit,
  presentSearchHit,
  type Highlighted,
  type SearchHit,
} from "./article-presenters.server.ts";
import { parseKeywords } from "./article-rules.ts";
import { fallbackMatchQuery } from "./fallback-query.ts";
import type { IncidentStatus } from "./incident-status.ts";
import { listActiveIncidentPins } from "./incident.server.ts";
import {
  SEARCH_PAGE_SIZE,
  facetNames,
  publicFacets,
  reviewStates,
  type Facet,
  type FacetName,
  type SearchFilters,
} from "./search-filters.ts";
import {
  RebuildRunningError,
  rebuildRunningElsewhere,
  withRebuildLease,
} from "./search-rebuild-lease.server.ts";

let cachedClient:
  { host: string; apiKey?: string; client: Meilisearch; queryClient: Meilisearch } | undefined;

/** `queryClient` serves searches (search/client.ts), `client` everything else. */
type SearchTarget =
  { client: Meilisearch; queryClient: Meilisearch; prefix: string } | { problem: string };

function searchTarget(): SearchTarget {
  const env = getEnv();
  if (!env.MEILI_HOST) return { problem: "MEILI_HOST is not set" };
  if (!URL.canParse(env.MEILI_HOST) || !/^https?:$/.test(new URL(env.MEILI_HOST).protocol)) {
    return { problem: `MEILI_HOST is not an http(s) URL: "${env.MEILI_HOST}"` };
  }
  const apiKey = env.MEILI_API_KEY ?? env.MEILI_MASTER_KEY;
  if (cachedClient?.host !== env.MEILI_HOST || cachedClient.apiKey !== apiKey) {
    const connection = { host: env.MEILI_HOST, apiKey };
    cachedClient = {
      ...connection,
      client: createSearchClient(connection),
      queryClient: createQueryClient(connection),
    };
  }
  const { client, queryClient } = cachedClient;
  return { client, queryClient, prefix: env.MEILI_INDEX_PREFIX };
}

// Markers Meilisearch puts around matches; split on the server so no HTML is ever injected.
const MARK_START = "\uE000";
const MARK_END = "\uE001";

/** Splits Meilisearch's marked text into plain and matched runs. */
export function splitHighlights(formatted: string): Highlighted {
  const parts: Highlighted = [];
  for (const [index, chunk] of formatted.split(MARK_START).entries()) {
    if (index === 0) {
      if (chunk) parts.push({ text: chunk, match: false });
      continue;
    }
    const [matched = "", rest = ""] = chunk.split(MARK_END);
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

/** An active incident matching the query, shown above the results. */
export interface PinnedIncident {
  slug: string;
  title: Highlighted;
  status: IncidentStatus;
  /** When the customer statement last changed (null: none yet). */
  statementUpdatedAt: string | null;
  /** Whole minutes since then, at the time of the search. */
  statementAgeMinutes: number | null;
}

/** Which results page a search answered and how many there are. */
export interface SearchPaging {
  page: number;
  /** Hits per page. */
  size: number;
  /** Pages with hits; the reduced search only knows whether one more may follow. */
  totalPages: number;
}

export type SearchResult =
  | {
      status: "ok";
      hits: SearchHit[];
      total: number;
      paging: SearchPaging;
      tookMs: number;
      facets: Facet[];
      pinned: PinnedIncident[];
    }
  | {
      status: "unavailable";
      hits: SearchHit[];
      total: number;
      paging: SearchPaging;
      reason: string;
      facets: Facet[];
      pinned: PinnedIncident[];
    };

// What each audience's reduced search may match: anonymous visitors only the public projection.
const fallbackColumns = {
  staff: { match: ["title", "keywords", "bodyText"], snippet: 2 },
  public: { match: ["title", "keywords", "publicText"], snippet: 3 },
} as const;

/**
 * The reduced search used while the engine is unreachable: SQLite FTS5 (ArticleFts, kept by
 * triggers in the article's own transaction), ranked by bm25 with the title and the "also known
 * as" keywords weighted 10× the text. Every word must match, else any; no typo tolerance.
 */
async function fallbackSearch(
  q: string,
  audience: Audience,
  limit: number,
  offset = 0,
): Promise<SearchHit[]> {
  const columns = fallbackColumns[audience];
  const query = fallbackMatchQuery(q, columns.match);
  if (!query) return [];
  // Ranked first, marked after: highlight() and snippet() cost per row, so only the top rows get
  // them (a third of the time at 10k articles). CROSS JOIN keeps the full-text match the outer
  // loop: SQLite may otherwise walk public articles and run the match once per row (1.4 s).
  const find = (match: string, rows = limit, skip = offset) =>
    prisma.$queryRawUnsafe<{ id: string; title: string; snippet: string }[]>(
      `WITH top AS (
         SELECT ArticleFts.rowid AS hit, bm25(ArticleFts, 10.0, 10.0, 1.0, 1.0) AS score
           FROM ArticleFts CROSS JOIN Article a ON a.rowid = ArticleFts.rowid
          WHERE ArticleFts MATCH ? ${audience === "public" ? "AND a.visibility = 'public'" : ""}
          ORDER BY score LIMIT ? OFFSET ?)
       SELECT a.id AS id,
              highlight(ArticleFts, 0, ?, ?) AS title,
              snippet(ArticleFts, ${columns.snippet}, ?, ?, '…', 24) AS snippet
         FROM top
         CROSS JOIN ArticleFts ON ArticleFts.rowid = top.hit
         CROSS JOIN Article a ON a.rowid = top.hit
        WHERE ArticleFts MATCH ?
        ORDER BY top.score`,
      match,
      rows,
      skip,
      MARK_START,
      MARK_END,
      MARK_START,
      MARK_END,
      match,
    );
  // Any word is enough only when no article has them all (on any page).
  let found = await find(query.all);
  const noneHasAll =
    query.terms > 1 && !found.length && (offset === 0 || !(await find(query.all, 1, 0)).length);
  if (noneHasAll) found = await find(query.any);
  const rows = await prisma.article.findMany({
    where: {
      id: { in: found.map((hit) => hit.id) },
      ...(audience === "public" ? { visibility: "public" } : {}),
    },
    include: fallbackHitInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return found.flatMap((hit) => {
    const row = byId.get(hit.id);
    if (!row) return [];
    const title = splitHighlights(hit.title);
    return [presentFallbackHit(row, { title, snippet: splitHighlights(hit.snippet) })];
  });
}

function describeSearchError(error: unknown): string {
  if (error instanceof MeilisearchError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const facetAttribute: Record<FacetName, string> = {
  kind: "kind",
  tag: "tags",
  visibility: "visibility",
  review: "reviewState",
  incident: "incidentStatus",
};

/** The engine filter of the chosen facet values, without those of `except`. */
function engineFilter(filters: SearchFilters, except?: FacetName): string[] {
  return facetNames.flatMap((name) => {
    const values = filters[name];
    if (!values?.length || name === except) return [];
    return [`${facetAttribute[name]} IN [${values.map(filterValue).join(", ")}]`];
  });
}

const hitAttributes = [
  "articleId",
  "slug",
  "kind",
  "visibility",
  "tags",
  "updatedAt",
  "reviewAt",
  "lang",
  "incidentStatus",
];

/** Marks the query's words in an active incident's title, as the engine marks hits. */
function markTitle(title: string, q: string): Highlighted {
  const words = new Set(q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  return title
    .split(/([\p{L}\p{N}]+)/u)
    .filter(Boolean)
    .map((text) => {
      const lower = text.toLowerCase();
      return { text, match: [...words].some((word) => lower.startsWith(word)) };
    });
}

/**
 * Searches the passages of the audience's index (anonymous visitors and public tokens only ever
 * reach the public index): one hit per article with its best passage, facet counts of articles,
 * and for staff the active incidents matching the query. All of it is one engine query: the
 * review state and the active incident id are facets of the stored passages (decision note 015).
 * Hits in the reader's language come first among equally good ones. Never throws for an
 * unreachable engine: answers from SQLite as "unavailable".
 */
export async function searchArticles(options: {
  q: string;
  audience: Audience;
  /** Hits per page (SEARCH_PAGE_SIZE unless given). */
  limit?: number;
  /** The results page, from 1. */
  page?: number;
  filters?: SearchFilters;
  /** The reader's language ("de" | "en"). */
  lang?: string;
  now?: Date;
}): Promise<SearchResult> {
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  const page = options.page ?? 1;
  const now = options.now ?? new Date();
  const filters = options.filters ?? {};
  const reduced = async (reason: string) =>
    unavailable(
      await fallbackSearch(options.q, options.audience, limit, (page - 1) * limit),
      { page, size: limit, totalPages: page },
      reason,
    );
  const target = searchTarget();
  if ("problem" in target) return reduced(target.problem);
  const names = indexNames(target.prefix);
  const staff = options.audience === "staff";
  const shown = staff ? facetNames : publicFacets;
  try {
    const q = prepareQuery(options.q);
    const indexUid = staff ? names.staff : names.public;
    const chosen = shown.filter((name) => filters[name]?.length);
    // A facet with a chosen value counts its values without its own filter, so the others stay
    // visible as alternatives (one counting query per chosen facet, only while filtering).
    // Active incidents are pinned whatever the filters.
    const counting = (filter: string[], facets: string[]): MultiSearchQuery => ({
      indexUid,
      q,
      hitsPerPage: 0,
      page: 1,
      filter,
      facets,
    });
    const queries: MultiSearchQuery[] = [
      {
        indexUid,
        q,
        // Page-based: totals and facet counts are exact and count articles (after distinct);
        // the offset mode's estimates count passages.
        hitsPerPage: limit,
        page,
        filter: engineFilter(filters),
        facets: [
          ...shown.map((name) => facetAttribute[name]),
          ...(staff && !chosen.length ? ["activeIncidentId"] : []),
        ],
        attributesToRetrieve: hitAttributes,
        attributesToHighlight: ["title", "heading", "text"],
        attributesToCrop: ["text"],
        cropLength: 28,
        sort: options.lang === "de" ? ["lang:asc"] : options.lang === "en" ? ["lang:desc"] : [],
        highlightPreTag: MARK_START,
        highlightPostTag: MARK_END,
      },
      ...chosen.map((name) => counting(engineFilter(filters, name), [facetAttribute[name]])),
      ...(staff && chosen.length ? [counting([], ["activeIncidentId"])] : []),
    ];
    const [incidents, { results }] = await Promise.all([
      staff ? listActiveIncidentPins() : [],
      target.queryClient.multiSearch<MultiSearchParams, ArticleDoc>({ queries }),
    ]);
    const main = results[0]!;
    const distribution: Record<string, Record<string, number>> = {};
    for (const result of results) Object.assign(distribution, result.facetDistribution);
    const facets: Facet[] = shown.map((name) => {
      const chosenValues = new Set(filters[name] ?? []);
      const counts = distribution[facetAttribute[name]] ?? {};
      const values: [string, number][] =
        name === "review"
          ? reviewStates.map((state) => [state, counts[state] ?? 0])
          : Object.entries(counts);
      return {
        name,
        values: values
          .filter(([value, count]) => count > 0 || chosenValues.has(value))
          .map(([value, count]) => ({ value, count, active: chosenValues.has(value) })),
      };
    });
    const matching = distribution.activeIncidentId ?? {};
    return {
      status: "ok",
      total: main.totalHits ?? main.hits.length,
      paging: { page, size: limit, totalPages: main.totalPages ?? page },
      tookMs: main.processingTimeMs,
      facets,
      pinned: incidents
        .filter((incident) => (matching[incident.articleId] ?? 0) > 0)
        .slice(0, MAX_PINNED)
        .map((incident) => {
          const updated = incident.statementUpdatedAt
            ? new Date(incident.statementUpdatedAt)
            : null;
          return {
            slug: incident.slug,
            title: markTitle(incident.title, options.q),
            status: incident.status as IncidentStatus,
            statementUpdatedAt: updated?.toISOString() ?? null,
            statementAgeMinutes: updated
              ? Math.max(0, Math.floor((now.getTime() - updated.getTime()) / 60_000))
              : null,
          };
        }),
      hits: main.hits.map((hit) =>
        presentSearchHit(hit, {
          title: splitHighlights(hit._formatted?.title ?? ""),
          heading: splitHighlights(hit._formatted?.heading ?? ""),
          snippet: splitHighlights(hit._formatted?.text ?? ""),
        }),
      ),
    };
  } catch (error) {
    return reduced(describeSearchError(error));
  }
}

/** At most this many active incidents are pinned above the results. */
const MAX_PINNED = 3;

/**
 * Re-indexes the passages whose review date has passed since they were indexed (their stored
 * reviewState still says "current"), so the review facet follows the calendar. Asks the engine
 * which ones, so it needs no bookkeeping and heals after any downtime. Returns how many articles
 * were queued.
 */
export async function refreshReviewStates(now = new Date()): Promise<number> {
  const target = searchTarget();
  if ("problem" in target) return 0;
  const stale = await target.client.index<ArticleDoc>(indexNames(target.prefix).staff).search("", {
    filter: [`reviewState = "current"`, `reviewAt < ${now.getTime()}`],
    limit: 1000,
    attributesToRetrieve: ["articleId"],
  });
  const ids = [...new Set(stale.hits.map((hit) => hit.articleId))];
  if (!ids.length) return 0;
  await prisma.searchOutbox.createMany({ data: ids.map((articleId) => ({ articleId })) });
  await drainSearchOutbox();
  return ids.length;
}

/**
 * A reduced search's answer. It counts no totals: a full page means another may follow, so the
 * pager offers the next one.
 */
function unavailable(hits: SearchHit[], paging: SearchPaging, reason: string): SearchResult {
  const more = hits.length === paging.size;
  return {
    status: "unavailable",
    hits,
    total: (paging.page - 1) * paging.size + hits.length,
    paging: { ...paging, totalPages: more ? paging.page + 1 : paging.page },
    reason,
    facets: [],
    pinned: [],
  };
}

/** Returns whether the search engine answers, with the reason when it does not. */
export async function checkSearchHealth(): Promise<{ ok: boolean; detail: string }> {
  const target = searchTarget();
  if ("problem" in target) return { ok: false, detail: target.problem };
  try {
    const health = await target.client.health();
    return { ok: health.status === "available", detail: health.status };
  } catch (error) {
    return { ok: false, detail: describeSearchError(error) };
  }
}

const withTags = {
  tags: { select: { name: true } },
  incident: { select: { status: true } },
} as const;

function indexable(article: Awaited<ReturnType<typeof loadArticles>>[number]) {
  return documentsFor({
    ...article,
    keywords: parseKeywords(article.keywords),
    tags: article.tags.map((tag) => tag.name),
    incidentStatus: article.incident?.status ?? null,
  });
}

function loadArticles(ids: string[]) {
  return prisma.article.findMany({ where: { id: { in: ids } }, include: withTags });
}

/**
 * Sends pending index jobs (written with each change) to the search engine; rows are removed
 * only after Meilisearch confirmed them, so nothing is lost while it is down. Returns the count.
 */
export function drainSearchOutbox(batchSize = DRAIN_BATCH): Promise<number> {
  // A drain that has not started yet will read every job committed so far: join it, so a burst
  // of saves queues one drain, not one per save.
  if (waitingDrain) return waitingDrain;
  // One drain at a time per process, so an older document can never overtake a newer one.
  const run = drainQueue.then(() => {
    waitingDrain = undefined;
    return drainOnce(batchSize);
  });
  waitingDrain = run;
  drainQueue = run.catch(() => 0);
  return run;
}

const DRAIN_BATCH = 200;
let drainQueue: Promise<number> = Promise.resolve(0);
let waitingDrain: Promise<number> | undefined;

/** The glossary as engine synonyms, with the glossary version it reflects. */
async function loadGlossarySynonyms() {
  const [sync, entries] = await prisma.$transaction([
    prisma.glossarySync.findUnique({ where: { id: 1 } }),
    prisma.glossaryEntry.findMany({
      select: { terms: { select: { text: true }, orderBy: { position: "asc" } } },
    }),
  ]);
  return {
    version: sync?.version ?? 0,
    synonyms: synonymsFor(entries.map((entry) => entry.terms.map((term) => term.text))),
  };
}

async function markGlossaryApplied(version: number) {
  await prisma.glossarySync.updateMany({
    where: { id: 1, appliedVersion: { lt: version } },
    data: { appliedVersion: version },
  });
}

/** Sends the glossary to the engine when it changed since the engine last confirmed it. */
async function applyPendingGlossary(target: { client: Meilisearch; prefix: string }) {
  const sync = await prisma.glossarySync.findUnique({ where: { id: 1 } });
  if (!sync || sync.appliedVersion >= sync.version) return;
  const glossary = await loadGlossarySynonyms();
  await applySynonyms(target.client, target.prefix, glossary.synonyms);
  await markGlossaryApplied(glossary.version);
}

/**
 * Sends a changed glossary to the engine as synonyms (after pending index jobs' turn, so applies
 * never overtake each other). Returns false, leaving it pending for the next drain or start,
 * when the engine is unreachable or refuses it.
 */
export function applyGlossaryToSearch(): Promise<boolean> {
  return inDrainQueue(async () => {
    const target = searchTarget();
    if ("problem" in target) return false;
    try {
      await applyPendingGlossary(target);
      return true;
    } catch {
      return false;
    }
  });
}

async function drainOnce(batchSize: number): Promise<number> {
  const target = searchTarget();
  if ("problem" in target) throw new Error(target.problem);
  // A glossary change made while the engine was down; a refusal must not hold up the articles.
  await applyPendingGlossary(target).catch(() => {});
  let drained = 0;
  for (;;) {
    // Another process is rebuilding: what this one indexed now would be swapped away.
    if (await rebuildRunningElsewhere()) return drained;
    const jobs = await prisma.searchOutbox.findMany({ orderBy: { id: "asc" }, take: batchSize });
    if (!jobs.length) return drained;
    const ids = [...new Set(jobs.map((job) => job.articleId))];
    const articles = await loadArticles(ids);
    const found = new Set(articles.map((a) => a.id));
    const docs = articles.map(indexable);
    try {
      await applyIndexChange(target.client, target.prefix, {
        upsert: {
          staff: docs.flatMap((d) => d.staff),
          public: docs.flatMap((d) => d.public),
        },
        removePublic: articles.filter((_, i) => !docs[i]!.public.length).map((a) => a.id),
        removeAll: ids.filter((id) => !found.has(id)),
      });
    } catch (error) {
      await prisma.searchOutbox.updateMany({
        where: { id: { in: jobs.map((job) => job.id) } },
        data: { attempts: { increment: 1 }, lastError: describeSearchError(error).slice(0, 500) },
      });
      throw error;
    }
    await prisma.searchOutbox.deleteMany({ where: { id: { in: jobs.map((job) => job.id) } } });
    drained += jobs.length;
  }
}

/**
 * Rebuilds both indexes when they hold passages written by an older version (a field in
 * REQUIRED_FIELDS is missing), so an upgrade needs no manual `npm run reindex`. Runs in the drain
 * queue: searches answer from the old indexes until the swap, and changes saved meanwhile wait in
 * the outbox and are indexed right after it. Returns whether it rebuilt.
 */
export function rebuildIfOutdated(log: (line: string) => void = () => {}): Promise<boolean> {
  return inDrainQueue(async () => {
    const target = searchTarget();
    if ("problem" in target) return false;
    const outdated = await target.client.index(indexNames(target.prefix).staff).search("", {
      filter: REQUIRED_FIELDS.map((field) => `${field} NOT EXISTS`).join(" OR "),
      limit: 1,
      attributesToRetrieve: ["id"],
    });
    if (!outdated.hits.length) return false;
    log("Search: the index was written by an older version; rebuilding it in the background.");
    const started = performance.now();
    let articles = 0;
    try {
      await withRebuildLease(() => rebuildAll((done) => (articles = done)));
    } catch (error) {
      if (!(error instanceof RebuildRunningError)) throw error;
      log("Search: another process is rebuilding the index; leaving it to that one.");
      return false;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`Search: rebuilt the index (${articles} articles, ${seconds} s).`);
    return true;
  });
}

/** Creates the indexes and applies the settings kept in search/settings.ts and the glossary. */
export async function prepareSearchIndexes(): Promise<void> {
  const target = searchTarget();
  if ("problem" in target) throw new Error(target.problem);
  const glossary = await loadGlossarySynonyms();
  await applyIndexSettings(target.client, target.prefix, glossary.synonyms);
  await markGlossaryApplied(glossary.version);
}

/**
 * Rebuilds both indexes from the database into fresh ones and swaps them in. Runs in the drain
 * queue and holds the rebuild lease, so no drain, in this process or another, writes to the old
 * indexes while they are rebuilt: changes wait in the outbox and are applied right after the swap.
 * Throws RebuildRunningError while another process rebuilds.
 */
export function reindexAllArticles(onProgress?: (done: number, total: number) => void) {
  return inDrainQueue(() =>
    withRebuildLease(async () => {
      await rebuildAll(onProgress);
      // Failed jobs stay queued; the app's retry timer applies them.
      await drainOnce(DRAIN_BATCH).catch(() => 0);
    }),
  );
}

/** Runs `task` after every drain, glossary apply and rebuild queued before it. */
function inDrainQueue<T>(task: () => Promise<T>): Promise<T> {
  const run = drainQueue.then(task);
  drainQueue = run.then(
    () => 0,
    () => 0,
  );
  return run;
}

async function rebuildAll(onProgress?: (done: number, total: number) => void) {
  const target = searchTarget();
  if ("problem" in target) throw new Error(target.problem);
  const total = await prisma.article.count();
  async function* batches() {
    let cursor: string | undefined;
    for (;;) {
      const page = await prisma.article.findMany({
        take: 500,
        ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
        orderBy: { id: "asc" },
        include: withTags,
      });
      if (!page.length) return;
      cursor = page.at(-1)!.id;
      const docs = page.map(indexable);
      yield {
        articles: page.length,
        staff: docs.flatMap((d) => d.staff),
        public: docs.flatMap((d) => d.public),
      };
    }
  }
  const glossary = await loadGlossarySynonyms();
  await rebuildIndexes(target.client, target.prefix, glossary.synonyms, batches(), (done) =>
    onProgress?.(done, total),
  );
  await markGlossaryApplied(glossary.version);
}
