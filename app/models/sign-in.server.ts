import { prisma } from "~/utils/db.server.ts";

import { recordAudit } from "./audit.server.ts";
import { createSession } from "./session.server.ts";
import { hashPassword, verifyPassword } from "./user.server.ts";

/** Failed attempts allowed per window before sign-in is refused, per account and per address. */
export const SignInLimits = {
  windowMs: 15 * 60 * 1000,
  perAccount: 10,
  perAddress: 30,
} as const;

export type SignInResult =
  | { status: "ok"; sessionId: string; expiresAt: Date }
  | { status: "invalid" }
  | { status: "deactivated" }
  | { status: "rate-limited"; retryAfterMinutes: number };

// Verifying against a real hash for unknown emails keeps the timing the same as for known ones.
let dummyHash: Promise<string> | undefined;

/**
 * Checks the credentials and opens a session. Unknown email and wrong password give the same
 * answer; after too many failures in the window the answer is "rate-limited", even for the
 * right password. Every attempt is recorded.
 */
export async function signIn(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - SignInLimits.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    prisma.loginAttempt.findMany({
      where: { email, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    prisma.loginAttempt.count({
      where: { ip: input.ip, success: false, createdAt: { gte: since } },
    }),
  ]);
  if (byAccount.length >= SignInLimits.perAccount || byAddress >= SignInLimits.perAddress) {
    const oldest = byAccount[0]?.createdAt.getTime() ?? Date.now();
    const retryMs = Math.max(oldest + SignInLimits.windowMs - Date.now(), 60_000);
    await prisma.loginAttempt.create({ data: { email, ip: input.ip, success: false } });
    return { status: "rate-limited", retryAfterMinutes: Math.ceil(retryMs / 60_000) };
  }

  const user = await prisma.user.findUnique({ where: { email } });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(
        await (dummyHash ??= hashPassword("not-a-real-password")),
        input.password,
      ).then(() => false);

  if (!user || !valid) {
    await prisma.loginAttempt.create({ data: { email, ip: input.ip, success: false } });
    await recordAudit({
      actorId: user?.id ?? null,
      action: "auth.sign-in-failed",
      target: email,
      detail: input.ip,
    });
    return { status: "invalid" };
  }
  if (!user.active) return { status: "deactivated" };

  await prisma.loginAttempt.create({ data: { email, ip: input.ip, success: true } });
  await pruneSignInRecords();
  const session = await createSession(user.id);
  await recordAudit({ actorId: user.id, action: "auth.sign-in", target: email, detail: input.ip });
  return { status: "ok", sessionId: session.id, expiresAt: session.expiresAt };
}

/** Attempts older than a day no longer count for anything; expired sessions are dead weight. */
async function pruneSignInRecords() {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: dayAgo } } });
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
