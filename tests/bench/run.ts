/**
 * Benchmarks (`npm run bench`, after `npm run build`). Machines are shared and noisy, so every
 * figure is a median next to a baseline measured in the same run, and the ratio is what counts.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { Meilisearch } from "meilisearch";

import { createQueryClient, createSearchClient } from "../../search/client.ts";
import { signInCookie } from "../e2e/session.ts";
import { startServer } from "../setup/server-process.ts";

import { benchFallback } from "./fallback.ts";
import { benchSaveToSearch } from "./fresh.ts";
import { benchGerman } from "./german.ts";
import { reportJsSizes } from "./js-size.ts";
import { benchLive } from "./live.ts";
import { benchLoad } from "./load.ts";
import { benchProfile } from "./profile.ts";
import { benchSearchCorpus } from "./search.ts";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

async function benchStartup(runs = 3) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-bench-"));
    const [coldMs, first] = await timed(() => startServer({}, { dataDir }));
    await first.stop();
    const [warmMs, second] = await timed(() => startServer({}, { dataDir }));
    await second.stop();
    cold.push(coldMs);
    warm.push(warmMs);
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log("\nStart-up until the URL is printed (process spawn included), median of", runs);
  console.log(`  first start (migrations + seeding + indexing): ${ms(median(cold))}`);
  console.log(`  warm restart (baseline):                        ${ms(median(warm))}`);
  console.log(`  ratio first/warm: ${(median(cold) / median(warm)).toFixed(2)}`);
}

async function benchSearchDemo(rounds = 300) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-bench-"));
  const server = await startServer({}, { dataDir });
  const host = /Meilisearch at (http:\/\/[\d.:]+)/.exec(server.output())?.[1];
  if (!host) throw new Error(`No embedded Meilisearch in the server output:\n${server.output()}`);
  const apiKey = (await readFile(path.join(dataDir, "meilisearch/master-key"), "utf8")).trim();
  // The app's searches (node:http, identity), its other calls (fetch, identity), and fetch as it
  // comes (gzip: the loopback stall of decision note 006).
  const query = createQueryClient({ host, apiKey }).index("lagebild_articles");
  const identity = createSearchClient({ host, apiKey }).index("lagebild_articles");
  const gzip = new Meilisearch({ host, apiKey }).index("lagebild_articles");
  const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
  const queries = ["netzstorung", "apn android", "esim", "roaming kosten", "volte", "sim tausch"];
  const params = {
    limit: 20,
    attributesToHighlight: ["title"],
    attributesToCrop: ["body"],
    cropLength: 28,
  };
  const samples = {
    engine: [] as number[],
    engineFetch: [] as number[],
    engineGzip: [] as number[],
    page: [] as number[],
  };
  for (let i = 0; i < rounds; i++) {
    const q = queries[i % queries.length]!;
    samples.engine.push((await timed(() => query.search(q, params)))[0]);
    samples.engineFetch.push((await timed(() => identity.search(q, params)))[0]);
    samples.engineGzip.push((await timed(() => gzip.search(q, params)))[0]);
    const url = `${server.baseUrl}/?q=${encodeURIComponent(q)}`;
    samples.page.push(
      (
        await timed(() =>
          fetch(url, { headers: { cookie }, redirect: "error" }).then((r) => r.text()),
        )
      )[0],
    );
  }
  const base = median(samples.engine);
  console.log(
    `\nSearch on the 40 demo articles, ${rounds} queries each, interleaved (median; ratio to the engine call):`,
  );
  console.log(`  engine call as the app's searches make it:           ${ms(base)}  1.00`);
  console.log(
    `  the same through fetch (the app's other calls):      ${ms(median(samples.engineFetch))}  ${(median(samples.engineFetch) / base).toFixed(2)}`,
  );
  console.log(
    `  engine call with gzip (the loopback stall):          ${ms(median(samples.engineGzip))}  ${(median(samples.engineGzip) / base).toFixed(2)}`,
  );
  console.log(
    `  whole search page through the app (HTML):           ${ms(median(samples.page))}  ${(median(samples.page) / base).toFixed(2)}`,
  );
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const only = process.argv[2];
if (!only || only === "js") await reportJsSizes();
if (!only || only === "startup") await benchStartup();
if (!only || only === "search-demo") await benchSearchDemo();
if (!only || only === "search") await benchSearchCorpus();
// On request only: the profiler slows the server down.
if (only === "profile") await benchProfile(process.argv[3] === "api" ? "api" : "page");
if (!only || only === "load") await benchLoad();
if (!only || only === "live") await benchLive();
if (only === "reports") await benchLive("reports");
if (!only || only === "german") await benchGerman();
if (!only || only === "fresh") await benchSaveToSearch();
// Last: it points this process's app modules at its own database.
if (!only || only === "fallback") await benchFallback();
