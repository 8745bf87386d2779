import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { IncidentStatus, Severity } from "~/models/incident-status.ts";

const statusTone: Record<IncidentStatus, string> = {
  investigating: "bg-red-50 text-red-800 ring-red-200",
  identified: "bg-orange-50 text-orange-900 ring-orange-200",
  monitoring: "bg-sky-50 text-sky-900 ring-sky-200",
  resolved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
};

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${statusTone[status]}`}>{t(`incident.status.${status}`)}</span>;
}

const severityTone: Record<Severity, string> = {
  minor: "bg-slate-100 text-slate-700 ring-slate-200",
  major: "bg-amber-50 text-amber-900 ring-amber-300",
  critical: "bg-red-700 text-white ring-red-700",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${severityTone[severity]}`}>{t(`incident.severity.${severity}`)}</span>
  );
}

// Hours up to two days: "47 hours ago" says more than "1 day ago" during an outage.
const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["day", 1440, 2880],
  ["hour", 60, 60],
  ["minute", 1, 0],
];

// Creating an Intl formatter costs about as much as rendering the banner: one per language.
const ageFormats = new Map<string, Intl.RelativeTimeFormat>();

function ageFormat(locale: string) {
  let format = ageFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: "always", style: "short" });
    ageFormats.set(locale, format);
  }
  return format;
}

/**
 * "3 hours ago" for `iso` seen from `now` (both from the loader, so server and browser render
 * the same text).
 */
export function useAge() {
  const { i18n } = useTranslation();
  const format = ageFormat(i18n.language === "de" ? "de-DE" : "en-GB");
  return (iso: string, now: string) => {
    const minutes = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 60_000));
    const [unit, size] = units.find(([, , from]) => minutes >= from) ?? ["minute", 1];
    return format.format(-Math.floor(minutes / size), unit);
  };
}

/** The incident's areas as a comma-separated line ("no areas listed" when empty). */
export function AreaLine({ areas, max }: { areas: string[]; max?: number }) {
  const { t } = useTranslation();
  if (!areas.length) return <span className="text-slate-500">{t("incident.noAreas")}</span>;
  const shown = max ? areas.slice(0, max) : areas;
  const more = areas.length - shown.length;
  return (
    <span>
      {shown.join(", ")}
      {more > 0 ? ` ${t("incident.moreAreas", { count: more })}` : null}
    </span>
  );
}

export interface BannerIncident {
  slug: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  areas: string[];
  statementUpdatedAt: string | null;
  statementStale: boolean;
  statementUnread: boolean;
}

/** The strip of active incidents on every staff page: nobody can miss an ongoing outage. */
export function IncidentBanner({
  incidents,
  now,
  showStale,
}: {
  incidents: BannerIncident[];
  now: string;
  showStale: boolean;
}) {
  const { t } = useTranslation();
  const age = useAge();
  // The page of an incident marks its statement read while this banner is loaded beside it.
  const { pathname } = useLocation();
  if (!incidents.length) return null;
  return (
    <section aria-labelledby="active-incidents" className="border-b border-red-200 bg-red-50">
      <div className="mx-auto max-w-5xl px-4 py-1.5">
        <h2 id="active-incidents" className="sr-only">
          {t("incident.activeHeading")}
        </h2>
        <ul className="space-y-1">
          {incidents.map((incident) => (
            <li
              key={incident.slug}
              className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm text-red-950"
            >
              <SeverityBadge severity={incident.severity} />
              <Link
                to={`/incidents/${incident.slug}`}
                className="font-medium underline decoration-red-300 underline-offset-2 hover:decoration-red-800"
              >
                {incident.title}
              </Link>
              <span className="text-red-900">
                <AreaLine areas={incident.areas} max={3} />
              </span>
              <StatusBadge status={incident.status} />
              <span className="text-xs text-red-900">
                {incident.statementUpdatedAt
                  ? t("incident.statementAge", { age: age(incident.statementUpdatedAt, now) })
                  : t("incident.noStatement")}
              </span>
              {showStale && incident.statementStale ? (
                <span className="badge bg-amber-100 text-amber-950 ring-amber-400">
                  {t("incident.stale")}
                </span>
              ) : null}
              {incident.statementUnread && pathname !== `/incidents/${incident.slug}` ? (
                <span className="badge bg-white text-blue-900 ring-blue-300">
                  {t("incident.statementChanged")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
