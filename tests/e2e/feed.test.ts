/** The help centre's Atom feed as a feed reader sees it, parsed by Chromium's XML parser. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(() => browser?.close());

async function readFeed(language: string) {
  const response = await fetch(`${inject("baseUrl")}/help/feed.xml`, {
    headers: { "accept-language": language },
  });
  expect(response.headers.get("content-type")).toContain("application/atom+xml");
  return page.evaluate(
    (xml) => {
      const feed = new DOMParser().parseFromString(xml, "application/xml").documentElement;
      const child = (parent: Element, name: string) =>
        [...parent.children].find((element) => element.localName === name);
      return {
        parsed: feed.localName === "feed" && !feed.querySelector("parsererror"),
        title: child(feed, "title")?.textContent,
        language: feed.getAttribute("xml:lang"),
        entries: [...feed.children]
          .filter((element) => element.localName === "entry")
          .map((entry) => ({
            title: child(entry, "title")?.textContent,
            link: child(entry, "link")?.getAttribute("href"),
          })),
      };
    },
    await response.text(),
  );
}

test("A German reader's feed is titled in German and declares its language", async () => {
  const feed = await readFeed("de-DE,de;q=0.9");
  expect(feed.parsed).toBe(true);
  expect(feed.title).toBe("Funkwerk Mobil Hilfe-Center");
  expect(feed.language).toBe("de");
});

test("An English reader's feed is titled in English", async () => {
  const feed = await readFeed("en-GB,en;q=0.9");
  expect(feed.title).toBe("Funkwerk Mobil help centre");
  expect(feed.language).toBe("en");
});

test("Every feed entry links to a public help page", async () => {
  const feed = await readFeed("en");
  expect(feed.entries.length).toBeGreaterThan(5);
  for (const entry of feed.entries) {
    expect(entry.link).toMatch(/^http:\/\/localhost:\d+\/help\/[a-z0-9-]+$/);
  }
  expect(feed.entries.map((entry) => entry.title)).toContain("Roaming outside the EU");
});
