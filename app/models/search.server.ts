import { MeilisearchError, type Meilisearch } from "meilisearch";

import type { Audience } from "~/editor/content.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

import { createSearchClient } from "../../search/client.ts";
import { documentsFor, type ArticleDoc } from "../../search/documents.ts";
import { applyIndexChange, applyIndexSettings, rebuildIndexes } from "../../search/indexer.ts";
import { indexNames } from "../../search/settings.ts";

import {
  fallbackHitInclude,
  presentFallbackHit,
  presentSearchHit,
  type Highlighted,
  type SearchHit,
} from "./article-presenters.server.ts";
import { fallbackMatchQuery } from "./fallback-query.ts";

let cachedClient: { host: string; apiKey?: string; client: Meilisearch } | undefined;

type SearchTarget = { client: Meilisearch; prefix: string } | { problem: string };

function searchTarget(): SearchTarget {
  const env = getEnv();
  if (!env.MEILI_HOST) return { problem: "MEILI_HOST is not set" };
  if (!URL.canParse(env.MEILI_HOST) || !/^https?:$/.test(new URL(env.MEILI_HOST).protocol)) {
    return { problem: `MEILI_HOST is not an http(s) URL: "${env.MEILI_HOST}"` };
  }
  const apiKey = env.MEILI_API_KEY ?? env.MEILI_MASTER_KEY;
  if (cachedClient?.host !== env.MEILI_HOST || cachedClient.apiKey !== apiKey) {
    cachedClient = {
      host: env.MEILI_HOST,
      apiKey,
      client: createSearchClient({ host: env.MEILI_HOST, apiKey }),
    };
  }
  return { client: cachedClient.client, prefix: env.MEILI_INDEX_PREFIX };
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

export type SearchResult =
  | { status: "ok"; hits: SearchHit[]; total: number; tookMs: number }
  | { status: "unavailable"; hits: SearchHit[]; total: number; reason: string };

// What each audience's reduced search may match: anonymous visitors only the public projection.
const fallbackColumns = {
  staff: { match: ["title", "bodyText"], snippet: 1 },
  public: { match: ["title", "publicText"], snippet: 2 },
} as const;

/**
 * The reduced search used while the engine is unreachable: SQLite FTS5 (ArticleFts, kept by
 * triggers in the article's own transaction), ranked by bm25 with the title weighted 10× the
 * text. Every word must match, else any; no typo tolerance.
 */
async function fallbackSearch(q: string, audience: Audience, limit: number): Promise<SearchHit[]> {
  const columns = fallbackColumns[audience];
  const query = fallbackMatchQuery(q, columns.match);
  if (!query) return [];
  // Ranked first, marked after: highlight() and snippet() cost per row, so only the top rows get
  // them (a third of the time at 10k articles). CROSS JOIN keeps the full-text match the outer
  // loop: SQLite may otherwise walk public articles and run the match once per row (1.4 s).
  const find = (match: string) =>
    prisma.$queryRawUnsafe<{ id: string; title: string; snippet: string }[]>(
      `WITH top AS (
         SELECT ArticleFts.rowid AS hit, bm25(ArticleFts, 10.0, 1.0, 1.0) AS score
           FROM ArticleFts CROSS JOIN Article a ON a.rowid = ArticleFts.rowid
          WHERE ArticleFts MATCH ? ${audience === "public" ? "AND a.visibility = 'public'" : ""}
          ORDER BY score LIMIT ?)
       SELECT a.id AS id,
              highlight(ArticleFts, 0, ?, ?) AS title,
              snippet(ArticleFts, ${columns.snippet}, ?, ?, '…', 24) AS snippet
         FROM top
         CROSS JOIN ArticleFts ON ArticleFts.rowid = top.hit
         CROSS JOIN Article a ON a.rowid = top.hit
        WHERE ArticleFts MATCH ?
        ORDER BY top.score`,
      match,
      limit,
      MARK_START,
      MARK_END,
      MARK_START,
      MARK_END,
      match,
    );
  let found = await find(query.all);
  if (!found.length && query.terms > 1) found = await find(query.any);
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

/**
 * Searches the index of the audience (anonymous visitors only ever reach the public index).
 * Never throws for an unreachable engine: answers from SQLite with status "unavailable".
 */
export async function searchArticles(options: {
  q: string;
  audience: Audience;
  limit?: number;
}): Promise<SearchResult> {
  const limit = options.limit ?? 20;
  const target = searchTarget();
  if ("problem" in target) {
    const hits = await fallbackSearch(options.q, options.audience, limit);
    return { status: "unavailable", hits, total: hits.length, reason: target.problem };
  }
  const names = indexNames(target.prefix);
  const uid = options.audience === "public" ? names.public : names.staff;
  try {
    const response = await target.client.index<ArticleDoc>(uid).search(options.q, {
      limit,
      attributesToRetrieve: ["slug", "kind", "visibility", "tags", "updatedAt", "reviewAt"],
      attributesToHighlight: ["title"],
      attributesToCrop: ["body"],
      cropLength: 28,
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
    });
    return {
      status: "ok",
      total: response.estimatedTotalHits ?? response.hits.length,
      tookMs: response.processingTimeMs,
      hits: response.hits.map((hit) =>
        presentSearchHit(
          hit,
          splitHighlights(hit._formatted?.title ?? ""),
          splitHighlights(hit._formatted?.body ?? ""),
        ),
      ),
    };
  } catch (error) {
    const hits = await fallbackSearch(options.q, options.audience, limit);
    return { status: "unavailable", hits, total: hits.length, reason: describeSearchError(error) };
  }
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

const withTags = { tags: { select: { name: true } } } as const;

function indexable(article: Awaited<ReturnType<typeof loadArticles>>[number]) {
  return documentsFor({ ...article, tags: article.tags.map((tag) => tag.name) });
}

function loadArticles(ids: string[]) {
  return prisma.article.findMany({ where: { id: { in: ids } }, include: withTags });
}

/**
 * Sends pending index jobs (written with each change) to the search engine; rows are removed
 * only after Meilisearch confirmed them, so nothing is lost while it is down. Returns the count.
 */
export function drainSearchOutbox(batchSize = 200): Promise<number> {
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

let drainQueue: Promise<number> = Promise.resolve(0);
let waitingDrain: Promise<number> | undefined;

async function drainOnce(batchSize: number): Promise<number> {
  const target = searchTarget();
  if ("problem" in target) throw new Error(target.problem);
  let drained = 0;
  for (;;) {
    const jobs = await prisma.searchOutbox.findMany({ orderBy: { id: "asc" }, take: batchSize });
    if (!jobs.length) return drained;
    const ids = [...new Set(jobs.map((job) => job.articleId))];
    const articles = await loadArticles(ids);
    const found = new Set(articles.map((a) => a.id));
    const docs = articles.map(indexable);
    try {
      await applyIndexChange(target.client, target.prefix, {
        upsert: {
          staff: docs.map((d) => d.staff),
          public: docs.flatMap((d) => (d.public ? [d.public] : [])),
        },
        removePublic: docs.filter((d) => !d.public).map((d) => d.staff.id),
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

/** Creates the indexes and applies the settings kept in search/settings.ts. */
export async function prepareSearchIndexes(): Promise<void> {
  const target = searchTarget();
  if ("problem" in target) throw new Error(target.problem);
  await applyIndexSettings(target.client, target.prefix);
}

/** Rebuilds both indexes from the database into fresh ones and swaps them in. */
export async function reindexAllArticles(onProgress?: (done: number, total: number) => void) {
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
        staff: docs.map((d) => d.staff),
        public: docs.flatMap((d) => (d.public ? [d.public] : [])),
      };
    }
  }
  await rebuildIndexes(target.client, target.prefix, batches(), (done) =>
    onProgress?.(done, total),
  );
}
