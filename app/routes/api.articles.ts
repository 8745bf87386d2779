import type { LoaderFunctionArgs } from "@remix-run/node";

import { listRecentArticles } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { requireApiReader } from "~/utils/auth.server.ts";
import { parseApiListQuery } from "~/utils/http.server.ts";

/** Staff read API (bearer token or session): searches all articles, internal ones included. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiReader(request);
  const { q, limit } = parseApiListQuery(request);
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
