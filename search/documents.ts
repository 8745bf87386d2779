/** The one place that decides which text of an article enters which index. */

import { activeStatuses } from "../app/models/incident-status.ts";

import { indexAliases } from "./german.ts";
import { splitSections } from "./sections.ts";

/**
 * One passage of an article (a section under a heading, or a piece of a long one). Searches use
 * `distinct: "articleId"`, so an article appears once, with its best passage.
 */
export interface ArticleDoc {
  /** `<articleId>_<n>` */
  id: string;
  articleId: string;
  /** Position of the passage in the article, from 0; older passages past the last are deleted. */
  n: number;
  slug: string;
  title: string;
  heading: string;
  text: string;
  /** "Also known as" terms, searched with the title's weight (public text of a public article). */
  keywords: string[];
  kind: string;
  visibility: "internal" | "public";
  tags: string[];
  /** Extra words from search/german.ts: compound parts ("störung" in "Netzstörung"), ae/oe/ue/ss spellings. */
  aliases: string;
  lang: string;
  updatedAt: number;
  reviewAt: number | null;
  /**
   * "overdue" once reviewAt has passed, as of indexing: a facet the search counts in its one
   * engine query. refreshReviewStates re-indexes passages whose date has passed since.
   */
  reviewState: "overdue" | "current";
  /** The incident's status for articles of kind "incident", else null. */
  incidentStatus: string | null;
  /** The article id while it is an active incident: a facet naming the incidents to pin. */
  activeIncidentId: string | null;
}

/**
 * Fields the app filters or facets on that older versions did not write. An index holding a
 * passage without one of them was written by an older version and is rebuilt at start
 * (rebuildIfOutdated in app/models/search.server.ts). Add a field here when adding one above.
 */
export const REQUIRED_FIELDS = ["reviewState", "activeIncidentId"] as const;

export interface IndexableArticle {
  id: string;
  slug: string;
  title: string;
  keywords: string[];
  kind: string;
  visibility: string;
  tags: string[];
  /** Lexical JSON of the current revision: the source of the sections. */
  body: string;
  bodyText: string;
  publicText: string;
  updatedAt: Date;
  reviewAt: Date | null;
  incidentStatus: string | null;
}

/** Guesses the article language from function words; only used as a search filter. */
export function guessLanguage(text: string): "de" | "en" {
  const sample = ` ${text.slice(0, 2000).toLowerCase()} `;
  const count = (words: string[]) =>
    words.reduce((sum, word) => sum + sample.split(` ${word} `).length - 1, 0);
  return count(["der", "die", "das", "und", "nicht", "ist", "mit", "sie"]) >=
    count(["the", "and", "not", "is", "with", "you", "to", "of"])
    ? "de"
    : "en";
}

function toDocs(
  article: IndexableArticle,
  audience: "staff" | "public",
  now: Date,
): ArticleDoc[] {
  const plainText = audience === "public" ? article.publicText : article.bodyText;
  const sections = splitSections(article.body, audience) ?? [{ heading: "", text: plainText }];
  // An article without text still gets one passage, so its title stays findable.
  if (!sections.length) sections.push({ heading: "", text: "" });
  const lang = guessLanguage(`${article.title} ${plainText}`);
  const incidentStatus = article.kind === "incident" ? article.incidentStatus : null;
  const active = (activeStatuses as readonly (string | null)[]).includes(incidentStatus);
  const overdue = article.reviewAt !== null && article.reviewAt.getTime() < now.getTime();
  return sections.map((section, n) => {
    const words = `${article.title} ${section.heading} ${section.text}`;
    return {
      id: `${article.id}_${n}`,
      articleId: article.id,
      n,
      slug: article.slug,
      title: article.title,
      keywords: article.keywords,
      heading: section.heading,
      text: section.text,
      kind: article.kind,
      visibility: article.visibility === "public" ? "public" : "internal",
      tags: article.tags,
      aliases: indexAliases(words),
      lang,
      updatedAt: article.updatedAt.getTime(),
      reviewAt: article.reviewAt?.getTime() ?? null,
      reviewState: overdue ? "overdue" : "current",
      incidentStatus,
      activeIncidentId: active ? article.id : null,
    };
  });
}

/**
 * Returns the staff passages (full text, internal notes included) and, only for public
 * articles, the public passages built without internal notes (empty for internal articles).
 */
export function documentsFor(
  article: IndexableArticle,
  now = new Date(),
): {
  staff: ArticleDoc[];
  public: ArticleDoc[];
} {
  return {
    staff: toDocs(article, "staff", now),
    public: article.visibility === "public" ? toDocs(article, "public", now) : [],
  };
}
