import type { Settings } from "meilisearch";

/** Index names under a prefix: staff see `articles`, anonymous visitors only `articles_public`. */
export function indexNames(prefix: string) {
  return { staff: `${prefix}articles`, public: `${prefix}articles_public` } as const;
}

/** Settings of both article indexes, applied idempotently at start; synonyms come from the glossary. */
export const articleIndexSettings: Settings = {
  searchableAttributes: ["title", "keywords", "tags", "body", "aliases"],
  displayedAttributes: [
    "id",
    "slug",
    "title",
    "kind",
    "visibility",
    "tags",
    "body",
    "updatedAt",
    "reviewAt",
    "lang",
  ],
  filterableAttributes: ["kind", "visibility", "tags", "lang", "reviewAt"],
  sortableAttributes: ["updatedAt", "title"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "updatedAt:desc"],
  typoTolerance: {
    enabled: true,
    // Agents type short product words (eSIM, APN, PUK): allow one typo from 4 letters on.
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
  },
  pagination: { maxTotalHits: 1000 },
};
