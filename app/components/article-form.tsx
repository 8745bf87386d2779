import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { DiffLegend, WordDiff } from "~/components/word-diff.tsx";
import { ArticleEditor } from "~/editor/article-editor.tsx";
import { ArticleFieldsSchema, NO_OWNER } from "~/models/article-form-schema.ts";
import { ArticleLimits, articleKinds, visibilities } from "~/models/article-limits.ts";
import type { DiffPart } from "~/models/merge.ts";

import { VisibilityBadge } from "./article-meta.tsx";

export interface ArticleFormValues {
  title: string;
  kind: string;
  visibility: string;
  tags: string[];
  keywords: string[];
  ownerId: string | null;
  /** `YYYY-MM-DD` or empty. */
  reviewAt: string;
  /** Serialized editor state, or null for a new, empty article. */
  content: string | null;
  markdown: string;
  revision?: number;
}

/** What the edit action answers with 409: the version saved meanwhile and the word diff. */
export interface ArticleConflict {
  current: {
    revision: number;
    title: string;
    markdown: string;
    authorName: string | null;
    savedAt: string;
  };
  mine: { markdown: string };
  diff: DiffPart[];
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function useErrorText() {
  const { t } = useTranslation();
  const limits: Record<string, number> = {
    titleTooLong: ArticleLimits.title,
    tooManyTags: ArticleLimits.tags,
    tagTooLong: ArticleLimits.tag,
    tooManyKeywords: ArticleLimits.keywords,
    keywordTooLong: ArticleLimits.keyword,
    summaryTooLong: ArticleLimits.summary,
  };
  // Schema messages are keys; anything else is the model's own sentence (a refused body, a taken
  // address) and is shown as it is.
  return (errors: string[] | undefined, options: { body?: boolean } = {}) =>
    errors
      ?.map((error) =>
        /^[a-zA-Z]+$/.test(error)
          ? t(`articleForm.errors.${error as "invalid"}`, {
              max: limits[error],
              defaultValue: error,
            })
          : options.body
            ? t("articleForm.contentRefused", { reason: error })
            : error,
      )
      .join(" ");
}

/** Ctrl/Cmd+S saves from anywhere in the form; Escape (outside dialogs and pickers) cancels. */
function useFormShortcuts(
  form: React.RefObject<HTMLFormElement>,
  cancelHref: string,
  dirty: React.MutableRefObject<boolean>,
) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        form.current?.requestSubmit();
        return;
      }
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest("dialog, [role=listbox]") || document.querySelector("dialog[open]")) {
        return;
      }
      event.preventDefault();
      if (dirty.current && !window.confirm(t("articleForm.discard"))) return;
      navigate(cancelHref);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [form, cancelHref, dirty, navigate, t]);
}

function TagsInput(props: React.InputHTMLAttributes<HTMLInputElement> & { listId: string }) {
  const { listId, ...input } = props;
  const fetcher = useFetcher<string[]>();
  const [value, setValue] = useState(String(input.defaultValue ?? ""));
  const cut = value.lastIndexOf(",");
  const done = cut === -1 ? "" : `${value.slice(0, cut + 1).trimEnd()} `;
  const typing = value.slice(cut + 1).trim();
  return (
    <>
      <input
        {...input}
        list={listId}
        autoComplete="off"
        onChange={(event) => {
          setValue(event.target.value);
          const last = event.target.value.split(",").at(-1)?.trim() ?? "";
          if (last) fetcher.load(`/api/tags?q=${encodeURIComponent(last)}`);
        }}
      />
      <datalist id={listId}>
        {typing
          ? (fetcher.data ?? [])
              .filter((name) => name !== typing)
              .map((name) => <option key={name} value={`${done}${name}`} />)
          : null}
      </datalist>
    </>
  );
}

function ConflictNotice({ conflict }: { conflict: ArticleConflict }) {
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  const { current } = conflict;
  const when = new Intl.DateTimeFormat(i18n.language === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(current.savedAt));
  return (
    <section aria-labelledby="conflict-title" className="notice-warning space-y-3">
      <h2 id="conflict-title" role="alert" className="text-base font-semibold">
        {t("articleForm.conflictTitle")}
      </h2>
      <p>
        {current.authorName
          ? t("articleForm.conflictBy", {
              name: current.authorName,
              revision: current.revision,
              date: when,
            })
          : t("articleForm.conflictByUnknown", { revision: current.revision, date: when })}{" "}
        {t("articleForm.conflictHelp")}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs" className="text-sm font-medium">
            {t("articleForm.theirVersion", { revision: current.revision })}
          </h3>
          <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-800">
            {current.markdown}
          </pre>
        </section>
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine" className="text-sm font-medium">
            {t("articleForm.yourVersion")}
          </h3>
          <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-800">
            {conflict.mine.markdown}
          </pre>
        </section>
      </div>
      <div className="space-y-1">
        <h3 className="text-sm font-medium">{t("articleForm.differences")}</h3>
        <DiffLegend />
        <WordDiff parts={conflict.diff} label={t("articleForm.differences")} />
      </div>
    </section>
  );
}

/**
 * The one article form of the new and edit pages: fields, the rich-text editor (a Markdown text
 * area until JavaScript runs, so editing works without it), the conflict screen, Save and Cancel.
 */
export function ArticleForm({
  mode,
  article: loadedArticle,
  owners,
  canPublish,
  cancelHref,
  lastResult,
  conflict,
}: {
  mode: "new" | "edit";
  article: ArticleFormValues;
  owners: { id: string; name: string }[];
  canPublish: boolean;
  cancelHref: string;
  lastResult?: SubmissionResult<string[]> | null;
  conflict?: ArticleConflict | null;
}) {
  const { t } = useTranslation();
  // The values the form was opened with; revalidated loader data must not overwrite edits.
  const [article] = useState(loadedArticle);
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const errorText = useErrorText();
  const formRef = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const dirty = useRef(false);
  const [typedMarkdown, setTypedMarkdown] = useState<string | undefined>(undefined);
  const [form, fields] = useForm({
    id: "article-form",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      title: article.title,
      tags: article.tags.join(", "),
      keywords: article.keywords.join(", "),
      kind: article.kind,
      visibility: article.visibility,
      ownerId: article.ownerId ?? NO_OWNER,
      reviewAt: article.reviewAt,
      markdown: conflict?.mine.markdown ?? article.markdown,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ArticleFieldsSchema }),
  });
  useFormShortcuts(formRef, cancelHref, dirty);

  // Text typed into the plain form before the editor loaded is carried over into the editor.
  useEffect(() => {
    const typed = textarea.current?.value;
    if (typed !== undefined && typed !== (fields.markdown.initialValue ?? "")) {
      setTypedMarkdown(typed);
    }
    // Only at the switch from the server's text area to the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const bodyErrors = fields.content.errors ?? fields.markdown.errors;
  const bodyErrorId = bodyErrors ? "article-body-error" : undefined;
  const saving = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  const revision = conflict?.current.revision ?? article.revision;

  return (
    <Form
      method="post"
      ref={formRef}
      className="space-y-5"
      onChange={() => {
        dirty.current = true;
      }}
      {...getFormProps(form)}
    >
      {conflict ? <ConflictNotice conflict={conflict} /> : null}
      {revision !== undefined ? (
        // Keyed so a conflict's newer revision replaces the value: the next save resolves it.
        <input key={revision} type="hidden" name="baseRevision" defaultValue={revision} />
      ) : null}
      {mode === "edit" ? (
        <input type="hidden" name="reviewAtWas" defaultValue={article.reviewAt} />
      ) : null}

      <div>
        <label htmlFor={fields.title.id} className="label">
          {t("articleForm.title")}
        </label>
        <input
          {...getInputProps(fields.title, { type: "text" })}
          maxLength={ArticleLimits.title}
          className="input w-full text-lg font-medium"
          autoFocus={mode === "new"}
        />
        {fields.title.errors ? (
          <p id={fields.title.errorId} className="field-error">
            {errorText(fields.title.errors)}
          </p>
        ) : null}
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor={fields.kind.id} className="label">
            {t("articleForm.kind")}
          </label>
          <select {...getSelectProps(fields.kind)} className="input w-full">
            {articleKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`article.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          {canPublish ? (
            <>
              <label htmlFor={fields.visibility.id} className="label">
                {t("articleForm.visibility")}
              </label>
              <select {...getSelectProps(fields.visibility)} className="input w-full">
                {visibilities.map((visibility) => (
                  <option key={visibility} value={visibility}>
                    {t(`article.${visibility}`)}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <p className="label" id="visibility-label">
                {t("articleForm.visibility")}
              </p>
              <p aria-labelledby="visibility-label" aria-describedby="visibility-fixed">
                <VisibilityBadge visibility={article.visibility} />
              </p>
              <p id="visibility-fixed" className="mt-1 text-xs text-slate-500">
                {t("articleForm.visibilityFixed")}
              </p>
            </>
          )}
        </div>
        <div>
          <label htmlFor={fields.ownerId.id} className="label">
            {t("articleForm.owner")}
          </label>
          <select {...getSelectProps(fields.ownerId)} className="input w-full">
            <option value={NO_OWNER}>{t("articleForm.noOwner")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={fields.reviewAt.id} className="label">
            {t("articleForm.reviewAt")}
          </label>
          <input {...getInputProps(fields.reviewAt, { type: "date" })} className="input w-full" />
          {fields.reviewAt.errors ? (
            <p id={fields.reviewAt.errorId} className="field-error">
              {errorText(fields.reviewAt.errors)}
            </p>
          ) : null}
        </div>
      </div>

      <div>
        <label htmlFor={fields.tags.id} className="label">
          {t("articleForm.tags")}
        </label>
        <TagsInput
          {...getInputProps(fields.tags, {
            type: "text",
            ariaDescribedBy: `${fields.tags.id}-hint`,
          })}
          listId="tag-suggestions"
          className="input w-full"
        />
        <p id={`${fields.tags.id}-hint`} className="mt-1 text-xs text-slate-500">
          {t("articleForm.tagsHint")}
        </p>
        {fields.tags.errors ? (
          <p id={fields.tags.errorId} className="field-error">
            {errorText(fields.tags.errors)}
          </p>
        ) : null}
      </div>

      <div>
        <label htmlFor={fields.keywords.id} className="label">
          {t("articleForm.keywords")}
        </label>
        <input
          {...getInputProps(fields.keywords, {
            type: "text",
            ariaDescribedBy: `${fields.keywords.id}-hint`,
          })}
          maxLength={2000}
          className="input w-full"
        />
        <p id={`${fields.keywords.id}-hint`} className="mt-1 text-xs text-slate-500">
          {t("articleForm.keywordsHint")}
        </p>
        {fields.keywords.errors ? (
          <p id={fields.keywords.errorId} className="field-error">
            {errorText(fields.keywords.errors)}
          </p>
        ) : null}
      </div>

      <div>
        <label
          id="article-body-label"
          htmlFor={hydrated ? undefined : fields.markdown.id}
          className="label"
        >
          {t("articleForm.body")}
        </label>
        {hydrated ? (
          <ArticleEditor
            initialContent={article.content}
            initialMarkdown={typedMarkdown}
            labelId="article-body-label"
            errorId={bodyErrorId}
            onChange={() => {
              dirty.current = true;
            }}
          />
        ) : (
          <>
            <textarea
              ref={textarea}
              {...getTextareaProps(fields.markdown, {
                ariaDescribedBy: "article-markdown-hint",
              })}
              rows={20}
              className="input w-full font-mono"
            />
            <p id="article-markdown-hint" className="mt-1 text-xs text-slate-500">
              {t("articleForm.markdownHint")}
            </p>
          </>
        )}
        {bodyErrors ? (
          <p id="article-body-error" className="field-error">
            {errorText(bodyErrors, { body: true })}
          </p>
        ) : null}
      </div>

      {mode === "edit" ? (
        <div>
          <label htmlFor={fields.summary.id} className="label">
            {t("articleForm.summary")}
          </label>
          <input
            {...getInputProps(fields.summary, {
              type: "text",
              ariaDescribedBy: `${fields.summary.id}-hint`,
            })}
            maxLength={ArticleLimits.summary}
            className="input w-full"
          />
          <p id={`${fields.summary.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t("articleForm.summaryHint")}
          </p>
          {fields.summary.errors ? (
            <p id={fields.summary.errorId} className="field-error">
              {errorText(fields.summary.errors)}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          className="btn-primary"
          aria-keyshortcuts="Control+S Meta+S"
          disabled={saving}
        >
          {saving ? t("articleForm.saving") : t("articleForm.save")}
        </button>
        <Link to={cancelHref} className="btn-secondary">
          {t("articleForm.cancel")}
        </Link>
        {hydrated ? (
          <p className="text-xs text-slate-500">{t("articleForm.keyboardHint")}</p>
        ) : null}
      </div>
    </Form>
  );
}
