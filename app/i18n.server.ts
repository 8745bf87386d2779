import { RemixI18Next } from "remix-i18next/server";

import { i18nConfig, supportedLanguages, translatorFor } from "./i18n.ts";

/** Picks the UI language from the browser's Accept-Language header. */
export const i18nServer = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLanguages], fallbackLanguage: "en" },
  i18next: i18nConfig,
});

/** The translator for the request's language (shared, not created per request). */
export async function getTranslator(request: Request) {
  return translatorFor(await i18nServer.getLocale(request));
}
