/**
 * Migration runner: drives Prisma's own schema engine (the WebAssembly build) through the
 * better-sqlite3 driver adapter, so `prisma/migrations` is applied and recorded in the standard
 * `_prisma_migrations` table without the native engine that cannot be downloaded here.
 *
 *   tsx prisma/migrate.ts deploy            apply pending migrations to DATABASE_URL
 *   tsx prisma/migrate.ts status            list pending / failed / edited migrations
 *   tsx prisma/migrate.ts new <name>        write a migration for the schema changes
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, mkdir, writeFile, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm";
import Database from "better-sqlite3";

import { sqlitePath } from "../app/utils/sqlite-path.ts";

import { articleFtsTables, repairArticleFts } from "./article-fts.ts";

// "../prisma" from this file's folder: right both from source (prisma/) and from the server
// build (build/index.js), which bundles this module.
const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma");
const schemaPath = path.join(prismaDir, "schema.prisma");
const migrationsDir = path.join(prismaDir, "migrations");
// Tables the schema does not describe (written by hand in a migration): without this filter every
// new migration would drop them.
const filters = { externalTables: articleFtsTables, externalEnums: [] };

type EngineModule = typeof SchemaEngineModule;
let engineModule: Promise<EngineModule> | undefined;

/** Instantiates the wasm schema engine once per process; Node cannot import `.wasm` as ESM. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const pkgDir = path.dirname(bindingsPath);
    const bindings = await import(pathToFileURL(bindingsPath).href);
    const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bindings as EngineModule;
  })();
  return engineModule;
}

interface OpenEngine {
  engine: SchemaEngineModule.SchemaEngine;
  /** Frees the engine and closes every connection it opened (free() alone leaves them open). */
  close: () => Promise<void>;
}

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  const factory = new PrismaBetterSqlite3({ url: sqlitePath(databaseUrl) });
  // The engine sends whole migration scripts to the shadow database's executeRaw; better-sqlite3
  // runs one statement per call, so scripts without parameters go through executeScript.
  const connections: { dispose: () => Promise<void> }[] = [];
  const shadowAware: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      connections.push(connection);
      return connection;
    },
    connectToShadowDb: async () => {
      const shadow = await factory.connectToShadowDb();
      connections.push(shadow);
      const executeRaw = shadow.executeRaw.bind(shadow);
      return Object.assign(shadow, {
        executeRaw: (query: { sql: string; args: unknown[] }) =>
          query.args.length === 0
            ? shadow.executeScript(query.sql).then(() => 0)
            : executeRaw(query as Parameters<typeof executeRaw>[0]),
      });
    },
  };
  const bound = bindMigrationAwareSqlAdapterFactory(shadowAware);
  const engine = await withAdapterErrors(bound, () =>
    SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bound),
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(connections.map((connection) => connection.dispose()));
    },
  };
}

/** Replaces the engine's opaque "External error id#N" with the adapter error it refers to. */
async function withAdapterErrors<T>(
  bound: ReturnType<typeof bindMigrationAwareSqlAdapterFactory>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const id = /External error id#(\d+)/.exec(String(error))?.[1];
    const original = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id));
    if (original) throw original.error;
    throw error;
  }
}

async function listMigrations(): Promise<SchemaEngineModule.MigrationList> {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const file = path.join(migrationsDir, entry.name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: entry.name, migrationFile: { path: "migration.sql", content } };
      }),
  );
  directories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: directories,
  };
}

/** The database is held by another process (a running app) while migrations must be applied. */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
}

/**
 * Which migrations the database still needs, read from `_prisma_migrations` without the engine:
 * `settled` is false when the history has a failed or edited migration that only the engine can
 * diagnose. A missing file or table means everything is pending.
 */
export async function checkMigrationHistory(
  databaseUrl: string,
): Promise<{ pending: string[]; settled: boolean }> {
  const { migrationDirectories } = await listMigrations();
  const wanted = migrationDirectories.map((dir) => ({
    name: dir.path,
    checksum:
      dir.migrationFile.content.tag === "ok"
        ? createHash("sha256").update(dir.migrationFile.content.value).digest("hex")
        : null,
  }));
  const file = sqlitePath(databaseUrl);
  if (!existsSync(file)) return { pending: wanted.map((m) => m.name), settled: true };
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return { pending: wanted.map((m) => m.name), settled: true };
    const rows = db
      .prepare(
        "SELECT migration_name AS name, checksum, finished_at AS finishedAt FROM _prisma_migrations WHERE rolled_back_at IS NULL",
      )
      .all() as { name: string; checksum: string; finishedAt: string | null }[];
    const applied = new Map(rows.map((row) => [row.name, row]));
    const settled = rows.every(
      (row) =>
        row.finishedAt !== null &&
        wanted.some((m) => m.name === row.name && m.checksum === row.checksum),
    );
    return { pending: wanted.filter((m) => !applied.has(m.name)).map((m) => m.name), settled };
  } finally {
    db.close();
  }
}

/**
 * Applies every pending migration; returns the names applied (empty when up to date). A current
 * database is never opened by the engine, so tools can run beside the app. Throws
 * DatabaseBusyError when migrations are pending and another process holds the database.
 */
export async function deployMigrations(databaseUrl: string): Promise<string[]> {
  const history = await checkMigrationHistory(databaseUrl);
  if (history.settled && history.pending.length === 0) return [];
  const { engine, close } = await openEngine(databaseUrl);
  let applied: string[];
  try {
    const result = await engine.applyMigrations({
      migrationsList: await listMigrations(),
      filters,
    });
    applied = result.appliedMigrationNames;
  } catch (error) {
    // The wasm engine reports a lock held by another connection as a socket time-out.
    if (/SocketTimeout|database is locked|SQLITE_BUSY/i.test(String(error))) {
      throw new DatabaseBusyError(
        `The database ${sqlitePath(databaseUrl)} is in use by another process (a running ` +
          `Lagebild?) and ${history.pending.length || "some"} migration(s) are pending: restart ` +
          "the app (it applies them at start), or stop it and run `npm run db:migrate`.",
      );
    }
    throw error;
  } finally {
    await close();
  }
  const db = new Database(sqlitePath(databaseUrl), { timeout: 5000 });
  try {
    repairArticleFts(db);
  } finally {
    db.close();
  }
  return applied;
}

async function migrationStatus(databaseUrl: string) {
  const { engine, close } = await openEngine(databaseUrl);
  try {
    return await engine.diagnoseMigrationHistory({
      migrationsList: await listMigrations(),
      optInToShadowDatabase: false,
      filters,
    });
  } finally {
    await close();
  }
}

/**
 * The SQL that would bring a database with every migration applied to the schema, or null when
 * the migrations already describe it (tables in `filters` are left alone).
 */
export async function pendingSchemaChanges(): Promise<string | null> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "lagebild-migrate-"));
  try {
    const { engine, close } = await openEngine(`file:${path.join(scratch, "history.db")}`);
    try {
      await engine.applyMigrations({ migrationsList: await listMigrations(), filters });
      const schema = await readFile(schemaPath, "utf8");
      const files = [{ path: schemaPath, content: schema }];
      const { stdout } = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: prismaDir },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters,
      });
      return !stdout || stdout.includes("This is an empty migration") ? null : stdout;
    } finally {
      await close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Writes `migrations/<timestamp>_<name>/migration.sql` with the SQL from history to schema. */
async function createMigration(name: string): Promise<string | null> {
  const stdout = await pendingSchemaChanges();
  if (!stdout) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  const dir = path.join(migrationsDir, `${stamp}_${slug}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), stdout);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  await writeFile(lock, '# Do not edit by hand\nprovider = "sqlite"\n');
  return dir;
}

async function main(argv: string[]) {
  const [command, name] = argv;
  const databaseUrl = process.env.DATABASE_URL ?? "file:./.data/lagebild.db";
  if (command === "deploy") {
    await mkdir(path.dirname(sqlitePath(databaseUrl)), { recursive: true });
    const applied = await deployMigrations(databaseUrl);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (command === "status") {
    console.log(JSON.stringify(await migrationStatus(databaseUrl), null, 2));
  } else if (command === "new" && name) {
    const dir = await createMigration(name);
    console.log(
      dir ? `Wrote ${path.relative(process.cwd(), dir)}` : "Schema and migrations agree.",
    );
  } else {
    console.error("Usage: tsx prisma/migrate.ts deploy | status | new <name>");
    process.exitCode = 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main(process.argv.slice(2));
}
