import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { listPublicArticles } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

const QuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Public JSON API for community managers and integrations: public articles, searched in the
 * public index. `?q=` searches, otherwise newest first.
 */
export async function loader({ request }: LoaderFunctionArgs) {
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
