/**
 * The public status page and live updates: an open agent page and an open /status learn of a new
 * statement without a reload; /status is cached briefly, answers 304, and a change shows at once.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { postForm, signInCookie, signedInContext } from "./session.ts";

let browser: Browser;
const contexts: BrowserContext[] = [];
let slug: string;
let statementVersion = 0;
let comms: string;

/** Saves a new statement over HTTP as comms (the form's post) and returns its English text. */
async function saveStatement(en: string, de = `DE ${en}`) {
  const baseUrl = inject("baseUrl");
  const saved = await postForm(baseUrl, `/incidents/${slug}/statement`, comms, {
    statementDe: de,
    statementEn: en,
    baseVersion: String(statementVersion),
  });
  expect(saved.status).toBe(302);
  statementVersion++;
  return en;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const baseUrl = inject("baseUrl");
  const engineer = await signInCookie(baseUrl, "engineer@lagebild.example");
  const created = await postForm(baseUrl, "/incidents/new", engineer, {
    title: `Störung Festnetz Kiel ${Date.now()}`,
    startedAt: "2026-11-30T09:00",
    severity: "major",
    areas: "Kiel 24103-24159",
    services: "landline",
    summary: "Intern: Linecard defekt",
    detail: "Intern.",
  });
  expect(created.status).toBe(302);
  slug = created.headers.get("location")!.replace("/incidents/", "");
  comms = await signInCookie(baseUrl, "comms@lagebild.example");
  await saveStatement("Landline calls in Kiel fail. We are on it.");
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function openWithMarker(context: BrowserContext, path: string): Promise<Page> {
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor();
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  return page;
}

describe("live updates", () => {
  test("An agent's open incident page shows a new statement and 'statement changed' without a reload", async () => {
    const baseUrl = inject("baseUrl");
    const agent = await openWithMarker(
      await signedInContext(browser, baseUrl, "agent@lagebild.example"),
      `/incidents/${slug}`,
    );
    const statement = agent.getByRole("region", { name: "What to tell customers" });
    expect(await statement.textContent()).toContain("Landline calls in Kiel fail.");
    expect(await agent.getByText("The customer statement changed").count()).toBe(0);

    // Comms change the statement through the real form in their own browser.
    const commsContext = await signedInContext(browser, baseUrl, "comms@lagebild.example");
    contexts.push(commsContext);
    const form = await commsContext.newPage();
    await form.goto(`/incidents/${slug}/statement`);
    await form.getByLabel("Statement in English").fill("Kiel: a spare part is on its way.");
    await form.getByLabel("Statement in German").fill("Kiel: Ein Ersatzteil ist unterwegs.");
    await form.getByRole("button", { name: "Save statement" }).click();
    await form.waitForURL(`**/incidents/${slug}`);
    statementVersion++;

    await statement.getByText("Kiel: a spare part is on its way.").waitFor({ timeout: 5_000 });
    await agent
      .getByText("The customer statement changed since you last opened this incident.")
      .waitFor({ timeout: 5_000 });
    expect(await agent.evaluate(() => "stillTheSamePage" in window)).toBe(true);
  });

  test("An open /status page shows a new statement without a reload", async () => {
    const baseUrl = inject("baseUrl");
    const page = await openWithMarker(
      await browser.newContext({ locale: "en-GB", baseURL: baseUrl }),
      "/status",
    );
    const text = await saveStatement(`Kiel update ${Date.now()}`);
    await page.getByText(text, { exact: true }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => "stillTheSamePage" in window)).toBe(true);
  });

  test("The staff event stream is for signed-in staff only", async () => {
    const response = await fetch(`${inject("baseUrl")}/incidents/events`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });

  test("The public event stream is neither compressed nor cached, and says what changed", async () => {
    const controller = new AbortController();
    const response = await fetch(`${inject("baseUrl")}/status/events`, {
      headers: { "accept-encoding": "gzip, deflate, br" },
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain(": connected");
    await saveStatement("Kiel: engineers on site.");
    while (!received.includes("event: incident")) {
      received += decoder.decode((await reader.read()).value);
    }
    controller.abort();
    const data = JSON.parse(/data: (.*)/.exec(received)![1]!);
    expect(data).toEqual({
      incidentSlug: slug,
      kind: "statement",
      version: expect.any(Number),
      statementVersion,
    });
  });
});

describe("the public status page", () => {
  test("It is cached briefly with an ETag, and an incident change shows at once", async () => {
    const baseUrl = inject("baseUrl");
    const english = { "accept-language": "en-GB,en;q=0.9" };
    const first = await fetch(`${baseUrl}/status`, { headers: english });
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=30, s-maxage=30, stale-while-revalidate=60",
    );
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    await first.text();
    const again = await fetch(`${baseUrl}/status`, {
      headers: { ...english, "if-none-match": etag },
    });
    expect(again.status).toBe(304);

    // Within the page cache's few seconds: the change must still show on the next request.
    const text = await saveStatement(`Kiel fixed soon ${Date.now()}`);
    const fresh = await fetch(`${baseUrl}/status`, { headers: english });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain(text);
    const incident = await (await fetch(`${baseUrl}/status/${slug}`, { headers: english })).text();
    expect(incident).toContain(text);
    expect(incident).toContain("Kiel 24103-24159");
    expect(incident).toContain("Landline calls in Kiel fail."); // the earlier update, below
  });

  test("A German visitor reads the German statement; the English one is behind a disclosure", async () => {
    const html = await (
      await fetch(`${inject("baseUrl")}/status/${slug}`, {
        headers: { "accept-language": "de-DE,de;q=0.9" },
      })
    ).text();
    expect(html).toMatch(/<p[^>]*lang="de"[^>]*>DE Kiel fixed soon/);
    expect(html).toContain("Read in English");
  });

  test("An unknown incident is a 404, page and feed", async () => {
    for (const path of ["/status/no-such-incident", "/status/no-such-incident.atom"]) {
      expect((await fetch(`${inject("baseUrl")}${path}`)).status, path).toBe(404);
    }
  });

  test("The feeds carry the statements, in the reader's language", async () => {
    const baseUrl = inject("baseUrl");
    for (const path of ["/status.atom", `/status/${slug}.atom`]) {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { "accept-language": "de-DE" },
      });
      expect(response.headers.get("content-type")).toContain("application/atom+xml");
      const xml = await response.text();
      expect(xml, path).toContain('<feed xml:lang="de"');
      expect(xml, path).toContain("Funkwerk Mobil Störungsmeldungen");
      expect(xml, path).toContain("DE Kiel fixed soon");
      expect(xml, path).toContain("Kiel: Ein Ersatzteil ist unterwegs.");
    }
  });
});
