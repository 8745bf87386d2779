/**
 * `npm run reindex` as a separate process beside the running app, with a change saved in the app
 * while the rebuild runs (decision note 017): the real server, the real CLI, one engine.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, expect, test } from "vitest";

import { createSearchClient } from "../../search/client.ts";
import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { cli } from "./cli-runner.ts";
import { loaderData, postForm, signInCookie } from "./session.ts";

let server: ServerProcess;
let dataDir: string;
let markdown: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-reindex-"));
  markdown = await mkdtemp(path.join(os.tmpdir(), "lagebild-reindex-md-"));
  server = await startServer({}, { dataDir });
});

afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(markdown, { recursive: true, force: true });
});

/** Imports Markdown files as a user would (`npm run import -- <dir>`). */
async function importFiles(folder: string, files: Record<string, string>) {
  const dir = path.join(markdown, folder);
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const imported = await cli("scripts/import.ts", [dir], dataDir, 300_000);
  expect(imported.code, `${imported.stdout}\n${imported.stderr}`).toBe(0);
}

const article = (slug: string, title: string, text: string) =>
  `---\ntitle: "${title}"\nslug: ${slug}\nkind: howto\nvisibility: public\n---\n${text}\n`;

const helpSearch = async (q: string) =>
  (await (await fetch(`${server.baseUrl}/help?q=${encodeURIComponent(q)}`)).text()).includes(
    "/help/quagga-tarif",
  );

test("An article made internal while `npm run reindex` runs stays out of the public search after the swap", async () => {
  // Read in the rebuild's first batch of 500 (ids follow creation), with two more batches after it:
  // seconds of rebuilding left while the change is saved.
  await importFiles("first", {
    "quagga-tarif.md": article("quagga-tarif", "Quaggatarif wechseln", "Der Quaggatarif endet."),
  });
  await importFiles(
    "rest",
    Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [
        `tarif-${i}.md`,
        article(
          `tarif-${i}`,
          `Tarif ${i}`,
          `Text zu Tarif ${i}.\n\n## Wechsel\n\nNach Tarif ${i}.`,
        ),
      ]),
    ),
  );
  await expect.poll(() => helpSearch("quaggatarif"), { timeout: 30_000 }).toBe(true);

  const host = /Meilisearch at (http:\/\/[\d.:]+)/.exec(server.output())?.[1];
  const apiKey = (await readFile(path.join(dataDir, "meilisearch/master-key"), "utf8")).trim();
  const engine = createSearchClient({ host: host!, apiKey });
  const reindex = cli("scripts/reindex.ts", [], dataDir, 300_000);

  // Once the rebuild has written the article's public passages, it was read while public.
  await expect
    .poll(
      async () =>
        (
          await engine
            .index("lagebild_rebuild_articles_public")
            .search("quaggatarif", { limit: 1 })
            .catch(() => ({ hits: [] }))
        ).hits.length,
      { timeout: 120_000, interval: 20 },
    )
    .toBe(1);
  const comms = await signInCookie(server.baseUrl, "comms@lagebild.example");
  const { data } = await loaderData<{
    article: { title: string; markdown: string; revision: number };
  }>(server.baseUrl, "/articles/quagga-tarif/edit", "routes/articles.$slug_.edit", comms);
  const saved = await postForm(server.baseUrl, "/articles/quagga-tarif/edit", comms, {
    title: data.article.title,
    kind: "howto",
    markdown: data.article.markdown,
    baseRevision: String(data.article.revision),
    visibility: "internal",
  });
  expect(saved.status).toBe(302);
  const savedAt = Date.now();

  const reindexed = await reindex;
  expect(reindexed.code, reindexed.stderr).toBe(0);
  expect(reindexed.stdout).toContain("the new indexes are live");
  // The change was saved before the swap, or this test would prove nothing.
  const { results } = await engine.tasks.getTasks({ types: ["indexSwap"], limit: 1 });
  expect(new Date(results[0]!.enqueuedAt).getTime()).toBeGreaterThan(savedAt);
  expect(await helpSearch("quaggatarif")).toBe(false);
  const api = await fetch(`${server.baseUrl}/api/public/articles?q=quaggatarif`);
  expect(await api.text()).not.toContain("quagga-tarif");
}, 600_000);
