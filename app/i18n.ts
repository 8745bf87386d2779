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
