import { useTranslation } from "react-i18next";

import type { DiffPart } from "~/models/merge.ts";

const insClass =
  "rounded-sm bg-emerald-100 text-emerald-950 underline decoration-emerald-700 decoration-2 underline-offset-2";
const delClass = "rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 decoration-2";

/**
 * A word diff as text: additions in <ins>, deletions in <del>, told apart by colour, underline
 * or strike-through, and by words that screen readers announce.
 */
export function WordDiff({ parts, label }: { parts: DiffPart[]; label: string }) {
  const { t } = useTranslation();
  return (
    <div
      role="group"
      aria-label={label}
      className="whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm leading-relaxed"
    >
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index} className={insClass}>
            <span className="sr-only">{t("diff.addedStart")} </span>
            {part.value}
            <span className="sr-only"> {t("diff.addedEnd")}</span>
          </ins>
        ) : part.removed ? (
          <del key={index} className={delClass}>
            <span className="sr-only">{t("diff.removedStart")} </span>
            {part.value}
            <span className="sr-only"> {t("diff.removedEnd")}</span>
          </del>
        ) : (
          <Unchanged
            key={index}
            text={part.value}
            lead={index === 0 ? 0 : CONTEXT_LINES}
            trail={index === parts.length - 1 ? 0 : CONTEXT_LINES}
          />
        ),
      )}
    </div>
  );
}

const CONTEXT_LINES = 3;
const MIN_HIDDEN_LINES = 4;

/** Unchanged text; long stretches fold away (a native <details>, so it opens without JS). */
function Unchanged({ text, lead, trail }: { text: string; lead: number; trail: number }) {
  const { t } = useTranslation();
  const lines = text.split("\n");
  const hidden = lines.length - lead - trail;
  if (hidden < MIN_HIDDEN_LINES) return <span>{text}</span>;
  return (
    <>
      {lead ? <span>{lines.slice(0, lead).join("\n")}</span> : null}
      <details className="my-1 rounded bg-slate-100 px-2 font-sans text-xs text-slate-600">
        <summary className="cursor-pointer py-1">{t("diff.unchanged", { count: hidden })}</summary>
        <span className="font-mono text-sm text-slate-900">
          {lines.slice(lead, lines.length - trail).join("\n")}
        </span>
      </details>
      {trail ? <span>{lines.slice(lines.length - trail).join("\n")}</span> : null}
    </>
  );
}

/** Explains the marking, with one sample of each. */
export function DiffLegend() {
  const { t } = useTranslation();
  return (
    <p className="text-sm text-slate-600">
      {t("diff.legend")} <ins className={insClass}>{t("diff.added")}</ins>{" "}
      <del className={delClass}>{t("diff.removed")}</del>
    </p>
  );
}
