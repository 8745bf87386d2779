import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { Highlighted } from "~/models/article-presenters.server.ts";

// Creating an Intl.DateTimeFormat costs far more than using one: keep one per locale and style.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, time: boolean) {
  const key = `${locale}:${time}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: time ? "short" : undefined,
      timeZone: "Europe/Berlin",
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** Dates (with `time`, also the time) in the operator's time zone, so server and browser agree. */
export function useFormatDate(options: { time?: boolean } = {}) {
  const { i18n } = useTranslation();
  const format = dateFormat(i18n.language === "de" ? "de-DE" : "en-GB", Boolean(options.time));
  return (iso: string | Date) => format.format(new Date(iso));
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const tone =
    kind === "incident"
      ? "bg-red-50 text-red-800 ring-red-200"
      : kind === "faq"
        ? "bg-violet-50 text-violet-800 ring-violet-200"
        : "bg-slate-100 text-slate-700 ring-slate-200";
  return <span className={`badge ${tone}`}>{t(`article.kinds.${kind as "howto"}`, kind)}</span>;
}

export function VisibilityBadge({ visibility }: { visibility: string }) {
  const { t } = useTranslation();
  return visibility === "public" ? (
    <span className="badge bg-emerald-50 text-emerald-800 ring-emerald-200">
      {t("article.public")}
    </span>
  ) : (
    <span className="badge bg-amber-50 text-amber-900 ring-amber-200">{t("article.internal")}</span>
  );
}

/** Tags as chips; with `hrefFor` (staff pages) each one links to its tag page. */
export function TagList({
  tags,
  label,
  hrefFor,
}: {
  tags: string[];
  label?: string;
  hrefFor?: (tag: string) => string;
}) {
  if (!tags.length) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="rounded bg-slate-100 text-xs text-slate-600">
          {hrefFor ? (
            <Link
              to={hrefFor(tag)}
              className="block px-1.5 py-0.5 hover:bg-slate-200 hover:text-slate-900"
            >
              #{tag}
            </Link>
          ) : (
            <span className="block px-1.5 py-0.5">#{tag}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Staff tag page of a tag. */
export const tagHref = (tag: string) => `/tags/${encodeURIComponent(tag)}`;

/** Marks an article whose review date has passed: its content may be stale. */
export function ReviewOverdueBadge({ reviewAt }: { reviewAt: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <span
      className="badge bg-red-100 text-red-900 ring-red-300"
      title={t("review.overdueSince", { date: formatDate(reviewAt) })}
    >
      {t("review.overdue")}
    </span>
  );
}

/** Renders search-engine highlights as <mark> without ever injecting HTML. */
export function HighlightedText({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((part, index) =>
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
