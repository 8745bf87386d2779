import { parseWithZod } from "@conform-to/zod";
import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { ArticleForm } from "~/components/article-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ArticleFieldsSchema, NO_OWNER } from "~/models/article-form-schema.ts";
import { getArticleForEditing } from "~/models/article-reads.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { can } from "~/models/capabilities.ts";
import { listPossibleOwners } from "~/models/user.server.ts";
import { contentOfSubmission, dateInputValue, reviewDateOf } from "~/utils/article-form.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

const SaveSchema = ArticleFieldsSchema.extend({
  baseRevision: z.coerce.number().int().nonnegative(),
  // The review day the form was loaded with: an untouched date keeps the stored time.
  reviewAtWas: z.string().max(10).optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const article = await getArticleForEditing(requireParam(params, "slug"));
  invariantResponse(article, "Article not found", { status: 404 });
  return json({
    article: { ...article, reviewAt: dateInputValue(article.reviewAt) },
    owners: await listPossibleOwners(article.ownerId),
    canPublish: can(user.role, "article:publish"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const submission = parseWithZod(await request.formData(), { schema: SaveSchema });
  if (submission.status !== "success") {
    return json(
      { result: submission.reply({ hideFields: ["content"] }), conflict: null },
      { status: 400 },
    );
  }
  const { value } = submission;
  const slug = requireParam(params, "slug");
  const saved = await saveArticle({
    slug,
    actor: { id: user.id, role: user.role },
    baseRevision: value.baseRevision,
    title: value.title,
    content: contentOfSubmission(value),
    tags: value.tags,
    keywords: value.keywords,
    kind: value.kind,
    // The model refuses (and audits) a visibility change without article:publish.
    visibility: value.visibility,
    ownerId:
      value.ownerId === undefined ? undefined : value.ownerId === NO_OWNER ? null : value.ownerId,
    reviewAt:
      (value.reviewAt ?? "") === (value.reviewAtWas ?? "")
        ? undefined
        : reviewDateOf(value.reviewAt),
    summary: value.summary,
  });
  invariantResponse(saved.status !== "not-found", "Article not found", { status: 404 });
  if (saved.status === "invalid" || saved.status === "forbidden") {
    const field = saved.status === "invalid" ? saved.field : "content";
    return json(
      {
        result: submission.reply({
          fieldErrors: { [field]: [saved.message] },
          hideFields: ["content"],
        }),
        conflict: null,
      },
      { status: saved.status === "forbidden" ? 403 : 400 },
    );
  }
  if (saved.status === "conflict") {
    const { content: _theirContent, ...current } = saved.current;
    return json(
      {
        result: submission.reply({ hideFields: ["content"] }),
        conflict: { current, mine: saved.mine, diff: saved.diff },
      },
      { status: 409 },
    );
  }
  return redirect(`/articles/${saved.article.slug}${saved.merged ? "?notice=merged" : ""}`);
}

export default function EditArticlePage() {
  const { article, owners, canPublish } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="panel space-y-4" aria-labelledby="edit-article-title">
      <h1 id="edit-article-title" className="text-xl font-semibold tracking-tight">
        {t("articleForm.editTitle", { title: article.title })}
      </h1>
      <ArticleForm
        // A form per article: it keeps the values it was opened with.
        key={article.slug}
        mode="edit"
        article={article}
        owners={owners}
        canPublish={canPublish}
        cancelHref={`/articles/${article.slug}`}
        lastResult={actionData?.result}
        conflict={actionData?.conflict}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.article.title) },
];
