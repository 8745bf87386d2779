/** Articles are listed as due this many days before their review date. */
export const REVIEW_WINDOW_DAYS = 14;

/** Rows per page of the review list: a neglected knowledge base has thousands due. */
export const REVIEW_PAGE_SIZE = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns whether the review date has passed (the article may be stale). */
export function isReviewOverdue(reviewAt: string | Date | null, now: Date = new Date()): boolean {
  return reviewAt !== null && new Date(reviewAt).getTime() < now.getTime();
}

/** The latest review date still listed as due at `now`. */
export function reviewHorizon(now: Date = new Date()): Date {
  return new Date(now.getTime() + REVIEW_WINDOW_DAYS * DAY_MS);
}

/** An article is due for review this many days after it was written, unless set otherwise. */
export const REVIEW_AFTER_DAYS = 180;

/** Adds whole days to a date. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The review date of an article written at `writtenAt` when nobody chose one. */
export function defaultReviewDate(writtenAt: Date = new Date()): Date {
  return addDays(writtenAt, REVIEW_AFTER_DAYS);
}
