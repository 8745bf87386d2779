import { createInstance, type TFunction } from "i18next";

import { i18nConfig } from "~/i18n.ts";

type Matches = { id: string; data: unknown }[];

const translators = new Map<string, TFunction>();

/** A translator for `meta` exports (no hooks there), in the language the root loader chose. */
export function metaT(matches: Matches): TFunction {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: string })
    ?.locale;
  const lng = locale === "de" ? "de" : "en";
  let t = translators.get(lng);
  if (!t) {
    const instance = createInstance();
    // Resources are bundled, so initialising synchronously is safe.
    void instance.init({ ...i18nConfig, lng, initImmediate: false });
    t = instance.t;
    translators.set(lng, t);
  }
  return t;
}

/** "<page> · Lagebild", or the app name alone. */
export function pageTitle(page?: string | null): string {
  return page ? `${page} · Lagebild` : "Lagebild";
}
