import type { LoaderFunctionArgs } from "@remix-run/node";

import { presentPublicApiArticle } from "~/models/article-presenters.server.ts";
import { getPublicArticle } from "~/models/article-reads.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

/** One public article as JSON: its customer-facing HTML (no internal notes) and metadata. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const article = await getPublicArticle(requireParam(params, "slug"));
  if (!article) return Response.json({ error: "not_found" }, { status: 404 });
  const body = JSON.stringify(
    presentPublicApiArticle(article, `${publicOrigin(request)}/help/${article.slug}`),
  );
  return cacheableResponse(request, body, { "Content-Type": "application/json; charset=utf-8" });
}
