import { createHash } from "node:crypto";

/**
 * Public pages (help centre, feed, sitemap, public API) are what customers hit during an outage:
 * shared caches may keep them a minute and serve stale copies while revalidating.
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

/**
 * The status page and its feeds change with every incident update: shared caches keep them
 * half a minute at most, and serve a stale copy only briefly while they fetch the new one.
 */
export const STATUS_CACHE_CONTROL = "public, max-age=30, s-maxage=30, stale-while-revalidate=60";

/** A weak ETag over the exact bytes served. */
export function etagOf(body: string | Uint8Array): string {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether an If-None-Match header value already names this ETag (answer 304). */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*");
}

/**
 * Answers a cacheable GET with ETag + Cache-Control (the given public one, else the help
 * centre's), or 304 when the client has it already.
 */
export function cacheableResponse(request: Request, body: string, headers: HeadersInit) {
  const etag = etagOf(body);
  const common = new Headers(headers);
  common.set("ETag", etag);
  if (!(common.get("Cache-Control") ?? "").includes("public")) {
    common.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  }
  if (etagMatches(request.headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers: common });
  return new Response(body, { status: 200, headers: common });
}
