/** The facets of a search: their URL names, allowed values, and links that toggle them. */
import { ArticleLimits, articleKinds, slugPattern, visibilities } from "./article-limits.ts";
import { incidentStatuses } from "./incident-status.ts";

/** Longest query the search accepts (characters); longer ones are refused, not cut silently. */
export const MAX_QUERY_LENGTH = 200;

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

/** The search URL's query string with one facet value switched on or off. */
export function toggleFacetHref(
  q: string,
  filters: SearchFilters,
  name: FacetName,
  value: string,
): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const facet of facetNames) {
    const chosen = new Set(filters[facet] ?? []);
    if (facet === name) {
      if (chosen.has(value)) chosen.delete(value);
      else chosen.add(value);
    }
    for (const chosenValue of chosen) params.append(facet, chosenValue);
  }
  return `?${params}`;
}
