import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { signedInContext } from "./session.ts";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns its violations. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

let browser: Browser;
const contexts: { staff?: BrowserContext; anonymous?: BrowserContext } = {};

beforeAll(async () => {
  browser = await launchBrowser();
  contexts.staff = await signedInContext(
    browser,
    inject("baseUrl"),
    "admin@lagebild.example",
    "de-DE",
  );
  contexts.anonymous = await browser.newContext({ locale: "en-GB", baseURL: inject("baseUrl") });
});

/** Opens the page once it is interactive and returns what axe finds there. */
async function checkPage(who: "staff" | "anonymous", path: string) {
  const page = await contexts[who]!.newPage();
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor();
  const violations = await axeViolations(page);
  await page.close();
  return violations;
}
afterAll(async () => {
  await browser?.close();
});

const article = "netzstoerung-hamburg-berlin-datenabbrueche";

describe("pages pass the automated WCAG 2.1 AA checks", () => {
  const staffPages = [
    "/",
    "/?q=netzstorung",
    `/articles/${article}`,
    `/articles/${article}/edit`,
    `/articles/${article}/history`,
    "/articles/new",
    "/tags",
    "/review",
    "/admin/users",
    "/admin/tokens",
    "/admin/audit",
    "/admin/services",
    "/admin/glossary",
    "/incidents",
    "/incidents/new",
    "/incidents/stoerung-muenchen-volte-anrufe",
    "/incidents/stoerung-muenchen-volte-anrufe?range=all",
    "/incidents/stoerung-muenchen-volte-anrufe/edit",
    "/incidents/stoerung-muenchen-volte-anrufe/statement",
    `/incidents/${article}`,
    "/status",
  ];
  for (const path of staffPages) {
    test(`${path} (signed in)`, async () => {
      expect(await checkPage("staff", path)).toEqual([]);
    });
  }
  for (const path of [
    "/login",
    "/help",
    "/help?q=esim",
    `/help/${article}`,
    "/status",
    "/status/stoerung-muenchen-volte-anrufe",
    "/no/such/page",
  ]) {
    test(`${path} (anonymous)`, async () => {
      expect(await checkPage("anonymous", path)).toEqual([]);
    });
  }
});

describe("pages fit a 390 px phone: nothing is cut off or scrolls sideways", () => {
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const phones: { staff?: BrowserContext; anonymous?: BrowserContext } = {};
  beforeAll(async () => {
    phones.staff = await signedInContext(
      browser,
      inject("baseUrl"),
      "admin@lagebild.example",
      "de-DE",
      phone,
    );
    phones.anonymous = await browser.newContext({
      ...phone,
      locale: "de-DE",
      baseURL: inject("baseUrl"),
    });
  });

  /** How far the widest element reaches past the screen's right edge, and which it is. */
  async function overflow(context: BrowserContext, path: string) {
    const page = await context.newPage();
    await page.goto(path);
    await page.locator("html[data-hydrated]").waitFor();
    const found = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const insideScroller = (element: Element) => {
        for (
          let box = element.parentElement;
          box && box !== document.body;
          box = box.parentElement
        ) {
          if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
        }
        return false;
      };
      let worst = { by: 0, element: "" };
      for (const element of document.body.querySelectorAll("*")) {
        // Inside a box that scrolls sideways on its own (the main menu, wide tables), reaching
        // past the edge is by design: the box itself must fit, and is checked as an element.
        if (insideScroller(element)) continue;
        const by = Math.round(element.getBoundingClientRect().right - width);
        if (by > worst.by) worst = { by, element: element.outerHTML.slice(0, 120) };
      }
      return { page: document.documentElement.scrollWidth - width, ...worst };
    });
    await page.close();
    return found;
  }

  for (const path of [
    "/",
    "/?q=sim",
    "/review",
    "/tags",
    "/incidents",
    "/incidents/stoerung-muenchen-volte-anrufe",
    `/articles/${article}`,
    `/articles/${article}/history`,
    "/admin/users",
    "/admin/tokens",
    "/admin/audit",
    "/admin/services",
    "/admin/glossary",
  ]) {
    test(`${path} (signed in)`, async () => {
      expect(await overflow(phones.staff!, path)).toEqual({ page: 0, by: 0, element: "" });
    });
  }
  test("The review list needs no sideways scrolling: owner and state stand under the title", async () => {
    const page = await phones.staff!.newPage();
    await page.goto("/review");
    const table = page.getByRole("table");
    const box = (await table.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await table.getByRole("columnheader").filter({ visible: true }).count()).toBe(2);
    const firstRow = table.getByRole("row").nth(1);
    const state = firstRow.getByText(/^(Prüfung überfällig|Bald fällig)/);
    expect(await state.filter({ visible: true }).count()).toBe(1);
    const title = (await firstRow.getByRole("link").boundingBox())!;
    const shown = (await state.filter({ visible: true }).boundingBox())!;
    expect(shown.y).toBeGreaterThan(title.y);
    await page.close();
  });
  for (const path of [
    "/help",
    "/help?q=esim",
    `/help/${article}`,
    "/status",
    "/status/stoerung-muenchen-volte-anrufe",
  ]) {
    test(`${path} (anonymous)`, async () => {
      expect(await overflow(phones.anonymous!, path)).toEqual({ page: 0, by: 0, element: "" });
    });
  }
});
