/**
 * Starts the real server once for the browser tests, exactly as `npm start` runs it (after the
 * build that `npm test` makes): its own SQLite file, its own bundled Meilisearch, demo content.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "../..");

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    LAGEBILD_DATA_DIR: dataDir,
  };
  for (const key of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "MEILI_API_KEY"])
    delete env[key];
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`Server exited with ${code}:\n${output}`)));
  });
  project.provide("baseUrl", baseUrl);
  return async () => {
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    await rm(dataDir, { recursive: true, force: true });
  };
}
