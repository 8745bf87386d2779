import { createHash, randomBytes } from "node:crypto";

import { prisma } from "~/utils/db.server.ts";

import { ApiTokenLimits, type ApiTokenScope } from "./api-token-limits.ts";
import { recordAudit } from "./audit.server.ts";

const TOKEN_PREFIX = "lgb_";

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issues a token valid for `validDays` (1 to ApiTokenLimits.maxDays; the route validates, so
 * anything else throws); returns the secret once (only its hash is stored).
 */
export async function createApiToken(input: {
  name: string;
  validDays: number;
  actorId: string;
  /** Default "internal", as every token was before scopes existed. */
  scope?: ApiTokenScope;
}) {
  const scope = input.scope ?? "internal";
  const days = input.validDays;
  if (!Number.isInteger(days) || days < 1 || days > ApiTokenLimits.maxDays) {
    throw new RangeError(`A token lives 1 to ${ApiTokenLimits.maxDays} days, not ${days}`);
  }
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: input.actorId,
        expiresAt: new Date(Date.now() + days * DAY_MS),
        scope,
      },
    });
    await recordAudit(
      {
        actorId: input.actorId,
        action: "token.create",
        target: input.name,
        detail: `${days} days, ${scope}`,
      },
      tx,
    );
    return { id: row.id, token };
  });
}

/** Every token with its state, newest first (never the secret or its hash). */
export function listApiTokens() {
  return prisma.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      scope: true,
      createdBy: { select: { name: true, active: true } },
    },
  });
}

/** Revokes a token at once; returns false when there is no such token. */
export async function revokeApiToken(input: { id: string; actorId: string }): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.id } });
    if (!token) return false;
    if (!token.revokedAt) {
      await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
      await recordAudit({ actorId: input.actorId, action: "token.revoke", target: token.name }, tx);
    }
    return true;
  });
}

// "Last used" to the minute is enough, and spares a write on every call of a busy client.
const LAST_USED_PRECISION_MS = 60_000;

/**
 * Returns the token's name and scope when the secret is valid: not revoked, not expired, and its
 * creator still an active user (a deactivated admin's tokens stop with them; reactivation
 * restores them). Else null. Tokens stored without a known scope count as internal.
 */
export async function verifyApiToken(
  secret: string,
): Promise<{ id: string; name: string; scope: ApiTokenScope } | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    include: { createdBy: { select: { active: true } } },
  });
  if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) return null;
  if (!token.createdBy?.active) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    id: token.id,
    name: token.name,
    scope: token.scope === "public" ? "public" : "internal",
  };
}
