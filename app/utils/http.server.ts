import type { Params } from "@remix-run/react";
import { z } from "zod";

import {
  MAX_QUERY_LENGTH,
  MAX_SEARCH_PAGE,
  SEARCH_PAGE_SIZE,
  facetNames,
  isFacetValue,
  publicFacets,
  type SearchFilters,
} from "~/models/search-filters.ts";

/** Returns the route param or throws a 404 Response when it is missing. */
export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (!value) throw new Response("Not found", { status: 404 });
  return value;
}

// Lives in a .server module: a schema at the top of a route module would ship zod to the browser.
const ApiListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Parses `?q=&limit=` of the JSON APIs; throws a 400 JSON Response naming each bad parameter. */
export function parseApiListQuery(request: Request): z.infer<typeof ApiListQuerySchema> {
  const parsed = ApiListQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (parsed.success) return parsed.data;
  throw Response.json(
    {
      error: "invalid_query",
      issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    },
    { status: 400 },
  );
}

/** Something in a search URL that was not understood (pages show it, the API refuses it). */
export type SearchProblem =
  | { kind: "too-long"; limit: number }
  | { kind: "not-available"; facet: string }
  | { kind: "unknown-value"; facet: string; value: string }
  | { kind: "bad-page"; max: number };

/** A search URL read leniently (the page) or strictly (the API). */
export interface ParsedSearch {
  q: string;
  filters: SearchFilters;
  /** The results page asked for, from 1. */
  page: number;
  /** What was not understood: `name=value` pairs dropped, or a query that was too long. */
  problems: SearchProblem[];
}

/** A problem as the API's `issues` name it (English, stable). */
export function describeProblem(problem: SearchProblem): string {
  switch (problem.kind) {
    case "too-long":
      return `q: at most ${problem.limit} characters`;
    case "not-available":
      return `${problem.facet}: not available`;
    case "unknown-value":
      return `${problem.facet}=${problem.value}: unknown value`;
    case "bad-page":
      return `page: a whole number from 1 to ${problem.max}`;
  }
}

const PageSchema = z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(1);

const ListPageSchema = z.coerce.number().int().min(1).max(1_000_000);

/** `?page=` of a paged list: a whole number from 1; anything else is the first page. */
export function parsePage(request: Request): number {
  const page = ListPageSchema.safeParse(new URL(request.url).searchParams.get("page") || undefined);
  return page.success ? page.data : 1;
}

// Control characters never mean anything in a query; they become spaces.
const controlCharacters = /[\p{Cc}\p{Cf}]/gu;

/**
 * Reads `q` and the facet filters (facetValues) of a search URL. Unknown values, unknown facets
 * of the audience and an over-long query are listed in `problems`; the page shows them, the API
 * refuses them with 400 (parseApiSearch).
 */
export function parseSearch(request: Request, audience: "staff" | "public"): ParsedSearch {
  const params = new URL(request.url).searchParams;
  const problems: SearchProblem[] = [];
  let q = (params.get("q") ?? "").replace(controlCharacters, " ").replace(/\s+/g, " ").trim();
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({ kind: "too-long", limit: MAX_QUERY_LENGTH });
    q = q.slice(0, MAX_QUERY_LENGTH).trim();
  }
  const allowed = audience === "public" ? publicFacets : facetNames;
  const filters: SearchFilters = {};
  for (const name of facetNames) {
    const values = [...new Set(params.getAll(name))].filter(Boolean);
    if (!values.length) continue;
    if (!allowed.includes(name)) {
      problems.push({ kind: "not-available", facet: name });
      continue;
    }
    const good = values.filter((value) => isFacetValue(name, value));
    for (const bad of values.filter((value) => !isFacetValue(name, value))) {
      problems.push({ kind: "unknown-value", facet: name, value: bad.slice(0, 40) });
    }
    if (good.length) filters[name] = good.slice(0, 20);
  }
  const page = PageSchema.safeParse(params.get("page") || undefined);
  if (!page.success) problems.push({ kind: "bad-page", max: MAX_SEARCH_PAGE });
  return { q, filters, page: page.success ? page.data : 1, problems };
}

/**
 * parseSearch for the JSON API, plus `limit` (1 to 50, default SEARCH_PAGE_SIZE as on the pages):
 * anything not understood, an unknown parameter included, is a 400 naming each problem.
 */
export function parseApiSearch(
  request: Request,
  audience: "staff" | "public",
): Omit<ParsedSearch, "problems"> & { limit: number } {
  const parsed = parseSearch(request, audience);
  const params = new URL(request.url).searchParams;
  const known = new Set<string>(["q", "limit", "page", ...facetNames]);
  const problems = parsed.problems.map(describeProblem);
  for (const name of new Set(params.keys())) {
    if (!known.has(name)) problems.push(`${name.slice(0, 40)}: unknown parameter`);
  }
  const limit = ApiSearchLimitSchema.safeParse(params.get("limit") ?? undefined);
  if (!limit.success) problems.push("limit: a whole number from 1 to 50");
  if (!problems.length && limit.success) return { ...parsed, limit: limit.data };
  throw Response.json({ error: "invalid_query", issues: problems }, { status: 400 });
}

const ApiSearchLimitSchema = z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE);
