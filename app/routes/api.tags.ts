import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";

import { ArticleLimits } from "~/models/article-limits.ts";
import { suggestTags } from "~/models/tag.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";

const TagQuerySchema = z.object({ q: z.string().trim().max(ArticleLimits.tag).catch("") });

/** Tag autocomplete for the editor's <datalist>: up to 10 tag names starting with `q`. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const { q } = TagQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json(await suggestTags(q, 10), { headers: { "Cache-Control": "private, max-age=10" } });
}
