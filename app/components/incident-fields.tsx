import { useTranslation } from "react-i18next";

import { severities, type Severity } from "~/models/incident-status.ts";

export interface IncidentFieldValues {
  severity: Severity;
  areas: string;
  serviceKeys: string[];
  howtoSlugs: string[];
  summary: string;
}

type Errors = Record<string, string[] | null | undefined> | undefined;

/** A field's error line, linked to its input by id. */
export function FieldError({ id, errors }: { id: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={`${id}-error`} className="field-error">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}

function describedBy(id: string, errors: Errors, name: string, hint = false) {
  return (
    [hint ? `${id}-hint` : null, errors?.[name]?.length ? `${id}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined
  );
}

/** The incident fields the new and the update form share (severity, areas, services, links). */
export function IncidentFields({
  values,
  services,
  articles,
  errors,
}: {
  values: IncidentFieldValues;
  services: { key: string; nameDe: string; nameEn: string }[];
  articles: { slug: string; title: string }[];
  errors: Errors;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <div>
        <label htmlFor="incident-severity" className="label">
          {t("incident.severityLabel")}
        </label>
        <select
          id="incident-severity"
          name="severity"
          defaultValue={values.severity}
          className="input"
        >
          {severities.map((severity) => (
            <option key={severity} value={severity}>
              {t(`incident.severity.${severity}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="incident-areas" className="label">
          {t("incident.areas")}
        </label>
        <textarea
          id="incident-areas"
          name="areas"
          rows={4}
          defaultValue={values.areas}
          className="input w-full font-mono"
          aria-invalid={errors?.areas?.length ? true : undefined}
          aria-describedby={describedBy("incident-areas", errors, "areas", true)}
        />
        <p id="incident-areas-hint" className="mt-1 text-xs text-slate-600">
          {t("incident.areasHint")}
        </p>
        <FieldError id="incident-areas" errors={errors?.areas} />
      </div>
      <fieldset
        aria-describedby={describedBy("incident-services", errors, "services")}
        className="min-w-0"
      >
        <legend className="label">{t("incident.services")}</legend>
        <div className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
          {services.map((service) => (
            <label key={service.key} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="services"
                value={service.key}
                defaultChecked={values.serviceKeys.includes(service.key)}
              />
              {i18n.language === "de" ? service.nameDe : service.nameEn}
            </label>
          ))}
        </div>
        <FieldError id="incident-services" errors={errors?.services} />
      </fieldset>
      <div>
        <label htmlFor="incident-summary" className="label">
          {t("incident.summary")}
        </label>
        <textarea
          id="incident-summary"
          name="summary"
          rows={3}
          defaultValue={values.summary}
          className="input w-full"
          aria-describedby="incident-summary-hint"
        />
        <p id="incident-summary-hint" className="mt-1 text-xs text-slate-600">
          {t("incident.summaryHint")}
        </p>
      </div>
      <div>
        <label htmlFor="incident-howtos" className="label">
          {t("incident.howtos")}
        </label>
        <select
          id="incident-howtos"
          name="howtos"
          multiple
          size={6}
          defaultValue={values.howtoSlugs}
          className="input w-full"
          aria-describedby={describedBy("incident-howtos", errors, "howtos", true)}
        >
          {articles.map((article) => (
            <option key={article.slug} value={article.slug}>
              {article.title}
            </option>
          ))}
        </select>
        <p id="incident-howtos-hint" className="mt-1 text-xs text-slate-600">
          {t("incident.howtosHint")}
        </p>
        <FieldError id="incident-howtos" errors={errors?.howtos} />
      </div>
    </>
  );
}

/** The German and English statement text areas. */
export function StatementInputs({ de, en }: { de: string; en: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <label htmlFor="statement-de" className="label">
          {t("incident.statementIn.de")}
        </label>
        <textarea
          id="statement-de"
          name="statementDe"
          lang="de"
          rows={4}
          defaultValue={de}
          className="input w-full"
        />
      </div>
      <div>
        <label htmlFor="statement-en" className="label">
          {t("incident.statementIn.en")}
        </label>
        <textarea
          id="statement-en"
          name="statementEn"
          lang="en"
          rows={4}
          defaultValue={en}
          className="input w-full"
        />
      </div>
    </>
  );
}
