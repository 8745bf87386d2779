import path from "node:path";

import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on; default loopback only, or every interface when APP_ORIGIN is set. */
  HOST: z.string().trim().min(1).optional(),
  /** Where the embedded default keeps its SQLite file, search data and generated secrets. */
  LAGEBILD_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.string().min(1).optional(),
  /** Checked when search is used, so a wrong value degrades search instead of stopping the app. */
  MEILI_HOST: z.string().trim().optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  /** Prefix of every index name, so several installs (or test workers) can share one server. */
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]*$/)
    .default("lagebild_"),
  /** Seconds between retries of index jobs that could not reach search right after their save. */
  SEARCH_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(5),
  SESSION_SECRET: z.string().min(16).optional(),
  /** Folder of Markdown articles seeded into an empty database (default: prisma/seed-data). */
  LAGEBILD_SEED_DIR: z.string().optional(),
  /** Public origin(s) of the app behind a proxy, comma-separated, e.g. https://kb.example.com */
  APP_ORIGIN: z.string().optional(),
  /** Minutes after which an active incident's customer statement counts as stale, per severity. */
  INCIDENT_STALE_MINUTES_CRITICAL: z.coerce.number().int().min(1).max(10_080).default(30),
  INCIDENT_STALE_MINUTES_MAJOR: z.coerce.number().int().min(1).max(10_080).default(60),
  INCIDENT_STALE_MINUTES_MINOR: z.coerce.number().int().min(1).max(10_080).default(240),
  /** Searches per second /api/search allows a token or session (anonymous addresses: a quarter). */
  SEARCH_API_PER_SECOND: z.coerce.number().min(1).max(10_000).default(20),
});

export type Env = z.infer<typeof EnvSchema> & { DATABASE_URL: string; dataDir: string };

let cached: Env | undefined;
let embeddedSearch: { host: string; masterKey: string } | undefined;

/** Forgets the parsed environment, so changed variables are read again (tests change them). */
export function reloadEnv(): Env {
  cached = undefined;
  return getEnv();
}

/**
 * Points search at the engine this process started (the embedded default): from now on getEnv()
 * reports its address and key as MEILI_HOST and MEILI_MASTER_KEY.
 */
export function setEmbeddedSearch(engine: { host: string; masterKey: string }): void {
  embeddedSearch = engine;
  cached = undefined;
}

/** Returns the validated environment; throws once with every problem listed. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const dataDir = path.resolve(parsed.data.LAGEBILD_DATA_DIR);
  cached = {
    ...parsed.data,
    ...(embeddedSearch && {
      MEILI_HOST: embeddedSearch.host,
      MEILI_MASTER_KEY: embeddedSearch.masterKey,
    }),
    dataDir,
    DATABASE_URL: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "lagebild.db")}`,
  };
  return cached;
}
