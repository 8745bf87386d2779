import type { LoaderFunctionArgs } from "@remix-run/node";

import {
  presentPublicApiListItem,
  publicListItemFromHit,
} from "~/models/article-presenters.server.ts";
import { listPublicArticles } from "~/models/article-reads.server.ts";
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
    ? (await searchArticles({ q, audience: "public", limit })).hits.map(publicListItemFromHit)
    : await listPublicArticles(limit);
  const body = JSON.stringify({
    articles: articles.map((article) =>
      presentPublicApiListItem(article, `${origin}/help/${article.slug}`),
    ),
  });
  return cacheableResponse(request, body, { "Content-Type": "application/json; charset=utf-8" });
}
