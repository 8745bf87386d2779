/**
 * Internal knowledge never leaks: seeds articles whose internal notes, internal bodies, titles and
 * slugs carry a unique marker, then requests every route as an anonymous visitor (documents and
 * Remix data requests, searches that match the marker, feed, API, sitemap, error pages) and
 * asserts the marker appears nowhere. The route table must name every file in app/routes, so a
 * new route cannot be forgotten.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { actionData, dataUrl, postForm, signInCookie } from "./session.ts";

const MARKER = "Zq7LeakMarker";
const marker = new RegExp(MARKER, "i");
const INTERNAL = `${MARKER.toLowerCase()}-eskalation`;
const PUBLIC = "roaming-hilfe";

const files: Record<string, string> = {
  [`${INTERNAL}.md`]: `---\ntitle: "Eskalation ${MARKER}"\nslug: ${INTERNAL}\nkind: howto\nvisibility: internal\ntags: [${MARKER.toLowerCase()}]\nkeywords: [${MARKER}Aka]\n---\nInterne Durchwahl ${MARKER} 4711. Roaming intern.\n`,
  [`${PUBLIC}.md`]: `---\ntitle: "Roaming Hilfe"\nslug: ${PUBLIC}\nkind: faq\nvisibility: public\ntags: [roaming]\n---\nRoaming in der EU kostet nichts extra.\n\n:::internal\nGeheim: ${MARKER} Root cause, siehe [intern](/articles/${INTERNAL}).\n:::\n\nMehr unter [Eskalation](/articles/${INTERNAL}).\n`,
  "incident-public.md": `---\ntitle: "Störung Berlin"\nslug: stoerung-berlin\nkind: incident\nvisibility: public\ntags: [stoerung]\n---\nKundeninformation: Wir arbeiten daran.\n\n:::internal\nTicket NOC-1 ${MARKER}\n:::\n`,
};

// An incident whose internal summary, detail and timeline note carry the marker, with a report
// (postcode 24105) logged by a named agent: /status may show its statement only.
const INCIDENT = "leckprobe-kiel";
const REPORT_POSTCODE = "24105";
const STAFF_NAMES = /Anna Agent|Ben Berger|Emil Engineer|Fatma Y|Clara Comms|Ada Admin/;

// Queries that match the marker through typo tolerance without containing it (pages echo queries).
const q = encodeURIComponent("Zq7LeakMarkr");

type Probe = {
  paths: string[];
  anonymous: "public" | "staff-only" | "token-only" | "action-only";
};

/** Every route file, the URLs that exercise it, and what anonymous visitors may get. */
const routeTable: Record<string, Probe> = {
  "_index.tsx": { paths: ["/", `/?q=${q}`, "/?q=roaming"], anonymous: "staff-only" },
  "$.tsx": { paths: [`/${INTERNAL}`, `/no/such/${q}`], anonymous: "public" },
  "articles.$slug.tsx": {
    paths: [`/articles/${INTERNAL}`, `/articles/${PUBLIC}`],
    anonymous: "public",
  },
  "help._index.tsx": {
    paths: ["/help", `/help?q=${q}`, "/help?q=roaming", "/help?q=4711", "/help?q=geheim"],
    anonymous: "public",
  },
  "help.$slug.tsx": {
    paths: [`/help/${PUBLIC}`, "/help/stoerung-berlin", `/help/${INTERNAL}`],
    anonymous: "public",
  },
  "help.feed[.xml].ts": { paths: ["/help/feed.xml"], anonymous: "public" },
  "sitemap[.xml].ts": { paths: ["/sitemap.xml"], anonymous: "public" },
  "api.public.articles.ts": {
    paths: [
      "/api/public/articles",
      `/api/public/articles?q=${q}`,
      "/api/public/articles?q=geheim",
      "/api/public/articles?limit=abc",
    ],
    anonymous: "public",
  },
  "api.public.articles.$slug.ts": {
    paths: [`/api/public/articles/${PUBLIC}`, `/api/public/articles/${INTERNAL}`],
    anonymous: "public",
  },
  "status._index.tsx": { paths: ["/status"], anonymous: "public" },
  "status.$slug.tsx": {
    paths: [
      `/status/${INCIDENT}`,
      "/status/stoerung-muenchen-volte-anrufe",
      "/status/stoerung-berlin",
    ],
    anonymous: "public",
  },
  "status[.atom].ts": { paths: ["/status.atom"], anonymous: "public" },
  "status.$slug[.atom].ts": {
    paths: [`/status/${INCIDENT}.atom`, "/status/stoerung-muenchen-volte-anrufe.atom"],
    anonymous: "public",
  },
  // An endless stream: read for a second in its own test below.
  "status.events.ts": { paths: [], anonymous: "public" },
  "incidents.events.ts": { paths: ["/incidents/events"], anonymous: "staff-only" },
  "healthz.ts": { paths: ["/healthz"], anonymous: "public" },
  "login.tsx": {
    paths: ["/login", `/login?redirectTo=/articles/${INTERNAL}`],
    anonymous: "public",
  },
  "logout.tsx": { paths: ["/logout"], anonymous: "action-only" },
  "admin.users.tsx": { paths: ["/admin/users"], anonymous: "staff-only" },
  "admin.audit.tsx": { paths: ["/admin/audit"], anonymous: "staff-only" },
  "admin.tokens.tsx": { paths: ["/admin/tokens"], anonymous: "staff-only" },
  "api.articles.ts": { paths: ["/api/articles", `/api/articles?q=${q}`], anonymous: "token-only" },
  // Anonymous callers and public tokens search the public index (decision 012).
  "api.search.ts": {
    paths: [
      "/api/search",
      `/api/search?q=${q}`,
      "/api/search?q=roaming",
      "/api/search?q=geheim",
      "/api/search?q=4711",
      "/api/search?q=noc",
      "/api/search?q=kiel",
      "/api/search?q=linecard",
      `/api/search?tag=${MARKER.toLowerCase()}`,
      "/api/search?visibility=internal",
      "/api/search?incident=investigating",
    ],
    anonymous: "public",
  },
  "api.articles.$slug.ts": {
    paths: [`/api/articles/${INTERNAL}`, `/api/articles/${PUBLIC}`],
    anonymous: "token-only",
  },
  "tags._index.tsx": { paths: ["/tags"], anonymous: "staff-only" },
  "tags.$tag.tsx": {
    paths: [`/tags/${MARKER.toLowerCase()}`, "/tags/roaming"],
    anonymous: "staff-only",
  },
  "review.tsx": { paths: ["/review"], anonymous: "staff-only" },
  "api.tags.ts": { paths: ["/api/tags", "/api/tags?q=zq"], anonymous: "staff-only" },
  "articles.$slug[.md].tsx": {
    paths: [`/articles/${INTERNAL}.md`, `/articles/${PUBLIC}.md`],
    anonymous: "staff-only",
  },
  "articles.new.tsx": { paths: ["/articles/new"], anonymous: "staff-only" },
  "articles.$slug_.edit.tsx": {
    paths: [`/articles/${INTERNAL}/edit`, `/articles/${PUBLIC}/edit`],
    anonymous: "staff-only",
  },
  "api.article-titles.ts": {
    paths: ["/api/article-titles", `/api/article-titles?q=${q}`],
    anonymous: "staff-only",
  },
  "incidents._index.tsx": { paths: ["/incidents"], anonymous: "staff-only" },
  "incidents.new.tsx": { paths: ["/incidents/new"], anonymous: "staff-only" },
  "incidents.$slug.tsx": {
    paths: ["/incidents/stoerung-berlin", "/incidents/stoerung-berlin?range=all"],
    anonymous: "staff-only",
  },
  "incidents.$slug_.edit.tsx": {
    paths: ["/incidents/stoerung-berlin/edit"],
    anonymous: "staff-only",
  },
  "incidents.$slug_.statement.tsx": {
    paths: ["/incidents/stoerung-berlin/statement"],
    anonymous: "staff-only",
  },
  "incidents.$slug_.reports[.csv].ts": {
    paths: ["/incidents/stoerung-berlin/reports.csv"],
    anonymous: "staff-only",
  },
  "admin.services.tsx": { paths: ["/admin/services"], anonymous: "staff-only" },
  "admin.glossary.tsx": {
    paths: ["/admin/glossary", `/admin/glossary?q=${q}`],
    anonymous: "staff-only",
  },
  "articles.$slug_.history.tsx": {
    paths: [
      `/articles/${INTERNAL}/history`,
      `/articles/${INTERNAL}/history?from=1&to=1`,
      `/articles/${PUBLIC}/history`,
    ],
    anonymous: "staff-only",
  },
};

function typedParts(target: string): string[] {
  const url = new URL(target, "http://x");
  const values = [url.pathname, ...url.searchParams.values()];
  return values.flatMap((value) => [
    value,
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
  ]);
}

let server: ServerProcess;
let seedDir: string;

beforeAll(async () => {
  seedDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-leak-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(seedDir, name), text);
  // A generous search API limit: this file sends many searches from one address on purpose.
  server = await startServer({ LAGEBILD_SEED_DIR: seedDir, SEARCH_API_PER_SECOND: "1000" });
  // The server indexes the seeded documents before it prints its URL; make sure search is up.
  expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  await seedIncident();
});

/** Opens the marked incident, writes its statement (with a marked note) and logs a report. */
async function seedIncident() {
  const engineer = await signInCookie(server.baseUrl, "engineer@lagebild.example");
  const created = await postForm(server.baseUrl, "/incidents/new", engineer, {
    title: "Leckprobe Kiel",
    startedAt: "2026-11-30T09:00",
    severity: "critical",
    areas: "Kiel 24103-24159",
    services: "landline",
    summary: `Ursache ${MARKER}: Linecard im Kieler Knoten`,
    detail: `## Lage\n\nTicket NOC-7 ${MARKER}`,
  });
  expect(created.headers.get("location")).toBe(`/incidents/${INCIDENT}`);
  await changeStatement(0, "Festnetz in Kiel gestört.", "Landline calls in Kiel fail.");
  const agent = await signInCookie(server.baseUrl, "agent@lagebild.example");
  const reported = await postForm(server.baseUrl, `/incidents/${INCIDENT}`, agent, {
    postcode: REPORT_POSTCODE,
    symptom: "no-calls",
  });
  expect(reported.status).toBe(302);
}

async function changeStatement(baseVersion: number, de: string, en: string) {
  const comms = await signInCookie(server.baseUrl, "comms@lagebild.example");
  const saved = await postForm(server.baseUrl, `/incidents/${INCIDENT}/statement`, comms, {
    statementDe: de,
    statementEn: en,
    baseVersion: String(baseVersion),
    note: `Abgestimmt mit NOC ${MARKER}`,
  });
  expect(saved.status).toBe(302);
}

afterAll(async () => {
  await server?.stop();
  await rm(seedDir, { recursive: true, force: true });
});

test("The leak test covers every route file", async () => {
  const routeFiles = (await readdir(path.resolve(import.meta.dirname, "../../app/routes")))
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .sort();
  expect(routeFiles, "add the new route to routeTable in tests/e2e/leak.test.ts").toEqual(
    Object.keys(routeTable).sort(),
  );
});

/** Requests a page and its single-fetch data request anonymously; nothing internal may come back. */
async function expectNoLeak(url: string, probe: Probe) {
  for (const target of [url, dataUrl(url)]) {
    const response = await fetch(`${server.baseUrl}${target}`, { redirect: "manual" });
    // What the visitor typed (path, query values) may be echoed back (404 page, sign-in
    // link, search box): that is not a leak, so it is taken out before looking.
    const typed = typedParts(url);
    const raw = await response.text();
    const body = typed.reduce((text, part) => text.replaceAll(part, ""), raw);
    expect(body, target).not.toMatch(marker);
    if (target.startsWith("/status")) {
      expect(body, target).not.toMatch(STAFF_NAMES);
      expect(body, target).not.toContain(REPORT_POSTCODE);
    }
    const headers = typed.reduce(
      (text, part) => text.replaceAll(part, ""),
      JSON.stringify([...response.headers]),
    );
    expect(headers, target).not.toMatch(marker);
    expect(response.status, target).toBeLessThan(500);
    if (probe.anonymous === "token-only") expect(response.status, target).toBe(401);
    if (probe.anonymous === "staff-only" && target === url) {
      expect([302, 303], target).toContain(response.status);
      expect(response.headers.get("location") ?? "", target).toMatch(/^\/login/);
    } else if (probe.anonymous === "staff-only") {
      // Single fetch answers a redirect with 202 and the target inside the encoded body.
      expect(response.status, target).toBe(202);
      expect(raw, target).toMatch(/"\/login\?redirectTo=/);
    }
  }
}

describe("anonymous visitors", () => {
  for (const [file, probe] of Object.entries(routeTable)) {
    for (const url of probe.paths) {
      test(`${file}: GET ${url} shows no internal content`, () => expectNoLeak(url, probe));
    }
  }

  test("The public status page shows the statement of the marked incident, nothing else", async () => {
    const html = await (await fetch(`${server.baseUrl}/status/${INCIDENT}`)).text();
    expect(html).toContain("Landline calls in Kiel fail.");
    expect(html).toContain("Kiel 24103-24159");
  });

  test("The public event stream carries slug, kind and versions only", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.baseUrl}/status/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const reading = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += decoder.decode(value);
        }
      } catch {
        // aborted after a second
      }
    })();
    await changeStatement(1, `Kiel: Techniker vor Ort.`, `Kiel: engineers on site.`);
    const agent = await signInCookie(server.baseUrl, "ben.berger@lagebild.example");
    await postForm(server.baseUrl, `/incidents/${INCIDENT}`, agent, { postcode: REPORT_POSTCODE });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    controller.abort();
    await reading;
    expect(received).toContain("event: incident");
    expect(received).not.toMatch(marker);
    expect(received).not.toMatch(STAFF_NAMES);
    expect(received).not.toContain(REPORT_POSTCODE);
    expect(received).not.toContain("Kiel");
    for (const line of received.split("\n").filter((l) => l.startsWith("data: "))) {
      expect(Object.keys(JSON.parse(line.slice(6))).sort()).toEqual([
        "incidentSlug",
        "kind",
        "statementVersion",
        "version",
      ]);
    }
  });

  test("An internal article is a 404 for anonymous visitors, not a 403", async () => {
    for (const url of [
      `/articles/${INTERNAL}`,
      `/help/${INTERNAL}`,
      `/api/public/articles/${INTERNAL}`,
    ]) {
      expect((await fetch(`${server.baseUrl}${url}`, { redirect: "manual" })).status, url).toBe(
        404,
      );
    }
  });

  test("The public page of an article with an internal note shows the public text only", async () => {
    const html = await (await fetch(`${server.baseUrl}/help/${PUBLIC}`)).text();
    expect(html).toContain("Roaming in der EU kostet nichts extra.");
    expect(html).not.toContain("internal-note");
    expect(html).toContain("Eskalation"); // the link text stays, the link to the internal slug does not
  });

  test("The search API answers anonymous callers from the public index only", async () => {
    const response = await fetch(`${server.baseUrl}/api/search?q=roaming`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.audience).toBe("public");
    expect(body.hits.map((hit: { slug: string }) => hit.slug)).toEqual([PUBLIC]);
    expect(body.facets.map((facet: { name: string }) => facet.name)).toEqual(["kind", "tag"]);
    expect(Object.keys(body.hits[0]).sort()).toEqual(
      ["heading", "kind", "slug", "snippet", "tags", "title", "updatedAt", "url"].sort(),
    );
  });

  test("Public search does not find words that only occur in internal notes", async () => {
    const body = await (await fetch(`${server.baseUrl}/api/public/articles?q=geheim`)).json();
    expect(body.articles).toEqual([]);
  });
});

describe("a public-scoped API token", () => {
  let auth: Record<string, string>;
  beforeAll(async () => {
    const admin = await signInCookie(server.baseUrl, "admin@lagebild.example");
    const { data } = await actionData<{ token: string }>(server.baseUrl, "/admin/tokens", admin, {
      intent: "create",
      name: "Website search",
      scope: "public",
    });
    auth = { Authorization: `Bearer ${data.token}` };
  });

  test("sees only the public index through /api/search", async () => {
    for (const url of routeTable["api.search.ts"]!.paths) {
      const response = await fetch(`${server.baseUrl}${url}`, { headers: auth });
      const typed = typedParts(url);
      const body = typed.reduce((text, part) => text.replaceAll(part, ""), await response.text());
      expect(body, url).not.toMatch(marker);
      expect(body, url).not.toMatch(STAFF_NAMES);
      expect([200, 400], url).toContain(response.status);
    }
    const roaming = await (
      await fetch(`${server.baseUrl}/api/search?q=roaming`, { headers: auth })
    ).json();
    expect(roaming.audience).toBe("public");
    expect(roaming.hits.map((hit: { slug: string }) => hit.slug)).toEqual([PUBLIC]);
    expect(roaming.pinned).toEqual([]);
  });

  test("is refused by the staff API", async () => {
    for (const url of ["/api/articles?q=roaming", `/api/articles/${PUBLIC}`]) {
      const response = await fetch(`${server.baseUrl}${url}`, { headers: auth });
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toMatch(marker);
    }
  });
});
