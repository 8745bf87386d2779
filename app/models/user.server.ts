import { hash, verify } from "@node-rs/argon2";

import { prisma } from "~/utils/db.server.ts";

import type { Role } from "./roles.ts";

/** Returns an argon2id hash of the password (library defaults: OWASP-recommended cost). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Creates or updates a user by email (used by the seed and the admin CLI). */
export async function upsertUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}) {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  return prisma.user.upsert({
    where: { email },
    create: { email, name: input.name, role: input.role, passwordHash },
    update: { name: input.name, role: input.role, passwordHash, active: true },
  });
}
