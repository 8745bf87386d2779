/**
 * The only shapes in which article data leaves the model for a loader, feed or API: each
 * presenter names the fields its audience may see, so a new route cannot leak internal text or
 * fields by forgetting to drop them (cf. outline: server/presenters/document.ts). Read functions
 * select with the `*Select`/`*Include` objects here and return a presenter's result.
 */
import type { Audience } from "~/editor/content.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

import { isReviewOverdue } from "./review-dates.ts";

/** Text split into plain and matched runs (search highlighting, never HTML). */
export type Highlighted = { text: string; match: boolean }[];

/** An article another one links to, or that links to it. */
export interface ArticleRef {
  slug: string;
  title: string;
}

/** What the help centre and the public API show of one article: no internal text or fields. */
export interface PublicArticle {
  slug: string;
  title: string;
  kind: string;
  tags: string[];
  updatedAt: string;
  /** HTML without internal notes; links only to public articles. */
  html: string;
  /** Public articles linking here. */
  backlinks: ArticleRef[];
}

/** What staff read of one article (the article page, staff API, incident page). */
export interface StaffArticle {
  id: string;
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  tags: string[];
  revision: number;
  updatedAt: string;
  /** Who saved the head revision ("Updated … by"), else the author. */
  author: string | null;
  owner: string | null;
  reviewAt: string | null;
  reviewOverdue: boolean;
  /** HTML with internal notes. */
  html: string;
  backlinks: ArticleRef[];
}

/** A public article in a listing, feed or sitemap. */
export interface PublicListItem {
  slug: string;
  title: string;
  kind: string;
  updatedAt: string;
  /** The start of the public text. */
  summary: string;
}

/** An article in a staff listing. */
export interface StaffListItem {
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  updatedAt: string;
}

/** One search result; a public search only ever finds public text. */
export interface SearchHit {
  slug: string;
  title: Highlighted;
  /** The heading of the best matching passage (empty before an article's first heading). */
  heading: Highlighted;
  /** A crop of the best matching passage. */
  snippet: Highlighted;
  kind: string;
  visibility: string;
  tags: string[];
  updatedAt: string;
  /** ISO date of the next review, or null; past dates mark possibly stale content. */
  reviewAt: string | null;
  /** The incident's status for incident articles, else null. */
  incidentStatus: string | null;
  lang: string | null;
}

/** The relations an article page (public or staff) needs beside the article's own fields. */
export const articleReadInclude = {
  tags: { select: { name: true }, orderBy: { name: "asc" } },
  author: { select: { name: true } },
  owner: { select: { name: true } },
  // The head revision's author is who changed it last ("Updated … by").
  revisions: {
    orderBy: { number: "desc" },
    take: 1,
    select: { author: { select: { name: true } } },
  },
} satisfies Prisma.ArticleInclude;

type ArticleReadRow = Prisma.ArticleGetPayload<{ include: typeof articleReadInclude }>;

/** The public projection of an article read with articleReadInclude. */
export function presentPublicArticle(
  article: ArticleReadRow,
  html: string,
  backlinks: ArticleRef[],
): PublicArticle {
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    tags: article.tags.map((tag) => tag.name),
    updatedAt: article.updatedAt.toISOString(),
    html,
    backlinks: backlinks.map(presentRef),
  };
}

/** The staff view of an article read with articleReadInclude. */
export function presentStaffArticle(
  article: ArticleReadRow,
  html: string,
  backlinks: ArticleRef[],
): StaffArticle {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    visibility: article.visibility,
    tags: article.tags.map((tag) => tag.name),
    revision: article.revision,
    updatedAt: article.updatedAt.toISOString(),
    author: article.revisions[0]?.author?.name ?? article.author?.name ?? null,
    owner: article.owner?.name ?? null,
    reviewAt: article.reviewAt?.toISOString() ?? null,
    reviewOverdue: isReviewOverdue(article.reviewAt),
    html,
    backlinks: backlinks.map(presentRef),
  };
}

function presentRef(ref: ArticleRef): ArticleRef {
  return { slug: ref.slug, title: ref.title };
}

/** The fields presentPublicListItem needs. */
export const publicListSelect = {
  slug: true,
  title: true,
  kind: true,
  updatedAt: true,
  publicText: true,
} satisfies Prisma.ArticleSelect;

/** A public article in a listing: its summary comes from the public text only. */
export function presentPublicListItem(
  row: Prisma.ArticleGetPayload<{ select: typeof publicListSelect }>,
): PublicListItem {
  return {
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    updatedAt: row.updatedAt.toISOString(),
    summary: row.publicText.slice(0, 280),
  };
}

/** The fields presentStaffListItem needs. */
export const staffListSelect = {
  slug: true,
  title: true,
  kind: true,
  visibility: true,
  updatedAt: true,
} satisfies Prisma.ArticleSelect;

/** An article in a staff listing. */
export function presentStaffListItem(
  row: Prisma.ArticleGetPayload<{ select: typeof staffListSelect }>,
): StaffListItem {
  return {
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    visibility: row.visibility,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A search result from the search engine's document fields and highlighted title and text. */
export function presentSearchHit(
  doc: {
    slug: string;
    kind: string;
    visibility: string;
    tags: string[];
    updatedAt: number;
    reviewAt: number | null;
    incidentStatus?: string | null;
    lang?: string;
  },
  highlighted: { title: Highlighted; heading: Highlighted; snippet: Highlighted },
): SearchHit {
  return {
    slug: doc.slug,
    ...highlighted,
    kind: doc.kind,
    visibility: doc.visibility,
    tags: doc.tags,
    updatedAt: new Date(doc.updatedAt).toISOString(),
    reviewAt: doc.reviewAt ? new Date(doc.reviewAt).toISOString() : null,
    incidentStatus: doc.incidentStatus ?? null,
    lang: doc.lang ?? null,
  };
}

/** The fields presentFallbackHit needs. */
export const fallbackHitInclude = {
  tags: { select: { name: true } },
} satisfies Prisma.ArticleInclude;

/**
 * A search result found in SQLite while the engine is down, with the title and snippet the
 * full-text index marked (the public audience's snippet is cut from the public text only).
 */
export function presentFallbackHit(
  row: Prisma.ArticleGetPayload<{ include: typeof fallbackHitInclude }>,
  marked: { title: Highlighted; snippet: Highlighted },
): SearchHit {
  return {
    slug: row.slug,
    title: marked.title,
    heading: [],
    snippet: marked.snippet,
    kind: row.kind,
    visibility: row.visibility,
    tags: row.tags.map((tag) => tag.name),
    updatedAt: row.updatedAt.toISOString(),
    reviewAt: row.reviewAt?.toISOString() ?? null,
    incidentStatus: null,
    lang: null,
  };
}

const joined = (parts: Highlighted) => parts.map((part) => part.text).join("");

/** A public search result as a listing item (the public API answers searches with these). */
export function publicListItemFromHit(hit: SearchHit): PublicListItem {
  return {
    slug: hit.slug,
    title: joined(hit.title),
    kind: hit.kind,
    updatedAt: hit.updatedAt,
    summary: joined(hit.snippet),
  };
}

/** One public article in the public JSON API: the public projection without backlinks. */
export function presentPublicApiArticle(article: PublicArticle, url: string) {
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    tags: article.tags,
    updatedAt: article.updatedAt,
    html: article.html,
    url,
  };
}

/** A listing item in the public JSON API. */
export function presentPublicApiListItem(item: PublicListItem, url: string) {
  return {
    slug: item.slug,
    title: item.title,
    kind: item.kind,
    updatedAt: item.updatedAt,
    summary: item.summary,
    url,
  };
}

/** One article in the staff JSON API. */
export function presentStaffApiArticle(article: StaffArticle) {
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    visibility: article.visibility,
    tags: article.tags,
    revision: article.revision,
    updatedAt: article.updatedAt,
    html: article.html,
  };
}

/** A search result in the staff JSON API (and the editor's article picker): plain text. */
export function presentStaffApiHit(hit: SearchHit) {
  return {
    slug: hit.slug,
    title: joined(hit.title),
    kind: hit.kind,
    visibility: hit.visibility,
    tags: hit.tags,
    updatedAt: hit.updatedAt,
    snippet: joined(hit.snippet),
  };
}

/**
 * A hit of /api/search. The public audience gets the fields of the help centre only: no
 * visibility, review date or incident status.
 */
export function presentSearchApiHit(hit: SearchHit, audience: Audience) {
  const common = {
    slug: hit.slug,
    url: audience === "public" ? `/help/${hit.slug}` : `/articles/${hit.slug}`,
    title: hit.title,
    heading: hit.heading,
    snippet: hit.snippet,
    kind: hit.kind,
    tags: hit.tags,
    updatedAt: hit.updatedAt,
  };
  if (audience === "public") return common;
  return {
    ...common,
    visibility: hit.visibility,
    reviewAt: hit.reviewAt,
    reviewOverdue: isReviewOverdue(hit.reviewAt),
    incidentStatus: hit.incidentStatus,
  };
}
