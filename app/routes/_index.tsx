import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { KindBadge, useFormatDate } from "~/components/article-meta.tsx";
import { SearchResults } from "~/components/search-results.tsx";
import { listRecentArticles } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";

const SearchQuerySchema = z.object({ q: z.string().trim().max(200).catch("") });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const { q } = SearchQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q) {
    const recent = await listRecentArticles("staff", 12);
    return json({ q, search: null, recent });
  }
  const search = await searchArticles({ q, audience: "staff" });
  return json({ q, search, recent: [] });
}

export default function SearchPage() {
  const { q, search, recent } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <div className="space-y-4">
      {search?.status === "unavailable" ? (
        <p role="status" className="notice-warning">
          {t("search.unavailable")}
        </p>
      ) : null}
      {search ? (
        <SearchResults
          q={q}
          hits={search.hits}
          total={search.total}
          hrefFor={(slug) => `/articles/${slug}`}
          showVisibility
        />
      ) : (
        <section aria-labelledby="recent-heading">
          <h1 id="recent-heading" className="mb-2 text-sm font-medium text-slate-500">
            {t("home.recent")}
          </h1>
          {recent.length ? (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
              {recent.map((article) => (
                <li key={article.slug} className="flex items-baseline gap-3 px-4 py-2">
                  <Link to={`/articles/${article.slug}`} className="result-link font-medium">
                    {article.title}
                  </Link>
                  <KindBadge kind={article.kind} />
                  <span className="ml-auto shrink-0 text-xs text-slate-500">
                    {formatDate(article.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">{t("home.empty")}</p>
          )}
          <p className="mt-3 text-xs text-slate-500">{t("search.shortcut")}</p>
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `${data.q} · Lagebild` : "Lagebild" },
];
