/**
 * Incidents under load (`npm run bench -- live`): how fast a change reaches an open agent page's
 * event stream and /status, /status beside /help at 100 connections, and the one-click report
 * under 50 concurrent agents (every report counted). Medians, next to a baseline of the same run.
 */
import { readFile } from "node:fs/promises";
import http from "node:http";

import autocannon from "autocannon";

import { postForm, signInCookie } from "../e2e/session.ts";
import { startServer, type ServerProcess } from "../setup/server-process.ts";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
// REPORT_DEDUPE_MS in app/models/report.server.ts (importing it would open the database here).
const REPORT_DEDUPE_MS = 5_000;
const english = { "accept-language": "en-GB,en;q=0.9" };

/** Reads an event stream and resolves waiters when an event line matching them arrives. */
async function openStream(url: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
  if (response.headers.get("content-type") !== "text/event-stream") {
    throw new Error(`Not an event stream: ${url} answered ${response.status}`);
  }
  const waiters: { match: (data: string) => boolean; resolve: (at: number) => void }[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    const reader = response.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value);
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          for (const waiter of waiters.splice(0)) {
            if (waiter.match(data)) waiter.resolve(at);
            else waiters.push(waiter);
          }
        }
      }
    } catch {
      // closed by close()
    }
  })();
  return {
    next: (match: (data: string) => boolean) =>
      new Promise<number>((resolve) => waiters.push({ match, resolve })),
    close: () => controller.abort(),
  };
}

/** Polls `url` until its body contains `text`; returns when it first did. */
async function until(url: string, text: string) {
  for (;;) {
    const body = await (await fetch(url, { headers: english })).text();
    if (body.includes(text)) return performance.now();
    await sleep(10);
  }
}

async function createIncident(server: ServerProcess, title: string) {
  const engineer = await signInCookie(server.baseUrl, "engineer@lagebild.example");
  const created = await postForm(server.baseUrl, "/incidents/new", engineer, {
    title,
    startedAt: "2026-11-30T09:00",
    severity: "major",
    areas: "Kiel 24103-24159",
    services: "landline",
    summary: "Bench",
    detail: "Bench.",
  });
  const location = created.headers.get("location");
  if (created.status !== 302 || !location) throw new Error(`Create failed: ${created.status}`);
  return { engineer, slug: location.replace("/incidents/", "") };
}

async function benchDelivery(server: ServerProcess, rounds = 15) {
  const { baseUrl } = server;
  const { engineer, slug } = await createIncident(server, "Bench Live Kiel");
  const comms = await signInCookie(baseUrl, "comms@lagebild.example");
  const agent = await signInCookie(baseUrl, "agent@lagebild.example");
  const stream = await openStream(`${baseUrl}/incidents/events`, agent);
  const samples = { post: [] as number[], event: [] as number[], status: [] as number[] };
  let statementVersion = 0;
  let version = 1;
  for (let i = 0; i < rounds * 2; i++) {
    const statementEdit = i % 2 === 0;
    let text: string;
    let post: () => Promise<Response>;
    let kind: string;
    if (statementEdit) {
      text = `Bench statement ${i} ${Date.now()}`;
      kind = "statement";
      const base = statementVersion;
      post = () =>
        postForm(baseUrl, `/incidents/${slug}/statement`, comms, {
          statementDe: `DE ${text}`,
          statementEn: text,
          baseVersion: String(base),
        });
    } else {
      const status = Math.floor(i / 2) % 2 ? "identified" : "monitoring";
      text = `>${status === "identified" ? "Identified" : "Monitoring"}<`;
      kind = "status";
      const base = version;
      post = () =>
        postForm(baseUrl, `/incidents/${slug}/edit`, engineer, {
          intent: "update",
          status,
          severity: "major",
          areas: "Kiel 24103-24159",
          services: "landline",
          summary: "Bench",
          baseVersion: String(base),
        });
    }
    const arrived = stream.next((data) => data.includes(slug) && data.includes(`"${kind}"`));
    const start = performance.now();
    const response = await post();
    const answered = performance.now();
    if (response.status !== 302) throw new Error(`${kind} change failed: ${response.status}`);
    const [eventAt, statusAt] = await Promise.all([
      arrived,
      until(`${baseUrl}/status/${slug}`, text),
    ]);
    samples.post.push(answered - start);
    samples.event.push(eventAt - start);
    samples.status.push(statusAt - start);
    version++;
    if (statementEdit) statementVersion++;
    await sleep(50);
  }
  stream.close();
  const base = median(samples.post);
  console.log(
    `\nLive updates, ${rounds} statement edits + ${rounds} status changes (median from the post; ratio to the post's own answer):`,
  );
  console.log(`  the change is saved (post answered, baseline): ${ms(base)}  1.00`);
  for (const [label, values] of [
    ["event reaches an open agent stream", samples.event],
    ["/status/:slug shows the change", samples.status],
  ] as const) {
    console.log(
      `  ${label.padEnd(36)}          ${ms(median(values))}  ${(median(values) / base).toFixed(2)}  (max ${ms(Math.max(...values))}; target < 2000 ms)`,
    );
  }
}

async function run(url: string, connections: number) {
  // Warm-up: the first renders compile templates and fill the page cache.
  for (let i = 0; i < 30; i++) await (await fetch(url, { headers: english })).text();
  const result = await autocannon({ url, connections, duration: 8, headers: english });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function benchStatusLoad(server: ServerProcess) {
  const rows: [string, Awaited<ReturnType<typeof run>>][] = [];
  rows.push(["/help (baseline)", await run(`${server.baseUrl}/help`, 100)]);
  rows.push(["/status", await run(`${server.baseUrl}/status`, 100)]);
  rows.push([
    "/status/:slug",
    await run(`${server.baseUrl}/status/stoerung-muenchen-volte-anrufe`, 100),
  ]);
  const base = rows[0]![1].rps;
  console.log(
    "\nStatus page, 100 connections for 8 s each (req/s average; latency ms; ratio of req/s to /help; target >= 1000 req/s, p99 < 100 ms):",
  );
  for (const [label, r] of rows) {
    console.log(
      `  ${label.padEnd(18)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${(r.rps / base).toFixed(2)}  errors ${r.errors}`,
    );
  }
}

/** CPU time (user + system) a process has used so far, from /proc (Linux). */
async function cpuMillis(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function reportCount(baseUrl: string, slug: string, cookie: string) {
  const response = await fetch(
    `${baseUrl}/incidents/${slug}?_data=${encodeURIComponent("routes/incidents.$slug")}`,
    { headers: { cookie } },
  );
  const data = (await response.json()) as { incident: { reportCount: number } };
  return data.incident.reportCount;
}

async function benchReports(server: ServerProcess, agents = 50, rounds = 4) {
  const { baseUrl } = server;
  const { slug } = await createIncident(server, "Bench Reports Kiel");
  const admin = await signInCookie(baseUrl, "admin@lagebild.example");
  const cookies: string[] = [];
  for (let i = 0; i < agents; i++) {
    const email = `bench-agent-${i}@lagebild.example`;
    const created = await postForm(baseUrl, "/admin/users", admin, {
      intent: "create",
      name: `Bench Agent ${i}`,
      email,
      role: "agent",
      password: "lagebild-demo",
    });
    if (created.status >= 400) throw new Error(`Could not create ${email}: ${created.status}`);
    cookies.push(await signInCookie(baseUrl, email));
  }
  // What a click does with JavaScript: the page's script posts to the JSON endpoint. Each agent
  // is its own browser with its own kept-alive connection; node:http keeps this one process's
  // client work per request small, so the burst measures the server rather than the bench.
  const url = new URL(`/api/incidents/${slug}/reports`, baseUrl);
  const agentsOf = new Map(cookies.map((cookie) => [cookie, new http.Agent({ keepAlive: true })]));
  const report = (cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const request = http.request(
        url,
        {
          method: "POST",
          agent: agentsOf.get(cookie),
          headers: {
            cookie,
            origin: baseUrl,
            "content-type": "application/x-www-form-urlencoded",
            "content-length": 0,
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => {
            const elapsed = performance.now() - start;
            const body = JSON.parse(text) as { status: string };
            if (body.status === "logged") resolve(elapsed);
            else reject(new Error(`Report not logged: ${text}`));
          });
        },
      );
      request.on("error", reject);
      request.end();
    });
  const before = await reportCount(baseUrl, slug, admin);
  // Baseline: one agent alone, one report at a time (each agent once, so none is a duplicate).
  const alone: number[] = [];
  for (const cookie of cookies.slice(0, 20)) alone.push(await report(cookie));
  // The same agent's next report within 5 s would be a double click: rounds wait that long.
  const pause = () => sleep(REPORT_DEDUPE_MS + 500);
  await pause();
  const concurrent: number[] = [];
  let cpu = 0;
  for (let round = 0; round < rounds; round++) {
    const cpuBefore = await cpuMillis(server.child.pid!);
    concurrent.push(...(await Promise.all(cookies.map(report))));
    cpu += (await cpuMillis(server.child.pid!)) - cpuBefore;
    await pause();
  }
  const cpuPerReport = cpu / concurrent.length;
  // The same 50 agents clicking within one second (one click every 20 ms): a busy minute's peak.
  const spread: number[] = [];
  for (let round = 0; round < rounds; round++) {
    spread.push(
      ...(await Promise.all(
        cookies.map((cookie, i) => sleep((i * 1000) / agents).then(() => report(cookie))),
      )),
    );
    await pause();
  }
  for (const agent of agentsOf.values()) agent.destroy();
  const after = await reportCount(baseUrl, slug, admin);
  const expected = alone.length + agents * rounds * 2;
  const base = median(alone);
  console.log(
    `\nOne-click report (the page's JSON post), ${agents} signed-in agents posting at once, ${rounds} rounds (median; ratio to one agent alone; target p50 < 50 ms):`,
  );
  console.log(`  one agent alone (baseline, ${alone.length} posts): p50 ${ms(base)}  1.00`);
  const sorted = [...concurrent].sort((a, b) => a - b);
  console.log(
    `  ${agents} at once (${concurrent.length} posts):        p50 ${ms(median(concurrent))}  ${(median(concurrent) / base).toFixed(2)}  p99 ${ms(sorted[Math.floor(sorted.length * 0.99)]!)}`,
  );
  console.log(`  server CPU per report: ${ms(cpuPerReport)} (one core's time; bounds the burst)`);
  console.log(
    `  ${agents} within 1 s (${spread.length} posts):     p50 ${ms(median(spread))}  ${(median(spread) / base).toFixed(2)}`,
  );
  console.log(
    `  counted: ${after - before} of ${expected} posted ${after - before === expected ? "(all)" : "(MISSING REPORTS)"}`,
  );
  if (after - before !== expected) process.exitCode = 1;
}

/** Runs the three incident benches against one fresh server (`part` "reports": only that one). */
export async function benchLive(part?: "reports") {
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const server = await startServer(
    {},
    { nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] },
  );
  try {
    if (!part) {
      await benchDelivery(server);
      await benchStatusLoad(server);
    }
    await benchReports(server);
  } finally {
    await server.stop();
  }
}
