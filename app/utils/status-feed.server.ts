import { Feed } from "feed";

import { i18nServer } from "~/i18n.server.ts";
import { translatorFor } from "~/i18n.ts";
import type { getPublicIncident } from "~/models/public-incident.server.ts";

import { STATUS_CACHE_CONTROL, cacheableResponse } from "./cache.server.ts";
import { publicOrigin } from "./origin-url.server.ts";

type FeedIncident = NonNullable<Awaited<ReturnType<typeof getPublicIncident>>>;

/**
 * The Atom feed of public statements (one entry per statement, in the reader's language) of
 * `incidents`, titled `title` (default: the status page's) and served from `selfPath`.
 */
export async function statusFeedResponse(
  request: Request,
  incidents: FeedIncident[],
  selfPath: string,
  title?: string,
) {
  const origin = publicOrigin(request);
  const language = await i18nServer.getLocale(request);
  const t = translatorFor(language);
  const other = language === "de" ? "en" : "de";
  const entries = incidents
    .flatMap((incident) => incident.statements.map((entry) => ({ incident, ...entry })))
    .sort((a, b) => b.at.localeCompare(a.at));
  const page = selfPath.replace(/\.atom$/, "");
  const feed = new Feed({
    id: `${origin}${page}`,
    title: title ? `${title} · ${t("status.title")}` : t("status.title"),
    description: t("status.intro"),
    link: `${origin}${page}`,
    language,
    updated: entries[0] ? new Date(entries[0].at) : new Date(0),
    copyright: t("help.operator"),
    author: { name: t("help.operator") },
    generator: false,
    feedLinks: { atom: `${origin}${selfPath}` },
  });
  for (const { incident, at, statement } of entries) {
    const link = `${origin}/status/${incident.slug}`;
    feed.addItem({
      id: `${link}#${at}`,
      link,
      title: incident.title,
      date: new Date(at),
      description: statement[language === "de" ? "de" : "en"] || statement[other],
    });
  }
  // The feed library writes no language into Atom; readers take it from xml:lang.
  const atom = feed.atom1().replace("<feed ", `<feed xml:lang="${language}" `);
  return cacheableResponse(request, atom, {
    "Content-Type": "application/atom+xml; charset=utf-8",
    "Cache-Control": STATUS_CACHE_CONTROL,
    Vary: "Accept-Language",
  });
}
