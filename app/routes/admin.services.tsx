import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, json, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { DataTable } from "~/components/data-table.tsx";
import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";
import { FieldError } from "~/components/incident-fields.tsx";
import { addService, listServices, parseServiceForm } from "~/models/service.server.ts";
import { requireCapability } from "~/utils/auth.server.ts";
import { metaT, pageTitle } from "~/utils/meta.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "service:manage");
  return json({ services: await listServices() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCapability(request, "service:manage");
  const parsed = parseServiceForm(await request.formData());
  if (!parsed.success) {
    return json({ outcome: null, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  }
  const added = await addService(admin, parsed.data);
  if (added.status === "forbidden") throw new Response("Forbidden", { status: 403 });
  if (added.status === "taken") {
    return json({ outcome: "taken" as const, errors: {} }, { status: 409 });
  }
  return json({ outcome: "created" as const, errors: {} });
}

export default function AdminServices() {
  const { services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = actionData?.errors as Record<string, string[]> | undefined;
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">{t("admin.services")}</h1>
      {actionData?.outcome === "created" ? (
        <p role="status" className="notice-success">
          {t("admin.serviceCreated")}
        </p>
      ) : actionData?.outcome === "taken" ? (
        <p role="alert" className="notice-warning">
          {t("admin.serviceTaken")}
        </p>
      ) : null}
      <DataTable columns={[{ label: t("admin.nameDe") }, { label: t("admin.nameEn") }]}>
        {services.map((service) => (
          <tr key={service.key}>
            <td lang="de">{service.nameDe}</td>
            <td lang="en">{service.nameEn}</td>
          </tr>
        ))}
      </DataTable>
      <Form method="post" className="panel flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="service-de" className="label">
            {t("admin.nameDe")}
          </label>
          <input id="service-de" name="nameDe" required maxLength={60} className="input" />
          <FieldError id="service-de" errors={errors?.nameDe} />
        </div>
        <div>
          <label htmlFor="service-en" className="label">
            {t("admin.nameEn")}
          </label>
          <input id="service-en" name="nameEn" required maxLength={60} className="input" />
          <FieldError id="service-en" errors={errors?.nameEn} />
        </div>
        <button type="submit" className="btn-primary">
          {t("admin.addService")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(metaT(matches)("admin.services")) },
];
