import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ArticleForm } from "~/components/article-form.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ArticleFieldsSchema, NO_OWNER } from "~/models/article-form-schema.ts";
import { createArticle } from "~/models/article.server.ts";
import { can } from "~/models/capabilities.ts";
import { defaultReviewDate } from "~/models/review-dates.ts";
import { listPossibleOwners } from "~/models/user.server.ts";
import { contentOfSubmission, dateInputValue, reviewDateOf } from "~/utils/article-form.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

const NewArticleSchema = ArticleFieldsSchema;

/** New articles are due for review half a year after they are written. */

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  return json({
    owners: await listPossibleOwners(user.id),
    canPublish: can(user.role, "article:publish"),
    userId: user.id,
    reviewAt: dateInputValue(defaultReviewDate()),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const submission = parseWithZod(await request.formData(), { schema: NewArticleSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["content"] }) }, { status: 400 });
  }
  const { value } = submission;
  const input = {
    title: value.title,
    kind: value.kind,
    // The model refuses (and audits) a public article without article:publish.
    visibility: value.visibility ?? "internal",
    tags: value.tags,
    keywords: value.keywords,
    content: contentOfSubmission(value),
    actor: { id: user.id, role: user.role },
    ownerId: !value.ownerId || value.ownerId === NO_OWNER ? null : value.ownerId,
    reviewAt: reviewDateOf(value.reviewAt),
  };
  const created = await createArticle(input);
  if (created.status === "invalid" || created.status === "forbidden") {
    const field =
      created.status === "forbidden"
        ? "content"
        : created.field === "slug"
          ? "title"
          : created.field;
    return json(
      {
        result: submission.reply({
          fieldErrors: { [field]: [created.message] },
          hideFields: ["content"],
        }),
      },
      { status: created.status === "forbidden" ? 403 : 400 },
    );
  }
  return redirect(`/articles/${created.article.slug}`);
}

export default function NewArticlePage() {
  const { owners, canPublish, userId, reviewAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="panel space-y-4" aria-labelledby="new-article-title">
      <h1 id="new-article-title" className="text-xl font-semibold tracking-tight">
        {t("articleForm.newTitle")}
      </h1>
      <ArticleForm
        mode="new"
        article={{
          title: "",
          kind: "howto",
          visibility: "internal",
          tags: [],
          keywords: [],
          ownerId: userId,
          reviewAt,
          content: null,
          markdown: "",
        }}
        owners={owners}
        canPublish={canPublish}
        cancelHref="/"
        lastResult={actionData?.result}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("articleForm.newTitle")) },
];
