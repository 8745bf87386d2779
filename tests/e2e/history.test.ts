import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { signedInContext, signInCookie, postForm } from "./session.ts";

// A seeded article no other browser test changes.
const SLUG = "volte-troubleshooting";
const HISTORY = `/articles/${SLUG}/history`;
const english = { "accept-language": "en-GB,en;q=0.9" };

const restore = (baseUrl: string, cookie: string, number: number) =>
  postForm(baseUrl, HISTORY, cookie, { number: String(number) }, english);

async function historyPage(baseUrl: string, cookie: string, query = "") {
  const response = await fetch(`${baseUrl}${HISTORY}${query}`, {
    headers: { ...english, cookie },
  });
  return { status: response.status, html: await response.text() };
}

const revisionNumbers = (html: string) =>
  [...html.matchAll(/>Revision (\d+)/g)].map((m) => Number(m[1]));

describe("over HTTP", () => {
  test("Restoring a revision adds a new one at the top of the history and leads back to the article", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    const before = await historyPage(baseUrl, cookie);
    expect(before.status).toBe(200);
    const numbers = revisionNumbers(before.html);
    expect(numbers.at(-1)).toBe(1);
    const head = numbers[0]!;

    const response = await restore(baseUrl, cookie, 1);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/articles/${SLUG}?restored=1`);

    const after = await historyPage(baseUrl, cookie);
    expect(revisionNumbers(after.html)).toEqual([head + 1, ...numbers]);
    expect(after.html).toContain("Restored revision 1");
    expect(after.html).toContain("Emil Engineer");

    const article = await fetch(`${baseUrl}/articles/${SLUG}?restored=1`, {
      headers: { ...english, cookie },
    });
    expect(await article.text()).toContain("Revision 1 was restored");
  });

  test("Comparing a revision with its identical restore says there are no differences", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    await restore(baseUrl, cookie, 1);
    const head = revisionNumbers((await historyPage(baseUrl, cookie)).html)[0]!;
    const page = await historyPage(baseUrl, cookie, `?from=1&to=${head}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Changes from revision 1 to revision ${head}`);
    expect(page.html).toContain("There are no differences between these revisions.");
  });

  test("Comparing with a revision that does not exist is a 404 page", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    expect((await historyPage(baseUrl, cookie, "?from=1&to=9999")).status).toBe(404);
  });

  test("An agent reads the history but has no restore button and cannot restore", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
    const page = await historyPage(baseUrl, cookie);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain(">Restore</button>");
    expect((await restore(baseUrl, cookie, 1)).status).toBe(403);
  });

  test("A visitor who is not signed in is sent to sign in", async () => {
    const response = await fetch(`${inject("baseUrl")}${HISTORY}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("An engineer opens the history from the article, compares two revisions and restores one", async () => {
    const baseUrl = inject("baseUrl");
    // Make sure there are two revisions to compare, whatever ran before.
    await restore(baseUrl, await signInCookie(baseUrl, "engineer@lagebild.example"), 1);
    const context = await signedInContext(browser, baseUrl, "engineer@lagebild.example", "de-DE");
    const page = await context.newPage();
    await page.goto(`/articles/${SLUG}`);
    await page.getByRole("link", { name: "Versionen", exact: true }).click();
    await page.waitForURL((url) => url.pathname === HISTORY);

    await page.getByRole("radio", { name: "Vergleichen ab Version 1", exact: true }).check();
    await page.getByRole("radio", { name: "Vergleichen bis Version 2", exact: true }).check();
    await page.getByRole("button", { name: "Ausgewählte Versionen vergleichen" }).click();
    await page.waitForURL(
      (url) => url.searchParams.get("from") === "1" && url.searchParams.get("to") === "2",
    );
    const heading = page.getByRole("heading", { name: "Änderungen von Version 1 zu Version 2" });
    await expect.poll(() => heading.count()).toBe(1);

    await page.getByRole("button", { name: "Version 1 wiederherstellen" }).click();
    await page.waitForURL((url) => url.pathname === `/articles/${SLUG}`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Version 1 wurde wiederhergestellt");
    await context.close();
  });
});
