import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { SearchHit } from "~/models/article-presenters.server.ts";
import { isReviewOverdue } from "~/models/review-dates.ts";

import {
  HighlightedText,
  KindBadge,
  ReviewOverdueBadge,
  TagList,
  VisibilityBadge,
  useFormatDate,
} from "./article-meta.tsx";

export function SearchResults({
  q,
  hits,
  total,
  hrefFor,
  showVisibility,
  tagHref,
  showReviewStatus = false,
}: {
  q: string;
  hits: SearchHit[];
  total: number;
  hrefFor: (slug: string) => string;
  showVisibility: boolean;
  /** Staff pages link tags to their tag page. */
  tagHref?: (tag: string) => string;
  /** Staff pages mark articles whose review date has passed. */
  showReviewStatus?: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (!hits.length) {
    return <p className="text-slate-600">{t("search.noResults", { q })}</p>;
  }
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="mb-2 text-sm font-medium text-slate-500">
        {t("search.resultsFor", { count: total, q })}
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
              {showVisibility ? <VisibilityBadge visibility={hit.visibility} /> : null}
              {showReviewStatus && hit.reviewAt && isReviewOverdue(hit.reviewAt) ? (
                <ReviewOverdueBadge reviewAt={hit.reviewAt} />
              ) : null}
              <span className="ml-auto text-xs text-slate-500">
                {t("article.updated", { date: formatDate(hit.updatedAt) })}
              </span>
            </div>
            <p className="mt-1 text-sm leading-relaxed text-slate-700">
              <HighlightedText parts={hit.snippet} />
            </p>
            <div className="mt-1.5">
              <TagList tags={hit.tags} label={t("article.tags")} hrefFor={tagHref} />
            </div>
          </li>
        ))}
      </ol>
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
