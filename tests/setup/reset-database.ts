import { prisma } from "../../app/utils/db.server.ts";

/** Empties every table of the test file's database (keeping the migration history). */
export async function resetDatabase(): Promise<void> {
  // Ordinary tables only: the full-text index follows the Article table through its triggers, and
  // deleting from its shadow tables would corrupt it.
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  // Foreign keys off for the sweep: rows go in any order.
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    for (const { name } of tables) await prisma.$executeRawUnsafe(`DELETE FROM "${name}"`);
  } finally {
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}
