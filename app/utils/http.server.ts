import type { Params } from "@remix-run/react";
import { z } from "zod";

/** Returns the route param or throws a 404 Response when it is missing. */
export function requireParam(params: Params, name: string): string {
  const value = params[name];
  if (!value) throw new Response("Not found", { status: 404 });
  return value;
}

// Lives in a .server module: a schema at the top of a route module would ship zod to the browser.
const SearchQuerySchema = z.object({ q: z.string().trim().max(200).catch("") });

/** Returns the trimmed `q` of a search URL ("" when missing or longer than 200 characters). */
export function parseSearchQuery(request: Request): string {
  return SearchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)).q;
}
