import { createHash, randomBytes } from "node:crypto";

import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { queryHot } from "~/utils/hot-sqlite.server.ts";

import { isRole, type Role } from "./roles.ts";

/** A shift plus margin; the session is extended while it is used. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The stored key of a session: whoever reads the database cannot present it as a cookie. */
function sessionKey(sessionId: string) {
  return createHash("sha256").update(sessionId).digest("hex");
}

/**
 * Creates a session for the user and returns its id (a 256-bit random token) for the cookie;
 * the database keeps only its SHA-256 hash.
 */
export async function createSession(userId: string): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await prisma.session.create({ data: { id: sessionKey(id), userId, expiresAt } });
  return { id, expiresAt };
}

export type SessionLookup =
  { status: "valid"; user: SessionUser } | { status: "expired" } | { status: "none" };

/**
 * Resolves a session id (the cookie's value) to its user. Expired sessions and sessions of
 * deactivated users are deleted and reported as "expired"; a session past half its lifetime
 * is extended.
 */
export async function getSessionUser(sessionId: string): Promise<SessionLookup> {
  const key = sessionKey(sessionId);
  // Every signed-in request passes here: one plain join on the hot connection, through Prisma
  // only while another connection holds a lock (decision note 014).
  const [session] = await queryHot<SessionRow>(SESSION_LOOKUP, [key]);
  if (!session) return { status: "none" };
  const now = Date.now();
  const expiresAt = new Date(session.expiresAt).getTime();
  if (expiresAt <= now || !session.active || !isRole(session.role)) {
    await prisma.session.deleteMany({ where: { id: key } });
    return { status: "expired" };
  }
  if (expiresAt - now < SESSION_LIFETIME_MS / 2) {
    await prisma.session.update({
      where: { id: key },
      data: { expiresAt: new Date(now + SESSION_LIFETIME_MS) },
    });
  }
  const { id, name, email, role } = session;
  return { status: "valid", user: { id, name, email, role } };
}

const SESSION_LOOKUP = `
  SELECT s."expiresAt" AS "expiresAt", u."id" AS "id", u."name" AS "name",
    u."email" AS "email", u."role" AS "role", u."active" AS "active"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."id" = ?`;

interface SessionRow {
  expiresAt: Date | string | number;
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean | number | bigint;
}

/** Ends one session, given the cookie's value. */
export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionKey(sessionId) } });
}

/**
 * Ends every session of a user (deactivation, new password) except `keep`, the cookie value of
 * the acting user's own session; pass the transaction client to make it part of the change.
 */
export async function deleteUserSessions(
  userId: string,
  options: { keep?: string | null } = {},
  db: Prisma.TransactionClient = prisma,
) {
  const keep = options.keep ? { id: { not: sessionKey(options.keep) } } : {};
  await db.session.deleteMany({ where: { userId, ...keep } });
}
