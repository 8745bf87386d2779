import type { LoaderFunctionArgs } from "@remix-run/node";

import { presentStaffApiHit } from "~/models/article-presenters.server.ts";
import { listRecentArticles } from "~/models/article-reads.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { requireApiReader } from "~/utils/auth.server.ts";
import { parseApiListQuery } from "~/utils/http.server.ts";

/** Staff read API (bearer token or session): searches all articles, internal ones included. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiReader(request);
  const { q, limit } = parseApiListQuery(request);
  if (!q) {
    return Response.json(
      { articles: await listRecentArticles(limit) },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  }
  const result = await searchArticles({ q, audience: "staff", limit });
  return Response.json(
    {
      searchAvailable: result.status === "ok",
      articles: result.hits.map(presentStaffApiHit),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
