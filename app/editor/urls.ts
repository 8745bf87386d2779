/** Longest URL a link or image may carry. */
export const MAX_URL_LENGTH = 2048;

const linkSchemes = new Set(["http", "https", "mailto", "tel"]);
const imageSchemes = new Set(["http", "https"]);

function isAllowedUrl(url: string, schemes: Set<string>): boolean {
  // Browsers drop control characters and surrounding spaces before reading the scheme
  // ("java\tscript:"), so such URLs are refused rather than interpreted.
  if (!url || url.length > MAX_URL_LENGTH || url.trim() !== url) return false;
  if ([...url].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return false;
  }
  // A path on this site; "//host" and "/\host" would leave it.
  if (url.startsWith("/")) return !/^\/[/\\]/.test(url);
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && schemes.has(scheme) && URL.canParse(url);
}

/** Whether a link may point there: http(s), mailto, tel or a path on this site. */
export function isSafeLinkUrl(url: string): boolean {
  return isAllowedUrl(url, linkSchemes);
}

/** Whether an image may load from there: http(s) or a path on this site. */
export function isSafeImageUrl(url: string): boolean {
  return isAllowedUrl(url, imageSchemes);
}

/** Returns what a person typed as a URL in the form links are stored in ("example.com" gets https). */
export function normalizeUrlInput(input: string): string {
  const url = input.trim();
  if (/^[\w-]+(\.[\w-]+)+(?:[/?#:]|$)/.test(url) && !url.includes("@")) return `https://${url}`;
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(url)) return `mailto:${url}`;
  return url;
}
