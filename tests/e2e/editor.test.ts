import { mkdir } from "node:fs/promises";
import path from "node:path";

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { contextWithCookie, launchBrowser } from "./browser.ts";
import { signedInContext, signInCookie, postForm } from "./session.ts";

const english = { "accept-language": "en-GB,en;q=0.9" };
const screenshots = path.resolve(import.meta.dirname, "../.tmp");

/** A word no seeded article contains, so search and slugs are this test's own. */
function uniqueWord(prefix: string) {
  const letters = Array.from({ length: 6 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join("");
  return `${prefix}${letters}`;
}

const post = (baseUrl: string, url: string, cookie: string, fields: Record<string, string>) =>
  postForm(baseUrl, url, cookie, fields, english);

/** Creates an article the way the form without JavaScript does (Markdown); returns its slug. */
async function createArticle(baseUrl: string, cookie: string, title: string, markdown: string) {
  const response = await post(baseUrl, "/articles/new", cookie, {
    title,
    kind: "howto",
    ownerId: "none",
    markdown,
  });
  expect(response.status).toBe(302);
  return response.headers.get("location")!.replace("/articles/", "");
}

function editor(page: Page) {
  return page.getByRole("textbox", { name: "Text" });
}

/** Puts the caret at the end of the editor paragraph containing `text`. */
async function caretAfter(page: Page, text: string) {
  await editor(page).getByText(text).click();
  await page.keyboard.press("End");
}

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  await mkdir(screenshots, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function engineer(email = "engineer@lagebild.example") {
  const context = await signedInContext(browser, inject("baseUrl"), email);
  contexts.push(context);
  return context.newPage();
}

test("An engineer writes an article in the editor, saves with Ctrl+S and finds it by searching", async () => {
  const word = uniqueWord("zebrafunk");
  const page = await engineer();
  await page.goto("/articles/new");
  await page.getByRole("toolbar", { name: "Formatting" }).waitFor();
  await page.getByLabel("Title").fill(`Störung ${word}`);
  await editor(page).click();
  await page.keyboard.type(`## Lage ${word}\n`);
  await page.keyboard.type("Siehe [[APN");
  const picker = page.getByRole("listbox", { name: "Articles" });
  await picker.getByRole("option", { name: "APN-Einstellungen auf Android prüfen" }).waitFor();
  await page.screenshot({ path: path.join(screenshots, "editor-new-picker.png") });
  await page.keyboard.press("Enter");
  await page.keyboard.type("für Android.\n- Neustart\nFlugmodus\n\n");
  await page.getByRole("button", { name: "Internal note" }).click();
  await page.keyboard.type("Root cause NOC-4711");
  await page.screenshot({ path: path.join(screenshots, "editor-new.png"), fullPage: true });
  await page.keyboard.press("Control+s");
  await page.waitForURL(`**/articles/stoerung-${word}`);

  await page.getByRole("heading", { level: 2, name: `Lage ${word}` }).waitFor();
  const body = page.locator(".article-body");
  expect(await body.getByRole("listitem").allTextContents()).toEqual(["Neustart", "Flugmodus"]);
  expect(
    await body
      .getByRole("link", { name: "APN-Einstellungen auf Android prüfen" })
      .getAttribute("href"),
  ).toBe("/articles/apn-einstellungen-android");
  const note = body.getByRole("note", { name: "Internal note" });
  expect(await note.textContent()).toContain("NOC-4711");
  const background = await note.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).not.toBe("rgba(0, 0, 0, 0)");

  // The index is updated from the outbox every few seconds.
  const searchBox = page.getByRole("searchbox", { name: "Search articles" });
  await expect
    .poll(
      async () => {
        await searchBox.fill(word);
        await searchBox.press("Enter");
        await page.waitForURL(`**/?q=${word}`);
        return page.getByRole("link", { name: `Störung ${word}` }).count();
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBe(1);
});

describe("two people editing the same article", () => {
  const paragraphs = ["Erster Absatz zur Lage.", "Zweiter Absatz.", "Dritter Absatz zum Schluss."];

  async function openTwice() {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    const slug = await createArticle(
      baseUrl,
      cookie,
      `Gleichzeitig ${uniqueWord("")}`,
      paragraphs.join("\n\n"),
    );
    const emil = await engineer();
    const fatma = await engineer("fatma.yilmaz@lagebild.example");
    for (const page of [emil, fatma]) {
      await page.goto(`/articles/${slug}/edit`);
      await page.getByRole("toolbar", { name: "Formatting" }).waitFor();
    }
    return { slug, emil, fatma };
  }

  test("Edits of different paragraphs are merged and both end up in the article", async () => {
    const { slug, emil, fatma } = await openTwice();
    await caretAfter(emil, paragraphs[0]!);
    await emil.keyboard.type(" Emil ergänzt.");
    await caretAfter(fatma, paragraphs[2]!);
    await fatma.keyboard.type(" Fatma ergänzt.");

    await emil.keyboard.press("Control+s");
    await emil.waitForURL(`**/articles/${slug}`);
    await fatma.keyboard.press("Control+s");
    await fatma.waitForURL(`**/articles/${slug}?notice=merged`);

    await fatma
      .getByRole("status")
      .filter({ hasText: "Your changes were merged with changes someone else saved" })
      .waitFor();
    const text = await fatma.locator(".article-body").textContent();
    expect(text).toContain("Erster Absatz zur Lage. Emil ergänzt.");
    expect(text).toContain("Dritter Absatz zum Schluss. Fatma ergänzt.");
  });

  test("Overlapping edits show the second person both versions and keep their text in the editor", async () => {
    const { slug, emil, fatma } = await openTwice();
    await caretAfter(emil, paragraphs[0]!);
    await emil.keyboard.type(" Emils Fassung.");
    await caretAfter(fatma, paragraphs[0]!);
    await fatma.keyboard.type(" Fatmas Fassung.");

    await emil.keyboard.press("Control+s");
    await emil.waitForURL(`**/articles/${slug}`);
    await fatma.keyboard.press("Control+s");

    const conflict = fatma.getByRole("region", {
      name: "Someone else saved this article while you were editing",
    });
    await conflict.waitFor();
    await fatma.screenshot({ path: path.join(screenshots, "editor-conflict.png"), fullPage: true });
    expect(await conflict.textContent()).toContain("Emil Engineer saved revision 2");
    const theirs = conflict.getByRole("region", { name: /^Their version/ });
    const mine = conflict.getByRole("region", { name: "Your version" });
    expect(await theirs.textContent()).toContain("Emils Fassung.");
    expect(await mine.textContent()).toContain("Fatmas Fassung.");
    const diff = conflict.getByRole("group", { name: "Changes from their version to yours" });
    expect((await diff.locator("ins").allTextContents()).join(" ")).toContain("Fatmas");
    expect(await editor(fatma).textContent()).toContain("Erster Absatz zur Lage. Fatmas Fassung.");

    // Saving again resolves it: the form now builds on Emil's revision.
    await fatma.keyboard.press("Control+s");
    await fatma.waitForURL(`**/articles/${slug}`);
    expect(await fatma.locator(".article-body").textContent()).toContain("Fatmas Fassung.");
  });
});

describe("refused saves", () => {
  test("Broken editor content or a javascript: link is refused with 400, keeping the typed title, saving nothing", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    const title = `Kaputt ${uniqueWord("")}`;
    const scriptLink = JSON.stringify({
      root: {
        type: "root",
        children: [
          {
            type: "paragraph",
            children: [
              // eslint-disable-next-line no-script-url -- the attack under test
              { type: "link", url: "javascript:alert(1)", children: [{ type: "text", text: "x" }] },
            ],
          },
        ],
      },
    });
    for (const [content, message] of [
      ["{not json", "The text cannot be saved: The content is not valid JSON"],
      [scriptLink, "Link address not allowed"],
    ] as const) {
      const response = await post(baseUrl, "/articles/new", cookie, {
        title,
        kind: "howto",
        content,
      });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(message);
      expect(html).toContain(`value="${title}"`);
    }
    const slug = title.toLowerCase().replace(" ", "-");
    const article = await fetch(`${baseUrl}/articles/${slug}`, { headers: { cookie } });
    expect(article.status).toBe(404);
  });

  test("An empty title is refused with 400 and the article stays as it was", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    const slug = await createArticle(baseUrl, cookie, `Titelprobe ${uniqueWord("")}`, "Text.");
    const response = await post(baseUrl, `/articles/${slug}/edit`, cookie, {
      title: "  ",
      kind: "faq",
      tags: "roaming",
      baseRevision: "1",
      markdown: "Geänderter Text.",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter a title.");
    expect(html).toContain('value="roaming"');
    expect(html).toContain("Geänderter Text.");
    const article = await (
      await fetch(`${baseUrl}/articles/${slug}`, { headers: { ...english, cookie } })
    ).text();
    expect(article).not.toContain("Geänderter Text.");
    expect(article).toContain("How-to");
  });
});

test("Without JavaScript the edit page offers the Markdown, and saving it works", async () => {
  const baseUrl = inject("baseUrl");
  const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
  const slug = await createArticle(
    baseUrl,
    cookie,
    `Ohne Skript ${uniqueWord("")}`,
    "## Lage\n\nText vor der Änderung.\n\n:::internal\nNur intern.\n:::",
  );
  const context = await contextWithCookie(browser, baseUrl, cookie, false);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`/articles/${slug}/edit`);
  expect(await page.getByRole("toolbar").count()).toBe(0);
  const markdown = page.getByRole("textbox", { name: "Text" });
  const original = await markdown.inputValue();
  expect(original).toContain("## Lage");
  expect(original).toContain(":::internal\nNur intern.\n:::");
  await page.screenshot({ path: path.join(screenshots, "editor-edit-nojs.png"), fullPage: true });
  await markdown.fill(`${original}\n\nOhne JavaScript ergänzt.`);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(`**/articles/${slug}`);
  const body = page.locator(".article-body");
  expect(await body.textContent()).toContain("Ohne JavaScript ergänzt.");
  expect(await body.getByRole("note").textContent()).toContain("Nur intern.");
});

test("The article picker lists matching titles for staff and nothing for anonymous visitors", async () => {
  const baseUrl = inject("baseUrl");
  const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
  const response = await fetch(`${baseUrl}/api/article-titles?q=apn`, { headers: { cookie } });
  expect(response.status).toBe(200);
  expect(await response.json()).toContainEqual({
    slug: "apn-einstellungen-android",
    title: "APN-Einstellungen auf Android prüfen",
  });
  const anonymous = await fetch(`${baseUrl}/api/article-titles?q=apn`, { redirect: "manual" });
  expect(anonymous.status).toBe(302);
});
