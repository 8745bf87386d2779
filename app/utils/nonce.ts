import { createContext, useContext } from "react";

/**
 * The nonce of this render's inline scripts (see app/server/security-headers.server.ts). Empty
 * in the browser, which hides nonces from scripts; hydration does not compare it.
 */
export const NonceContext = createContext("");

/** Returns the nonce Remix's inline scripts must carry. */
export function useNonce(): string {
  return useContext(NonceContext);
}
