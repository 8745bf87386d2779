import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, redirect, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { KindBadge, TagList, VisibilityBadge, useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { getArticleForReading } from "~/models/article.server.ts";
import { can } from "~/models/capabilities.ts";
import { getUser } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug");
  const user = await getUser(request);
  if (!user || !can(user.role, "article:read-internal")) {
    // Anonymous visitors: a public article lives in the help centre; an internal one "does not exist".
    const publicArticle = await getArticleForReading(slug, "public");
    invariantResponse(publicArticle, "Article not found", { status: 404 });
    throw redirect(`/help/${slug}`);
  }
  const found = await getArticleForReading(slug, "staff");
  invariantResponse(found, "Article not found", { status: 404 });
  const { article, html, backlinks } = found;
  return json({
    article: {
      slug: article.slug,
      title: article.title,
      kind: article.kind,
      visibility: article.visibility,
      tags: article.tags.map((tag) => tag.name),
      updatedAt: article.updatedAt.toISOString(),
      author: article.author?.name ?? null,
    },
    html,
    backlinks,
  });
}

export default function ArticlePage() {
  const { article, html, backlinks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <article className="panel" aria-labelledby="article-title">
      <header className="border-b border-slate-200 pb-3">
        <div className="flex flex-wrap items-center gap-2">
          <KindBadge kind={article.kind} />
          <VisibilityBadge visibility={article.visibility} />
        </div>
        <h1 id="article-title" className="mt-2 text-2xl font-semibold tracking-tight">
          {article.title}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {t("article.updated", { date: formatDate(article.updatedAt) })}
          {article.author ? ` ${t("article.by", { name: article.author })}` : null}
        </p>
        <div className="mt-2">
          <TagList tags={article.tags} label={t("article.tags")} />
        </div>
      </header>
      <div
        className="article-body prose prose-slate mt-4 max-w-none"
        style={
          { "--internal-label": JSON.stringify(t("article.internalNote")) } as React.CSSProperties
        }
        // Rendered on the server by Lexical from validated nodes; text is escaped there.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {backlinks.length ? (
        <footer className="mt-6 border-t border-slate-200 pt-3">
          <h2 className="text-sm font-medium text-slate-500">{t("article.linkedFrom")}</h2>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {backlinks.map((link) => (
              <li key={link.slug}>
                <Link to={`/articles/${link.slug}`} className="text-blue-700 underline">
                  {link.title}
                </Link>
              </li>
            ))}
          </ul>
        </footer>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.article.title} · Lagebild` : "Lagebild" },
];
