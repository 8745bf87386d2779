import type { LoaderFunctionArgs } from "@remix-run/node";

import { getArticleForReading } from "~/models/article.server.ts";
import { requireApiReader } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";

/** One article for staff tools: metadata and the staff HTML (internal notes included). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiReader(request);
  const found = await getArticleForReading(requireParam(params, "slug"), "staff");
  if (!found) return Response.json({ error: "not_found" }, { status: 404 });
  const { article, html } = found;
  return Response.json(
    {
      slug: article.slug,
      title: article.title,
      kind: article.kind,
      visibility: article.visibility,
      tags: article.tags.map((tag) => tag.name),
      revision: article.revision,
      updatedAt: article.updatedAt.toISOString(),
      html,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
