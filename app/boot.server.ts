/**
 * Start-up sequence shared by the server and the CLI scripts: migrate the database, start or
 * connect to Meilisearch, apply index settings, seed an empty install, drain pending index jobs.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import Database from "better-sqlite3";

import { deployMigrations } from "../prisma/migrate.ts";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from "../search/embedded.ts";

import { countArticles } from "./models/article.server.ts";
import { drainSearchOutbox, prepareSearchIndexes } from "./models/search.server.ts";
import { getEnv, setEmbeddedSearch } from "./utils/env.server.ts";
import { sqlitePath } from "./utils/sqlite-path.ts";

type Log = (line: string) => void;

/** Applies pending migrations and switches the file to WAL (readers never wait for a writer). */
export async function bootDatabase(log: Log = console.log): Promise<void> {
  const env = getEnv();
  const file = sqlitePath(env.DATABASE_URL);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const applied = await deployMigrations(env.DATABASE_URL);
  if (applied.length)
    log(`Database: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}

export interface SearchBoot {
  embedded: EmbeddedMeilisearch | null;
  ready: boolean;
}

/**
 * Uses MEILI_HOST when set; otherwise starts the bundled binary and points search at it.
 * Never throws: when search cannot start the app runs on the SQLite fallback and says why.
 */
export async function bootSearch(log: Log = console.log): Promise<SearchBoot> {
  const env = getEnv();
  let embedded: EmbeddedMeilisearch | null = null;
  if (!env.MEILI_HOST) {
    try {
      embedded = await startEmbeddedMeilisearch({ dataDir: env.dataDir });
      setEmbeddedSearch(embedded);
      log(`Search: started the bundled Meilisearch at ${embedded.host}`);
    } catch (error) {
      log(
        `Search: UNAVAILABLE, could not start the bundled Meilisearch: ${(error as Error).message}`,
      );
      return { embedded: null, ready: false };
    }
  } else {
    log(`Search: using Meilisearch at ${env.MEILI_HOST}`);
  }
  const ready = await syncSearch(log);
  if (!ready) log("Search: answering from the database until the engine is back.");
  return { embedded, ready };
}

let settingsApplied = false;
let lastProblem: string | null = null;

/**
 * Brings the engine up to date: index settings once, then pending index jobs. Returns whether
 * it succeeded; logs a problem once and its recovery once, so a long outage does not flood logs.
 */
export async function syncSearch(log: Log = console.log): Promise<boolean> {
  try {
    if (!settingsApplied) {
      await prepareSearchIndexes();
      settingsApplied = true;
    }
    const drained = await drainSearchOutbox();
    if (drained) log(`Search: indexed ${drained} pending change(s).`);
    if (lastProblem) log("Search: the engine is reachable again.");
    lastProblem = null;
    return true;
  } catch (error) {
    const problem = (error as Error).message;
    if (problem !== lastProblem) log(`Search: UNAVAILABLE (${problem}).`);
    lastProblem = problem;
    return false;
  }
}

/** Seeds demo content into an empty database, then sends pending index jobs to search. */
export async function bootContent(log: Log = console.log): Promise<void> {
  if ((await countArticles()) === 0) {
    const { seedDemoContent } = await import("../prisma/seed.ts");
    await seedDemoContent(log);
  }
  await syncSearch(log);
}
