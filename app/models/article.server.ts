import { renderContent, type Audience } from "~/editor/content.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

import type { ArticleKind, Visibility } from "./article-limits.ts";

export interface NewArticle {
  title: string;
  slug: string;
  kind: ArticleKind;
  visibility: Visibility;
  tags: string[];
  /** Serialized Lexical state. */
  content: string;
  authorId: string | null;
  updatedAt?: Date;
  reviewAt?: Date | null;
  ownerId?: string | null;
}

type Tx = Prisma.TransactionClient;

/** Records that an article's index documents must be refreshed, inside the caller's transaction. */
export async function enqueueIndexJob(tx: Tx, articleId: string) {
  await tx.searchOutbox.create({ data: { articleId } });
}

async function replaceLinks(tx: Tx, articleId: string, slugs: string[]) {
  await tx.articleLink.deleteMany({ where: { fromId: articleId } });
  if (!slugs.length) return;
  const targets = await tx.article.findMany({
    where: { slug: { in: slugs } },
    select: { id: true },
  });
  const data = targets
    .filter((t) => t.id !== articleId)
    .map((t) => ({ fromId: articleId, toId: t.id }));
  if (data.length) await tx.articleLink.createMany({ data });
}

/**
 * Creates an article with its first revision, tags, links and index job in one transaction.
 * Throws InvalidContentError when the content does not parse.
 */
export async function createArticle(input: NewArticle) {
  const staff = renderContent(input.content, "staff");
  const publicView = renderContent(input.content, "public");
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.create({
      data: {
        slug: input.slug,
        title: input.title,
        kind: input.kind,
        visibility: input.visibility,
        body: input.content,
        bodyText: staff.text,
        publicText: publicView.text,
        revision: 1,
        authorId: input.authorId,
        ownerId: input.ownerId ?? input.authorId,
        reviewAt: input.reviewAt ?? null,
        createdAt: input.updatedAt,
        updatedAt: input.updatedAt,
        tags: {
          connectOrCreate: input.tags.map((name) => ({ where: { name }, create: { name } })),
        },
        revisions: {
          create: {
            number: 1,
            title: input.title,
            body: input.content,
            markdown: staff.markdown,
            authorId: input.authorId,
            createdAt: input.updatedAt,
          },
        },
      },
    });
    await replaceLinks(tx, article.id, staff.linkedSlugs);
    await enqueueIndexJob(tx, article.id);
    return article;
  });
}

/** Recomputes every article's outgoing links from its body (after seeding or an import). */
export async function rebuildAllLinks() {
  const articles = await prisma.article.findMany({ select: { id: true, body: true } });
  for (const article of articles) {
    const { linkedSlugs } = renderContent(article.body, "staff");
    await prisma.$transaction((tx) => replaceLinks(tx, article.id, linkedSlugs));
  }
}

const articleForReading = {
  tags: { select: { name: true }, orderBy: { name: "asc" } },
  author: { select: { name: true } },
  owner: { select: { name: true } },
} satisfies Prisma.ArticleInclude;

/**
 * Returns the article for the audience, or null: the public audience never gets an internal
 * article, and its HTML never contains internal notes.
 */
export async function getArticleForReading(slug: string, audience: Audience) {
  const article = await prisma.article.findUnique({ where: { slug }, include: articleForReading });
  if (!article || (audience === "public" && article.visibility !== "public")) return null;
  const rendered = renderCached(article.id, article.revision, article.body, audience);
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

/** Returns the most recently updated articles visible to the audience. */
export function listRecentArticles(audience: Audience, take = 10) {
  return prisma.article.findMany({
    where: audience === "public" ? { visibility: "public" } : {},
    orderBy: { updatedAt: "desc" },
    take,
    select: { slug: true, title: true, kind: true, visibility: true, updatedAt: true },
  });
}

export function countArticles() {
  return prisma.article.count();
}

// Rendering goes through happy-dom; cache per revision so a spike of readers costs one render.
const renderCache = new Map<string, { html: string }>();
const RENDER_CACHE_SIZE = 500;

function renderCached(id: string, revision: number, body: string, audience: Audience) {
  const key = `${id}:${revision}:${audience}`;
  const hit = renderCache.get(key);
  if (hit) return hit;
  const { html } = renderContent(body, audience);
  if (renderCache.size >= RENDER_CACHE_SIZE) {
    const oldest = renderCache.keys().next().value;
    if (oldest !== undefined) renderCache.delete(oldest);
  }
  renderCache.set(key, { html });
  return { html };
}
