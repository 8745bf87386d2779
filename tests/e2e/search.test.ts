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
