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
    pathname === "/sitemap.xml" ||
    pathname.startsWith("/api/public/")
  );
}
