/** The event streams of live updates: long-lived, never compressed, cached or buffered. */
export const LIVE_STREAM_PATHS = ["/status/events", "/incidents/events"] as const;

/** Whether the path is one of the live event streams. */
export function isLiveStreamPath(pathname: string): boolean {
  return (LIVE_STREAM_PATHS as readonly string[]).includes(pathname);
}

/**
 * Paths anonymous visitors and shared caches get: their responses must not depend on who is
 * signed in, so the layout omits the user there and pages can be cached publicly.
 */
export function isPublicPath(requested: string): boolean {
  // Client navigations fetch a page's data as "<path>.data" (single fetch): same rules.
  const pathname = requested.replace(/\.data$/, "");
  return (
    pathname === "/help" ||
    pathname.startsWith("/help/") ||
    pathname === "/status" ||
    pathname === "/status.atom" ||
    (pathname.startsWith("/status/") && !isLiveStreamPath(pathname)) ||
    pathname === "/sitemap.xml" ||
    pathname.startsWith("/api/public/")
  );
}
