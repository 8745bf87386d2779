import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export interface DialogField {
  name: string;
  label: string;
  initial: string;
  /** Returns an error message, or null when the value is fine. */
  validate?: (value: string) => string | null;
  maxLength?: number;
}

/**
 * A small modal form (native <dialog>: focus stays inside, Escape closes it) asking for a URL and
 * the like. It is not a <form> of its own, so it can sit inside the article form.
 */
export function UrlDialog({
  title,
  fields,
  submitLabel,
  onSubmit,
  onClose,
  extraAction,
}: {
  title: string;
  fields: DialogField[];
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => void;
  onClose: () => void;
  extraAction?: { label: string; run: () => void };
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((field) => [field.name, field.initial])),
  );
  const [errors, setErrors] = useState<Record<string, string | null>>({});

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  function submit() {
    const found = Object.fromEntries(
      fields.map((field) => [field.name, field.validate?.(values[field.name] ?? "") ?? null]),
    );
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    onSubmit(values);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      className="w-full max-w-md rounded-md border border-slate-200 p-5 shadow-lg backdrop:bg-slate-900/30"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <div
        className="mt-3 space-y-3"
        onKeyDown={(event) => {
          // Enter inside the dialog confirms it instead of submitting the article form.
          if (event.key === "Enter") {
            event.preventDefault();
            submit();
          }
        }}
      >
        {fields.map((field, index) => {
          const error = errors[field.name];
          return (
            <div key={field.name}>
              <label htmlFor={`${id}-${field.name}`} className="label">
                {field.label}
              </label>
              <input
                id={`${id}-${field.name}`}
                className="input w-full"
                value={values[field.name] ?? ""}
                maxLength={field.maxLength}
                autoFocus={index === 0}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${field.name}-error` : undefined}
                onChange={(event) =>
                  setValues((previous) => ({ ...previous, [field.name]: event.target.value }))
                }
              />
              {error ? (
                <p id={`${id}-${field.name}-error`} className="field-error">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="mt-4 flex items-center gap-2">
        <button type="button" className="btn-primary" onClick={submit}>
          {submitLabel}
        </button>
        {extraAction ? (
          <button type="button" className="btn-secondary" onClick={extraAction.run}>
            {extraAction.label}
          </button>
        ) : null}
        <button type="button" className="btn-secondary ml-auto" onClick={onClose}>
          {t("editor.cancel")}
        </button>
      </div>
    </dialog>
  );
}
