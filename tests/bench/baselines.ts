/**
 * Baselines of `npm run bench -- search`, measured in the same run as the app so that the ratios
 * can be read apart from the machine's state: a no-framework node:http app and the smallest Remix
 * page, both in front of the app's own engine requests (replayed from a recording). The first is
 * the least any app can add; the second, what Remix itself adds. What the app's page adds on top
 * of the second is the app's own work.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

import { watchOutput } from "../setup/server-process.ts";

const here = import.meta.dirname;
const root = path.resolve(here, "../..");

export interface Baselines {
  /** The no-framework app's URL. */
  plain: string;
  /** The minimal Remix app's URL. */
  remix: string;
  stop: () => Promise<void>;
}

/**
 * Builds the minimal Remix app and starts both baselines over `recorded` (query → the engine
 * requests the app sends for it).
 */
export async function startBaselines(recorded: Record<string, unknown>): Promise<Baselines> {
  // Inside the project (tests/.tmp is ignored), so that the server build finds node_modules.
  await mkdir(path.join(root, "tests/.tmp"), { recursive: true });
  const dir = await mkdtemp(path.join(root, "tests/.tmp/bench-baselines-"));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      RECORDED: path.join(dir, "recorded.json"),
      BENCH_BUILD_DIR: path.join(dir, "remix"),
    };
    await writeFile(path.join(dir, "recorded.json"), JSON.stringify(recorded));
    const remixCli = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");
    await promisify(execFile)(process.execPath, [remixCli, "build", "minimal-remix"], {
      cwd: path.join(here, "baselines"),
      env,
    });
    const start = (script: string, name: string) => {
      const child = spawn(process.execPath, [script], {
        cwd: path.dirname(script),
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      return watchOutput(child, /Listening on (http:\/\/[\d.:]+)/, name, 30_000).ready;
    };
    const [plain, remix] = await Promise.all([
      start(path.join(here, "baselines/plain-server.mjs"), "The no-framework baseline"),
      start(path.join(here, "baselines/minimal-remix/server.mjs"), "The minimal Remix baseline"),
    ]);
    return { plain, remix, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
