import { createCookie, redirect } from "@remix-run/node";

import type { Audience } from "~/editor/content.server.ts";
import { verifyApiToken } from "~/models/api-token.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { can, type Capability } from "~/models/capabilities.ts";
import {
  SESSION_LIFETIME_MS,
  deleteSession,
  getSessionUser,
  type SessionUser,
} from "~/models/session.server.ts";

import { safeRedirect } from "./safe-redirect.ts";
import { getSessionSecret } from "./secrets.server.ts";

let cookie: ReturnType<typeof createCookie> | undefined;

function sessionCookie() {
  cookie ??= createCookie("lagebild_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [getSessionSecret()],
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
  return cookie;
}

/** Behind TLS (directly or via a proxy) the cookie is marked Secure. */
function isHttps(request: Request) {
  return (
    new URL(request.url).protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https"
  );
}

/** The session id a Cookie header carries (signature checked, not yet looked up), or null. */
async function sessionIdFromCookie(cookieHeader: string | null): Promise<string | null> {
  const value = await sessionCookie().parse(cookieHeader);
  return typeof value === "string" && value ? value : null;
}

/** Returns the session id the request's cookie carries (signed, not yet looked up), or null. */
export function readSessionId(request: Request): Promise<string | null> {
  return sessionIdFromCookie(request.headers.get("cookie"));
}

/** The signed-in user behind a raw Cookie header, for the few endpoints served outside Remix. */
export async function getCookieUser(cookieHeader: string | null): Promise<SessionUser | null> {
  const sessionId = await sessionIdFromCookie(cookieHeader);
  if (!sessionId) return null;
  const found = await getSessionUser(sessionId);
  return found.status === "valid" ? found.user : null;
}

const lookups = new WeakMap<Request, Promise<{ user: SessionUser | null; expired: boolean }>>();

/** Returns the signed-in user and whether a session cookie had expired (memoised per request). */
export function getAuthState(request: Request) {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return { user: null, expired: false };
      const found = await getSessionUser(sessionId);
      return found.status === "valid"
        ? { user: found.user, expired: false }
        : { user: null, expired: found.status === "expired" };
    })();
    lookups.set(request, lookup);
  }
  return lookup;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getAuthState(request)).user;
}

/** Where to send someone back after signing in: the URL they asked for. */
function loginUrl(request: Request, expired: boolean) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  if (expired) params.set("expired", "1");
  return `/login?${params}`;
}

/** Returns the signed-in user or throws a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const { user, expired } = await getAuthState(request);
  if (!user) throw redirect(loginUrl(request, expired));
  return user;
}

/**
 * Returns the signed-in user holding the capability; anonymous visitors are sent to sign in,
 * signed-in users without it get 403.
 */
export async function requireCapability(
  request: Request,
  capability: Capability,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, capability)) {
    // A refused change is someone trying something their role does not allow: keep a trace.
    // Refused page views are ordinary navigation (an old bookmark) and are not recorded.
    if (request.method !== "GET" && request.method !== "HEAD") {
      await recordAudit({
        actorId: user.id,
        action: "auth.forbidden",
        target: new URL(request.url).pathname,
        detail: `${user.role} lacks ${capability}`,
      });
    }
    throw new Response("You do not have permission to do this.", { status: 403 });
  }
  return user;
}

/** Sets the session cookie and redirects to where the user wanted to go. */
export async function commitSignIn(request: Request, sessionId: string, redirectTo: string) {
  const header = await sessionCookie().serialize(sessionId, { secure: isHttps(request) });
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": header } });
}

/** Ends the session (server-side row and cookie) and redirects to the sign-in page. */
export async function signOut(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) await deleteSession(sessionId);
  const header = await sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) });
  return redirect("/login", { headers: { "Set-Cookie": header } });
}

/** The token of an `Authorization: Bearer <token>` header, or null for any other header. */
function bearerToken(header: string | null): string | null {
  return header?.toLowerCase().startsWith("bearer ") ? header.slice("bearer ".length).trim() : null;
}

const unauthorized = () =>
  Response.json(
    { error: "unauthorized", message: "Send a valid API token: Authorization: Bearer <token>" },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="lagebild"' } },
  );

/**
 * For the staff read API: a valid internal-scoped bearer token, or a signed-in user who may read
 * internal content. Anything else is a 401 JSON answer (an API has no sign-in page to redirect
 * to); a public-scoped token is a 403.
 */
export async function requireApiReader(
  request: Request,
): Promise<{ kind: "token" | "user"; name: string }> {
  const bearer = bearerToken(request.headers.get("authorization"));
  if (bearer !== null) {
    const token = await verifyApiToken(bearer);
    if (token?.scope === "internal") return { kind: "token", name: token.name };
    if (token) {
      throw Response.json(
        { error: "forbidden", message: "This token may only use public endpoints (/api/search)." },
        { status: 403 },
      );
    }
  } else {
    const user = await getUser(request);
    if (user && can(user.role, "article:read-internal")) return { kind: "user", name: user.name };
  }
  throw unauthorized();
}

/** Who calls the search API, which index they may read, and the key their rate limit counts. */
export interface SearchCaller {
  kind: "token" | "user" | "anonymous";
  audience: Audience;
  /** The token's or user's id; for anonymous callers the caller passes their address. */
  id: string | null;
}

/**
 * For /api/search: a bearer token reads the index of its scope, a signed-in user the staff index
 * when they may read internal content; anyone else, the public index. A bearer token that is
 * not valid is a 401, so a client never mistakes a broken token for a public answer.
 */
export async function identifySearchCaller(request: Request): Promise<SearchCaller> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const bearer = bearerToken(header);
    const token = bearer === null ? null : await verifyApiToken(bearer);
    if (!token) throw unauthorized();
    return {
      kind: "token",
      audience: token.scope === "internal" ? "staff" : "public",
      id: token.id,
    };
  }
  const user = await getUser(request);
  if (user) {
    return {
      kind: "user",
      audience: can(user.role, "article:read-internal") ? "staff" : "public",
      id: user.id,
    };
  }
  return { kind: "anonymous", audience: "public", id: null };
}
