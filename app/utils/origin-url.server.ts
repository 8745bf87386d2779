import { getEnv } from "./env.server.ts";

/** The public origin for absolute links (feed, sitemap, API): APP_ORIGIN, else the request's. */
export function publicOrigin(request: Request): string {
  const configured = getEnv().APP_ORIGIN?.split(",")[0]?.trim();
  return configured || new URL(request.url).origin;
}
