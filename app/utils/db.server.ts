import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

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
    return adapter;
  }
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
