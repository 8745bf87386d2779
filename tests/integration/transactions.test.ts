import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { sqlitePath } from "~/utils/sqlite-path.ts";

// Another process on the same file, as a CLI beside the app is: no busy wait, so a held lock
// shows at once instead of stalling this test's thread. The file in WAL mode, as the app runs it
// (boot.server.ts).
const other = new Database(sqlitePath(getEnv().DATABASE_URL), { timeout: 0 });
other.pragma("journal_mode = WAL");
afterAll(() => other.close());

const tagName = () => `tx-${Math.random().toString(36).slice(2, 10)}`;

test("A transaction that reads first still writes when another process committed meanwhile", async () => {
  const name = tagName();
  let othersWrite: unknown = null;
  await prisma.$transaction(async (tx) => {
    // As creating an article does: is the name free?
    expect(await tx.tag.count({ where: { name } })).toBe(0);
    // The other process's write waits for this transaction: it holds the write lock from BEGIN.
    try {
      other
        .prepare("INSERT INTO GlossarySync (id, version, appliedVersion) VALUES (77, 0, 0)")
        .run();
    } catch (error) {
      othersWrite = (error as { code?: string }).code;
    }
    await tx.tag.create({ data: { name } });
  });
  expect(othersWrite).toBe("SQLITE_BUSY");
  expect(await prisma.tag.count({ where: { name } })).toBe(1);
  // Once it has committed, the other process gets its turn.
  other.prepare("INSERT INTO GlossarySync (id, version, appliedVersion) VALUES (77, 0, 0)").run();
  expect(await prisma.glossarySync.count({ where: { id: 77 } })).toBe(1);
});
