/**
 * `npm run bench -- profile [api]`: where the search page's (or the search API's) time goes. Runs the server on the bench
 * corpus with `--cpu-prof`, loads `/?q=` signed in as an agent at 10 connections, and prints
 * the CPU time per request by area (React rendering, Prisma, i18n, …) and the costliest functions.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import autocannon from "autocannon";

import { signInCookie } from "../e2e/session.ts";
import { startServer } from "../setup/server-process.ts";

import { copyCorpus } from "./generate-corpus.ts";
import { benchQueries } from "./search.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// First match wins: the area a function's own time is counted under.
const areas: [string, RegExp][] = [
  ["React server rendering", /react-dom|\/react\//],
  ["Prisma client and SQLite adapter", /@prisma|generated\/prisma|better-sqlite3/],
  ["Meilisearch client", /meilisearch/],
  ["Remix server runtime", /@remix-run|turbo-stream/],
  ["i18next", /i18next/],
  ["express, compression", /express|compression|body-parser|send|serve-static|finalhandler/],
  ["app code (build/index.js)", /build\/index\.js/],
  ["Node internals (http, streams, fetch)", /^node:|undici/],
];

function areaOf(url: string, functionName: string) {
  if (!url) return functionName === "(garbage collector)" ? "garbage collection" : "other/native";
  return areas.find(([, pattern]) => pattern.test(url))?.[0] ?? "other modules";
}

/** Prints self time per area and the top functions, in ms of CPU per request. */
function summarise(
  profile: CpuProfile,
  window: [number, number],
  requests: number,
  target: "page" | "api",
) {
  const selfByNode = new Map<number, number>();
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    if (time < window[0] || time > window[1]) return;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta / 1000);
  });
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const self = selfByNode.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + self);
    const name = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + self);
  }
  const perRequest = (ms: number) => (ms / requests).toFixed(2).padStart(6);
  const total = [...byArea.values()].reduce((sum, ms) => sum + ms, 0);
  const what = target === "api" ? "/api/search" : "search page";
  console.log(`\nCPU per ${what} request (${requests} requests): ${perRequest(total)} ms`);
  for (const [area, ms] of [...byArea].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${perRequest(ms)} ms  ${area}`);
  }
  console.log("\nCostliest functions (self time, ms per request):");
  for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${perRequest(ms)}  ${name}`);
  }
}

/** Profiles the search page (`/?q=`) or, with "api", `GET /api/search?q=`. */
export async function benchProfile(target: "page" | "api" = "page") {
  const dataDir = await copyCorpus();
  const profileDir = path.join(os.tmpdir(), `lagebild-cpu-prof-${process.pid}`);
  // The API's rate limit would answer most of a 10-connection load with 429.
  const server = await startServer(
    target === "api" ? { SEARCH_API_PER_SECOND: "10000" } : {},
    { dataDir, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] },
  ).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    // Compressed as a browser asks for it.
    const headers = { cookie, "accept-encoding": "gzip" };
    const requests = benchQueries.map((q) => ({
      method: "GET" as const,
      path: `${target === "api" ? "/api/search" : "/"}?q=${encodeURIComponent(q)}`,
    }));
    await autocannon({ url: server.baseUrl, connections: 10, duration: 2, headers, requests });
    // The profiler's clock is the monotonic clock of process.hrtime: only the load is counted.
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await autocannon({
      url: server.baseUrl,
      connections: 10,
      duration: 10,
      headers,
      requests,
    });
    const to = Number(process.hrtime.bigint() / 1000n);
    await server.stop();
    const [file] = (await readdir(profileDir)).filter((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error(`No CPU profile in ${profileDir}`);
    const profile = JSON.parse(await readFile(path.join(profileDir, file), "utf8")) as CpuProfile;
    console.log(`\nProfile: ${path.join(profileDir, file)} (open in Chrome DevTools)`);
    summarise(profile, [from, to], result.requests.total, target);
    console.log(
      `  (${(result.requests.total / ((to - from) / 1e6)).toFixed(0)} requests/s while profiling)`,
    );
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
