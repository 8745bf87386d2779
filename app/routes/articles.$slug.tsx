import { invariantResponse } from "@epic-web/invariant";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, redirect, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { Backlinks } from "~/components/article-list.tsx";
import {
  KindBadge,
  ReviewOverdueBadge,
  TagList,
  VisibilityBadge,
  tagHref,
  useFormatDate,
} from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { getTranslator } from "~/i18n.server.ts";
import { getStaffArticle, isPublicArticle } from "~/models/article-reads.server.ts";
import { can } from "~/models/capabilities.ts";
import { articleHasIncident } from "~/models/incident.server.ts";
import { getAuthState, requireUser } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug");
  const { user, expired } = await getAuthState(request);
  // A visitor whose session just expired was staff: send them to sign in and back here.
  if (!user && expired) await requireUser(request);
  if (!user || !can(user.role, "article:read-internal")) {
    // Anonymous visitors: a public article lives in the help centre; an internal one "does not exist".
    invariantResponse(await isPublicArticle(slug), "Article not found", { status: 404 });
    throw redirect(`/help/${slug}`);
  }
  const found = await getStaffArticle(slug);
  invariantResponse(found, "Article not found", { status: 404 });
  const { id, html, backlinks, ...article } = found;
  return json({
    article,
    canEdit: can(user.role, "article:write"),
    isIncident: article.kind === "incident" && (await articleHasIncident(id)),
    html: labelInternalNotes(html, (await getTranslator(request))("article.internalNote")),
    backlinks,
  });
}

/** Gives each internal-note block an accessible name in the reader's language. */
function labelInternalNotes(html: string, label: string) {
  const escaped = label.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return html.replaceAll(
    '<aside class="internal-note" data-internal-note="">',
    `<aside class="internal-note" data-internal-note="" role="note" aria-label="${escaped}">`,
  );
}

export default function ArticlePage() {
  const { article, html, backlinks, canEdit, isIncident } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  // Set by the history page after a restore.
  const [searchParams] = useSearchParams();
  const restored = /^\d+$/.exec(searchParams.get("restored") ?? "")?.[0];
  // Set by the edit page when a save was merged with someone else's.
  const merged = searchParams.get("notice") === "merged";
  return (
    <article className="panel" aria-labelledby="article-title">
      {restored ? (
        <p role="status" className="notice-success mb-3">
          {t("history.restored", { number: restored })}
        </p>
      ) : null}
      {merged ? (
        <p role="status" className="notice-success mb-3">
          {t("articleForm.merged")}
        </p>
      ) : null}
      <header className="border-b border-slate-200 pb-3">
        <div className="flex flex-wrap items-center gap-2">
          <KindBadge kind={article.kind} />
          <VisibilityBadge visibility={article.visibility} />
          {article.reviewOverdue && article.reviewAt ? (
            <ReviewOverdueBadge reviewAt={article.reviewAt} />
          ) : null}
          <a
            href={`/articles/${article.slug}.md`}
            download={`${article.slug}.md`}
            className="ml-auto text-sm text-blue-700 underline"
          >
            {t("article.downloadMarkdown")}
          </a>
          <Link
            to={`/articles/${article.slug}/history`}
            className="text-sm text-blue-700 underline"
          >
            {t("history.link")}
          </Link>
          {canEdit ? (
            <Link to={`/articles/${article.slug}/edit`} className="btn-secondary">
              {t("articleForm.edit")}
            </Link>
          ) : null}
        </div>
        <h1 id="article-title" className="mt-2 text-2xl font-semibold tracking-tight">
          {article.title}
        </h1>
        {isIncident ? (
          <p className="mt-1 text-sm">
            <Link to={`/incidents/${article.slug}`} className="font-medium text-blue-700 underline">
              {t("incident.openIncident")}
            </Link>
          </p>
        ) : null}
        <p className="mt-1 text-sm text-slate-500">
          {t("article.updated", { date: formatDate(article.updatedAt) })}
          {article.author ? ` ${t("article.by", { name: article.author })}` : null}
          {article.owner ? ` · ${t("article.owner", { name: article.owner })}` : null}
          {article.reviewAt
            ? ` · ${t("article.reviewBy", { date: formatDate(article.reviewAt) })}`
            : null}
        </p>
        <div className="mt-2">
          <TagList tags={article.tags} label={t("article.tags")} hrefFor={tagHref} />
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
      <Backlinks links={backlinks} hrefFor={(slug) => `/articles/${slug}`} />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.article.title) },
];
