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
  upsert: { staff: ArticleDoc[]; public: ArticleDoc[] };
  /** Ids to remove from the public index (article deleted or made internal). */
  removePublic: string[];
  /** Ids to remove from both indexes (article deleted). */
  removeAll: string[];
}

/** Applies a batch of document changes to both indexes and waits until they are searchable. */
export async function applyIndexChange(client: Meilisearch, prefix: string, change: IndexChange) {
  const names = indexNames(prefix);
  const staff = client.index<ArticleDoc>(names.staff);
  const pub = client.index<ArticleDoc>(names.public);
  const operations: (() => EnqueuedTaskPromise)[] = [];
  if (change.upsert.staff.length) operations.push(() => staff.addDocuments(change.upsert.staff));
  if (change.upsert.public.length) operations.push(() => pub.addDocuments(change.upsert.public));
  const publicRemovals = [...change.removePublic, ...change.removeAll];
  if (publicRemovals.length) operations.push(() => pub.deleteDocuments(publicRemovals));
  if (change.removeAll.length) operations.push(() => staff.deleteDocuments(change.removeAll));
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
  batches: AsyncIterable<{ staff: ArticleDoc[]; public: ArticleDoc[] }>,
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
    indexed += batch.staff.length;
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
