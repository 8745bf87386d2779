import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ArticleList } from "~/components/article-list.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { SearchFacets, SearchProblems, SearchResults } from "~/components/search-results.tsx";
import { listPublicArticles } from "~/models/article-reads.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { PUBLIC_CACHE_CONTROL } from "~/utils/cache.server.ts";
import { parseSearch } from "~/utils/http.server.ts";
import { helpPageTitle, metaT } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  // Read as the staff search reads it: a query too long or a filter not understood is named on
  // the page, never dropped silently. Only the public facets (kind, tag) are accepted.
  const { q, filters, page, problems } = parseSearch(request, "public");
  const searching = Boolean(q || Object.keys(filters).length);
  // Anonymous visitors only ever reach the public index and public rows.
  const search = searching ? await searchArticles({ q, audience: "public", filters, page }) : null;
  const latest = searching ? [] : await listPublicArticles(30);
  return json(
    { q, filters, problems, search, latest },
    { headers: { "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Accept-Language" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store",
  Vary: "Accept-Language",
});

export default function HelpCentre() {
  const { q, filters, problems, search, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-5">
      <section className="panel" aria-labelledby="help-title">
        <h1 id="help-title" className="text-xl font-semibold">
          {t("help.title")}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{t("help.intro")}</p>
        <Form method="get" role="search" className="mt-3 flex gap-2">
          <label htmlFor="help-search" className="sr-only">
            {t("help.searchLabel")}
          </label>
          <input
            id="help-search"
            type="search"
            name="q"
            defaultValue={q}
            placeholder={t("help.placeholder")}
            className="input flex-1"
          />
          <button type="submit" className="btn-primary">
            {t("search.submit")}
          </button>
        </Form>
      </section>
      <SearchProblems problems={problems} />
      {search ? (
        <>
          {search.status === "unavailable" ? (
            <p role="status" className="notice-warning">
              {t("search.unavailable")}
            </p>
          ) : null}
          <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_12rem] md:gap-6">
            <SearchResults
              q={q}
              filters={filters}
              search={search}
              hrefFor={(slug) => `/help/${slug}`}
              showVisibility={false}
            />
            <SearchFacets q={q} filters={filters} facets={search.facets} />
          </div>
        </>
      ) : (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="mb-2 text-sm font-medium text-slate-500">
            {t("help.latest")}
          </h2>
          <ArticleList articles={latest} hrefFor={(slug) => `/help/${slug}`} />
          <p className="mt-3 text-xs">
            <a href="/help/feed.xml" className="text-slate-600 underline">
              {t("help.feed")}
            </a>
          </p>
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [{ title: helpPageTitle(t) }, { name: "description", content: t("help.intro") }];
};
