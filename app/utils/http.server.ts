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
