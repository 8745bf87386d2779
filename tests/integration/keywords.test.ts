import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { getArticleForEditing } from "~/models/article-reads.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { exportArticlesToDirectory, importMarkdownDirectory } from "~/models/markdown-io.server.ts";
import { parseMeta } from "~/models/revision-writer.server.ts";
import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildArticle, buildUser, uniqueNumber } from "../factories.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const slugsFor = async (q: string, audience: "staff" | "public") =>
  (await searchArticles({ q, audience })).hits.map((hit) => hit.slug);

describe("also known as (keywords)", () => {
  test("A keyword finds the article and ranks it with a title's weight, above body mentions", async () => {
    const n = uniqueNumber();
    // The body-only article is newer, so only the attribute rank can put the other one first.
    await buildArticle({
      slug: `keyword-title-${n}`,
      title: "Mobilfunkvertrag kündigen",
      keywords: [`Handyabo${n}`],
      markdown: "Kündigung per Formular im Kundenportal.",
      visibility: "public",
      updatedAt: new Date("2026-01-01T00:00:00Z"),
    });
    await buildArticle({
      slug: `keyword-body-${n}`,
      title: "Vertragsarten im Überblick",
      markdown: `Manche sagen Handyabo${n} zum Laufzeitvertrag; Details stehen anderswo.`,
      visibility: "public",
    });
    await drainSearchOutbox();
    for (const audience of ["staff", "public"] as const) {
      expect(await slugsFor(`handyabo${n}`, audience)).toEqual([
        `keyword-title-${n}`,
        `keyword-body-${n}`,
      ]);
    }
  });

  test("Keywords are saved with each revision and shown in the edit form", async () => {
    const comms = await buildUser({ role: "comms" });
    const article = await buildArticle({ actor: comms.actor, keywords: ["Handy"] });
    const saved = await saveArticle({
      slug: article.slug,
      actor: comms.actor,
      baseRevision: article.revision,
      title: article.title,
      content: article.body,
      tags: [],
      kind: "howto",
      keywords: ["Handy", " mobile   phone ", "handy"],
    });
    expect(saved.status).toBe("saved");
    const revisions = await prisma.articleRevision.findMany({
      where: { articleId: article.id },
      orderBy: { number: "asc" },
    });
    expect(revisions.map((revision) => parseMeta(revision.meta)?.keywords)).toEqual([
      ["Handy"],
      ["Handy", "mobile phone"],
    ]);
    expect((await getArticleForEditing(article.slug))?.keywords).toEqual(["Handy", "mobile phone"]);
  });

  test("Changing a public article's keywords needs the right to publish", async () => {
    const article = await buildArticle({ visibility: "public", keywords: ["Rechnung"] });
    const engineer = await buildUser({ role: "engineer" });
    const saved = await saveArticle({
      slug: article.slug,
      actor: engineer.actor,
      baseRevision: article.revision,
      title: article.title,
      content: article.body,
      tags: [],
      kind: "howto",
      keywords: ["Rechnung", "geheimer Codename"],
    });
    expect(saved.status).toBe("forbidden");
    expect((await getArticleForEditing(article.slug))?.keywords).toEqual(["Rechnung"]);
  });

  test("Too many keywords are refused and nothing is written", async () => {
    const article = await buildArticle();
    const comms = await buildUser({ role: "comms" });
    const saved = await saveArticle({
      slug: article.slug,
      actor: comms.actor,
      baseRevision: article.revision,
      title: article.title,
      content: markdownToContent("Neuer Text."),
      tags: [],
      kind: "howto",
      keywords: Array.from({ length: 11 }, (_, i) => `Begriff ${i}`),
    });
    expect(saved).toMatchObject({ status: "invalid", field: "keywords" });
    expect((await prisma.article.findUniqueOrThrow({ where: { id: article.id } })).revision).toBe(
      1,
    );
  });

  test("Keywords go out in the Markdown front matter and come back in", async () => {
    const slug = `keywords-export-${uniqueNumber()}`;
    await buildArticle({ slug, keywords: ["Funkloch", "no signal"] });
    const dir = await mkdtemp(path.join(os.tmpdir(), "keywords-"));
    dirs.push(dir);
    await exportArticlesToDirectory(dir);
    const file = path.join(dir, `${slug}.md`);
    const text = await readFile(file, "utf8");
    expect(text).toContain("keywords:\n  - Funkloch\n  - no signal\n");

    const admin = await buildUser({ role: "admin" });
    await writeFile(file, text.replace("  - no signal\n", "  - kein Netz\n"));
    const summary = await importMarkdownDirectory(dir, { actor: admin.actor });
    expect(summary.updated).toContain(slug);
    expect((await getArticleForEditing(slug))?.keywords).toEqual(["Funkloch", "kein Netz"]);
  });
});
