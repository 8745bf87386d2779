import { hash, verify } from "@node-rs/argon2";

import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

import { recordAudit } from "./audit.server.ts";
import { capabilityRoles } from "./capabilities.ts";
import type { Role } from "./roles.ts";
import { deleteUserSessions } from "./session.server.ts";

/** Returns an argon2id hash of the password (library defaults: OWASP-recommended cost). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/**
 * Creates or updates a user by email (used by the seed and the admin CLI); an existing user's
 * sessions end, since their password was just replaced.
 */
export async function upsertUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}) {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name: input.name, role: input.role, passwordHash },
      update: { name: input.name, role: input.role, passwordHash, active: true },
    });
    await deleteUserSessions(user.id, {}, tx);
    return user;
  });
}

/** Whether any account exists (a new install has none until demo or first admin). */
export async function hasAnyUser(): Promise<boolean> {
  return (await prisma.user.findFirst({ select: { id: true } })) !== null;
}

/** Every user with the fields the admin page shows (never the password hash). */
export function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true },
  });
}

export type UserChangeResult =
  { status: "ok" } | { status: "last-admin" } | { status: "not-found" };

/** Creates a user; returns "email-taken" instead of throwing on a duplicate address. */
export async function createUser(
  input: { email: string; name: string; role: Role; password: string },
  actorId: string | null,
): Promise<{ status: "created"; id: string } | { status: "email-taken" }> {
  const email = input.email.trim().toLowerCase();
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    return { status: "email-taken" };
  }
  const passwordHash = await hashPassword(input.password);
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email, name: input.name, role: input.role, passwordHash },
    });
    await recordAudit({ actorId, action: "user.create", target: email, detail: input.role }, tx);
    return created;
  });
  return { status: "created", id: user.id };
}

/** Whether, after excluding `userId`, at least one active admin remains. */
async function anotherAdminRemains(tx: Prisma.TransactionClient, userId: string) {
  const count = await tx.user.count({
    where: { role: "admin", active: true, id: { not: userId } },
  });
  return count > 0;
}

/** Changes a role; refuses ("last-admin") when it would leave no active admin. */
export function changeUserRole(input: {
  userId: string;
  role: Role;
  actorId: string;
}): Promise<UserChangeResult> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { status: "not-found" as const };
    if (user.role === input.role) return { status: "ok" as const };
    if (user.role === "admin" && user.active && !(await anotherAdminRemains(tx, user.id))) {
      return { status: "last-admin" as const };
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(
      {
        actorId: input.actorId,
        action: "user.role-change",
        target: user.email,
        detail: `${user.role} → ${input.role}`,
      },
      tx,
    );
    return { status: "ok" as const };
  });
}

/** Deactivates (ending all sessions) or reactivates a user; the last active admin stays. */
export function setUserActive(input: {
  userId: string;
  active: boolean;
  actorId: string;
}): Promise<UserChangeResult> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { status: "not-found" as const };
    if (!input.active && user.role === "admin" && !(await anotherAdminRemains(tx, user.id))) {
      return { status: "last-admin" as const };
    }
    await tx.user.update({ where: { id: user.id }, data: { active: input.active } });
    if (!input.active) await deleteUserSessions(user.id, {}, tx);
    await recordAudit(
      {
        actorId: input.actorId,
        action: input.active ? "user.reactivate" : "user.deactivate",
        target: user.email,
      },
      tx,
    );
    return { status: "ok" as const };
  });
}

/**
 * Sets a new password and ends the user's sessions, so whoever knew the old password is out;
 * `keepSessionId` (the acting admin's own session) stays when they reset their own password.
 */
export async function setUserPassword(input: {
  userId: string;
  password: string;
  actorId: string;
  keepSessionId: string | null;
}): Promise<{ status: "ok" } | { status: "not-found" }> {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) return { status: "not-found" as const };
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await deleteUserSessions(user.id, { keep: input.keepSessionId }, tx);
    await recordAudit(
      { actorId: input.actorId, action: "user.password-set", target: user.email },
      tx,
    );
    return { status: "ok" as const };
  });
}

/** Active users who may own an article (those who can edit it), by name, plus `includeId`. */
export function listPossibleOwners(includeId?: string | null) {
  const editorRoles: readonly string[] = capabilityRoles["article:write"];
  return prisma.user.findMany({
    where: {
      OR: [
        { active: true, role: { in: [...editorRoles] } },
        ...(includeId ? [{ id: includeId }] : []),
      ],
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
