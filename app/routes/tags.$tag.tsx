import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import {
  KindBadge,
  ReviewOverdueBadge,
  VisibilityBadge,
  useFormatDate,
} from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { isReviewOverdue } from "~/models/review-dates.ts";
import { listArticlesWithTag } from "~/models/tag.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const tag = await listArticlesWithTag(requireParam(params, "tag"));
  invariantResponse(tag, "Tag not found", { status: 404 });
  const now = new Date();
  return json({
    tag: tag.name,
    articles: tag.articles.map((article) => ({
      slug: article.slug,
      title: article.title,
      kind: article.kind,
      visibility: article.visibility,
      updatedAt: article.updatedAt.toISOString(),
      reviewAt: article.reviewAt?.toISOString() ?? null,
      reviewOverdue: isReviewOverdue(article.reviewAt, now),
    })),
  });
}

export default function TagPage() {
  const { tag, articles } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section aria-labelledby="tag-title" className="space-y-3">
      <div className="flex items-baseline gap-3">
        <h1 id="tag-title" className="text-xl font-semibold">
          {t("tags.tagged", { tag })}
        </h1>
        <span className="text-sm text-slate-500">
          {t("tags.articleCount", { count: articles.length })}
        </span>
        <Link to="/tags" className="ml-auto text-sm text-blue-700 underline">
          {t("tags.all")}
        </Link>
      </div>
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
        {articles.map((article) => (
          <li
            key={article.slug}
            className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2"
          >
            <Link to={`/articles/${article.slug}`} className="result-link font-medium">
              {article.title}
            </Link>
            <KindBadge kind={article.kind} />
            <VisibilityBadge visibility={article.visibility} />
            {article.reviewOverdue && article.reviewAt ? (
              <ReviewOverdueBadge reviewAt={article.reviewAt} />
            ) : null}
            <span className="ml-auto shrink-0 text-xs text-slate-500">
              {t("article.updated", { date: formatDate(article.updatedAt) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <NoSuchTag /> }} />;
}

function NoSuchTag() {
  const { t } = useTranslation();
  return <p>{t("tags.notFound")}</p>;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data && `#${data.tag}`) },
];
