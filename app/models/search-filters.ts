/** The facets of a search: their URL names, allowed values, and links that toggle them. */
import { ArticleLimits, articleKinds, slugPattern, visibilities } from "./article-limits.ts";
import { incidentStatuses } from "./incident-status.ts";

/** Longest query the search accepts (characters); longer ones are refused, not cut silently. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Results per page of the search pages and the API's default: an agent on a call reads the first
 * few; the pager reaches the rest (decision note 016).
 */
export const SEARCH_PAGE_SIZE = 10;

/** The engine counts at most this many matching articles (pagination.maxTotalHits). */
export const MAX_SEARCH_HITS = 1000;

/** The last page the pager offers at SEARCH_PAGE_SIZE. */
export const MAX_SEARCH_PAGE = MAX_SEARCH_HITS / SEARCH_PAGE_SIZE;

export const reviewStates = ["overdue", "current"] as const;

/** URL parameter name → allowed values (null: any tag name). */
export const facetValues = {
  kind: articleKinds,
  tag: null,
  visibility: visibilities,
  review: reviewStates,
  incident: incidentStatuses,
} as const;

export type FacetName = keyof typeof facetValues;
export const facetNames = Object.keys(facetValues) as FacetName[];

/** Facets a public search may show and filter by: none reveals internal state. */
export const publicFacets: readonly FacetName[] = ["kind", "tag"];

/** Chosen values per facet; values of one facet are alternatives, facets combine with AND. */
export type SearchFilters = Partial<Record<FacetName, string[]>>;

export interface FacetCount {
  value: string;
  count: number;
  active: boolean;
}

export interface Facet {
  name: FacetName;
  values: FacetCount[];
}

/** Whether `value` is a valid choice for the facet. */
export function isFacetValue(name: FacetName, value: string): boolean {
  const allowed = facetValues[name];
  if (allowed === null) return value.length <= ArticleLimits.tag && slugPattern.test(value);
  return (allowed as readonly string[]).includes(value);
}

/** The search URL's query string for the query, filters and page (page 1 is left out). */
export function searchHref(q: string, filters: SearchFilters, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const facet of facetNames) {
    for (const value of filters[facet] ?? []) params.append(facet, value);
  }
  if (page > 1) params.set("page", String(page));
  return `?${params}`;
}

/**
 * The search URL's query string with one facet value switched on or off; it starts again at the
 * first page.
 */
export function toggleFacetHref(
  q: string,
  filters: SearchFilters,
  name: FacetName,
  value: string,
): string {
  const chosen = filters[name] ?? [];
  const toggled = chosen.includes(value)
    ? chosen.filter((item) => item !== value)
    : [...chosen, value];
  return searchHref(q, { ...filters, [name]: toggled });
}
