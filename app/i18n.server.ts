import { RemixI18Next } from "remix-i18next/server";

import { i18nConfig, supportedLanguages, translatorFor } from "./i18n.ts";

// Detection reads only the `lng` parameter and the Accept-Language header (no cookie or session
// is configured); parsing the header validates every locale through Intl, twice per page.
const localeCache = new Map<string, string>();
const LOCALE_CACHE_SIZE = 500;

class LocaleCachingI18Next extends RemixI18Next {
  override async getLocale(request: Request): Promise<string> {
    const key = `${new URL(request.url).searchParams.get("lng")}\n${request.headers.get("accept-language")}`;
    let locale = localeCache.get(key);
    if (locale === undefined) {
      locale = await super.getLocale(request);
      if (localeCache.size >= LOCALE_CACHE_SIZE) localeCache.clear();
      localeCache.set(key, locale);
    }
    return locale;
  }
}

/** Picks the UI language from the browser's Accept-Language header (or a `lng` parameter). */
export const i18nServer = new LocaleCachingI18Next({
  detection: { supportedLanguages: [...supportedLanguages], fallbackLanguage: "en" },
  i18next: i18nConfig,
});

/** The translator for the request's language (shared, not created per request). */
export async function getTranslator(request: Request) {
  return translatorFor(await i18nServer.getLocale(request));
}
