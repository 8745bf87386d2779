import matter from "gray-matter";
import { describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { getStaffArticle } from "~/models/article-reads.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { getArticleMarkdownFile } from "~/models/markdown-io.server.ts";
import { REVIEW_PAGE_SIZE, addDays } from "~/models/review-dates.ts";
import { countArticlesDueForReview, listArticlesDueForReview } from "~/models/review.server.ts";
import {
  listArticlesWithTag,
  listPopularTags,
  listTags,
  suggestTags,
} from "~/models/tag.server.ts";

import { buildArticle, buildUser } from "../factories.ts";

describe("tags", () => {
  test("A tag page lists exactly the articles carrying the tag", async () => {
    await buildArticle({ slug: "roaming-1", tags: ["roaming", "eu"] });
    await buildArticle({ slug: "roaming-2", tags: ["roaming"] });
    await buildArticle({ slug: "roaming-eu-only", tags: ["roaming-eu"] });
    await buildArticle({ slug: "untagged" });
    const tag = await listArticlesWithTag("roaming");
    expect(tag?.articles.map((a) => a.slug).sort()).toEqual(["roaming-1", "roaming-2"]);
    expect(await listArticlesWithTag("no-such-tag")).toBeNull();
  });

  test("The tag list counts the articles of each tag; the overview shows the most used", async () => {
    await buildArticle({ slug: "count-a", tags: ["zaehlung"] });
    await buildArticle({ slug: "count-b", tags: ["zaehlung", "zweite"] });
    await buildArticle({ slug: "count-c", tags: ["zaehlung"] });
    const tags = await listTags();
    expect(tags.find((tag) => tag.name === "zaehlung")).toEqual({ name: "zaehlung", count: 3 });
    expect(tags.find((tag) => tag.name === "zweite")).toEqual({ name: "zweite", count: 1 });
    expect(await listPopularTags(1)).toEqual(["zaehlung"]);
  });

  test("Tag autocomplete offers at most 10 names starting with the typed prefix", async () => {
    await buildArticle({
      slug: "many-tags",
      tags: Array.from({ length: 12 }, (_, i) => `vorschlag-${i}`),
    });
    const names = await suggestTags("VORschlag");
    expect(names).toHaveLength(10);
    expect(names.every((name) => name.startsWith("vorschlag-"))).toBe(true);
    expect(await suggestTags("xyz-nothing")).toEqual([]);
  });
});

describe("review dates", () => {
  test("The review list shows overdue articles first, then those due soon, and no later ones", async () => {
    const owner = await buildUser({ name: "Olga Owner" });
    const now = new Date();
    await buildArticle({ slug: "due-in-5-days", reviewAt: addDays(now, 5), ownerId: owner.id });
    await buildArticle({ slug: "overdue-30-days", reviewAt: addDays(now, -30), ownerId: owner.id });
    await buildArticle({ slug: "due-in-60-days", reviewAt: addDays(now, 60) });
    await buildArticle({ slug: "overdue-1-day", reviewAt: addDays(now, -1) });
    await buildArticle({ slug: "no-review-date", reviewAt: null });
    const due = await listArticlesDueForReview(now);
    expect(due.map((a) => [a.slug, a.overdue])).toEqual([
      ["overdue-30-days", true],
      ["overdue-1-day", true],
      ["due-in-5-days", false],
    ]);
    expect(due[0]?.owner?.name).toBe("Olga Owner");
  });
});

test("A long review list comes in pages that continue each other, oldest date first", async () => {
  const now = new Date();
  const before = await countArticlesDueForReview(now);
  const count = REVIEW_PAGE_SIZE + 7 - before;
  for (let n = 0; n < count; n++) {
    await buildArticle({ slug: `due-${n}`, reviewAt: addDays(now, -1 - ((n * 37) % count)) });
  }
  await buildArticle({ slug: "later", reviewAt: addDays(now, 90) });
  expect(await countArticlesDueForReview(now)).toBe(REVIEW_PAGE_SIZE + 7);
  const first = await listArticlesDueForReview(now);
  const second = await listArticlesDueForReview(now, {
    skip: REVIEW_PAGE_SIZE,
    take: REVIEW_PAGE_SIZE,
  });
  expect([first.length, second.length]).toEqual([REVIEW_PAGE_SIZE, 7]);
  const dates = [...first, ...second].map((row) => row.reviewAt!.getTime());
  expect(dates).toEqual([...dates].sort((a, b) => a - b));
  const slugs = new Set([...first, ...second].map((row) => row.slug));
  expect(slugs.size).toBe(REVIEW_PAGE_SIZE + 7);
  expect(slugs.has("later")).toBe(false);
});

describe("Markdown download", () => {
  test("The exported file keeps an internal note as a :::internal fence", async () => {
    await buildArticle({
      slug: "with-note",
      title: "Article with-note",
      tags: ["stoerung"],
      markdown: "Public text.\n\n:::internal\nRoot cause NOC-4711.\n:::",
      reviewAt: new Date("2027-03-01T00:00:00Z"),
    });
    const file = await getArticleMarkdownFile("with-note");
    expect(file?.fileName).toBe("with-note.md");
    expect(file?.text).toContain(":::internal\nRoot cause NOC-4711.\n:::");
    const { data } = matter(file!.text, {});
    expect(data).toMatchObject({
      title: "Article with-note",
      slug: "with-note",
      kind: "howto",
      visibility: "internal",
      tags: ["stoerung"],
      review: "2027-03-01",
    });
    expect(await getArticleMarkdownFile("no-such-article")).toBeNull();
  });
});

describe("backlinks", () => {
  test("Saving an article moves its backlink from the old target to the new one", async () => {
    const editor = await buildUser({ role: "engineer" });
    await buildArticle({ slug: "target-old" });
    await buildArticle({ slug: "target-new" });
    const source = await buildArticle({
      slug: "source",
      title: "Article source",
      markdown: "See [old](/articles/target-old).",
    });
    expect((await getStaffArticle("target-old"))?.backlinks).toEqual([
      { slug: "source", title: "Article source" },
    ]);
    const saved = await saveArticle({
      slug: "source",
      actor: editor.actor,
      baseRevision: source.revision,
      title: source.title,
      content: markdownToContent("See [new](/articles/target-new)."),
      tags: [],
      kind: "howto",
    });
    expect(saved.status).toBe("saved");
    expect((await getStaffArticle("target-old"))?.backlinks).toEqual([]);
    expect((await getStaffArticle("target-new"))?.backlinks).toEqual([
      { slug: "source", title: "Article source" },
    ]);
  });
});
