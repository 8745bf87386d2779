import { RemixI18Next } from "remix-i18next/server";

import { i18nConfig, supportedLanguages } from "./i18n.ts";

/** Picks the UI language from the browser's Accept-Language header. */
export const i18nServer = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLanguages], fallbackLanguage: "en" },
  i18next: i18nConfig,
});
