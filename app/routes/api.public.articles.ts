import type { LoaderFunctionArgs } from "@remix-run/node";

import { listPublicArticles } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { parseApiListQuery } from "~/utils/http.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

/**
 * Public JSON API for community managers and integrations: public articles, searched in the
 * public index. `?q=` searches, otherwise newest first.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { q, limit } = parseApiListQuery(request);
  const origin = publicOrigin(request);
  const articles = q
    ? (await searchArticles({ q, audience: "public", limit })).hits.map((hit) => ({
        slug: hit.slug,
        title: hit.title.map((part) => part.text).join(""),
        kind: hit.kind,
        updatedAt: hit.updatedAt,
        summary: hit.snippet.map((part) => part.text).join(""),
      }))
    : await listPublicArticles(limit);
  const body = JSON.stringify({
    articles: articles.map((article) => ({ ...article, url: `${origin}/help/${article.slug}` })),
  });
  return cacheableResponse(request, body, { "Content-Type": "application/json; charset=utf-8" });
}
