/** The one place that decides which text of an article enters which index. */

import { indexAliases } from "./german.ts";

export interface ArticleDoc {
  id: string;
  slug: string;
  title: string;
  kind: string;
  visibility: "internal" | "public";
  tags: string[];
  body: string;
  /** Extra words from search/german.ts: compound parts ("störung" in "Netzstörung"), ae/oe/ue/ss spellings. */
  aliases: string;
  lang: string;
  updatedAt: number;
  reviewAt: number | null;
}

export interface IndexableArticle {
  id: string;
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  tags: string[];
  bodyText: string;
  publicText: string;
  updatedAt: Date;
  reviewAt: Date | null;
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

function toDoc(article: IndexableArticle, body: string): ArticleDoc {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    visibility: article.visibility === "public" ? "public" : "internal",
    tags: article.tags,
    body,
    aliases: indexAliases(`${article.title} ${body}`),
    lang: guessLanguage(`${article.title} ${body}`),
    updatedAt: article.updatedAt.getTime(),
    reviewAt: article.reviewAt?.getTime() ?? null,
  };
}

/**
 * Returns the staff document (full text, internal notes included) and, only for public
 * articles, the public document built from the public projection (internal notes removed).
 */
export function documentsFor(article: IndexableArticle): {
  staff: ArticleDoc;
  public: ArticleDoc | null;
} {
  return {
    staff: toDoc(article, article.bodyText),
    public: article.visibility === "public" ? toDoc(article, article.publicText) : null,
  };
}
