/**
 * Reading articles: every function returns a presenter's result (article-presenters.server.ts),
 * never a database row, so what a page or API may show is decided here once.
 */
import type { Audience } from "~/editor/content.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { markdownOf } from "./article-content.server.ts";
import {
  articleReadInclude,
  presentPublicArticle,
  presentPublicListItem,
  presentStaffArticle,
  presentStaffListItem,
  publicListSelect,
  staffListSelect,
  type PublicArticle,
  type PublicListItem,
  type StaffArticle,
  type StaffListItem,
} from "./article-presenters.server.ts";
import { parseKeywords } from "./article-rules.ts";
import { renderCached } from "./render-cache.server.ts";

/**
 * Reads an article with its HTML and backlinks for the audience, or null: the public audience
 * never gets an internal article, and its HTML never contains internal notes.
 */
async function readArticle(slug: string, audience: Audience) {
  const article = await prisma.article.findUnique({ where: { slug }, include: articleReadInclude });
  if (!article || (audience === "public" && article.visibility !== "public")) return null;
  const publicTargets =
    audience === "public"
      ? (
          await prisma.articleLink.findMany({
            where: { fromId: article.id, to: { visibility: "public" } },
            select: { to: { select: { slug: true } } },
          })
        ).map((link) => link.to.slug)
      : [];
  const rendered = renderCached(article, audience, publicTargets);
  const backlinks = await prisma.article.findMany({
    where: {
      linksOut: { some: { toId: article.id } },
      ...(audience === "public" ? { visibility: "public" } : {}),
    },
    select: { slug: true, title: true },
    orderBy: { title: "asc" },
  });
  return { article, html: rendered.html, backlinks };
}

/**
 * The public projection of an article: only fields a customer may see, HTML without internal
 * notes. Returns null for internal or unknown articles.
 */
export async function getPublicArticle(slug: string): Promise<PublicArticle | null> {
  const found = await readArticle(slug, "public");
  return found && presentPublicArticle(found.article, found.html, found.backlinks);
}

/** The staff view of an article (internal notes included), or null for an unknown slug. */
export async function getStaffArticle(slug: string): Promise<StaffArticle | null> {
  const found = await readArticle(slug, "staff");
  return found && presentStaffArticle(found.article, found.html, found.backlinks);
}

/** Whether a public article has this slug (internal and unknown ones are alike). */
export async function isPublicArticle(slug: string): Promise<boolean> {
  const article = await prisma.article.findUnique({
    where: { slug },
    select: { visibility: true },
  });
  return article?.visibility === "public";
}

/** Returns the most recently updated articles visible to staff. */
export async function listRecentArticles(take = 10): Promise<StaffListItem[]> {
  const rows = await prisma.article.findMany({
    orderBy: { updatedAt: "desc" },
    take,
    select: staffListSelect,
  });
  return rows.map(presentStaffListItem);
}

/** Public articles for listings, feed and sitemap: slug, title, kind, date and public text. */
export async function listPublicArticles(take = 50): Promise<PublicListItem[]> {
  const rows = await prisma.article.findMany({
    where: { visibility: "public" },
    orderBy: { updatedAt: "desc" },
    take,
    select: publicListSelect,
  });
  return rows.map(presentPublicListItem);
}

/**
 * The article as the editor needs it: fields, head revision, serialized content and its Markdown
 * (for the no-JavaScript form). Returns null for an unknown slug.
 */
export async function getArticleForEditing(slug: string) {
  const article = await prisma.article.findUnique({
    where: { slug },
    include: { tags: { select: { name: true }, orderBy: { name: "asc" } } },
  });
  if (!article) return null;
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    visibility: article.visibility,
    tags: article.tags.map((tag) => tag.name),
    keywords: parseKeywords(article.keywords),
    ownerId: article.ownerId,
    reviewAt: article.reviewAt,
    revision: article.revision,
    content: article.body,
    markdown: markdownOf(article.body, ""),
  };
}
