import { MeilisearchApiError, type EnqueuedTaskPromise, type Meilisearch } from "meilisearch";

import type { ArticleDoc } from "./documents.ts";
import { articleIndexSettings, indexNames } from "./settings.ts";

const TASK_TIMEOUT = { timeout: 60_000, interval: 20 };

async function ensureIndex(client: Meilisearch, uid: string) {
  try {
    await client.getRawIndex(uid);
  } catch (error) {
    if (!(error instanceof MeilisearchApiError) || error.cause?.code !== "index_not_found")
      throw error;
    await client.createIndex(uid, { primaryKey: "id" }).waitTask(TASK_TIMEOUT);
  }
}

/**
 * Creates both article indexes if missing and applies the settings in code with the glossary's
 * synonyms (idempotent); throws when the engine refuses them.
 */
export async function applyIndexSettings(
  client: Meilisearch,
  prefix: string,
  synonyms: Record<string, string[]>,
): Promise<void> {
  for (const uid of Object.values(indexNames(prefix))) {
    await ensureIndex(client, uid);
    const done = await client
      .index(uid)
      .updateSettings({ ...articleIndexSettings, synonyms })
      .waitTask(TASK_TIMEOUT);
    if (done.status === "failed") {
      throw new Error(`Settings of ${uid} refused: ${done.error?.message ?? "unknown error"}`);
    }
  }
}

/** Replaces the synonyms of both article indexes; throws when the engine refuses them. */
export async function applySynonyms(
  client: Meilisearch,
  prefix: string,
  synonyms: Record<string, string[]>,
): Promise<void> {
  for (const uid of Object.values(indexNames(prefix))) {
    const done = await client.index(uid).updateSynonyms(synonyms).waitTask(TASK_TIMEOUT);
    if (done.status === "failed") {
      throw new Error(`Synonyms of ${uid} refused: ${done.error?.message ?? "unknown error"}`);
    }
  }
}

export interface IndexChange {
  /** Every passage of each changed article, per index. */
  upsert: { staff: ArticleDoc[]; public: ArticleDoc[] };
  /** Article ids whose passages leave the public index (article deleted or made internal). */
  removePublic: string[];
  /** Article ids whose passages leave both indexes (article deleted). */
  removeAll: string[];
}

/** Quotes a value for a Meilisearch filter expression. */
export function filterValue(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * The filter matching passages left over from an article's longer former version: grouped by
 * passage count, so the expression stays short for a batch of hundreds of articles.
 */
export function stalePassagesFilter(docs: ArticleDoc[]): string | null {
  const counts = new Map<string, number>();
  for (const doc of docs)
    counts.set(doc.articleId, Math.max(counts.get(doc.articleId) ?? 0, doc.n + 1));
  const byCount = new Map<number, string[]>();
  for (const [articleId, count] of counts)
    byCount.set(count, [...(byCount.get(count) ?? []), articleId]);
  if (!byCount.size) return null;
  return [...byCount]
    .map(([count, ids]) => `(articleId IN [${ids.map(filterValue).join(", ")}] AND n >= ${count})`)
    .join(" OR ");
}

const articlesFilter = (ids: string[]) => `articleId IN [${ids.map(filterValue).join(", ")}]`;

/**
 * Applies a batch of changes to both indexes and waits until they are searchable. New passages
 * overwrite the old ones of the same number first, then the surplus of a shortened article goes,
 * so the article stays findable throughout.
 */
export async function applyIndexChange(client: Meilisearch, prefix: string, change: IndexChange) {
  const names = indexNames(prefix);
  const staff = client.index<ArticleDoc>(names.staff);
  const pub = client.index<ArticleDoc>(names.public);
  const operations: (() => EnqueuedTaskPromise)[] = [];
  if (change.upsert.staff.length) operations.push(() => staff.addDocuments(change.upsert.staff));
  if (change.upsert.public.length) operations.push(() => pub.addDocuments(change.upsert.public));
  const staleStaff = stalePassagesFilter(change.upsert.staff);
  if (staleStaff) operations.push(() => staff.deleteDocuments({ filter: staleStaff }));
  const stalePublic = stalePassagesFilter(change.upsert.public);
  if (stalePublic) operations.push(() => pub.deleteDocuments({ filter: stalePublic }));
  const publicRemovals = [...change.removePublic, ...change.removeAll];
  if (publicRemovals.length) {
    operations.push(() => pub.deleteDocuments({ filter: articlesFilter(publicRemovals) }));
  }
  if (change.removeAll.length) {
    operations.push(() => staff.deleteDocuments({ filter: articlesFilter(change.removeAll) }));
  }
  // Enqueue one after the other: a failing request must not leave the others unobserved.
  for (const operation of operations) {
    const done = await operation().waitTask(TASK_TIMEOUT);
    if (done.status === "failed") {
      throw new Error(`Index task ${done.uid} failed: ${done.error?.message ?? "unknown error"}`);
    }
  }
}

/**
 * Rebuilds both indexes from scratch into fresh indexes, then swaps them in, so searches keep
 * answering from the old indexes until the new ones are complete. Reports progress per batch.
 */
export async function rebuildIndexes(
  client: Meilisearch,
  prefix: string,
  synonyms: Record<string, string[]>,
  batches: AsyncIterable<{ articles: number; staff: ArticleDoc[]; public: ArticleDoc[] }>,
  onProgress: (indexed: number) => void = () => {},
): Promise<void> {
  const live = indexNames(prefix);
  const fresh = indexNames(`${prefix}rebuild_`);
  for (const uid of Object.values(fresh)) {
    await client.deleteIndex(uid).waitTask(TASK_TIMEOUT);
  }
  await applyIndexSettings(client, `${prefix}rebuild_`, synonyms);
  await applyIndexSettings(client, prefix, synonyms);
  let indexed = 0;
  for await (const batch of batches) {
    await client.index(fresh.staff).addDocuments(batch.staff).waitTask(TASK_TIMEOUT);
    if (batch.public.length) {
      await client.index(fresh.public).addDocuments(batch.public).waitTask(TASK_TIMEOUT);
    }
    indexed += batch.articles;
    onProgress(indexed);
  }
  await client
    .swapIndexes([
      { indexes: [live.staff, fresh.staff], rename: false },
      { indexes: [live.public, fresh.public], rename: false },
    ])
    .waitTask(TASK_TIMEOUT);
  for (const uid of Object.values(fresh)) await client.deleteIndex(uid).waitTask(TASK_TIMEOUT);
}
