import { createInstance, type TFunction } from "i18next";

import de from "./locales/de.ts";
import en from "./locales/en.ts";

export const supportedLanguages = ["en", "de"] as const;
export type Language = (typeof supportedLanguages)[number];

/** Shared i18next options for server and browser; both bundles are small enough to ship. */
export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: "en" satisfies Language,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  resources: { en: { common: en }, de: { common: de } },
};

const translators = new Map<Language, TFunction>();

/**
 * The translator of a language ("de", else English), created once and shared: the resources are
 * bundled, so initialising synchronously is safe, and nothing ever changes its language.
 */
export function translatorFor(locale: string | undefined): TFunction {
  const lng: Language = locale === "de" ? "de" : "en";
  let t = translators.get(lng);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nConfig, lng, initImmediate: false });
    t = instance.t;
    translators.set(lng, t);
  }
  return t;
}
