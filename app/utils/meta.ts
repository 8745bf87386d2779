import type { TFunction } from "i18next";

import { translatorFor } from "~/i18n.ts";

type Matches = { id: string; data: unknown }[];

/** A translator for `meta` exports (no hooks there), in the language the root loader chose. */
export function metaT(matches: Matches): TFunction {
  const root = matches.find((match) => match.id === "root")?.data as
    { locale?: string } | undefined;
  return translatorFor(root?.locale);
}

/** A staff page's title: "<page> · Lagebild", or the app name alone. */
export function pageTitle(page?: string | null): string {
  return page ? `${page} · Lagebild` : "Lagebild";
}

/** "<page> · <help centre>" in the reader's language, or the help centre's name alone. */
export function helpPageTitle(t: TFunction, page?: string | null): string {
  return page ? `${page} · ${t("help.title")}` : t("help.title");
}
