import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { signedInContext, signInCookie } from "./session.ts";

const SLUG = "netzstoerung-hamburg-berlin-datenabbrueche";

describe("Markdown download of an article", () => {
  test("A signed-in agent gets the article as a .md attachment with its internal notes", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
    const response = await fetch(`${baseUrl}/articles/${SLUG}.md`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${SLUG}.md"`);
    const text = await response.text();
    expect(text).toMatch(/^---\ntitle: /);
    expect(text).toContain(`slug: ${SLUG}`);
    expect(text).toContain(":::internal\nRoot cause:");
  });

  test("An anonymous visitor is sent to sign in instead of getting the file", async () => {
    const response = await fetch(`${inject("baseUrl")}/articles/${SLUG}.md`, {
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/articles/${SLUG}.md`)}`,
    );
    expect(await response.text()).not.toContain("Root cause");
  });
});

test("Tag autocomplete gives a signed-in agent the tag names starting with what was typed", async () => {
  const baseUrl = inject("baseUrl");
  const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
  const response = await fetch(`${baseUrl}/api/tags?q=sim`, { headers: { cookie } });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(["sim-card", "sim-karte", "sim-swap", "sim-tausch"]);
});

describe("navigation by tags and review dates", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("An agent follows a tag on an article to every article with that tag", async () => {
    const context = await signedInContext(browser, inject("baseUrl"), "agent@lagebild.example");
    const page = await context.newPage();
    await page.goto(`/articles/${SLUG}`);
    await page.getByRole("list", { name: "Tags" }).getByRole("link", { name: "#hamburg" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Tagged #hamburg");
    await expect
      .poll(() => page.getByRole("link", { name: /Netzstörung Hamburg und Berlin/ }).count())
      .toBe(1);
    await context.close();
  });

  test("The review page lists an overdue article first, marked as overdue, with its owner", async () => {
    const context = await signedInContext(browser, inject("baseUrl"), "agent@lagebild.example");
    const page = await context.newPage();
    await page.goto("/review");
    const firstRow = page.getByRole("row").nth(1);
    await expect.poll(() => firstRow.textContent()).toMatch(/HomeBox 5G: Neustartschleife/);
    expect(await firstRow.textContent()).toMatch(/Review overdue/);
    expect(await firstRow.textContent()).toMatch(/Fatma Yılmaz/);
    await context.close();
  });
});
