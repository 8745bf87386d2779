import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  json,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { AreaLine, SeverityBadge, StatusBadge, useAge } from "~/components/incident-meta.tsx";
import { IncidentTimeline } from "~/components/incident-timeline.tsx";
import { ReportChart } from "~/components/report-chart.tsx";
import { can } from "~/models/capabilities.ts";
import { getIncidentForStaff } from "~/models/incident.server.ts";
import { chartRanges, symptoms } from "~/models/report-options.ts";
import { getReportChart, logReport } from "~/models/report.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { parseChartRange, parseReportForm } from "~/utils/incident-form.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "article:read-internal");
  const now = new Date();
  const incident = await getIncidentForStaff(requireParam(params, "slug"), user.id, now);
  invariantResponse(incident, "Incident not found", { status: 404 });
  const chart = await getReportChart(incident.id, parseChartRange(request), now);
  return json({
    incident,
    chart,
    ranges: chartRanges,
    now: now.toISOString(),
    can: {
      edit: can(user.role, "article:write"),
      statement: can(user.role, "incident:edit-statement"),
      exportReports: can(user.role, "report:export"),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "report:log");
  const slug = requireParam(params, "slug");
  const form = parseReportForm(await request.formData());
  const logged = await logReport(user, slug, form);
  invariantResponse(logged.status !== "not-found", "Incident not found", { status: 404 });
  invariantResponse(logged.status !== "forbidden", "Forbidden", { status: 403 });
  if (logged.status === "resolved") {
    return json({ status: "resolved" as const, count: null, postcodeError: null }, { status: 409 });
  }
  if (logged.postcodeError) {
    // The report counted; the postcode was dropped and the form says why.
    return json({ ...logged, postcodeError: logged.postcodeError }, { status: 400 });
  }
  // Back to the page, so a reload does not post again. The page's script posts to the JSON
  // endpoint instead (app/server/report-endpoint.server.ts).
  return redirect(`/incidents/${slug}?reported=${logged.status}`);
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [available, setAvailable] = useState(false);
  const [copied, setCopied] = useState(false);
  // Only with JavaScript and a clipboard: without them the text is there to select.
  useEffect(() => setAvailable(Boolean(navigator.clipboard)), []);
  if (!available || !text) return null;
  return (
    <button
      type="button"
      className="btn-secondary py-1 text-xs"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      <span aria-live="polite">{copied ? t("incident.copied") : t("incident.copy")}</span>
    </button>
  );
}

interface ReportAnswer {
  status: "logged" | "duplicate" | "resolved" | "failed";
  count: number | null;
  postcodeError: string | null;
}

/**
 * Posts a report form to the lean JSON endpoint (app/server/report-endpoint.server.ts) instead of
 * the route action: no loader revalidation after each click. Without JavaScript the form posts
 * to the action below.
 */
function useReportPost(slug: string) {
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ReportAnswer | null>(null);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string") body.append(name, value);
    }
    setBusy(true);
    fetch(`/api/incidents/${encodeURIComponent(slug)}/reports`, { method: "POST", body })
      .then(async (response) => {
        const data = (await response.json()) as Partial<ReportAnswer>;
        setAnswer(data.status ? (data as ReportAnswer) : failed);
      })
      .catch(() => setAnswer(failed))
      .finally(() => setBusy(false));
  };
  return { busy, answer, submit };
}

const failed: ReportAnswer = { status: "failed", count: null, postcodeError: null };

function ReportBox({
  slug,
  count: loadedCount,
  resolved,
}: {
  slug: string;
  count: number;
  resolved: boolean;
}) {
  const { t } = useTranslation();
  const report = useReportPost(slug);
  const plain = useActionData<typeof action>();
  const [params] = useSearchParams();
  const result = report.answer ?? plain;
  const outcome = result?.status ?? params.get("reported");
  const count = Math.max(loadedCount, result?.count ?? 0);
  const busy = report.busy;
  if (resolved) {
    return (
      <section aria-labelledby="report-heading" className="panel">
        <h2 id="report-heading" className="text-base font-semibold">
          {t("reports.logHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("reports.resolvedHint")}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="report-heading" className="panel space-y-3">
      <h2 id="report-heading" className="text-base font-semibold">
        {t("reports.logHeading")}
      </h2>
      <form method="post" onSubmit={report.submit}>
        <button
          type="submit"
          className="w-full rounded-md bg-red-700 px-3 py-2.5 text-base font-semibold text-white hover:bg-red-800 focus-visible:outline-offset-2 disabled:opacity-70"
          aria-describedby="report-count"
          disabled={busy}
        >
          {t("reports.anotherCustomer")}
        </button>
      </form>
      <p id="report-count" className="text-sm text-slate-700">
        {t("reports.count", { count })}
      </p>
      <div aria-live="polite" className="text-sm">
        {outcome === "logged" ? (
          <p className="notice-success">{t("reports.logged")}</p>
        ) : outcome === "duplicate" ? (
          <p className="notice-success">{t("reports.duplicate")}</p>
        ) : outcome === "resolved" ? (
          <p className="notice-warning">{t("reports.refusedResolved")}</p>
        ) : outcome === "failed" ? (
          <p className="notice-warning">{t("reports.failed")}</p>
        ) : null}
      </div>
      <details open={Boolean(result?.postcodeError)}>
        <summary className="cursor-pointer text-sm text-blue-800">
          {t("reports.withDetails")}
        </summary>
        <form method="post" className="mt-2 space-y-2" onSubmit={report.submit}>
          <div>
            <label htmlFor="report-postcode" className="label">
              {t("reports.postcode")}
            </label>
            <input
              id="report-postcode"
              name="postcode"
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              className="input w-32"
              aria-invalid={result?.postcodeError ? true : undefined}
              aria-describedby={result?.postcodeError ? "report-postcode-error" : undefined}
            />
            {result?.postcodeError ? (
              <p id="report-postcode-error" className="field-error">
                {t("reports.postcodeError")}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="report-symptom" className="label">
              {t("reports.symptom")}
            </label>
            <select id="report-symptom" name="symptom" className="input" defaultValue="">
              <option value="">{t("reports.symptoms.none")}</option>
              {symptoms.map((symptom) => (
                <option key={symptom} value={symptom}>
                  {t(`reports.symptoms.${symptom}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary" disabled={busy}>
            {t("reports.logWithDetails")}
          </button>
          <p className="text-xs text-slate-500">{t("reports.noPersonalData")}</p>
        </form>
      </details>
    </section>
  );
}

export default function IncidentPage() {
  const { incident, chart, ranges, now, can } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  const age = useAge();
  const mine = i18n.language === "de" ? "de" : "en";
  const other = mine === "de" ? "en" : "de";
  const statement = incident.statement[mine] || incident.statement[other];
  const resolved = incident.status === "resolved";
  return (
    <div className="space-y-4">
      {incident.statementChanged ? (
        <p role="status" className="notice-warning font-medium">
          {t("incident.statementChangedNotice")}
        </p>
      ) : null}
      <header className="space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          <span className="text-sm text-slate-600">
            {resolved && incident.resolvedAt
              ? t("incident.resolvedAt", { date: formatDate(incident.resolvedAt) })
              : t("incident.since", {
                  date: formatDate(incident.startedAt),
                  age: age(incident.startedAt, now),
                })}
          </span>
          <span className="ml-auto flex gap-2">
            {can.statement ? (
              <Link to={`/incidents/${incident.slug}/statement`} className="btn-secondary">
                {t("incident.editStatement")}
              </Link>
            ) : null}
            {can.edit ? (
              <Link to={`/incidents/${incident.slug}/edit`} className="btn-secondary">
                {t("incident.update")}
              </Link>
            ) : null}
          </span>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">{incident.title}</h1>
        <dl className="grid gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-600">{t("incident.areas")}</dt>
          <dd>
            <AreaLine areas={incident.areas} />
          </dd>
          <dt className="font-medium text-slate-600">{t("incident.services")}</dt>
          <dd>
            {incident.services.length
              ? incident.services.map((service) => service[mine]).join(", ")
              : "–"}
          </dd>
        </dl>
      </header>

      <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section
          aria-labelledby="statement-heading"
          className="rounded-md border-2 border-blue-200 bg-white p-4"
        >
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="statement-heading" className="text-base font-semibold">
              {t("incident.statement")}
            </h2>
            <span className="text-xs text-slate-600">
              {incident.statementUpdatedAt
                ? t("incident.statementUpdated", { age: age(incident.statementUpdatedAt, now) })
                : null}
            </span>
            <span className="ml-auto">
              <CopyButton text={statement} />
            </span>
          </div>
          {can.statement && incident.statementStale ? (
            <p className="notice-warning mt-2">{t("incident.staleNotice")}</p>
          ) : null}
          {statement ? (
            <p
              className="mt-2 whitespace-pre-line text-[15px] leading-relaxed"
              lang={incident.statement[mine] ? mine : other}
            >
              {statement}
            </p>
          ) : (
            <p className="mt-2 text-slate-600">{t("incident.noStatementYet")}</p>
          )}
          {incident.statement[other] && incident.statement[mine] ? (
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-blue-800">
                {t(`incident.statementIn.${other}`)}
              </summary>
              <p className="mt-1 whitespace-pre-line" lang={other}>
                {incident.statement[other]}
              </p>
            </details>
          ) : null}
        </section>
        <ReportBox slug={incident.slug} count={incident.reportCount} resolved={resolved} />
      </div>

      <section aria-labelledby="internal-heading" className="panel space-y-3">
        <h2 id="internal-heading" className="text-base font-semibold">
          {t("incident.internal")}
        </h2>
        {incident.summary ? (
          <p className="whitespace-pre-line text-sm">{incident.summary}</p>
        ) : null}
        {incident.howtos.length ? (
          <nav aria-labelledby="howtos-heading">
            <h3 id="howtos-heading" className="text-sm font-medium text-slate-600">
              {t("incident.howtos")}
            </h3>
            <ul className="mt-1 list-inside list-disc text-sm">
              {incident.howtos.map((howto) => (
                <li key={howto.slug}>
                  <Link to={`/articles/${howto.slug}`} className="result-link">
                    {howto.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <details className="text-sm" open>
          <summary className="cursor-pointer font-medium text-slate-700">
            {t("incident.detail")}
          </summary>
          <Link to={`/articles/${incident.slug}`} className="text-blue-800 underline">
            {t("incident.openArticle")}
          </Link>
          <div
            className="article-body prose prose-sm prose-slate mt-2 max-w-none"
            style={
              {
                "--internal-label": JSON.stringify(t("article.internalNote")),
              } as React.CSSProperties
            }
            // Rendered on the server by Lexical from validated nodes; text is escaped there.
            dangerouslySetInnerHTML={{ __html: incident.html }}
          />
        </details>
      </section>

      <ReportChart chart={chart} ranges={[...ranges]} />
      {can.exportReports ? (
        <p className="text-sm">
          <a
            href={`/incidents/${incident.slug}/reports.csv`}
            download
            className="text-blue-700 underline"
          >
            {t("reports.downloadCsv")}
          </a>
        </p>
      ) : null}

      <IncidentTimeline events={incident.events} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.incident.title) },
];
