import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { listRecentArticles } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { requireApiReader } from "~/utils/auth.server.ts";

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Staff read API (bearer token or session): searches all articles, internal ones included. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiReader(request);
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json(
      {
        error: "invalid_query",
        issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      },
      { status: 400 },
    );
  }
  const { q, limit } = parsed.data;
  if (!q) {
    const recent = await listRecentArticles("staff", limit);
    return Response.json(
      { articles: recent.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() })) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  }
  const result = await searchArticles({ q, audience: "staff", limit });
  return Response.json(
    {
      searchAvailable: result.status === "ok",
      articles: result.hits.map((hit) => ({
        slug: hit.slug,
        title: hit.title.map((part) => part.text).join(""),
        kind: hit.kind,
        visibility: hit.visibility,
        tags: hit.tags,
        updatedAt: hit.updatedAt,
        snippet: hit.snippet.map((part) => part.text).join(""),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
