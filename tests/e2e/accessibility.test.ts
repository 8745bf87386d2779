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
