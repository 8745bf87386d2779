/** Links between articles, kept as rows so backlinks and public link targets are one query. */
import { renderContent } from "~/editor/content.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

/** Replaces the article's outgoing links by links to the given slugs, in the caller's transaction. */
export async function replaceLinks(
  tx: Prisma.TransactionClient,
  articleId: string,
  slugs: string[],
) {
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

/** Recomputes every article's outgoing links from its body (after seeding or an import). */
export async function rebuildAllLinks() {
  const articles = await prisma.article.findMany({ select: { id: true, body: true } });
  for (const article of articles) {
    const { linkedSlugs } = renderContent(article.body, "staff");
    await prisma.$transaction((tx) => replaceLinks(tx, article.id, linkedSlugs));
  }
}
