/**
 * The embedded Meilisearch a running app started, recorded in the data folder: command-line
 * tools use it instead of starting a second engine on the same files.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { z } from "zod";

import { readMasterKey } from "./embedded.ts";

const RecordSchema = z.object({ host: z.string().url(), pid: z.number().int().positive() });

const recordFile = (dataDir: string) => path.join(dataDir, "meilisearch", "running.json");

/** Notes that the engine at `host` (a child of process `pid`) serves this data folder. */
export async function recordRunningEngine(dataDir: string, host: string, pid = process.pid) {
  await writeFile(recordFile(dataDir), `${JSON.stringify({ host, pid })}\n`, { mode: 0o600 });
}

/** Removes the record, unless another process has written its own since. */
export async function clearRunningEngine(dataDir: string, pid = process.pid) {
  const record = await readRecord(dataDir);
  if (record?.pid === pid) await rm(recordFile(dataDir), { force: true });
}

async function readRecord(dataDir: string) {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(await readFile(recordFile(dataDir), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Returns the address and key of the engine a live app runs on this data folder, or null when
 * there is none (no record, its process ended, or the engine does not answer).
 */
export async function findRunningEngine(
  dataDir: string,
): Promise<{ host: string; masterKey: string } | null> {
  const record = await readRecord(dataDir);
  if (!record || !isAlive(record.pid)) return null;
  const masterKey = await readMasterKey(dataDir);
  if (!masterKey) return null;
  try {
    const response = await fetch(`${record.host}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok ? { host: record.host, masterKey } : null;
  } catch {
    return null;
  }
}
