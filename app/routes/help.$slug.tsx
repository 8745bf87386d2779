import { invariantResponse } from "@epic-web/invariant";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { Backlinks } from "~/components/article-list.tsx";
import { KindBadge, TagList, useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { getPublicArticle } from "~/models/article-reads.server.ts";
import { PUBLIC_CACHE_CONTROL } from "~/utils/cache.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { helpPageTitle, metaT } from "~/utils/meta.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  // Internal and unknown articles are the same 404: existence is not revealed.
  const article = await getPublicArticle(requireParam(params, "slug"));
  invariantResponse(article, "Not found", { status: 404 });
  return json(
    { article },
    { headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Accept-Language" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store",
  Vary: "Accept-Language",
});

export default function HelpArticle() {
  const { article } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <article className="panel" aria-labelledby="article-title">
      <header className="border-b border-slate-200 pb-3">
        <KindBadge kind={article.kind} />
        <h1 id="article-title" className="mt-2 text-2xl font-semibold tracking-tight">
          {article.title}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {t("article.updated", { date: formatDate(article.updatedAt) })}
        </p>
        <div className="mt-2">
          <TagList tags={article.tags} label={t("article.tags")} />
        </div>
      </header>
      <div
        className="article-body prose prose-slate mt-4 max-w-none"
        // Public projection rendered on the server: internal notes already removed.
        dangerouslySetInnerHTML={{ __html: article.html }}
      />
      <Backlinks links={article.backlinks} hrefFor={(slug) => `/help/${slug}`} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: helpPageTitle(metaT(matches), data?.article.title) },
];
