import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { useFormatDate } from "~/components/article-meta.tsx";
import { SeverityBadge, StatusBadge } from "~/components/incident-meta.tsx";
import type { PublicIncident } from "~/models/public-incident.server.ts";

type Language = "de" | "en";

/** The visitor's language and the other one. */
export function useLanguages(): [Language, Language] {
  const { i18n } = useTranslation();
  return i18n.language === "de" ? ["de", "en"] : ["en", "de"];
}

/**
 * A customer statement in the visitor's language (the other language behind a disclosure), or
 * the generic "we are investigating" line while communications has not written one.
 */
export function PublicStatement({
  statement,
  resolved,
}: {
  statement: { de: string; en: string } | null;
  resolved: boolean;
}) {
  const { t } = useTranslation();
  const [mine, other] = useLanguages();
  if (!statement) {
    return resolved ? null : <p className="leading-relaxed">{t("status.investigating")}</p>;
  }
  const shown = statement[mine] ? mine : other;
  return (
    <div>
      <p className="whitespace-pre-line leading-relaxed" lang={shown}>
        {statement[shown]}
      </p>
      {statement[mine] && statement[other] ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-blue-800" lang={other}>
            {t(`status.statementIn.${other}`)}
          </summary>
          <p className="mt-1 whitespace-pre-line" lang={other}>
            {statement[other]}
          </p>
        </details>
      ) : null}
    </div>
  );
}

/** Status, severity, services, areas and times of a public incident. */
export function PublicIncidentFacts({ incident }: { incident: PublicIncident }) {
  const { t } = useTranslation();
  const [mine] = useLanguages();
  const formatDate = useFormatDate({ time: true });
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={incident.status} />
        <SeverityBadge severity={incident.severity} />
        <span className="text-sm text-slate-600">
          {incident.resolvedAt
            ? t("status.resolvedAt", { date: formatDate(incident.resolvedAt) })
            : t("status.since", { date: formatDate(incident.startedAt) })}
        </span>
      </div>
      <dl className="grid gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr]">
        {incident.services.length ? (
          <>
            <dt className="font-medium text-slate-600">{t("status.services")}</dt>
            <dd>{incident.services.map((service) => service[mine]).join(", ")}</dd>
          </>
        ) : null}
        {incident.areas.length ? (
          <>
            <dt className="font-medium text-slate-600">{t("status.areas")}</dt>
            <dd>{incident.areas.join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

/** One incident on the /status list: facts, the current statement and a link to its updates. */
export function PublicIncidentCard({ incident }: { incident: PublicIncident }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  const headingId = `incident-${incident.slug}`;
  return (
    <article className="panel space-y-2" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-lg font-semibold leading-snug">
        <Link to={`/status/${incident.slug}`} className="hover:underline">
          {incident.title}
        </Link>
      </h3>
      <PublicIncidentFacts incident={incident} />
      <PublicStatement statement={incident.statement} resolved={incident.status === "resolved"} />
      <p className="flex flex-wrap gap-x-3 text-sm">
        {incident.statementUpdatedAt ? (
          <span className="text-slate-600">
            {t("status.updated", { date: formatDate(incident.statementUpdatedAt) })}
          </span>
        ) : null}
        <Link to={`/status/${incident.slug}`} className="text-blue-800 underline">
          {t("status.details")}
        </Link>
      </p>
    </article>
  );
}
