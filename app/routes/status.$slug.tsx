import { invariantResponse } from "@epic-web/invariant";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import {
  PublicIncidentFacts,
  PublicStatement,
  useLanguages,
} from "~/components/status-incident.tsx";
import { getPublicIncident } from "~/models/public-incident.server.ts";
import { STATUS_CACHE_CONTROL } from "~/utils/cache.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { metaT } from "~/utils/meta.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const incident = await getPublicIncident(requireParam(params, "slug"));
  invariantResponse(incident, "Not found", { status: 404 });
  return json(
    { incident },
    { headers: { "Cache-Control": STATUS_CACHE_CONTROL, Vary: "Accept-Language" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store",
  Vary: "Accept-Language",
});

export default function StatusIncidentPage() {
  const { incident } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [mine, other] = useLanguages();
  const formatDate = useFormatDate({ time: true });
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/status" className="text-blue-800 underline">
          ← {t("status.back")}
        </Link>
      </p>
      <article className="panel space-y-3" aria-labelledby="incident-title">
        <h1 id="incident-title" className="text-xl font-semibold leading-snug">
          {incident.title}
        </h1>
        <PublicIncidentFacts incident={incident} />
        <div className="rounded-md border-2 border-blue-200 p-3">
          <PublicStatement
            statement={incident.statement}
            resolved={incident.status === "resolved"}
          />
        </div>
      </article>
      <section className="panel" aria-labelledby="updates-heading">
        <h2 id="updates-heading" className="text-base font-semibold">
          {t("status.updates")}
        </h2>
        {incident.statements.length ? (
          <ol className="mt-2 divide-y divide-slate-200">
            {incident.statements.map((entry) => {
              const shown = entry.statement[mine] ? mine : other;
              return (
                <li key={entry.at} className="py-2.5">
                  <p className="text-sm font-medium text-slate-600">
                    <time dateTime={entry.at}>{formatDate(entry.at)}</time>
                  </p>
                  <p className="mt-0.5 whitespace-pre-line" lang={shown}>
                    {entry.statement[shown]}
                  </p>
                </li>
              );
            })}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t("status.noUpdates")}</p>
        )}
      </section>
      <p className="text-sm">
        <a href={`/status/${incident.slug}.atom`} className="text-slate-600 underline">
          {t("status.feed")}
        </a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  const title = data ? `${data.incident.title} · ${t("status.title")}` : t("status.title");
  return [
    { title },
    ...(data
      ? [
          {
            tagName: "link",
            rel: "alternate",
            type: "application/atom+xml",
            href: `/status/${data.incident.slug}.atom`,
          },
        ]
      : []),
  ];
};
