import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ArticleList } from "~/components/article-list.tsx";
import { TagList, tagHref } from "~/components/article-meta.tsx";
import {
  PinnedIncidents,
  SearchFacets,
  SearchProblems,
  SearchResults,
} from "~/components/search-results.tsx";
import { i18nServer } from "~/i18n.server.ts";
import { listRecentArticles } from "~/models/article-reads.server.ts";
import { countArticlesDueForReview } from "~/models/review.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { listPopularTags } from "~/models/tag.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { parseSearch } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const { q, filters, page, problems } = parseSearch(request, "staff");
  const now = new Date();
  if (!q && !Object.keys(filters).length) {
    const [recent, dueForReview, tags] = await Promise.all([
      listRecentArticles(12),
      countArticlesDueForReview(),
      listPopularTags(30),
    ]);
    return {
      q,
      filters,
      problems,
      search: null,
      recent,
      dueForReview,
      tags,
      now: now.toISOString(),
    };
  }
  const lang = await i18nServer.getLocale(request);
  const search = await searchArticles({ q, audience: "staff", filters, page, lang, now });
  return {
    q,
    filters,
    problems,
    search,
    recent: [],
    dueForReview: 0,
    tags: [],
    now: now.toISOString(),
  };
}

export default function SearchPage() {
  const { q, filters, problems, search, recent, dueForReview, tags, now } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // While the next results load, the current ones stay in place (no layout jump), dimmed.
  const updating = useNavigation().location?.pathname === "/";
  return (
    <div className="space-y-4">
      <SearchProblems problems={problems} />
      {search?.status === "unavailable" ? (
        <p role="status" className="notice-warning">
          {t("search.unavailable")}
        </p>
      ) : null}
      {search ? (
        <div
          aria-busy={updating}
          className={`space-y-4 transition-opacity ${updating ? "opacity-60" : ""}`}
        >
          <PinnedIncidents pinned={search.pinned} now={now} />
          <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_12rem] md:gap-6">
            <SearchResults
              q={q}
              filters={filters}
              search={search}
              hrefFor={(slug) => `/articles/${slug}`}
              showVisibility
              tagHref={tagHref}
              showReviewStatus
            />
            <SearchFacets q={q} filters={filters} facets={search.facets} />
          </div>
        </div>
      ) : (
        <section aria-labelledby="recent-heading">
          <h1 id="recent-heading" className="mb-2 text-sm font-medium text-slate-500">
            {t("home.recent")}
          </h1>
          {recent.length ? (
            <ArticleList articles={recent} hrefFor={(slug) => `/articles/${slug}`} />
          ) : (
            <p className="text-slate-600">{t("home.empty")}</p>
          )}
          <p className="mt-3 text-xs text-slate-500">{t("search.shortcut")}</p>
          {dueForReview ? (
            <p className="mt-4 text-sm">
              <Link to="/review" className="result-link font-medium">
                {t("review.dueCount", { count: dueForReview })}
              </Link>
            </p>
          ) : null}
          {tags.length ? (
            <nav aria-labelledby="tags-heading" className="mt-4">
              <h2 id="tags-heading" className="mb-1.5 text-sm font-medium text-slate-500">
                <Link to="/tags" className="hover:underline">
                  {t("tags.title")}
                </Link>
              </h2>
              <TagList tags={tags} hrefFor={tagHref} />
              <Link to="/tags" className="mt-1.5 inline-block text-sm text-blue-700 underline">
                {t("tags.all")}
              </Link>
            </nav>
          ) : null}
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.q) }];
