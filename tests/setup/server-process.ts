/** Starts `server.js` (the built app) as `npm start` runs it, in a temporary data directory, for tests and benches. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface ServerProcess {
  baseUrl: string;
  output: () => string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Resolves once the server prints its URL; `env` overrides (e.g. MEILI_HOST) are applied last.
 * A given `dataDir` is kept on stop (for warm restarts); otherwise a temporary one is removed.
 * `nodeArgs` go to node before server.js (e.g. `--cpu-prof`, which NODE_OPTIONS refuses).
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "lagebild-server-")));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    LAGEBILD_DATA_DIR: dataDir,
  };
  for (const key of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "MEILI_API_KEY"]) {
    delete childEnv[key];
  }
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "server.js"], {
    cwd: root,
    env: { ...childEnv, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const { ready, output } = watchOutput(
    child,
    /running at (http:\/\/localhost:\d+)/,
    "Server",
    90_000,
  );
  const baseUrl = await ready;
  return {
    baseUrl,
    child,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects a child's output; `ready` resolves with the first group of `pattern` once the output
 * shows it (the URL a server prints when it listens), and rejects if the child exits first or
 * `timeoutMs` passes. `output()` keeps collecting afterwards.
 */
export function watchOutput(child: ChildProcess, pattern: RegExp, name: string, timeoutMs: number) {
  let output = "";
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output)?.[1];
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
  return { ready, output: () => output };
}

/** Returns a loopback port that nothing listens on (a "down" server). */
export async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
