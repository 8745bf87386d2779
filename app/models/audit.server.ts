import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

export type AuditAction =
  | "auth.sign-in"
  | "auth.sign-in-failed"
  | "auth.sign-in-limited"
  | "auth.sign-out"
  | "user.create"
  | "user.role-change"
  | "user.deactivate"
  | "user.reactivate"
  | "user.password-set"
  | "token.create"
  | "token.revoke"
  | "auth.forbidden"
  | "article.publish"
  | "article.unpublish"
  | "article.public-change"
  | "article.public-change-refused"
  | "incident.create"
  | "incident.statement"
  | "incident.statement-denied"
  | "service.create"
  | "glossary.create"
  | "glossary.update"
  | "glossary.delete";

/** Records an audit event; pass the transaction client to make it part of the change. */
export async function recordAudit(
  event: { actorId: string | null; action: AuditAction; target: string; detail?: string },
  db: Prisma.TransactionClient = prisma,
) {
  await db.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      target: event.target,
      detail: event.detail ?? "",
    },
  });
}

/** Returns the newest audit events with the acting user's name. */
export function listAuditEvents(take = 200) {
  return prisma.auditEvent.findMany({
    orderBy: { id: "desc" },
    take,
    include: { actor: { select: { name: true, email: true } } },
  });
}
