/**
 * Start-up sequence shared by the server and the CLI scripts: migrate the database, start or
 * connect to Meilisearch, apply index settings, seed an empty install, drain pending index jobs.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import Database from "better-sqlite3";

import { deployMigrations } from "../prisma/migrate.ts";
import { seedDefaultGlossary } from "../prisma/seed-glossary.ts";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from "../search/embedded.ts";
import {
  clearRunningEngine,
  findRunningEngine,
  recordRunningEngine,
} from "../search/running-engine.ts";

import {
  drainSearchOutbox,
  prepareSearchIndexes,
  rebuildIfOutdated,
  refreshReviewStates,
} from "./models/search.server.ts";
import { hasAnyUser } from "./models/user.server.ts";
import { getEnv, setEmbeddedSearch } from "./utils/env.server.ts";
import { sqlitePath } from "./utils/sqlite-path.ts";

type Log = (line: string) => void;

/**
 * Applies pending migrations, switches the file to WAL (readers never wait for a writer) and
 * loads the default glossary into an empty glossary table.
 */
export async function bootDatabase(log: Log = console.log): Promise<void> {
  const env = getEnv();
  const file = sqlitePath(env.DATABASE_URL);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const applied = await deployMigrations(env.DATABASE_URL);
  if (applied.length)
    log(`Database: applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const db = new Database(file, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.close();
  const glossary = await seedDefaultGlossary();
  if (glossary) log(`Glossary: loaded ${glossary} entries of equivalent search terms.`);
}

export interface SearchBoot {
  embedded: EmbeddedMeilisearch | null;
  ready: boolean;
}

/**
 * How to find the engine when MEILI_HOST is unset: the app starts its own ("start"); tools use
 * the one a running app recorded in the data folder, starting one only if they need it
 * ("reuse-or-start") or else leaving index jobs to the app's outbox ("reuse-only").
 */
export type EngineMode = "start" | "reuse-or-start" | "reuse-only";

/**
 * Uses MEILI_HOST when set; otherwise the bundled binary as `mode` says, and points search at it.
 * Never throws: when search cannot start the app runs on the SQLite fallback and says why.
 */
export async function bootSearch(
  log: Log = console.log,
  mode: EngineMode = "start",
): Promise<SearchBoot> {
  const env = getEnv();
  upgradeOutdated = mode === "start";
  let embedded: EmbeddedMeilisearch | null = null;
  if (env.MEILI_HOST) {
    log(`Search: using Meilisearch at ${env.MEILI_HOST}`);
  } else {
    const running = mode === "start" ? null : await findRunningEngine(env.dataDir);
    if (running) {
      setEmbeddedSearch(running);
      log(`Search: using the running app's Meilisearch at ${running.host}`);
    } else if (mode === "reuse-only") {
      log("Search: no running app; it indexes these changes when it next starts.");
      return { embedded: null, ready: false };
    } else {
      try {
        embedded = await startEmbedded(env.dataDir, mode === "start");
        setEmbeddedSearch(embedded);
        log(`Search: started the bundled Meilisearch at ${embedded.host}`);
      } catch (error) {
        log(
          `Search: UNAVAILABLE, could not start the bundled Meilisearch: ${(error as Error).message}`,
        );
        return { embedded: null, ready: false };
      }
    }
  }
  const ready = await syncSearch(log);
  if (!ready) log("Search: answering from the database until the engine is back.");
  return { embedded, ready };
}

/** Starts the bundled engine; the app's is recorded in the data folder for tools to reuse. */
async function startEmbedded(dataDir: string, record: boolean): Promise<EmbeddedMeilisearch> {
  const embedded = await startEmbeddedMeilisearch({ dataDir });
  if (!record) return embedded;
  await recordRunningEngine(dataDir, embedded.host);
  return {
    ...embedded,
    stop: async () => {
      await clearRunningEngine(dataDir);
      await embedded.stop();
    },
  };
}

let settingsApplied = false;
let lastProblem: string | null = null;
/** Only the app itself (engine mode "start") rebuilds an index an older version wrote. */
let upgradeOutdated = false;

/** How often the review facet catches up with the calendar (refreshReviewStates). */
const REVIEW_REFRESH_MS = 60_000;
let lastReviewRefresh = 0;

/**
 * Brings the engine up to date: index settings once, then pending index jobs, and at most once a
 * minute the review states of passages whose review date has passed. Returns whether it
 * succeeded; logs a problem once and its recovery once, so a long outage does not flood logs.
 */
export async function syncSearch(log: Log = console.log): Promise<boolean> {
  try {
    if (!settingsApplied) {
      await prepareSearchIndexes();
      settingsApplied = true;
      // Not awaited: the app answers from the old indexes while they are rebuilt.
      if (upgradeOutdated) {
        void rebuildIfOutdated(log).catch((error: unknown) =>
          log(`Search: could not rebuild the outdated index: ${(error as Error).message}`),
        );
      }
    }
    const drained = await drainSearchOutbox();
    if (drained) log(`Search: indexed ${drained} pending change(s).`);
    if (Date.now() - lastReviewRefresh >= REVIEW_REFRESH_MS) {
      const refreshed = await refreshReviewStates();
      lastReviewRefresh = Date.now();
      if (refreshed) log(`Search: ${refreshed} article(s) passed their review date.`);
    }
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

/**
 * Sends the index jobs of a change that has just committed. Quiet: a failure stays in the outbox
 * (attempts, last error) and the retry timer's syncSearch reports it and tries again; so does
 * applying the index settings, which must come before any document.
 */
export function drainAfterCommit(): void {
  if (settingsApplied) void drainSearchOutbox().catch(() => {});
}

/**
 * Seeds demo users and content into a database without any user (the embedded default's first
 * start; a real install creates its first admin before), then sends pending index jobs to search.
 */
export async function bootContent(log: Log = console.log): Promise<void> {
  if (!(await hasAnyUser())) {
    const { seedDemoContent } = await import("../prisma/seed.ts");
    await seedDemoContent(log);
  }
  await syncSearch(log);
}
