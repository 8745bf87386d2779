import type { LoaderFunctionArgs } from "@remix-run/node";
import { Feed } from "feed";

import { i18nServer } from "~/i18n.server.ts";
import { translatorFor } from "~/i18n.ts";
import { listPublicArticles } from "~/models/article-reads.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

/** Atom feed of the public articles (public projection only), titled in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const [articles, language] = await Promise.all([
    listPublicArticles(30),
    i18nServer.getLocale(request),
  ]);
  const t = translatorFor(language);
  const feed = new Feed({
    id: `${origin}/help`,
    title: t("help.title"),
    description: t("help.intro"),
    link: `${origin}/help`,
    language,
    updated: articles[0] ? new Date(articles[0].updatedAt) : new Date(0),
    copyright: t("help.operator"),
    author: { name: t("help.operator") },
    generator: false,
    feedLinks: { atom: `${origin}/help/feed.xml` },
  });
  for (const article of articles) {
    feed.addItem({
      id: `${origin}/help/${article.slug}`,
      link: `${origin}/help/${article.slug}`,
      title: article.title,
      date: new Date(article.updatedAt),
      description: article.summary,
    });
  }
  // The feed library writes no language into Atom; readers take it from xml:lang.
  const atom = feed.atom1().replace("<feed ", `<feed xml:lang="${language}" `);
  return cacheableResponse(request, atom, {
    "Content-Type": "application/atom+xml; charset=utf-8",
  });
}
