import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, json, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { useFormatDate } from "~/components/article-meta.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { FieldError } from "~/components/incident-fields.tsx";
import { GlossaryFormSchema, GlossaryLimits } from "~/models/glossary-rules.ts";
import {
  countGlossaryEntries,
  createGlossaryEntry,
  deleteGlossaryEntry,
  listGlossaryEntries,
  updateGlossaryEntry,
  type GlossaryChangeResult,
} from "~/models/glossary.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

const FilterSchema = z.object({
  q: z.string().max(GlossaryLimits.term).catch(""),
  edit: z.coerce.number().int().positive().optional().catch(undefined),
  done: z.enum(["created", "saved", "deleted"]).optional().catch(undefined),
  pending: z.literal("1").optional().catch(undefined),
  all: z.literal("1").optional().catch(undefined),
});

/** Entries listed unless all are asked for: the full default glossary is a heavy page. */
const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "glossary:manage");
  const params = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [entries, matching, total] = await Promise.all([
    listGlossaryEntries(params.q, params.all ? undefined : PAGE),
    countGlossaryEntries(params.q),
    countGlossaryEntries(),
  ]);
  return json({ entries, matching, total, ...params });
}

/** Where a form was: the add form, or the edit form of an entry. */
type FormId = "create" | number;

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCapability(request, "glossary:manage");
  const form = await request.formData();
  const parsed = GlossaryFormSchema.safeParse(Object.fromEntries(form));
  const formId: FormId = form.get("intent") === "update" ? Number(form.get("id")) : "create";
  const typed = String(form.get("terms") ?? "");
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "tooFewTerms";
    return json({ formId, typed, error: { key: message, term: "" } }, { status: 400 });
  }
  const value = parsed.data;
  let result: GlossaryChangeResult;
  if (value.intent === "create") result = await createGlossaryEntry(admin, value.terms);
  else if (value.intent === "update")
    result = await updateGlossaryEntry(admin, value.id, value.terms);
  else result = await deleteGlossaryEntry(admin, value.id);
  if (result.status === "forbidden") throw new Response("Forbidden", { status: 403 });
  if (result.status === "not-found") throw new Response("No such entry", { status: 404 });
  if (result.status === "invalid") {
    return json({ formId, typed, error: { key: result.message, term: "" } }, { status: 400 });
  }
  if (result.status === "taken") {
    return json({ formId, typed, error: { key: "termTaken", term: result.term } }, { status: 400 });
  }
  const next = new URL(request.url).searchParams;
  next.delete("edit");
  next.delete("pending");
  next.set("done", { create: "created", update: "saved", delete: "deleted" }[value.intent]);
  if (!result.appliedToSearch) next.set("pending", "1");
  return redirect(`/admin/glossary?${next}`);
}

function useErrorText() {
  const { t } = useTranslation();
  return (error: { key: string; term: string } | undefined) => {
    if (!error) return undefined;
    const max = {
      tooManyTerms: GlossaryLimits.terms,
      termTooLong: GlossaryLimits.term,
      tooManyWords: GlossaryLimits.wordsPerTerm,
    }[error.key];
    return [t(`glossary.errors.${error.key}`, { min: 2, max, term: error.term })];
  };
}

function TermsInput({
  id,
  label,
  defaultValue,
  errors,
}: {
  id: string;
  label: string;
  defaultValue: string;
  errors?: string[];
}) {
  const { t } = useTranslation();
  return (
    <div className="min-w-0 flex-1">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name="terms"
        defaultValue={defaultValue}
        maxLength={GlossaryLimits.field}
        aria-invalid={errors ? true : undefined}
        aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
        className="input w-full"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("glossary.termsHint", {
          min: 2,
          max: GlossaryLimits.terms,
          words: GlossaryLimits.wordsPerTerm,
          length: GlossaryLimits.term,
        })}
      </p>
      <FieldError id={id} errors={errors} />
    </div>
  );
}

export default function AdminGlossary() {
  const { entries, matching, total, q, edit, done, pending, all } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const errorText = useErrorText();
  const errorFor = (formId: FormId) =>
    actionData?.formId === formId ? errorText(actionData.error) : undefined;
  const typedFor = (formId: FormId, stored: string) =>
    actionData?.formId === formId ? actionData.typed : stored;
  // The list as shown (filter, all entries), which edit links and Cancel come back to.
  const listParams = { ...(q ? { q } : {}), ...(all ? { all } : {}) };
  const allHref = `?${new URLSearchParams({ ...listParams, all: "1" })}`;
  const editHref = (id: number) => `?${new URLSearchParams({ ...listParams, edit: String(id) })}`;
  const listHref = `/admin/glossary?${new URLSearchParams(listParams)}`;
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("glossary.title")}</h1>
      <p className="text-sm text-slate-600">{t("glossary.intro")}</p>
      {done && !actionData ? (
        <p role="status" className={pending ? "notice-warning" : "notice-success"}>
          {pending ? t("glossary.pending") : t(`glossary.${done}`)}
        </p>
      ) : null}
      <Form method="post" className="panel flex flex-wrap items-start gap-3">
        <input type="hidden" name="intent" value="create" />
        <TermsInput
          id="glossary-new"
          label={t("glossary.terms")}
          defaultValue={typedFor("create", "")}
          errors={errorFor("create")}
        />
        <button type="submit" className="btn-primary mt-6">
          {t("glossary.add")}
        </button>
      </Form>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="glossary-filter" className="label">
            {t("glossary.filterLabel")}
          </label>
          <input
            id="glossary-filter"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={GlossaryLimits.term}
            className="input"
          />
        </div>
        <button type="submit" className="btn-secondary">
          {t("glossary.filter")}
        </button>
        {q ? (
          <Link to="/admin/glossary" className="text-sm underline">
            {t("glossary.clearFilter")}
          </Link>
        ) : null}
        <p className="text-sm text-slate-600" aria-live="polite">
          {t("glossary.count", { shown: entries.length, total: matching })}
          {matching !== total ? ` (${t("glossary.countAll", { total })})` : null}
        </p>
        {entries.length < matching ? (
          <Link to={allHref} className="text-sm underline">
            {t("glossary.showAll", { total: matching })}
          </Link>
        ) : null}
      </Form>
      {entries.length ? (
        <DataTable
          columns={[
            { label: t("glossary.terms") },
            { label: t("glossary.updated") },
            { label: t("glossary.actions"), hidden: true },
          ]}
        >
          {entries.map((entry) => {
            const terms = entry.terms.join(", ");
            if (entry.id === edit) {
              return (
                <tr key={entry.id}>
                  <td colSpan={3}>
                    <Form method="post" className="flex flex-wrap items-start gap-3">
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={entry.id} />
                      <TermsInput
                        id={`glossary-${entry.id}`}
                        label={t("glossary.editTerms")}
                        defaultValue={typedFor(entry.id, terms)}
                        errors={errorFor(entry.id)}
                      />
                      <button type="submit" className="btn-primary mt-6">
                        {t("glossary.save")}
                      </button>
                      <Link to={listHref} className="btn-secondary mt-6">
                        {t("glossary.cancel")}
                      </Link>
                    </Form>
                  </td>
                </tr>
              );
            }
            return (
              <tr key={entry.id}>
                <td>{terms}</td>
                <td className="whitespace-nowrap">{formatDate(entry.updatedAt)}</td>
                <td className="whitespace-nowrap">
                  <div className="flex gap-2">
                    <Link
                      to={editHref(entry.id)}
                      aria-label={t("glossary.editLabel", { terms })}
                      className="btn-secondary py-1"
                    >
                      {t("glossary.edit")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={entry.id} />
                      <button
                        type="submit"
                        aria-label={t("glossary.deleteLabel", { terms })}
                        className="btn-secondary py-1"
                      >
                        {t("glossary.delete")}
                      </button>
                    </Form>
                  </div>
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <p>{t("glossary.empty")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("glossary.title")) },
];
