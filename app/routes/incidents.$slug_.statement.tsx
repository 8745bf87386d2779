import { invariantResponse } from "@epic-web/invariant";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { useFormatDate } from "~/components/article-meta.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { FieldError, StatementInputs } from "~/components/incident-fields.tsx";
import { getIncidentForEditing, updateStatement } from "~/models/incident.server.ts";
import { requireCapability, requireUser } from "~/utils/auth.server.ts";
import { requireParam } from "~/utils/http.server.ts";
import { StatementSchema, parseIncidentForm } from "~/utils/incident-form.server.ts";
import { pageTitle } from "~/utils/meta.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "incident:edit-statement");
  const incident = await getIncidentForEditing(requireParam(params, "slug"));
  invariantResponse(incident, "Incident not found", { status: 404 });
  return json({ incident });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The model checks the capability, so a refused attempt is audited.
  const user = await requireUser(request);
  const slug = requireParam(params, "slug");
  const parsed = parseIncidentForm(await request.formData(), StatementSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, conflict: null }, { status: 400 });
  const { value } = parsed;
  const saved = await updateStatement(user, slug, {
    de: value.statementDe,
    en: value.statementEn,
    baseVersion: value.baseVersion,
    note: value.note,
  });
  if (saved.status === "forbidden") {
    throw new Response("You do not have permission to do this.", { status: 403 });
  }
  invariantResponse(saved.status !== "not-found", "Incident not found", { status: 404 });
  if (saved.status === "conflict") {
    return json(
      { errors: {}, conflict: { current: saved.current, mine: saved.mine } },
      { status: 409 },
    );
  }
  return redirect(`/incidents/${slug}`);
}

export default function StatementPage() {
  const { incident } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict;
  const errors = actionData?.errors as Record<string, string[]> | undefined;
  const { t } = useTranslation();
  const formatDate = useFormatDate({ time: true });
  // After a conflict the form keeps what was typed and is based on the version now current.
  const mine = conflict?.mine ?? incident.statement;
  const baseVersion = conflict?.current.version ?? incident.statementVersion;
  return (
    <section className="panel space-y-4" aria-labelledby="statement-title">
      <h1 id="statement-title" className="text-xl font-semibold tracking-tight">
        {t("incident.statementTitle", { title: incident.title })}
      </h1>
      {conflict ? (
        <div
          role="alert"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="font-medium text-amber-950">
            {conflict.current.by && conflict.current.at
              ? t("incident.statementConflictBy", {
                  name: conflict.current.by,
                  date: formatDate(conflict.current.at),
                })
              : t("incident.statementConflict")}
          </p>
          <p>{t("incident.statementConflictHelp")}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {(["de", "en"] as const).map((lang) => (
              <div key={lang}>
                <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {t(`incident.theirStatement.${lang}`)}
                </h2>
                <p lang={lang} className="mt-1 whitespace-pre-line rounded bg-white p-2">
                  {conflict.current[lang] || "–"}
                </p>
              </div>
            ))}
          </div>
        </div>
      ) : null}
      <Form method="post" className="space-y-4" key={baseVersion}>
        <input type="hidden" name="baseVersion" value={baseVersion} />
        <StatementInputs de={mine.de} en={mine.en} />
        <FieldError
          id="statement"
          errors={[...(errors?.statementDe ?? []), ...(errors?.statementEn ?? [])]}
        />
        <div>
          <label htmlFor="statement-note" className="label">
            {t("incident.note")}
          </label>
          <input id="statement-note" name="note" maxLength={500} className="input w-full" />
        </div>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">
            {t("incident.publishStatement")}
          </button>
          <Link to={`/incidents/${incident.slug}`} className="btn-secondary">
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.incident.title) },
];
