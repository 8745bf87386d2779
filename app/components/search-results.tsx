import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { IncidentStatus } from "~/models/incident-status.ts";
import { isReviewOverdue } from "~/models/review-dates.ts";
import {
  facetNames,
  searchHref,
  toggleFacetHref,
  type Facet,
  type FacetName,
  type SearchFilters,
} from "~/models/search-filters.ts";
import type { PinnedIncident, SearchResult } from "~/models/search.server.ts";
import type { SearchProblem } from "~/utils/http.server.ts";

import {
  HighlightedText,
  KindBadge,
  ReviewOverdueBadge,
  TagList,
  VisibilityBadge,
  useFormatDate,
} from "./article-meta.tsx";
import { StatusBadge, useAge } from "./incident-meta.tsx";
import { Pager } from "./pager.tsx";

export function SearchResults({
  q,
  filters,
  search,
  hrefFor,
  showVisibility,
  tagHref,
  showReviewStatus = false,
}: {
  q: string;
  filters: SearchFilters;
  search: Pick<SearchResult, "status" | "hits" | "total" | "paging">;
  hrefFor: (slug: string) => string;
  showVisibility: boolean;
  /** Staff pages link tags to their tag page. */
  tagHref?: (tag: string) => string;
  /** Staff pages mark articles whose review date has passed. */
  showReviewStatus?: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { hits, total, paging } = search;
  const pager = (
    <Pager
      {...paging}
      shown={hits.length}
      // The reduced search (engine down) does not count its hits.
      total={search.status === "ok" ? total : null}
      hrefFor={(page) => searchHref(q, filters, page)}
      label={t("search.pages")}
    />
  );
  if (!hits.length && paging.page > 1) return pager;
  if (!hits.length) {
    return (
      <p className="text-slate-600">
        {q ? t("search.noResults", { q }) : t("search.noResultsFiltered")}
      </p>
    );
  }
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="mb-2 text-sm font-medium text-slate-500">
        {q ? t("search.resultsFor", { count: total, q }) : t("search.results", { count: total })}
      </h2>
      {/* Arrow keys move between results; the search box hands over with ArrowDown. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <ol
        className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
        onKeyDown={moveBetweenResults}
      >
        {hits.map((hit) => (
          <li key={hit.slug} className="px-4 py-3">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <Link
                to={hrefFor(hit.slug)}
                className="result-link text-base font-semibold"
                data-result-link=""
              >
                <HighlightedText parts={hit.title} />
              </Link>
              <KindBadge kind={hit.kind} />
              {hit.incidentStatus ? (
                <StatusBadge status={hit.incidentStatus as IncidentStatus} />
              ) : null}
              {showVisibility ? <VisibilityBadge visibility={hit.visibility} /> : null}
              {showReviewStatus && hit.reviewAt && isReviewOverdue(hit.reviewAt) ? (
                <ReviewOverdueBadge reviewAt={hit.reviewAt} />
              ) : null}
              <span className="ml-auto text-xs text-slate-500">
                {t("article.updated", { date: formatDate(hit.updatedAt) })}
              </span>
            </div>
            <p className="mt-1 text-sm leading-relaxed text-slate-700">
              {hit.heading.length ? (
                <span className="mr-1.5 font-medium text-slate-900">
                  <HighlightedText parts={hit.heading} />
                  <span aria-hidden="true"> ·</span>
                </span>
              ) : null}
              <HighlightedText parts={hit.snippet} />
            </p>
            <div className="mt-1.5">
              <TagList tags={hit.tags} label={t("article.tags")} hrefFor={tagHref} />
            </div>
          </li>
        ))}
      </ol>
      {pager}
    </section>
  );
}

/** ArrowDown/ArrowUp move the focus to the next/previous result link. */
function moveBetweenResults(event: React.KeyboardEvent<HTMLOListElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-result-link]")];
  const index = links.indexOf(document.activeElement as HTMLElement);
  if (index === -1) return;
  event.preventDefault();
  links[
    Math.max(0, Math.min(links.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))
  ]?.focus();
}

/** From a search box: ArrowDown focuses the first result. */
export function focusFirstResult(event: React.KeyboardEvent<HTMLInputElement>) {
  if (event.key !== "ArrowDown") return;
  const first = document.querySelector<HTMLElement>("[data-result-link]");
  if (first) {
    event.preventDefault();
    first.focus();
  }
}

/** Says what in the search address was not understood and what was searched instead. */
export function SearchProblems({ problems }: { problems: SearchProblem[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  const facetLabel = (facet: string) =>
    (facetNames as string[]).includes(facet) ? t(`search.facet.${facet as FacetName}`) : facet;
  const describe = (problem: SearchProblem): string => {
    switch (problem.kind) {
      case "too-long":
        return t("search.problem.tooLong", { limit: problem.limit });
      case "not-available":
        return t("search.problem.notAvailable", { facet: facetLabel(problem.facet) });
      case "unknown-value":
        return t("search.problem.unknownValue", {
          facet: facetLabel(problem.facet),
          value: problem.value,
        });
      case "bad-page":
        return t("search.problem.badPage", { max: problem.max });
    }
  };
  return (
    <p role="status" className="notice-warning">
      {problems.map(describe).join(" ")}
    </p>
  );
}

/**
 * Facet values with their counts as links that switch a filter on or off (a GET link, so it
 * works without JavaScript); the chosen ones are marked.
 */
export function SearchFacets({
  q,
  filters,
  facets,
}: {
  q: string;
  filters: SearchFilters;
  facets: Facet[];
}) {
  const { t } = useTranslation();
  const shown = facets.filter((facet) => facet.values.length);
  if (!shown.length) return null;
  const label = (facet: Facet["name"], value: string) => {
    switch (facet) {
      case "kind":
        return t(`article.kinds.${value as "howto"}`, value);
      case "visibility":
        return value === "public" ? t("article.public") : t("article.internal");
      case "review":
        return t(`search.review.${value as "overdue"}`, value);
      case "incident":
        return t(`incident.status.${value as "resolved"}`, value);
      default:
        return `#${value}`;
    }
  };
  return (
    <nav aria-labelledby="facets-heading" className="space-y-3 text-sm">
      <h2 id="facets-heading" className="text-sm font-medium text-slate-500">
        {t("search.facets")}
      </h2>
      {shown.map((facet) => (
        <div key={facet.name}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t(`search.facet.${facet.name}`)}
          </h3>
          <ul className="flex flex-wrap gap-1 md:block md:space-y-0.5">
            {facet.values.slice(0, facet.name === "tag" ? 12 : undefined).map((value) => (
              <li key={value.value}>
                <Link
                  to={toggleFacetHref(q, filters, facet.name, value.value)}
                  preventScrollReset
                  aria-current={value.active ? "true" : undefined}
                  data-facet={`${facet.name}=${value.value}`}
                  className={`flex items-baseline justify-between gap-2 rounded px-2 py-0.5 ring-1 md:ring-0 ${
                    value.active
                      ? "bg-blue-50 font-medium text-blue-900 ring-blue-200"
                      : "text-slate-700 ring-slate-200 hover:bg-slate-100"
                  }`}
                >
                  <span className="min-w-0 truncate" title={label(facet.name, value.value)}>
                    {value.active ? <span aria-hidden="true">✓ </span> : null}
                    {label(facet.name, value.value)}
                  </span>
                  <span className="tabular-nums text-xs text-slate-500">{value.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

/** Active incidents matching the search, above the results: status and age of the statement. */
export function PinnedIncidents({ pinned, now }: { pinned: PinnedIncident[]; now: string }) {
  const { t } = useTranslation();
  const age = useAge();
  if (!pinned.length) return null;
  return (
    <section
      aria-labelledby="pinned-heading"
      className="rounded-md border border-red-200 bg-red-50/60 px-4 py-2.5"
    >
      <h2
        id="pinned-heading"
        className="text-xs font-semibold uppercase tracking-wide text-red-800"
      >
        {t("search.pinned")}
      </h2>
      <ul className="mt-1 space-y-1">
        {pinned.map((incident) => (
          <li key={incident.slug} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
            <Link to={`/incidents/${incident.slug}`} className="result-link font-semibold">
              <HighlightedText parts={incident.title} />
            </Link>
            <StatusBadge status={incident.status} />
            <span className="text-xs text-slate-600">
              {incident.statementUpdatedAt
                ? t("incident.statementAge", { age: age(incident.statementUpdatedAt, now) })
                : t("search.noStatement")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
