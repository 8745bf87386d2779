/**
 * Which Host headers the app answers, and where it listens. Links in the sitemap, feed and
 * public API are built from the request's host when APP_ORIGIN is unset, and public pages are
 * cached for everyone: a foreign Host must never reach a render.
 */
import type { Env } from "~/utils/env.server.ts";

const LOOPBACK_HOSTNAME = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
// A bare host name or IP literal with an optional port: no user info, path or spaces.
const HOST_HEADER = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** Returns the origins listed in APP_ORIGIN; throws naming the entry that is not an http(s) URL. */
export function appOrigins(env: Pick<Env, "APP_ORIGIN">): string[] {
  return (env.APP_ORIGIN ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (!URL.canParse(entry) || !/^https?:$/.test(new URL(entry).protocol)) {
        throw new Error(
          `APP_ORIGIN: "${entry}" is not an http(s) origin like https://kb.example.com`,
        );
      }
      return new URL(entry).origin;
    });
}

// Every request is checked; the app's own few host names are parsed once.
const allowedHosts = new Set<string>();

/** Whether a Host header names this app: a host of APP_ORIGIN, or a loopback name on any port. */
export function isAllowedHost(host: string | undefined, origins: string[]): boolean {
  if (!host || !HOST_HEADER.test(host)) return false;
  const key = `${host} ${origins.join(",")}`;
  if (allowedHosts.has(key)) return true;
  const { hostname } = new URL(`http://${host}`);
  const allowed =
    LOOPBACK_HOSTNAME.test(hostname) ||
    origins.some((origin) => new URL(origin).hostname === hostname);
  // Only answers "yes" are kept, and few: refused hosts are whatever a visitor sends.
  if (allowed && allowedHosts.size < 64) allowedHosts.add(key);
  return allowed;
}

/**
 * The address to listen on: HOST, else loopback only unless APP_ORIGIN names the public address
 * (then every interface). Throws when a production server would be reachable from other machines
 * without APP_ORIGIN, because it could not tell its own links from a forged Host header.
 */
export function listenAddress(
  env: Pick<Env, "HOST" | "APP_ORIGIN" | "NODE_ENV">,
): string | undefined {
  const origins = appOrigins(env);
  const address = env.HOST ?? (origins.length ? undefined : "127.0.0.1");
  const loopback = address !== undefined && (LOOPBACK_HOSTNAME.test(address) || address === "::1");
  if (env.NODE_ENV === "production" && !loopback && !origins.length) {
    throw new Error(
      `Set APP_ORIGIN to the address people open (e.g. APP_ORIGIN=https://kb.example.com): ` +
        `a production server listening on ${address ?? "every interface"} needs it for its links. ` +
        `Without APP_ORIGIN it listens on 127.0.0.1 only.`,
    );
  }
  return address;
}
