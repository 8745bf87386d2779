import { prisma } from "~/utils/db.server.ts";

import { REVIEW_PAGE_SIZE, isReviewOverdue, reviewHorizon } from "./review-dates.ts";

/**
 * Returns a page of the articles whose review date has passed or falls within the review window,
 * oldest date first (so overdue ones lead), with their owner.
 */
export async function listArticlesDueForReview(
  now: Date = new Date(),
  page: { skip: number; take: number } = { skip: 0, take: REVIEW_PAGE_SIZE },
) {
  const rows = await prisma.article.findMany({
    where: { reviewAt: { lte: reviewHorizon(now) } },
    orderBy: [{ reviewAt: "asc" }, { title: "asc" }],
    ...page,
    select: {
      slug: true,
      title: true,
      kind: true,
      visibility: true,
      reviewAt: true,
      owner: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => ({ ...row, overdue: isReviewOverdue(row.reviewAt, now) }));
}

/** Returns how many articles are due for review (overdue or within the review window). */
export function countArticlesDueForReview(now: Date = new Date()) {
  return prisma.article.count({ where: { reviewAt: { lte: reviewHorizon(now) } } });
}
