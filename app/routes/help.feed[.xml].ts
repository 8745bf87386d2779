import type { LoaderFunctionArgs } from "@remix-run/node";
import { Feed } from "feed";

import { listPublicArticles } from "~/models/article.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

/** Atom feed of the public articles (public projection only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const articles = await listPublicArticles(30);
  const feed = new Feed({
    id: `${origin}/help`,
    title: "Funkwerk Mobil help centre",
    link: `${origin}/help`,
    language: "de",
    updated: articles[0] ? new Date(articles[0].updatedAt) : new Date(0),
    copyright: "Funkwerk Mobil",
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
  return cacheableResponse(request, feed.atom1(), {
    "Content-Type": "application/atom+xml; charset=utf-8",
  });
}
