import type { LoaderFunctionArgs } from "@remix-run/node";

import { getPublicArticle } from "~/models/article.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

/** One public article as JSON: its customer-facing HTML (no internal notes) and metadata. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const article = await getPublicArticle(requireParam(params, "slug"));
  if (!article) return Response.json({ error: "not_found" }, { status: 404 });
  const { backlinks: _backlinks, ...fields } = article;
  const body = JSON.stringify({ ...fields, url: `${publicOrigin(request)}/help/${article.slug}` });
  return cacheableResponse(request, body, { "Content-Type": "application/json; charset=utf-8" });
}
