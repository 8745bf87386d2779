// Any fixed origin works as the base: only the path, query and fragment of the result are used.
const BASE = "http://lagebild.invalid";

/**
 * Returns a redirect target that stays on this site: `to` resolved as a browser would resolve it
 * against the app's origin (tabs and newlines dropped, `\` read as `/`), accepted only when it
 * lands on the same origin, and returned as path + query + fragment; otherwise `fallback`.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
