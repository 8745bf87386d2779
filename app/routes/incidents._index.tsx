import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { useFormatDate } from "~/components/article-meta.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { AreaLine, SeverityBadge, StatusBadge, useAge } from "~/components/incident-meta.tsx";
import { can } from "~/models/capabilities.ts";
import { listIncidents } from "~/models/incident.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "article:read-internal");
  const now = new Date();
  return json({
    incidents: await listIncidents(now),
    now: now.toISOString(),
    canCreate: can(user.role, "article:write"),
    showStale: can(user.role, "incident:edit-statement"),
  });
}

const trendArrow = { rising: "↑", falling: "↓", steady: "→" } as const;

export default function IncidentsPage() {
  const { incidents, now, canCreate, showStale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const age = useAge();
  const formatDate = useFormatDate({ time: true });
  const active = incidents.filter((incident) => incident.status !== "resolved");
  const recent = incidents.filter((incident) => incident.status === "resolved");
  const columns = [
    { label: t("incident.title") },
    { label: t("incident.statusLabel") },
    { label: t("incident.areas") },
    { label: t("reports.total") },
    { label: t("reports.trend") },
  ];
  const rows = (list: typeof incidents) =>
    list.map((incident) => (
      <tr key={incident.slug}>
        <td className="min-w-[16rem]">
          <Link to={`/incidents/${incident.slug}`} className="result-link font-medium">
            {incident.title}
          </Link>
          <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
            <SeverityBadge severity={incident.severity} />
            {incident.resolvedAt
              ? t("incident.resolvedAt", { date: formatDate(incident.resolvedAt) })
              : t("incident.since", {
                  date: formatDate(incident.startedAt),
                  age: age(incident.startedAt, now),
                })}
            {incident.status !== "resolved" ? (
              <span>
                {incident.statementUpdatedAt
                  ? t("incident.statementAge", { age: age(incident.statementUpdatedAt, now) })
                  : t("incident.noStatement")}
              </span>
            ) : null}
            {showStale && incident.statementStale ? (
              <span className="badge bg-amber-100 text-amber-950 ring-amber-400">
                {t("incident.stale")}
              </span>
            ) : null}
          </div>
        </td>
        <td>
          <StatusBadge status={incident.status} />
        </td>
        <td className="text-sm">
          <AreaLine areas={incident.areas} max={3} />
        </td>
        <td className="tabular-nums">{incident.reports}</td>
        <td className="whitespace-nowrap text-sm">
          <span aria-hidden="true">{trendArrow[incident.trend]} </span>
          {t(`reports.trends.${incident.trend}`, {
            last: incident.lastHour,
            previous: incident.previousHour,
          })}
        </td>
      </tr>
    ));
  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("incident.listTitle")}</h1>
        {canCreate ? (
          <Link to="/incidents/new" className="btn-primary">
            {t("incident.new")}
          </Link>
        ) : null}
      </div>
      <IncidentSection id="active" title={t("incident.active")} empty={t("incident.noneActive")}>
        {active.length ? <DataTable columns={columns}>{rows(active)}</DataTable> : null}
      </IncidentSection>
      <IncidentSection id="recent" title={t("incident.recent")} empty={t("incident.noneRecent")}>
        {recent.length ? <DataTable columns={columns}>{rows(recent)}</DataTable> : null}
      </IncidentSection>
    </div>
  );
}

function IncidentSection(props: {
  id: string;
  title: string;
  empty: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={`${props.id}-heading`} className="space-y-2">
      <h2 id={`${props.id}-heading`} className="text-sm font-medium text-slate-600">
        {props.title}
      </h2>
      {props.children ?? <p className="text-slate-600">{props.empty}</p>}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("incident.listTitle")) },
];
