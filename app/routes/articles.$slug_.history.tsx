import { parseWithZod } from "@conform-to/zod";
import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  json,
  redirect,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { DiffLegend, WordDiff } from "~/components/word-diff.tsx";
import { getTranslator } from "~/i18n.server.ts";
import type { DiffPart } from "~/models/merge.ts";
import { diffRevisions, listRevisions, restoreRevision } from "~/models/revision.server.ts";
import type { loader as rootLoader } from "~/root.tsx";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { pageTitle } from "~/utils/meta.ts";

const revisionNumber = z.coerce.number().int().positive();
const CompareSchema = z.object({ from: revisionNumber, to: revisionNumber });
const RestoreSchema = z.object({ number: revisionNumber });

const changed = (parts: DiffPart[]) => parts.some((part) => part.added || part.removed);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "article:read-internal");
  const slug = requireParam(params, "slug");
  const history = await listRevisions(slug);
  invariantResponse(history, "Article not found", { status: 404 });
  const query = new URL(request.url).searchParams;
  let comparison = null;
  if (query.has("from") || query.has("to")) {
    const submission = parseWithZod(query, { schema: CompareSchema });
    invariantResponse(submission.status === "success", "Choose two revisions", { status: 400 });
    const diff = await diffRevisions({ slug, ...submission.value });
    invariantResponse(diff, "Revision not found", { status: 404 });
    const revisionInfo = (revision: typeof diff.from) => ({
      number: revision.number,
      authorName: revision.authorName,
      createdAt: revision.createdAt.toISOString(),
    });
    comparison = {
      from: revisionInfo(diff.from),
      to: revisionInfo(diff.to),
      title: changed(diff.title) ? diff.title : null,
      body: changed(diff.body) ? diff.body : null,
    };
  }
  const t = await getTranslator(request);
  return json({
    pageTitle: t("history.title", { title: history.article.title }),
    article: history.article,
    revisions: history.revisions.map((revision) => ({
      number: revision.number,
      summary: revision.summary,
      authorName: revision.authorName,
      createdAt: revision.createdAt.toISOString(),
    })),
    comparison,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const slug = requireParam(params, "slug");
  const submission = parseWithZod(await request.formData(), { schema: RestoreSchema });
  if (submission.status !== "success") {
    return json({ problem: "bad-request" as const }, { status: 400 });
  }
  const { number } = submission.value;
  const t = await getTranslator(request);
  const restored = await restoreRevision({
    slug,
    number,
    actor: { id: user.id, role: user.role },
    summary: t("history.restoredSummary", { number }),
  });
  invariantResponse(restored.status !== "not-found", "Revision not found", { status: 404 });
  if (restored.status === "invalid") {
    return json({ problem: "invalid" as const, message: restored.message }, { status: 422 });
  }
  if (restored.status === "forbidden") {
    return json({ problem: "forbidden" as const, message: restored.message }, { status: 403 });
  }
  return redirect(`/articles/${restored.article.slug}?restored=${number}`);
}

export default function HistoryPage() {
  const { article, revisions, comparison } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const canRestore = root?.user?.can.includes("article:write") ?? false;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  const comparable = revisions.length > 1;
  const defaultFrom = comparison?.from.number ?? revisions[1]?.number;
  const defaultTo = comparison?.to.number ?? revisions[0]?.number;
  return (
    <section className="panel" aria-labelledby="history-title">
      <Link to={`/articles/${article.slug}`} className="text-sm text-blue-700 underline">
        {t("history.back")}
      </Link>
      <h1 id="history-title" className="mt-2 text-2xl font-semibold tracking-tight">
        {t("history.title", { title: article.title })}
      </h1>
      {actionData?.problem ? (
        <p role="alert" className="notice-warning mt-3">
          {actionData.problem === "bad-request"
            ? t("errors.badRequest")
            : t("history.restoreRefused", { reason: actionData.message })}
        </p>
      ) : null}

      {comparison ? <Comparison comparison={comparison} /> : null}

      <h2 id="revisions-title" className="mt-6 text-lg font-semibold">
        {t("history.revisions")}
      </h2>
      {comparable ? null : <p className="mt-1 text-slate-600">{t("history.onlyOne")}</p>}
      <Form id="compare" method="get" className="relative mt-2 overflow-x-auto">
        <table className="data-table" aria-labelledby="revisions-title">
          <thead>
            <tr>
              {comparable ? (
                <>
                  <th scope="col">{t("history.compareFrom")}</th>
                  <th scope="col">{t("history.compareTo")}</th>
                </>
              ) : null}
              <th scope="col">{t("history.revision")}</th>
              <th scope="col">{t("history.saved")}</th>
              <th scope="col">{t("history.author")}</th>
              <th scope="col">{t("history.summary")}</th>
              {canRestore ? (
                <th scope="col">
                  <span className="sr-only">{t("history.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.number}>
                {comparable ? (
                  <>
                    <td>
                      <input
                        type="radio"
                        name="from"
                        value={revision.number}
                        defaultChecked={revision.number === defaultFrom}
                        aria-label={t("history.compareFromLabel", { number: revision.number })}
                      />
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="to"
                        value={revision.number}
                        defaultChecked={revision.number === defaultTo}
                        aria-label={t("history.compareToLabel", { number: revision.number })}
                      />
                    </td>
                  </>
                ) : null}
                <td className="whitespace-nowrap">
                  {t("history.revisionNumber", { number: revision.number })}
                  {revision.number === article.revision ? (
                    <span className="badge ml-2 bg-blue-50 text-blue-800 ring-blue-200">
                      {t("history.current")}
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap">
                  <time dateTime={revision.createdAt}>{formatDate(revision.createdAt)}</time>
                </td>
                <td>{revision.authorName ?? t("history.unknownAuthor")}</td>
                <td>{revision.summary}</td>
                {canRestore ? (
                  <td>
                    {revision.number === article.revision ? null : (
                      <button
                        type="submit"
                        form="restore"
                        name="number"
                        value={revision.number}
                        className="btn-secondary"
                        aria-label={t("history.restoreLabel", { number: revision.number })}
                        disabled={navigation.state === "submitting"}
                      >
                        {t("history.restore")}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        {comparable ? (
          <button type="submit" className="btn-primary mt-3">
            {t("history.compare")}
          </button>
        ) : null}
      </Form>
      {/* Restore buttons sit in the table and submit this form through their form attribute. */}
      {canRestore ? <Form id="restore" method="post" /> : null}
    </section>
  );
}

type RevisionInfo = { number: number; authorName: string | null; createdAt: string };

function Comparison({
  comparison,
}: {
  comparison: {
    from: RevisionInfo;
    to: RevisionInfo;
    title: DiffPart[] | null;
    body: DiffPart[] | null;
  };
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  const describe = (revision: RevisionInfo) =>
    t("history.comparedRevision", {
      number: revision.number,
      date: formatDate(revision.createdAt),
      author: revision.authorName ?? t("history.unknownAuthor"),
    });
  return (
    <section aria-labelledby="comparison-title" className="mt-6 space-y-3">
      <h2 id="comparison-title" className="text-lg font-semibold">
        {t("history.comparison", { from: comparison.from.number, to: comparison.to.number })}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-600">
        <dt className="font-medium">{t("history.compareFrom")}</dt>
        <dd>{describe(comparison.from)}</dd>
        <dt className="font-medium">{t("history.compareTo")}</dt>
        <dd>{describe(comparison.to)}</dd>
      </dl>
      {comparison.title || comparison.body ? (
        <>
          <DiffLegend />
          {comparison.title ? (
            <>
              <h3 className="text-sm font-semibold">{t("history.titleChange")}</h3>
              <WordDiff parts={comparison.title} label={t("history.titleChange")} />
            </>
          ) : null}
          {comparison.body ? (
            <>
              <h3 className="text-sm font-semibold">{t("history.bodyChange")}</h3>
              <WordDiff parts={comparison.body} label={t("history.bodyChange")} />
            </>
          ) : null}
        </>
      ) : (
        <p className="text-slate-600">{t("history.noChanges")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.pageTitle) },
];
