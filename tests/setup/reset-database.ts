import { prisma } from "../../app/utils/db.server.ts";

/** Empties every table of the test file's database (keeping the migration history). */
export async function resetDatabase(): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  // Foreign keys off for the sweep: rows go in any order.
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
  } finally {
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}
