import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { FieldError, IncidentFields } from "~/components/incident-fields.tsx";
import { StatusBadge } from "~/components/incident-meta.tsx";
import { nextStatuses } from "~/models/incident-status.ts";
import {
  getIncidentForEditing,
  listLinkableArticles,
  reopenIncident,
  updateIncident,
} from "~/models/incident.server.ts";
import { listServices } from "~/models/service.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import {
  ReopenSchema,
  UpdateIncidentSchema,
  parseIncidentForm,
} from "~/utils/incident-form.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "article:write");
  const incident = await getIncidentForEditing(requireParam(params, "slug"));
  invariantResponse(incident, "Incident not found", { status: 404 });
  const [services, articles] = await Promise.all([listServices(), listLinkableArticles()]);
  return json({ incident, services, articles, next: nextStatuses(incident.status) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const slug = requireParam(params, "slug");
  const form = await request.formData();
  if (form.get("intent") === "reopen") {
    const parsed = parseIncidentForm(form, ReopenSchema);
    if (!parsed.ok) return json({ errors: parsed.errors, conflict: false }, { status: 400 });
    const reopened = await reopenIncident(user, slug, parsed.value.note);
    invariantResponse(reopened.status !== "not-found", "Incident not found", { status: 404 });
    invariantResponse(reopened.status !== "forbidden", "Forbidden", { status: 403 });
    if (reopened.status === "refused") {
      return json({ errors: { status: [reopened.message] }, conflict: false }, { status: 409 });
    }
    return redirect(`/incidents/${slug}`);
  }
  const parsed = parseIncidentForm(form, UpdateIncidentSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, conflict: false }, { status: 400 });
  const { value } = parsed;
  const saved = await updateIncident(user, slug, {
    baseVersion: value.baseVersion,
    status: value.status,
    severity: value.severity,
    areas: value.areas,
    serviceKeys: value.services,
    howtoSlugs: value.howtos,
    summary: value.summary,
    note: value.note,
  });
  invariantResponse(saved.status !== "not-found", "Incident not found", { status: 404 });
  invariantResponse(saved.status !== "forbidden", "Forbidden", { status: 403 });
  if (saved.status === "invalid")
    return json({ errors: saved.errors, conflict: false }, { status: 400 });
  if (saved.status === "conflict") return json({ errors: {}, conflict: true }, { status: 409 });
  return redirect(`/incidents/${slug}`);
}

export default function EditIncidentPage() {
  const { incident, services, articles, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string[]> | undefined;
  const { t } = useTranslation();
  const resolved = incident.status === "resolved";
  return (
    <section className="panel space-y-4" aria-labelledby="edit-incident-title">
      <h1 id="edit-incident-title" className="text-xl font-semibold tracking-tight">
        {t("incident.updateTitle", { title: incident.title })}
      </h1>
      {actionData?.conflict ? (
        <p role="alert" className="notice-warning">
          {t("incident.conflict")}
        </p>
      ) : null}
      {resolved ? (
        <Form method="post" className="space-y-2 rounded-md border border-slate-200 p-3">
          <input type="hidden" name="intent" value="reopen" />
          <p className="text-sm">
            <StatusBadge status="resolved" /> {t("incident.reopenHint")}
          </p>
          <label htmlFor="reopen-note" className="label">
            {t("incident.note")}
          </label>
          <input id="reopen-note" name="note" maxLength={500} className="input w-full" />
          <FieldError id="reopen-status" errors={errors?.status} />
          <button type="submit" className="btn-primary">
            {t("incident.reopen")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="space-y-4" key={incident.version}>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="baseVersion" value={incident.version} />
        <div>
          <label htmlFor="incident-status" className="label">
            {t("incident.statusLabel")}
          </label>
          <select
            id="incident-status"
            name="status"
            defaultValue={incident.status}
            className="input"
            aria-invalid={errors?.status?.length && !resolved ? true : undefined}
            aria-describedby={
              errors?.status?.length && !resolved ? "incident-status-error" : undefined
            }
          >
            {[incident.status, ...next].map((status) => (
              <option key={status} value={status}>
                {t(`incident.status.${status}`)}
              </option>
            ))}
          </select>
          {resolved ? null : <FieldError id="incident-status" errors={errors?.status} />}
        </div>
        <IncidentFields values={incident} services={services} articles={articles} errors={errors} />
        <div>
          <label htmlFor="incident-note" className="label">
            {t("incident.note")}
          </label>
          <input
            id="incident-note"
            name="note"
            maxLength={500}
            className="input w-full"
            aria-describedby="incident-note-hint"
          />
          <p id="incident-note-hint" className="mt-1 text-xs text-slate-600">
            {t("incident.noteHint")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary">
            {t("articleForm.save")}
          </button>
          <Link to={`/incidents/${incident.slug}`} className="btn-secondary">
            {t("articleForm.cancel")}
          </Link>
          <Link
            to={`/articles/${incident.slug}/edit`}
            className="ml-auto text-sm text-blue-700 underline"
          >
            {t("incident.editDetail")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.incident.title) },
];
