import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Which rows these are and links to the previous and next page: plain GET links, so paging works
 * without JavaScript. Hidden while everything fits on one page; on a page past the last row it
 * says so and links to the first.
 */
export function Pager({
  page,
  size,
  totalPages,
  shown,
  total,
  hrefFor,
  label,
}: {
  page: number;
  /** Rows per page. */
  size: number;
  totalPages: number;
  /** Rows on this page. */
  shown: number;
  /** All rows; null when not counted (then only "11–20" is said). */
  total: number | null;
  hrefFor: (page: number) => string;
  /** What the pages are of, for screen readers ("Result pages"). */
  label: string;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1 && page === 1) return null;
  if (!shown) {
    return (
      <p className="mt-2 text-slate-600">
        {t("pager.pageBeyond")}{" "}
        <Link to={hrefFor(1)} className="result-link">
          {t("pager.firstPage")}
        </Link>
      </p>
    );
  }
  const from = (page - 1) * size + 1;
  const to = from + shown - 1;
  const link = "rounded px-2 py-1 text-blue-700 underline hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-2 flex items-center justify-between gap-3 text-sm">
      <span className="tabular-nums text-slate-600">
        {total === null
          ? t("pager.rangeMore", { from, to })
          : t("pager.range", { from, to, total })}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link to={hrefFor(page - 1)} rel="prev" className={link}>
            <span aria-hidden="true">←</span> {t("pager.previous")}
          </Link>
        ) : null}
        {page < totalPages ? (
          <Link to={hrefFor(page + 1)} rel="next" className={link}>
            {t("pager.next")} <span aria-hidden="true">→</span>
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
