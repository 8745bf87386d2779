import { prisma } from "~/utils/db.server.ts";

import { ArticleLimits } from "./article-limits.ts";
import { normalizeTag } from "./article-rules.ts";

/** Returns every tag in use with its number of articles, alphabetically. */
export async function listTags() {
  const tags = await prisma.tag.findMany({
    where: { articles: { some: {} } },
    orderBy: { name: "asc" },
    select: { name: true, _count: { select: { articles: true } } },
  });
  return tags.map((tag) => ({ name: tag.name, count: tag._count.articles }));
}

/** Returns the `limit` most used tags, alphabetically (a compact overview). */
export async function listPopularTags(limit: number) {
  const tags = await prisma.tag.findMany({
    where: { articles: { some: {} } },
    orderBy: [{ articles: { _count: "desc" } }, { name: "asc" }],
    take: limit,
    select: { name: true },
  });
  return tags.map((tag) => tag.name).sort();
}

/** Returns the articles carrying the tag (staff view, newest first), or null for an unknown tag. */
export async function listArticlesWithTag(name: string) {
  const tag = await prisma.tag.findUnique({
    where: { name },
    select: {
      name: true,
      articles: {
        orderBy: { updatedAt: "desc" },
        select: {
          slug: true,
          title: true,
          kind: true,
          visibility: true,
          updatedAt: true,
          reviewAt: true,
        },
      },
    },
  });
  return tag;
}

/** Returns up to `limit` tag names starting with the prefix, for autocomplete. */
export async function suggestTags(prefix: string, limit = 10) {
  // Typed as people type tags ("Wi Fi", "Stö"), matched against tags as stored.
  const q = normalizeTag(prefix).slice(0, ArticleLimits.tag);
  const tags = await prisma.tag.findMany({
    where: q ? { name: { startsWith: q } } : {},
    orderBy: { name: "asc" },
    take: limit,
    select: { name: true },
  });
  return tags.map((tag) => tag.name);
}
