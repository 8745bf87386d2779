import { prisma } from "~/utils/db.server.ts";

/** Returns whether SQLite answers a query, with the error message when it does not. */
export async function checkDatabaseHealth(): Promise<{ ok: boolean; detail: string }> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { ok: true, detail: "ok" };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
