import type { LoaderFunctionArgs } from "@remix-run/node";

import { listPublicArticles } from "~/models/article-reads.server.ts";
import { cacheableResponse } from "~/utils/cache.server.ts";
import { publicOrigin } from "~/utils/origin-url.server.ts";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[c]};`,
  );

/** Sitemap of the help centre: public articles only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const articles = await listPublicArticles(5000);
  const urls = [
    `<url><loc>${escapeXml(`${origin}/help`)}</loc></url>`,
    ...articles.map(
      (a) =>
        `<url><loc>${escapeXml(`${origin}/help/${a.slug}`)}</loc><lastmod>${a.updatedAt}</lastmod></url>`,
    ),
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
  return cacheableResponse(request, xml, { "Content-Type": "application/xml; charset=utf-8" });
}
