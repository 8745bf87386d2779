/**
 * Load on loopback with autocannon, bounded in time: what customers hit in an outage (the public
 * help page) and what agents hit (signed-in search), next to /healthz as the baseline.
 */
import autocannon from "autocannon";

import { signInCookie } from "../e2e/session.ts";
import { startServer } from "../setup/server-process.ts";

async function run(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 32, duration: 8, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchLoad() {
  const server = await startServer();
  try {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const rows: [string, Awaited<ReturnType<typeof run>>][] = [];
    rows.push(["/healthz (baseline)", await run(`${server.baseUrl}/healthz`)]);
    rows.push([
      "public help article",
      await run(`${server.baseUrl}/help/stoerung-muenchen-volte-anrufe`),
    ]);
    rows.push(["signed-in search page", await run(`${server.baseUrl}/?q=volte`, { cookie })]);
    const base = rows[0]![1].rps;
    console.log(
      "\nLoad, 32 connections for 8 s each (requests/s average; latency ms; ratio of req/s to baseline):",
    );
    for (const [label, r] of rows) {
      console.log(
        `  ${label.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${(r.rps / base).toFixed(2)}  errors ${r.errors}`,
      );
    }
  } finally {
    await server.stop();
  }
}
