import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { FieldError, IncidentFields, StatementInputs } from "~/components/incident-fields.tsx";
import { can } from "~/models/capabilities.ts";
import { createIncident, listLinkableArticles } from "~/models/incident.server.ts";
import { listServices } from "~/models/service.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import {
  NewIncidentSchema,
  berlinLocalToDate,
  dateToBerlinLocal,
  parseIncidentForm,
} from "~/utils/incident-form.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const [services, articles] = await Promise.all([listServices(), listLinkableArticles()]);
  return json({
    services,
    articles,
    startedAt: dateToBerlinLocal(new Date()),
    canEditStatement: can(user.role, "incident:edit-statement"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "article:write");
  const parsed = parseIncidentForm(await request.formData(), NewIncidentSchema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const { value } = parsed;
  const created = await createIncident(user, {
    title: value.title,
    detail: value.detail,
    startedAt: berlinLocalToDate(value.startedAt)!,
    severity: value.severity,
    areas: value.areas,
    serviceKeys: value.services,
    howtoSlugs: value.howtos,
    summary: value.summary,
    statementDe: value.statementDe,
    statementEn: value.statementEn,
  });
  if (created.status === "forbidden") {
    throw new Response("You do not have permission to do this.", { status: 403 });
  }
  if (created.status === "invalid") return json({ errors: created.errors }, { status: 400 });
  return redirect(`/incidents/${created.slug}`);
}

export default function NewIncidentPage() {
  const { services, articles, startedAt, canEditStatement } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const { t } = useTranslation();
  return (
    <section className="panel space-y-4" aria-labelledby="new-incident-title">
      <h1 id="new-incident-title" className="text-xl font-semibold tracking-tight">
        {t("incident.new")}
      </h1>
      <Form method="post" className="space-y-4">
        <div>
          <label htmlFor="incident-title" className="label">
            {t("incident.title")}
          </label>
          <input
            id="incident-title"
            name="title"
            required
            maxLength={160}
            className="input w-full"
            aria-invalid={errors?.title?.length ? true : undefined}
            aria-describedby={errors?.title?.length ? "incident-title-error" : undefined}
          />
          <FieldError id="incident-title" errors={errors?.title} />
        </div>
        <div>
          <label htmlFor="incident-started" className="label">
            {t("incident.startedAt")}
          </label>
          <input
            id="incident-started"
            name="startedAt"
            type="datetime-local"
            required
            defaultValue={startedAt}
            className="input"
            aria-describedby={errors?.startedAt?.length ? "incident-started-error" : undefined}
          />
          <FieldError id="incident-started" errors={errors?.startedAt} />
        </div>
        <IncidentFields
          values={{ severity: "major", areas: "", serviceKeys: [], howtoSlugs: [], summary: "" }}
          services={services}
          articles={articles}
          errors={errors}
        />
        <div>
          <label htmlFor="incident-detail" className="label">
            {t("incident.detail")}
          </label>
          <textarea
            id="incident-detail"
            name="detail"
            rows={6}
            className="input w-full font-mono"
            aria-describedby="incident-detail-hint"
          />
          <p id="incident-detail-hint" className="mt-1 text-xs text-slate-600">
            {t("articleForm.markdownHint")}
          </p>
        </div>
        {canEditStatement ? (
          <fieldset className="space-y-3">
            <legend className="label">{t("incident.statement")}</legend>
            <StatementInputs de="" en="" />
          </fieldset>
        ) : (
          <p className="text-sm text-slate-600">{t("incident.statementByComms")}</p>
        )}
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            {t("incident.create")}
          </button>
          <Link to="/incidents" className="btn-secondary">
            {t("articleForm.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("incident.new")) },
];
