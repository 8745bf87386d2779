import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlitePath } from "~/utils/sqlite-path.ts";

function createClient() {
  const adapter = new PrismaBetterSqlite3({
    url: sqlitePath(getEnv().DATABASE_URL),
    // Writers queue behind each other instead of failing during a burst of saves.
    timeout: 5000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { lagebildPrisma?: ReturnType<typeof createClient> };

/** The process-wide Prisma client (one per process, reused across dev rebuilds). */
export const prisma = (globalForPrisma.lagebildPrisma ??= createClient());
