import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, json, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { useFormatDate } from "~/components/article-meta.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { UserLimits, roles } from "~/models/roles.ts";
import {
  changeUserRole,
  createUser,
  listUsers,
  setUserActive,
  setUserPassword,
} from "~/models/user.server.ts";
import { readSessionId, requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

const CreateUserSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1).max(UserLimits.name),
  email: z.string().trim().email().max(UserLimits.email),
  role: z.enum(roles),
  password: z.string().min(UserLimits.passwordMin).max(UserLimits.passwordMax),
});
const ChangeRoleSchema = z.object({
  intent: z.literal("role"),
  userId: z.string().min(1),
  role: z.enum(roles),
});
const SetActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: z.string().min(1),
});
const SetPasswordSchema = z.object({
  intent: z.literal("password"),
  userId: z.string().min(1),
  newPassword: z.string().min(UserLimits.passwordMin).max(UserLimits.passwordMax),
});
const UserActionSchema = z.discriminatedUnion("intent", [
  CreateUserSchema,
  ChangeRoleSchema,
  SetActiveSchema,
  SetPasswordSchema,
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "user:manage");
  const users = await listUsers();
  return json({ users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCapability(request, "user:manage");
  const submission = parseWithZod(await request.formData(), { schema: UserActionSchema });
  if (submission.status !== "success") {
    return json(
      { result: submission.reply({ hideFields: ["password", "newPassword"] }), outcome: null },
      { status: 400 },
    );
  }
  const value = submission.value;
  if (value.intent === "password") {
    const set = await setUserPassword({
      userId: value.userId,
      password: value.newPassword,
      actorId: admin.id,
      keepSessionId: await readSessionId(request),
    });
    if (set.status === "not-found") throw new Response("No such user", { status: 404 });
    return json({
      result: submission.reply({ resetForm: true, hideFields: ["newPassword"] }),
      outcome: "password-set" as const,
    });
  }
  if (value.intent === "create") {
    const created = await createUser(value, admin.id);
    if (created.status === "email-taken") {
      return json(
        {
          result: submission.reply({
            fieldErrors: { email: ["email-taken"] },
            hideFields: ["password"],
          }),
          outcome: null,
        },
        { status: 400 },
      );
    }
    return json({ result: submission.reply({ resetForm: true }), outcome: "created" as const });
  }
  const changed =
    value.intent === "role"
      ? await changeUserRole({ userId: value.userId, role: value.role, actorId: admin.id })
      : await setUserActive({
          userId: value.userId,
          active: value.intent === "reactivate",
          actorId: admin.id,
        });
  if (changed.status === "not-found") throw new Response("No such user", { status: 404 });
  if (changed.status === "last-admin") {
    return json({ result: submission.reply(), outcome: "last-admin" as const }, { status: 409 });
  }
  return json({ result: submission.reply(), outcome: "updated" as const });
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const createResult = actionData?.result;
  const [form, fields] = useForm({
    lastResult: createResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateUserSchema }),
    shouldRevalidate: "onBlur",
  });
  const outcome = actionData?.outcome;
  const passwordInvalid = Boolean(actionData?.result.error?.newPassword);
  const fieldError = (errors: string[] | undefined) =>
    errors?.map((error) => (error === "email-taken" ? t("admin.emailTaken") : error)).join(" ");

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("admin.users")}</h1>
      {outcome === "last-admin" ? (
        <p role="alert" className="notice-warning">
          {t("admin.lastAdmin")}
        </p>
      ) : null}
      {passwordInvalid ? (
        <p role="alert" className="notice-warning">
          {t("admin.passwordRange", { min: UserLimits.passwordMin, max: UserLimits.passwordMax })}
        </p>
      ) : null}
      {outcome === "created" || outcome === "updated" || outcome === "password-set" ? (
        <p role="status" className="notice-success">
          {outcome === "password-set"
            ? t("admin.passwordSet")
            : outcome === "created"
              ? t("admin.created")
              : t("admin.updated")}
        </p>
      ) : null}
      <DataTable
        columns={[
          { label: t("admin.name") },
          { label: t("auth.email") },
          { label: t("admin.role") },
          { label: t("admin.status") },
          { label: t("admin.newPassword") },
          { label: t("admin.deactivate"), hidden: true },
        ]}
      >
        {users.map((user) => (
          <tr key={user.id} className={user.active ? "" : "text-slate-500"}>
            <td className="font-medium">{user.name}</td>
            <td>{user.email}</td>
            <td>
              <Form method="post" className="flex items-center gap-2">
                <input type="hidden" name="intent" value="role" />
                <input type="hidden" name="userId" value={user.id} />
                <label className="sr-only" htmlFor={`role-${user.id}`}>
                  {t("admin.role")} {user.name}
                </label>
                <select
                  id={`role-${user.id}`}
                  name="role"
                  defaultValue={user.role}
                  className="input py-1"
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {t(`auth.roles.${role}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="submit"
                  className="btn-secondary py-1"
                  aria-label={`${t("admin.save")}: ${user.name}`}
                >
                  {t("admin.save")}
                </button>
              </Form>
            </td>
            <td>
              {user.active ? t("admin.active") : t("admin.inactive")}
              <span className="block text-xs text-slate-500">{formatDate(user.createdAt)}</span>
            </td>
            <td>
              <Form method="post" className="flex items-center gap-2">
                <input type="hidden" name="intent" value="password" />
                <input type="hidden" name="userId" value={user.id} />
                <label className="sr-only" htmlFor={`password-${user.id}`}>
                  {t("admin.newPassword")} {user.name}
                </label>
                <input
                  id={`password-${user.id}`}
                  name="newPassword"
                  type="password"
                  required
                  minLength={UserLimits.passwordMin}
                  maxLength={UserLimits.passwordMax}
                  autoComplete="new-password"
                  className="input w-36 py-1"
                />
                <button
                  type="submit"
                  className="btn-secondary py-1"
                  aria-label={`${t("admin.setPassword")}: ${user.name}`}
                >
                  {t("admin.setPassword")}
                </button>
              </Form>
            </td>
            <td>
              <Form method="post">
                <input type="hidden" name="userId" value={user.id} />
                <button
                  type="submit"
                  name="intent"
                  value={user.active ? "deactivate" : "reactivate"}
                  className="btn-secondary py-1"
                  aria-label={`${user.active ? t("admin.deactivate") : t("admin.reactivate")}: ${user.name}`}
                >
                  {user.active ? t("admin.deactivate") : t("admin.reactivate")}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </DataTable>
      <section className="panel max-w-xl" aria-labelledby="create-user">
        <h2 id="create-user" className="text-base font-semibold">
          {t("admin.createUser")}
        </h2>
        <Form method="post" className="mt-3 grid grid-cols-2 gap-3" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor={fields.name.id} className="label">
              {t("admin.name")}
            </label>
            <input {...getInputProps(fields.name, { type: "text" })} className="input w-full" />
            <p id={fields.name.errorId} className="field-error">
              {fieldError(fields.name.errors)}
            </p>
          </div>
          <div>
            <label htmlFor={fields.email.id} className="label">
              {t("auth.email")}
            </label>
            <input {...getInputProps(fields.email, { type: "email" })} className="input w-full" />
            <p id={fields.email.errorId} className="field-error">
              {fieldError(fields.email.errors)}
            </p>
          </div>
          <div>
            <label htmlFor={fields.role.id} className="label">
              {t("admin.role")}
            </label>
            <select
              id={fields.role.id}
              name={fields.role.name}
              defaultValue="agent"
              className="input w-full"
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {t(`auth.roles.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={fields.password.id} className="label">
              {t("admin.initialPassword")}
            </label>
            <input
              {...getInputProps(fields.password, { type: "password" })}
              autoComplete="new-password"
              className="input w-full"
            />
            <p id={fields.password.errorId} className="field-error">
              {fieldError(fields.password.errors)}
            </p>
          </div>
          <div className="col-span-2">
            <button type="submit" className="btn-primary">
              {t("admin.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("admin.users")) },
];
