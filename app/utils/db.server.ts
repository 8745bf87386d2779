import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlitePath } from "~/utils/sqlite-path.ts";

function createClient(url: string) {
  const adapter = new PrismaBetterSqlite3({
    url: sqlitePath(url),
    // Writers queue behind each other instead of failing during a burst of saves.
    timeout: 5000,
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma client for DATABASE_URL. */
export const prisma = createClient(getEnv().DATABASE_URL);
