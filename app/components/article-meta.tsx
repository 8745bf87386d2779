import { useTranslation } from "react-i18next";

import type { Highlighted } from "~/models/search.server.ts";

/** Dates in the operator's time zone, so server and browser render the same text. */
export function useFormatDate() {
  const { i18n } = useTranslation();
  return (iso: string | Date) =>
    new Intl.DateTimeFormat(i18n.language === "de" ? "de-DE" : "en-GB", {
      dateStyle: "medium",
      timeZone: "Europe/Berlin",
    }).format(new Date(iso));
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

export function TagList({ tags, label }: { tags: string[]; label?: string }) {
  if (!tags.length) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
          #{tag}
        </li>
      ))}
    </ul>
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
