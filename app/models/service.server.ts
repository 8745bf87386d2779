import { z } from "zod";

import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import { slugify } from "./article-limits.ts";
import { recordAudit } from "./audit.server.ts";
import { can } from "./capabilities.ts";

export const ServiceLimits = { name: 60 } as const;

const ServiceSchema = z.object({
  nameDe: z.string().trim().min(1).max(ServiceLimits.name),
  nameEn: z.string().trim().min(1).max(ServiceLimits.name),
});

/** Parses the admin form's German and English names. */
export function parseServiceForm(form: FormData) {
  return ServiceSchema.safeParse(Object.fromEntries(form));
}

/** Every service incidents can name, in list order. */
export function listServices() {
  return prisma.service.findMany({
    orderBy: [{ position: "asc" }, { nameEn: "asc" }],
    select: { key: true, nameDe: true, nameEn: true },
  });
}

export type AddServiceResult =
  { status: "created"; key: string } | { status: "taken" } | { status: "forbidden" };

/** Adds a service at the end of the list (admins only); "taken" when its key already exists. */
export async function addService(
  actor: Actor,
  input: { nameDe: string; nameEn: string },
): Promise<AddServiceResult> {
  if (!can(actor.role, "service:manage")) return { status: "forbidden" };
  const key = slugify(input.nameEn) || slugify(input.nameDe);
  return prisma.$transaction(async (tx) => {
    if (await tx.service.findUnique({ where: { key }, select: { id: true } })) {
      return { status: "taken" } as const;
    }
    const last = await tx.service.findFirst({ orderBy: { position: "desc" } });
    await tx.service.create({
      data: {
        key,
        nameDe: input.nameDe.trim(),
        nameEn: input.nameEn.trim(),
        position: (last?.position ?? 0) + 10,
      },
    });
    await recordAudit({ actorId: actor.id, action: "service.create", target: key }, tx);
    return { status: "created", key } as const;
  });
}
