import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, json, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { useFormatDate } from "~/components/article-meta.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { ApiTokenLimits, apiTokenScopes } from "~/models/api-token-limits.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

const TokenActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z.string().trim().min(1).max(ApiTokenLimits.name),
    validDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(ApiTokenLimits.maxDays)
      .default(ApiTokenLimits.defaultDays),
    scope: z.enum(apiTokenScopes).default("internal"),
  }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "token:manage");
  const tokens = await listApiTokens();
  return json({
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      createdBy: token.createdBy?.name ?? null,
      createdAt: token.createdAt.toISOString(),
      expiresAt: token.expiresAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      scope: token.scope,
      revoked: Boolean(token.revokedAt),
      expired: token.expiresAt.getTime() <= Date.now(),
      creatorInactive: token.createdBy?.active !== true,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCapability(request, "token:manage");
  const submission = parseWithZod(await request.formData(), { schema: TokenActionSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply(), token: null }, { status: 400 });
  }
  if (submission.value.intent === "create") {
    const { name, validDays, scope } = submission.value;
    const created = await createApiToken({ name, validDays, scope, actorId: admin.id });
    return json({ result: submission.reply({ resetForm: true }), token: created.token });
  }
  const found = await revokeApiToken({ id: submission.value.id, actorId: admin.id });
  if (!found) throw new Response("No such token", { status: 404 });
  return json({ result: submission.reply(), token: null });
}

export default function AdminTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const nameError = actionData?.result.error?.name;
  const daysError = actionData?.result.error?.validDays;
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("admin.tokens")}</h1>
      <p className="text-sm text-slate-600">{t("admin.tokenHelp")}</p>
      {actionData?.token ? (
        <div role="status" className="notice-success">
          <p>{t("admin.tokenCreated")}</p>
          <code className="mt-1 block select-all break-all font-mono text-sm">
            {actionData.token}
          </code>
        </div>
      ) : null}
      <Form method="post" className="panel flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="create" />
        <div className="flex-1">
          <label htmlFor="token-name" className="label">
            {t("admin.tokenName")}
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={ApiTokenLimits.name}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "token-name-error" : undefined}
            className="input w-full"
          />
          {nameError ? (
            <p id="token-name-error" className="field-error">
              {nameError.join(" ")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="token-days" className="label">
            {t("admin.tokenValidDays")}
          </label>
          <input
            id="token-days"
            name="validDays"
            type="number"
            required
            min={1}
            max={ApiTokenLimits.maxDays}
            defaultValue={ApiTokenLimits.defaultDays}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? "token-days-error" : undefined}
            className="input w-28"
          />
          {daysError ? (
            <p id="token-days-error" className="field-error">
              {t("admin.tokenValidDaysRange", { max: ApiTokenLimits.maxDays })}
            </p>
          ) : null}
        </div>
        <fieldset>
          <legend className="label">{t("admin.tokenScope")}</legend>
          <div className="flex gap-3 py-1.5 text-sm">
            {apiTokenScopes.map((scope) => (
              <label key={scope} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="scope"
                  value={scope}
                  defaultChecked={scope === "internal"}
                />
                {t(`admin.tokenScopes.${scope}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary">
          {t("admin.createToken")}
        </button>
      </Form>
      <DataTable
        columns={[
          { label: t("admin.tokenName") },
          { label: t("admin.token") },
          { label: t("admin.tokenScope") },
          { label: t("admin.who") },
          { label: t("admin.lastUsed") },
          { label: t("admin.expires") },
          { label: t("admin.revoke"), hidden: true },
        ]}
      >
        {tokens.map((token) => (
          <tr
            key={token.id}
            className={
              token.revoked || token.expired || token.creatorInactive ? "text-slate-500" : ""
            }
          >
            <td className="font-medium">{token.name}</td>
            <td>
              <code className="text-xs">{token.prefix}…</code>
            </td>
            <td>{t(`admin.tokenScopes.${token.scope === "public" ? "public" : "internal"}`)}</td>
            <td>
              {token.createdBy ?? "—"}
              <span className="block text-xs text-slate-500">{formatDate(token.createdAt)}</span>
            </td>
            <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t("admin.never")}</td>
            <td>
              {formatDate(token.expiresAt)}
              {token.expired || token.creatorInactive ? (
                <span className="block text-xs text-slate-500">
                  {token.expired ? t("admin.tokenExpired") : t("admin.tokenCreatorInactive")}
                </span>
              ) : null}
            </td>
            <td>
              {token.revoked ? (
                t("admin.revoked")
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="id" value={token.id} />
                  <button
                    type="submit"
                    className="btn-secondary py-1"
                    aria-label={`${t("admin.revoke")}: ${token.name}`}
                  >
                    {t("admin.revoke")}
                  </button>
                </Form>
              )}
            </td>
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
  { title: pageTitle(metaT(matches)("admin.tokens")) },
];
