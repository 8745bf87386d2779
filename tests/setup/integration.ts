/**
 * Per test file: a copy of the migrated template SQLite file and a real Meilisearch process
 * (the bundled binary on a free loopback port), both in a temporary directory removed afterwards.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, inject } from "vitest";

import { startEmbeddedMeilisearch } from "../../search/embedded.ts";

const dir = await mkdtemp(path.join(os.tmpdir(), "lagebild-test-"));
const database = path.join(dir, "test.db");
await copyFile(inject("templateDatabase"), database);

const meili = await startEmbeddedMeilisearch({ dataDir: dir });

// We *must* set these before any app module is imported: env and clients are read on import.
process.env.DATABASE_URL = `file:${database}`;
process.env.LAGEBILD_DATA_DIR = dir;
process.env.MEILI_HOST = meili.host;
process.env.MEILI_MASTER_KEY = meili.masterKey;
process.env.MEILI_INDEX_PREFIX = "test_";

const { prepareSearchIndexes } = await import("../../app/models/search.server.ts");
await prepareSearchIndexes();

afterAll(async () => {
  const { prisma } = await import("../../app/utils/db.server.ts");
  await prisma.$disconnect();
  await meili.stop();
  await rm(dir, { recursive: true, force: true });
});
