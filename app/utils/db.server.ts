import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlitePath } from "~/utils/sqlite-path.ts";

/**
 * The better-sqlite3 adapter with `synchronous = NORMAL` on its connection: in WAL mode a commit
 * then appends to the log without an fsync (about 10 ms under load here), and the database stays
 * consistent; a power cut may lose the last commits (decision note 014).
 */
class LagebildSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA synchronous = NORMAL");
    beginImmediately(adapter);
    return adapter;
  }
}

/**
 * Makes the adapter's transactions take the write lock when they begin (`BEGIN IMMEDIATE`), not at
 * their first write. A deferred transaction that has read fails at its first write with
 * SQLITE_BUSY_SNAPSHOT when another process committed meanwhile, at once, without the busy
 * timeout: an import beside the running app lost one article in 520 that way (decision note 018).
 * The adapter sends a plain `BEGIN` through its connection's `prepare`; that is the one statement
 * changed.
 */
function beginImmediately(adapter: object) {
  const connection = (adapter as { client?: BetterSqlite3.Database }).client;
  if (typeof connection?.prepare !== "function") {
    throw new Error("The SQLite adapter no longer exposes its connection: see decision note 018.");
  }
  const prepare = connection.prepare.bind(connection);
  connection.prepare = ((sql: string) =>
    prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof connection.prepare;
}

function createClient(url: string) {
  const adapter = new LagebildSqliteAdapter({
    url: sqlitePath(url),
    // Writers queue behind each other instead of failing during a burst of saves.
    timeout: 5000,
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma client for DATABASE_URL. */
export const prisma = createClient(getEnv().DATABASE_URL);
