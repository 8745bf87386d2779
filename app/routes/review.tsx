import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ReviewOverdueBadge, useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { Pager } from "~/components/pager.tsx";
import { getTranslator } from "~/i18n.server.ts";
import { REVIEW_PAGE_SIZE, REVIEW_WINDOW_DAYS } from "~/models/review-dates.ts";
import { countArticlesDueForReview, listArticlesDueForReview } from "~/models/review.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { parsePage } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const t = await getTranslator(request);
  const page = parsePage(request);
  const now = new Date();
  const [due, total] = await Promise.all([
    listArticlesDueForReview(now, { skip: (page - 1) * REVIEW_PAGE_SIZE, take: REVIEW_PAGE_SIZE }),
    countArticlesDueForReview(now),
  ]);
  return json({
    pageTitle: t("review.title"),
    page,
    total,
    articles: due.map((article) => ({
      slug: article.slug,
      title: article.title,
      reviewAt: article.reviewAt?.toISOString() ?? null,
      overdue: article.overdue,
      owner: article.owner?.name ?? null,
    })),
  });
}

export default function ReviewPage() {
  const { articles, page, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <section className="panel" aria-labelledby="review-title">
      <h1 id="review-title" className="text-xl font-semibold">
        {t("review.title")}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {t("review.intro", { days: REVIEW_WINDOW_DAYS })}
      </p>
      {articles.length ? (
        // On a phone, owner and state move under the title: two columns fit, nothing scrolls.
        <table className="data-table mt-4">
          <thead>
            <tr>
              <th scope="col">{t("review.reviewDate")}</th>
              <th scope="col">{t("review.article")}</th>
              <th scope="col" className="hidden sm:table-cell">
                {t("review.owner")}
              </th>
              <th scope="col" className="hidden sm:table-cell">
                {t("review.status")}
              </th>
            </tr>
          </thead>
          <tbody>
            {articles.map((article) => (
              <tr key={article.slug}>
                <td className="whitespace-nowrap max-sm:!align-top">
                  {article.reviewAt ? formatDate(article.reviewAt) : null}
                </td>
                <td>
                  <Link to={`/articles/${article.slug}`} className="result-link font-medium">
                    {article.title}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm sm:hidden">
                    <ReviewState article={article} />
                    <Owner name={article.owner} />
                  </div>
                </td>
                <td className="hidden sm:table-cell">
                  <Owner name={article.owner} />
                </td>
                <td className="hidden sm:table-cell">
                  <ReviewState article={article} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total ? (
        <Pager
          page={page}
          size={REVIEW_PAGE_SIZE}
          totalPages={Math.ceil(total / REVIEW_PAGE_SIZE)}
          shown={articles.length}
          total={total}
          hrefFor={(to) => (to > 1 ? `/review?page=${to}` : "/review")}
          label={t("review.pages")}
        />
      ) : (
        <p className="mt-4 text-slate-600">{t("review.none")}</p>
      )}
    </section>
  );
}

function Owner({ name }: { name: string | null }) {
  const { t } = useTranslation();
  return name ?? <span className="text-slate-500">{t("review.noOwner")}</span>;
}

function ReviewState({ article }: { article: { overdue: boolean; reviewAt: string | null } }) {
  const { t } = useTranslation();
  return article.overdue && article.reviewAt ? (
    <ReviewOverdueBadge reviewAt={article.reviewAt} />
  ) : (
    <span className="badge bg-amber-50 text-amber-900 ring-amber-200">{t("review.dueSoon")}</span>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.pageTitle) },
];
