import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { PublicIncidentCard } from "~/components/status-incident.tsx";
import { listPublicIncidents } from "~/models/public-incident.server.ts";
import { STATUS_CACHE_CONTROL } from "~/utils/cache.server.ts";
import { metaT } from "~/utils/meta.ts";

export async function loader() {
  const incidents = await listPublicIncidents();
  return json(incidents, {
    headers: { "Cache-Control": STATUS_CACHE_CONTROL, Vary: "Accept-Language" },
  });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store",
  Vary: "Accept-Language",
});

export default function StatusPage() {
  const { active, resolved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="space-y-5">
      <section className="panel" aria-labelledby="status-title">
        <h1 id="status-title" className="text-xl font-semibold">
          {t("status.title")}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{t("status.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("status.live")}</p>
      </section>
      <section aria-labelledby="active-heading" className="space-y-3">
        <h2 id="active-heading" className="text-base font-semibold">
          {t("status.active")}
        </h2>
        {active.length ? (
          active.map((incident) => <PublicIncidentCard key={incident.slug} incident={incident} />)
        ) : (
          <p className="notice-success">{t("status.allGood")}</p>
        )}
      </section>
      <section aria-labelledby="resolved-heading" className="space-y-3">
        <h2 id="resolved-heading" className="text-base font-semibold">
          {t("status.resolved")}
        </h2>
        {resolved.length ? (
          resolved.map((incident) => <PublicIncidentCard key={incident.slug} incident={incident} />)
        ) : (
          <p className="text-sm text-slate-600">{t("status.noneResolved")}</p>
        )}
      </section>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href="/status.atom" className="text-slate-600 underline">
          {t("status.feed")}
        </a>
        <Link to="/help" className="text-slate-600 underline">
          {t("status.helpCentre")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return [
    { title: t("status.title") },
    { name: "description", content: t("status.intro") },
    { tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/status.atom" },
  ];
};
