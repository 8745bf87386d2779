import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { signedInContext } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("An agent finds the Hamburg/Berlin outage with a misspelled German word and opens it by keyboard", async () => {
  const context = await signedInContext(
    browser,
    inject("baseUrl"),
    "agent@lagebild.example",
    "de-DE",
  );
  const page = await context.newPage();
  await page.goto("/");
  const searchBox = page.getByRole("searchbox", { name: "Artikel durchsuchen" });
  await searchBox.fill("netzstorung");
  await searchBox.press("Enter");
  const results = page.getByRole("region", { name: /Treffer für „netzstorung“/ });
  const first = results.getByRole("link").first();
  await expect.poll(() => first.textContent()).toMatch(/Netzstörung Hamburg/);
  // Keyboard only: ArrowDown from the search box to the first result, Enter opens it.
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByRole("searchbox", { name: "Artikel durchsuchen" }).focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).textContent())
    .toMatch(/Netzstörung Hamburg/);
  await context.close();
});

test("The search box is focused with the / key, without touching the mouse", async () => {
  const context = await signedInContext(browser, inject("baseUrl"), "agent@lagebild.example");
  const page = await context.newPage();
  await page.goto("/articles/apn-einstellungen-android");
  await page.locator("html[data-hydrated]").waitFor();
  await page.keyboard.press("/");
  const focusedName = await page.evaluate(() => document.activeElement?.getAttribute("name"));
  expect(focusedName).toBe("q");
  await context.close();
});

test("Keyboard only: results appear while typing, a facet narrows them, a result opens and Back restores them", async () => {
  const context = await signedInContext(browser, inject("baseUrl"), "agent@lagebild.example");
  const page = await context.newPage();
  await page.goto("/");
  await page.locator("html[data-hydrated]").waitFor();
  await page.keyboard.press("/");
  await page.keyboard.type("esim", { delay: 30 });
  // No Enter: the results come after a pause in typing.
  const heading = page.getByRole("heading", { name: /results? for “esim”/ });
  await heading.waitFor();
  expect(new URL(page.url()).searchParams.get("q")).toBe("esim");
  const items = page.locator("ol > li");
  const before = await items.count();
  expect(before).toBeGreaterThan(1);

  // Tab to the FAQ facet and choose it with Enter.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const facet = await page.evaluate(() => document.activeElement?.getAttribute("data-facet"));
    if (facet === "kind=faq") break;
  }
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-facet"))).toBe(
    "kind=faq",
  );
  await page.keyboard.press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("kind")).toBe("faq");
  await page.locator('[data-facet="kind=faq"][aria-current="true"]').waitFor();
  const after = await items.count();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  const kinds = await items.locator(".badge").allTextContents();
  expect(kinds.filter((text) => text === "FAQ")).toHaveLength(after);

  // Open the first result from the search box: /, ArrowDown, Enter.
  await page.keyboard.press("/");
  await page.keyboard.press("ArrowDown");
  const title = await page.evaluate(() => document.activeElement?.textContent ?? "");
  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);

  await page.goBack();
  await heading.waitFor();
  expect(new URL(page.url()).searchParams.get("kind")).toBe("faq");
  expect(await page.getByRole("searchbox").inputValue()).toBe("esim");
  expect(await items.count()).toBe(after);
  await context.close();
});

test("In the browser the pager moves to the next results and back, keeping query and filter; new words start at page 1", async () => {
  const context = await signedInContext(browser, inject("baseUrl"), "agent@lagebild.example");
  const page = await context.newPage();
  await page.goto("/?q=sim&visibility=public");
  await page.locator("html[data-hydrated]").waitFor();
  const pager = page.getByRole("navigation", { name: "Result pages" });
  const range = pager.locator("span").first();
  const firstRange = await range.textContent();
  expect(firstRange).toMatch(/^1–10 of (\d+)$/);
  const total = Number(/of (\d+)/.exec(firstRange!)![1]);
  const titles = () => page.locator("[data-result-link]").allTextContents();
  const firstPage = await titles();
  await pager.getByRole("link", { name: /Next/ }).click();
  await expect.poll(() => range.textContent()).toBe(`11–${Math.min(20, total)} of ${total}`);
  const url = new URL(page.url());
  expect([url.searchParams.get("q"), url.searchParams.get("visibility")]).toEqual([
    "sim",
    "public",
  ]);
  expect(url.searchParams.get("page")).toBe("2");
  const secondPage = await titles();
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  await pager.getByRole("link", { name: /Previous/ }).click();
  await expect.poll(() => range.textContent()).toBe(firstRange);
  expect(await titles()).toEqual(firstPage);
  // New words typed on page 2 start at their first page, with the filter kept.
  await pager.getByRole("link", { name: /Next/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("2");
  await page.keyboard.press("/");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("esim", { delay: 30 });
  await page.getByRole("heading", { name: /results? for “esim”/ }).waitFor();
  const typed = new URL(page.url()).searchParams;
  expect([typed.get("page"), typed.get("visibility")]).toEqual([null, "public"]);
  expect(await page.locator("[data-result-link]").count()).toBeGreaterThan(0);
  await context.close();
});
