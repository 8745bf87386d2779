import type { LoaderFunctionArgs } from "@remix-run/node";

import { i18nServer } from "~/i18n.server.ts";
import { presentSearchApiHit } from "~/models/article-presenters.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { addressGroup } from "~/models/sign-in.server.ts";
import { identifySearchCaller } from "~/utils/auth.server.ts";
import { parseApiSearch } from "~/utils/http.server.ts";
import { searchApiLimit } from "~/utils/search-api-limit.server.ts";

/**
 * The search page's results as JSON: hits with highlighted runs, facets with counts and (staff
 * only) pinned active incidents. Internal tokens and staff sessions search the staff index;
 * public tokens and anonymous callers only ever the public one. Rate limited per caller.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await identifySearchCaller(request);
  const key = caller.id
    ? `${caller.kind}:${caller.id}`
    : `address:${addressGroup(context.clientIp)}`;
  const allowed = searchApiLimit(caller.kind).take(key);
  if (!allowed.ok) {
    throw Response.json(
      { error: "rate_limited", message: "Too many searches; try again shortly." },
      { status: 429, headers: { "Retry-After": String(allowed.retryAfterSeconds) } },
    );
  }
  const { q, filters, limit, page } = parseApiSearch(request, caller.audience);
  const lang = await i18nServer.getLocale(request);
  const result = await searchArticles({
    q,
    audience: caller.audience,
    filters,
    lang,
    limit,
    page,
  });
  return Response.json(
    {
      query: q,
      audience: caller.audience === "staff" ? "internal" : "public",
      searchAvailable: result.status === "ok",
      total: result.total,
      page: result.paging.page,
      totalPages: result.paging.totalPages,
      hits: result.hits.map((hit) => presentSearchApiHit(hit, caller.audience)),
      facets: result.facets,
      pinned: result.pinned,
    },
    { headers: { "Cache-Control": "private, no-store", Vary: "Authorization, Cookie" } },
  );
}
