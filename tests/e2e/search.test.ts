import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("An agent finds the Hamburg/Berlin outage by typing a misspelled German word", async () => {
  const page = await browser.newPage({ locale: "de-DE" });
  await page.goto(inject("baseUrl"));
  const searchBox = page.getByRole("searchbox", { name: "Artikel durchsuchen" });
  await searchBox.fill("netzstorung");
  await searchBox.press("Enter");
  const results = page.getByRole("region", { name: /Treffer für „netzstorung“/ });
  const first = results.getByRole("link").first();
  await expect.poll(() => first.textContent()).toMatch(/Netzstörung Hamburg/);
  await first.click();
  await expect
    .poll(() => page.getByRole("heading", { level: 1 }).textContent())
    .toMatch(/Netzstörung Hamburg/);
  await page.close();
});

test("The search box is focused with the / key, without touching the mouse", async () => {
  const page = await browser.newPage({ locale: "en-GB" });
  await page.goto(inject("baseUrl"));
  await page.keyboard.press("/");
  const focusedName = await page.evaluate(() => document.activeElement?.getAttribute("name"));
  expect(focusedName).toBe("q");
  await page.close();
});
