import { LRUCache } from "lru-cache";

import { contentVersion } from "./content-version.ts";
import { isPublicPath } from "./public-paths.ts";

/**
 * How long a rendered page is kept: the status page and its feeds change only through incident
 * changes, which start a new generation at once, so they keep as long as browsers may (30 s) and
 * a spike renders them about once per half minute instead of once per 5 s.
 */
export function publicPageTtlMs(pathname: string): number {
  return pathname.startsWith("/status") ? 30_000 : 5_000;
}

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string | null;
}

/**
 * A few seconds of shared memory in front of the public help centre: during an outage thousands
 * of customers open the same status page, and each render would cost the same work. Concurrent
 * misses for one page are coalesced into a single render (lru-cache `fetch`). Only 200 answers
 * that declare themselves `Cache-Control: public` are kept; cookies never reach the render. Any
 * article change starts a new generation of keys, so an unpublished article drops out at once.
 */
export function createPublicPageCache(
  render: (request: Request) => Promise<Response>,
  options: { ttlMs?: number; max?: number } = {},
) {
  const cache = new LRUCache<string, CachedPage, Request>({
    max: options.max ?? 1000,
    ttl: 5000,
    fetchMethod: async (_key, _stale, { context }) => {
      const response = await render(context);
      const page: CachedPage = {
        status: response.status,
        headers: [...response.headers],
        body: Buffer.from(await response.arrayBuffer()),
        etag: response.headers.get("etag"),
      };
      const cacheable =
        response.status === 200 && (response.headers.get("cache-control") ?? "").includes("public");
      // Returning undefined keeps a non-cacheable answer out of the cache; it is still served.
      return cacheable ? page : (uncacheable.set(context, page), undefined);
    },
  });
  const uncacheable = new WeakMap<Request, CachedPage>();

  return {
    /** Whether requests to this URL go through the cache. */
    applies(method: string, url: URL) {
      return method === "GET" && isPublicPath(url.pathname);
    },
    /** Returns the page for the URL and visitor language, rendering it at most once per TTL. */
    async get(
      url: URL,
      acceptLanguage: string | undefined,
    ): Promise<CachedPage & { hit: boolean }> {
      // The origin is part of the key: without APP_ORIGIN, links are built from the (checked) host.
      const key = `${contentVersion()}|${url.origin}${url.pathname}${url.search}|${acceptLanguage ?? ""}`;
      // A hit needs no Request: building one costs more than serving the cached bytes.
      const cached = cache.get(key);
      if (cached) return { ...cached, hit: true };
      const request = new Request(url, {
        headers: acceptLanguage ? { "accept-language": acceptLanguage } : {},
      });
      const page =
        (await cache.fetch(key, {
          context: request,
          ttl: options.ttlMs ?? publicPageTtlMs(url.pathname),
        })) ?? uncacheable.get(request);
      if (!page) throw new Error(`No response rendered for ${url.href}`);
      return { ...page, hit: false };
    },
  };
}
