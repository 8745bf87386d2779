import { useTranslation } from "react-i18next";

import type { PresentedEvent } from "~/models/incident.server.ts";

import { useFormatDate } from "./article-meta.tsx";

function Value({ kind, value }: { kind: string; value: PresentedEvent["to"] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "de" ? "de" : "en";
  if (Array.isArray(value)) {
    const names = value.map((item) => (typeof item === "string" ? item : item[lang]));
    return <>{names.length ? names.join(", ") : "–"}</>;
  }
  if (typeof value === "object") {
    const text = i18n.language === "de" ? value.de || value.en : value.en || value.de;
    return <q className="whitespace-pre-line">{text || "–"}</q>;
  }
  if (!value) return <>–</>;
  if (kind === "severity") return <>{t(`incident.severity.${value as "minor"}`)}</>;
  return <>{t(`incident.status.${value as "resolved"}`)}</>;
}

/** Every change of the incident, newest first: when, who, what it was and what it became. */
export function IncidentTimeline({ events }: { events: PresentedEvent[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  return (
    <section aria-labelledby="timeline-heading" className="panel">
      <h2 id="timeline-heading" className="text-base font-semibold">
        {t("incident.timeline")}
      </h2>
      <ol className="mt-2 divide-y divide-slate-100 text-sm">
        {events.map((event) => (
          <li key={event.id} className="grid gap-x-3 py-2 sm:grid-cols-[10rem_1fr]">
            <div className="text-slate-600">
              <time dateTime={event.at}>{formatDate(event.at)}</time>
              {event.actor ? <div className="text-xs">{event.actor}</div> : null}
            </div>
            <div>
              <span className="font-medium">{t(`incident.events.${event.kind as "status"}`)}</span>
              {event.kind === "created" ? null : event.kind === "statement" ? (
                <div className="mt-0.5">
                  <Value kind={event.kind} value={event.to} />
                </div>
              ) : (
                <span>
                  {": "}
                  <del className="text-slate-500">
                    <Value kind={event.kind} value={event.from} />
                  </del>
                  {" → "}
                  <ins className="no-underline">
                    <Value kind={event.kind} value={event.to} />
                  </ins>
                </span>
              )}
              {event.note ? <p className="mt-0.5 text-slate-700">{event.note}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
