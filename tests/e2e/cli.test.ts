/** The command-line tools beside a running app on the same data folder, as users run them. */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { cli } from "./cli-runner.ts";
import { signInCookie } from "./session.ts";

const run = promisify(execFile);

/** Command lines of running Meilisearch processes that serve `dataDir`. */
async function enginesOn(dataDir: string): Promise<number> {
  const { stdout } = await run("ps", ["-eo", "args"]);
  return stdout.split("\n").filter((line) => /meilisearch/.test(line) && line.includes(dataDir))
    .length;
}

describe("command-line tools beside the running app", () => {
  let server: ServerProcess;
  let dataDir: string;
  let articles: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-cli-"));
    articles = await mkdtemp(path.join(os.tmpdir(), "lagebild-cli-md-"));
    server = await startServer({}, { dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(articles, { recursive: true, force: true });
  });

  test("An imported article is found by the running app's search, without a second engine", async () => {
    await writeFile(
      path.join(articles, "quokka.md"),
      "---\ntitle: Quokkafunk Router zurücksetzen\nvisibility: internal\n---\n\nDen Quokkafunk-Router 10 s lang drücken.\n",
    );
    const result = await cli("scripts/import.ts", [articles], dataDir);
    expect(result.stderr).not.toMatch(/WASM_ERROR|at .*\.(js|ts):\d+/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/created:\s+1/);
    expect(result.stdout).toContain("running app's Meilisearch");
    expect(await enginesOn(dataDir)).toBe(1);

    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const page = await fetch(`${server.baseUrl}/?q=quokafunk`, { headers: { cookie } });
    expect(await page.text()).toContain('href="/articles/quokkafunk-router-zuruecksetzen"');
  });

  test("Export and reindex run while the app serves", async () => {
    const out = path.join(articles, "export");
    const exported = await cli("scripts/export.ts", [out], dataDir);
    expect(exported.code).toBe(0);
    expect(await readFile(path.join(out, "quokkafunk-router-zuruecksetzen.md"), "utf8")).toContain(
      "Quokkafunk",
    );
    const reindexed = await cli("scripts/reindex.ts", [], dataDir);
    expect(reindexed.code).toBe(0);
    expect(reindexed.stdout).toContain("running app's Meilisearch");
    expect(await enginesOn(dataDir)).toBe(1);
  });

  test("The demo seed refuses a database with real accounts and changes nothing", async () => {
    const created = await cli(
      "scripts/user-create.ts",
      ["--email", "lea@example.com", "--name", "Lea", "--role", "admin"],
      dataDir,
    );
    expect(created.code).toBe(0);
    const seeded = await cli("prisma/seed.ts", [], dataDir);
    expect(seeded.code).toBe(1);
    expect(seeded.stderr.trim()).toBe(
      "Error: This database has real accounts: demo users and content are only seeded into a new install.",
    );
  });

  test("--help prints the usage and an unknown option the usage with the problem", async () => {
    for (const script of ["import", "export", "reindex", "user-create"]) {
      const help = await cli(`scripts/${script}.ts`, ["--help"], dataDir);
      expect(help.code, script).toBe(0);
      expect(help.stdout, script).toMatch(/^Usage: npm run /);
      const wrong = await cli(`scripts/${script}.ts`, ["--frobnicate"], dataDir);
      expect(wrong.code, script).toBe(2);
      expect(wrong.stderr, script).toMatch(/Unknown option '--frobnicate'[\s\S]*Usage: npm run /);
      expect(wrong.stderr, script).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });
});
