import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { listAuditEvents } from "~/models/audit.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "audit:read");
  const events = await listAuditEvents(300);
  return json({
    events: events.map((event) => ({
      id: event.id,
      at: event.createdAt.toISOString(),
      actor: event.actor?.name ?? "—",
      action: event.action,
      target: event.target,
      detail: event.detail,
    })),
  });
}

export default function AuditLog() {
  const { events } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === "de" ? "de-DE" : "en-GB", {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "Europe/Berlin",
  });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("admin.audit")}</h1>
      <DataTable
        columns={[
          { label: t("admin.when") },
          { label: t("admin.who") },
          { label: t("admin.action") },
          { label: t("admin.target") },
          { label: t("admin.detail") },
        ]}
      >
        {events.map((event) => (
          <tr key={event.id}>
            <td className="whitespace-nowrap tabular-nums text-slate-500">
              {format.format(new Date(event.at))}
            </td>
            <td>{event.actor}</td>
            <td>
              <code className="text-xs">{event.action}</code>
            </td>
            <td>{event.target}</td>
            <td className="text-slate-500">{event.detail}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("admin.audit")) },
];
