import ipaddr from "ipaddr.js";

import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

import { recordAudit } from "./audit.server.ts";
import { createSession } from "./session.server.ts";
import { hashPassword, verifyPassword } from "./user.server.ts";

/**
 * Sign-in throttling. An address (group) has a hard limit: it is the attacker's, not the
 * victim's. An account only gets growing delays between attempts, never a lockout; and an
 * address the account recently signed in from is delayed only by its own failures, so someone
 * hammering at the account from elsewhere cannot take every free slot from its owner.
 */
export const SignInLimits = {
  windowMs: 15 * 60 * 1000,
  /** Failed attempts per address group in the window; beyond them it is refused outright. */
  perAddress: 30,
  /** Failed attempts per account (since its last sign-in) answered without any delay. */
  freeFailuresPerAccount: 5,
  /** Delay after the free failures; each further failure doubles it, up to the cap. */
  accountDelayMs: 1000,
  accountDelayCapMs: 5 * 60 * 1000,
  /** How long an address the account signed in from counts as its owner's. */
  knownAddressMs: 30 * 24 * 60 * 60 * 1000,
} as const;

export type SignInLimitSettings = { readonly [K in keyof typeof SignInLimits]: number };

export type SignInResult =
  | { status: "ok"; sessionId: string; expiresAt: Date }
  | { status: "invalid" }
  | { status: "deactivated" }
  | { status: "rate-limited"; retryAfterSeconds: number };

/**
 * The key the per-address limit counts under: an IPv4 address (IPv4-mapped IPv6 included), or
 * the /64 network of an IPv6 address, since one subscriber usually gets a whole /64.
 */
export function addressGroup(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (!(address instanceof ipaddr.IPv6)) return address.toString();
  return `${new ipaddr.IPv6([...address.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}

/** The pause an account needs before its next attempt, after `failures` recent failures. */
function accountDelayMs(failures: number, limits: SignInLimitSettings): number {
  if (failures < limits.freeFailuresPerAccount) return 0;
  const doublings = failures - limits.freeFailuresPerAccount;
  return Math.min(limits.accountDelayMs * 2 ** doublings, limits.accountDelayCapMs);
}

const failedOrPending = {
  OR: [{ success: false }, { success: null }],
} satisfies Prisma.LoginAttemptWhereInput;

type Reservation =
  { status: "reserved"; attemptId: number } | { status: "refused"; waitMs: number };

/**
 * Reserves an attempt before the (slow) password check, or refuses it. The row is written
 * first: that takes SQLite's write lock, so concurrent attempts (in this process or another)
 * are counted one after the other and a burst cannot slip past the limits while hashing.
 */
function reserveAttempt(
  email: string,
  address: string,
  limits: SignInLimitSettings,
): Promise<Reservation> {
  return prisma.$transaction(
    async (tx) => {
      const now = new Date();
      const since = new Date(now.getTime() - limits.windowMs);
      const own = await tx.loginAttempt.create({
        data: { email, ip: address, success: null, createdAt: now },
      });
      const others = { id: { not: own.id }, createdAt: { gte: since }, ...failedOrPending };

      const addressFailures = await tx.loginAttempt.findMany({
        where: { ip: address, ...others },
        orderBy: { id: "asc" },
        select: { createdAt: true },
      });
      const lastSignIn = await tx.loginAttempt.findFirst({
        where: { email, success: true, createdAt: { gte: since } },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      const knownAddress = await tx.loginAttempt.findFirst({
        where: {
          email,
          ip: address,
          success: true,
          createdAt: { gte: new Date(now.getTime() - limits.knownAddressMs) },
        },
        select: { id: true },
      });
      const accountFailures = await tx.loginAttempt.findMany({
        where: {
          email,
          ...(knownAddress ? { ip: address } : {}),
          ...others,
          id: { not: own.id, gt: lastSignIn?.id ?? 0 },
        },
        orderBy: { id: "asc" },
        select: { createdAt: true },
      });

      const refusals: { target: string; detail: string; waitMs: number; burstStart: Date }[] = [];
      const oldestByAddress = addressFailures[0];
      const newestByAddress = addressFailures.at(-1);
      if (addressFailures.length >= limits.perAddress && oldestByAddress && newestByAddress) {
        refusals.push({
          target: address,
          detail: "address limit",
          waitMs: oldestByAddress.createdAt.getTime() + limits.windowMs - now.getTime(),
          burstStart: newestByAddress.createdAt,
        });
      }
      const newestByAccount = accountFailures.at(-1);
      if (newestByAccount) {
        const readyAt =
          newestByAccount.createdAt.getTime() + accountDelayMs(accountFailures.length, limits);
        if (readyAt > now.getTime()) {
          refusals.push({
            target: email,
            detail: `account delay, from ${address}`,
            waitMs: readyAt - now.getTime(),
            burstStart: newestByAccount.createdAt,
          });
        }
      }
      if (refusals.length === 0) return { status: "reserved", attemptId: own.id };

      // A refused attempt leaves no row, so a flood of refusals does not extend the limit; and it
      // is audited once per burst (since the last evaluated attempt), not once per request.
      await tx.loginAttempt.delete({ where: { id: own.id } });
      for (const refusal of refusals) {
        const audited = await tx.auditEvent.count({
          where: {
            action: "auth.sign-in-limited",
            target: refusal.target,
            createdAt: { gte: refusal.burstStart },
          },
        });
        if (audited === 0) {
          await recordAudit(
            {
              actorId: null,
              action: "auth.sign-in-limited",
              target: refusal.target,
              detail: refusal.detail,
            },
            tx,
          );
        }
      }
      return { status: "refused", waitMs: Math.max(...refusals.map((r) => r.waitMs)) };
    },
    // A flood queues here for the write lock instead of failing after Prisma's default 2 s.
    { maxWait: 10_000 },
  );
}

// Verifying against a real hash for unknown emails keeps the timing the same as for known ones.
let dummyHash: Promise<string> | undefined;

/**
 * Checks the credentials and opens a session. Unknown email and wrong password give the same
 * answer. An attempt beyond its address's limit, or sooner than its account's current delay
 * allows, is answered "rate-limited" without looking at the password. `limits` defaults to
 * SignInLimits (tests pass a slower schedule to make timing irrelevant).
 */
export async function signIn(
  input: { email: string; password: string; ip: string },
  limits: SignInLimitSettings = SignInLimits,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const reservation = await reserveAttempt(email, addressGroup(input.ip), limits);
  if (reservation.status === "refused") {
    return { status: "rate-limited", retryAfterSeconds: Math.ceil(reservation.waitMs / 1000) };
  }
  const attempt = { where: { id: reservation.attemptId } };

  const user = await prisma.user.findUnique({ where: { email } });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(
        await (dummyHash ??= hashPassword("not-a-real-password")),
        input.password,
      ).then(() => false);

  if (!user || !valid) {
    await prisma.loginAttempt.update({ ...attempt, data: { success: false } });
    await recordAudit({
      actorId: user?.id ?? null,
      action: "auth.sign-in-failed",
      target: email,
      detail: input.ip,
    });
    return { status: "invalid" };
  }
  if (!user.active) {
    await prisma.loginAttempt.update({ ...attempt, data: { success: false } });
    return { status: "deactivated" };
  }

  await prisma.loginAttempt.update({ ...attempt, data: { success: true } });
  await pruneSignInRecords();
  const session = await createSession(user.id);
  await recordAudit({ actorId: user.id, action: "auth.sign-in", target: email, detail: input.ip });
  return { status: "ok", sessionId: session.id, expiresAt: session.expiresAt };
}

/**
 * Failures older than a day no longer count for anything, nor do sign-ins older than the
 * known-address time; expired sessions are dead weight.
 */
async function pruneSignInRecords() {
  const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const knownSince = new Date(Date.now() - SignInLimits.knownAddressMs);
  await prisma.loginAttempt.deleteMany({
    where: {
      OR: [{ createdAt: { lt: dayAgo }, ...failedOrPending }, { createdAt: { lt: knownSince } }],
    },
  });
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
