import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { KindBadge, useFormatDate } from "./article-meta.tsx";

/** A compact list of articles: title, kind and date on one line each. */
export function ArticleList({
  articles,
  hrefFor,
}: {
  articles: { slug: string; title: string; kind: string; updatedAt: string }[];
  hrefFor: (slug: string) => string;
}) {
  const formatDate = useFormatDate();
  return (
    <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {articles.map((article) => (
        <li key={article.slug} className="flex items-baseline gap-3 px-4 py-2">
          <Link to={hrefFor(article.slug)} className="result-link font-medium">
            {article.title}
          </Link>
          <KindBadge kind={article.kind} />
          <span className="ml-auto shrink-0 text-xs text-slate-500">
            {formatDate(article.updatedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** "Linked from": the articles that link here (already filtered for the reader). */
export function Backlinks({
  links,
  hrefFor,
}: {
  links: { slug: string; title: string }[];
  hrefFor: (slug: string) => string;
}) {
  const { t } = useTranslation();
  if (!links.length) return null;
  return (
    <footer className="mt-6 border-t border-slate-200 pt-3">
      <h2 className="text-sm font-medium text-slate-500">{t("article.linkedFrom")}</h2>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {links.map((link) => (
          <li key={link.slug}>
            <Link to={hrefFor(link.slug)} className="text-blue-700 underline">
              {link.title}
            </Link>
          </li>
        ))}
      </ul>
    </footer>
  );
}
