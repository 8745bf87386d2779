import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getArticleMarkdownFile } from "~/models/markdown-io.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";

/** The article as a Markdown file with front matter (internal notes as `:::internal` fences). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const file = await getArticleMarkdownFile(requireParam(params, "slug"));
  invariantResponse(file, "Article not found", { status: 404 });
  return new Response(file.text, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
