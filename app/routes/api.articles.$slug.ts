import type { LoaderFunctionArgs } from "@remix-run/node";

import { presentStaffApiArticle } from "~/models/article-presenters.server.ts";
import { getStaffArticle } from "~/models/article-reads.server.ts";
import { requireApiReader } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";

/** One article for staff tools: metadata and the staff HTML (internal notes included). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiReader(request);
  const article = await getStaffArticle(requireParam(params, "slug"));
  if (!article) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(presentStaffApiArticle(article), {
    headers: { "Cache-Control": "private, no-store" },
  });
}
