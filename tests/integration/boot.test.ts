/** Start-up rules: migrations beside a running app, and demo accounts only on a new install. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, beforeEach, describe, expect, test } from "vitest";

import { bootContent } from "~/boot.server.ts";
import { createUser, hashPassword, verifyPassword } from "~/models/user.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sqlitePath } from "~/utils/sqlite-path.ts";

import { DatabaseBusyError, deployMigrations } from "../../prisma/migrate.ts";
import { DEMO_PASSWORD, RealInstallError, seedDemoContent } from "../../prisma/seed.ts";
import { resetDatabase } from "../setup/reset-database.ts";

const scratch = await mkdtemp(path.join(os.tmpdir(), "lagebild-boot-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Holds a write transaction open on the file, as a running app in the middle of a save does. */
function holdWriteLock(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE IF NOT EXISTS busy (a)");
  db.exec("BEGIN IMMEDIATE");
  db.exec("INSERT INTO busy VALUES (1)");
  return () => {
    db.exec("ROLLBACK");
    db.close();
  };
}

const realAdmin = () =>
  createUser(
    { email: "lea@example.com", name: "Lea", role: "admin", password: "a-real-password" },
    null,
  );

describe("migrations beside a running app", () => {
  test("A database that is up to date is not touched, even while another process writes", async () => {
    const release = holdWriteLock(sqlitePath(process.env.DATABASE_URL!));
    try {
      await expect(deployMigrations(process.env.DATABASE_URL!)).resolves.toEqual([]);
    } finally {
      release();
    }
  });

  test("Pending migrations while another process writes end in one clear error", async () => {
    const file = path.join(scratch, "pending.db");
    const release = holdWriteLock(file);
    try {
      const error = await deployMigrations(`file:${file}`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseBusyError);
      expect((error as Error).message).toMatch(/in use by another process.*npm run db:migrate/s);
    } finally {
      release();
    }
  });
});

describe("demo accounts", () => {
  beforeEach(resetDatabase);

  test("A database with a real admin gets no demo accounts and no demo articles at start", async () => {
    await realAdmin();
    await bootContent(() => {});
    expect(await prisma.user.findMany({ select: { email: true } })).toEqual([
      { email: "lea@example.com" },
    ]);
    expect(await prisma.article.count()).toBe(0);
  });

  test("The demo seed beside real accounts is refused and writes nothing", async () => {
    await realAdmin();
    await expect(seedDemoContent(() => {})).rejects.toBeInstanceOf(RealInstallError);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.article.count()).toBe(0);
  });

  test("A new install gets the demo logins, printed only when they are created", async () => {
    const lines: string[] = [];
    await bootContent((line) => lines.push(line));
    expect(await prisma.user.count()).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("agent@lagebild.example");
    const again: string[] = [];
    await seedDemoContent((line) => again.push(line));
    expect(again.join("\n")).not.toContain("agent@lagebild.example");
  });

  test("A deactivated demo admin stays deactivated, with its own password, after a re-seed", async () => {
    await seedDemoContent(() => {});
    // As the admin of an install that started as a demo would do before using it for real.
    await prisma.user.update({
      where: { email: "admin@lagebild.example" },
      data: { active: false, passwordHash: await hashPassword("a-changed-password") },
    });

    await seedDemoContent(() => {});
    const after = await prisma.user.findUniqueOrThrow({
      where: { email: "admin@lagebild.example" },
    });
    expect(after.active).toBe(false);
    expect(await verifyPassword(after.passwordHash!, DEMO_PASSWORD)).toBe(false);
  });
});
