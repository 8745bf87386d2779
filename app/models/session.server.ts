import { randomBytes } from "node:crypto";

import { prisma } from "~/utils/db.server.ts";

import { isRole, type Role } from "./roles.ts";

/** A shift plus margin; the session is extended while it is used. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** Creates a session for the user and returns its id (a 256-bit random token). */
export async function createSession(userId: string): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await prisma.session.create({ data: { id, userId, expiresAt } });
  return { id, expiresAt };
}

export type SessionLookup =
  { status: "valid"; user: SessionUser } | { status: "expired" } | { status: "none" };

/**
 * Resolves a session id to its user. Expired sessions and sessions of deactivated users are
 * deleted and reported as "expired"; a session past half its lifetime is extended.
 */
export async function getSessionUser(sessionId: string): Promise<SessionLookup> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { id: true, name: true, email: true, role: true, active: true } } },
  });
  if (!session) return { status: "none" };
  const now = Date.now();
  if (session.expiresAt.getTime() <= now || !session.user.active || !isRole(session.user.role)) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return { status: "expired" };
  }
  if (session.expiresAt.getTime() - now < SESSION_LIFETIME_MS / 2) {
    await prisma.session.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(now + SESSION_LIFETIME_MS) },
    });
  }
  const { id, name, email, role } = session.user;
  return { status: "valid", user: { id, name, email, role: role as Role } };
}

export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (deactivation, role change). */
export async function deleteUserSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } });
}
