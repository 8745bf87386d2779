/**
 * Cross-site request check for every state-changing request, applied once in
 * app/server/http.server.ts before Remix sees the request. Browsers send Origin on POST; a
 * missing or foreign Origin (and, where Origin is absent, a foreign Referer) is refused. A
 * bearer-token call without cookies cannot ride on a visitor's session and is let through; with
 * any cookie it is checked like a form, since the session cookie may be what authorises it.
 */
export function isCrossSiteRequest(input: {
  method: string;
  origin: string | undefined;
  referer: string | undefined;
  host: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  allowedOrigins: string[];
}): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(input.method.toUpperCase())) return false;
  if (input.authorization?.toLowerCase().startsWith("bearer ") && !input.cookie) return false;
  const source = input.origin && input.origin !== "null" ? input.origin : input.referer;
  if (!source || !URL.canParse(source)) return true;
  const { host, origin } = new URL(source);
  if (input.allowedOrigins.includes(origin)) return false;
  return host !== input.host;
}
