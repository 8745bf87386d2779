/**
 * Headers every answer carries. Scripts run only from this origin or with the per-render nonce
 * Remix puts on its inline hydration scripts, so injected markup cannot run code; no page can
 * be framed by another site.
 */
import { randomBytes } from "node:crypto";

/** A fresh nonce for one render's inline scripts. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The Content-Security-Policy of an HTML page whose inline scripts carry `nonce`. */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // The editor and rendered articles set inline style attributes (text colour, alignment).
    "style-src 'self' 'unsafe-inline'",
    // Articles may embed images from any http(s) address (app/editor/urls.ts).
    "img-src 'self' https: http:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The Content-Security-Policy of anything that is not an HTML page (JSON, XML, files). */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers set on every answer, pages and files alike. */
export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": RESOURCE_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/** Cache-Control of every answer that is not a public page and sets none itself. */
export const STAFF_CACHE_CONTROL = "private, no-store";
