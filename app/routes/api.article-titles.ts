import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { listRecentArticles } from "~/models/article-reads.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";

const TitleQuerySchema = z.object({ q: z.string().trim().max(100).catch("") });

const LIMIT = 8;

/**
 * Article picker of the editor (`[[`): up to 8 `{ slug, title }` matching `q` in the staff index
 * (recently updated articles for an empty query). Staff only, like everything internal.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const { q } = TitleQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const titles = q
    ? (await searchArticles({ q, audience: "staff", limit: LIMIT })).hits.map((hit) => ({
        slug: hit.slug,
        title: hit.title.map((part) => part.text).join(""),
      }))
    : (await listRecentArticles(LIMIT)).map(({ slug, title }) => ({ slug, title }));
  return json(titles, { headers: { "Cache-Control": "private, max-age=10" } });
}
