import type { Settings } from "meilisearch";

import { MAX_SEARCH_HITS } from "../app/models/search-filters.ts";

import { stopWords } from "./stop-words.ts";

/** Index names under a prefix: staff see `articles`, anonymous visitors only `articles_public`. */
export function indexNames(prefix: string) {
  return { staff: `${prefix}articles`, public: `${prefix}articles_public` } as const;
}

/** Settings of both article indexes, applied idempotently at start; synonyms come from the glossary. */
export const articleIndexSettings: Settings = {
  searchableAttributes: ["title", "keywords", "tags", "heading", "text", "aliases"],
  displayedAttributes: [
    "id",
    "articleId",
    "slug",
    "title",
    "heading",
    "text",
    "kind",
    "visibility",
    "tags",
    "updatedAt",
    "reviewAt",
    "reviewState",
    "lang",
    "incidentStatus",
  ],
  // One hit per article, its best passage (searches may still turn it off).
  distinctAttribute: "articleId",
  filterableAttributes: [
    "articleId",
    "n",
    "kind",
    "visibility",
    "tags",
    "lang",
    "reviewAt",
    "reviewState",
    "incidentStatus",
    "activeIncidentId",
  ],
  sortableAttributes: ["updatedAt", "title", "lang"],
  faceting: { maxValuesPerFacet: 50, sortFacetValuesBy: { "*": "count" } },
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "updatedAt:desc"],
  typoTolerance: {
    enabled: true,
    // Agents type short product words (eSIM, APN, PUK): allow one typo from 4 letters on.
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    // Postcodes, ticket and change numbers: "20095" must never find "20059".
    disableOnNumbers: true,
  },
  stopWords,
  pagination: { maxTotalHits: MAX_SEARCH_HITS },
};
