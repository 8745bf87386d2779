/**
 * The glossary: entries of equivalent terms (German and English, colloquial and technical) that
 * search treats as synonyms of each other. Every change is audited with the terms before and
 * after, and sent to the engine; while it is down the change waits for the next drain or start.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.server.ts";
import { can } from "./capabilities.ts";
import { checkTerms, termKey } from "./glossary-rules.ts";
import { applyGlossaryToSearch } from "./search.server.ts";

export interface GlossaryEntryView {
  id: number;
  terms: string[];
  updatedAt: string;
}

const entrySelect = {
  id: true,
  updatedAt: true,
  terms: { select: { text: true }, orderBy: { position: "asc" } },
} satisfies Prisma.GlossaryEntrySelect;

function present(entry: Prisma.GlossaryEntryGetPayload<{ select: typeof entrySelect }>) {
  return {
    id: entry.id,
    terms: entry.terms.map((term) => term.text),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

/**
 * Entries, newest change first, at most `take`; `filter` keeps those with a term containing it
 * (any case).
 */
export async function listGlossaryEntries(
  filter = "",
  take?: number,
): Promise<GlossaryEntryView[]> {
  const key = termKey(filter);
  const entries = await prisma.glossaryEntry.findMany({
    where: key ? { terms: { some: { key: { contains: key } } } } : {},
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: entrySelect,
    take,
  });
  return entries.map(present);
}

/** Returns how many entries the glossary holds, or hold a term containing `filter`. */
export function countGlossaryEntries(filter = ""): Promise<number> {
  const key = termKey(filter);
  return prisma.glossaryEntry.count({
    where: key ? { terms: { some: { key: { contains: key } } } } : {},
  });
}

export type GlossaryChangeResult =
  | { status: "saved"; id: number; appliedToSearch: boolean }
  | { status: "invalid"; message: string }
  | { status: "taken"; term: string }
  | { status: "not-found" }
  | { status: "forbidden" };

type Tx = Prisma.TransactionClient;

/** Returns the first term that already belongs to another entry, or null. */
async function takenTerm(tx: Tx, terms: string[], entryId: number | null) {
  const taken = await tx.glossaryTerm.findFirst({
    where: {
      key: { in: terms.map(termKey) },
      ...(entryId ? { entryId: { not: entryId } } : {}),
    },
    select: { text: true },
  });
  return taken?.text ?? null;
}

async function bumpVersion(tx: Tx) {
  await tx.glossarySync.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 } },
  });
}

function termRows(terms: string[]) {
  return terms.map((text, position) => ({ text, position, key: termKey(text) }));
}

const audit = (terms: string[]) => terms.join(", ");

/** Why `actor` may not write these terms (role, then the form's rules), or null. */
function refuseTerms(actor: Actor, terms: string[]): GlossaryChangeResult | null {
  if (!can(actor.role, "glossary:manage")) return { status: "forbidden" };
  const problem = checkTerms(terms);
  return problem ? { status: "invalid", message: problem } : null;
}

/** Inside a change's transaction: a new glossary version for the engine, and the audit entry. */
async function recordChange(
  tx: Tx,
  actor: Actor,
  change: { action: "create" | "update" | "delete"; id: number; detail: string },
) {
  await bumpVersion(tx);
  await recordAudit(
    {
      actorId: actor.id,
      action: `glossary.${change.action}`,
      target: `glossary #${change.id}`,
      detail: change.detail,
    },
    tx,
  );
}

async function finish(id: number): Promise<GlossaryChangeResult> {
  return { status: "saved", id, appliedToSearch: await applyGlossaryToSearch() };
}

/**
 * Adds an entry of equivalent terms (glossary:manage). Returns "invalid" with a message key of
 * `glossary.errors`, or "taken" with the term another entry already holds.
 */
export async function createGlossaryEntry(
  actor: Actor,
  terms: string[],
): Promise<GlossaryChangeResult> {
  const refused = refuseTerms(actor, terms);
  if (refused) return refused;
  const result = await prisma.$transaction(async (tx) => {
    const taken = await takenTerm(tx, terms, null);
    if (taken) return { status: "taken", term: taken } as const;
    const entry = await tx.glossaryEntry.create({
      data: { terms: { create: termRows(terms) } },
      select: { id: true },
    });
    await recordChange(tx, actor, { action: "create", id: entry.id, detail: `→ ${audit(terms)}` });
    return { status: "saved", id: entry.id } as const;
  });
  return result.status === "saved" ? finish(result.id) : result;
}

/** Replaces an entry's terms (glossary:manage); outcomes as createGlossaryEntry, or "not-found". */
export async function updateGlossaryEntry(
  actor: Actor,
  id: number,
  terms: string[],
): Promise<GlossaryChangeResult> {
  const refused = refuseTerms(actor, terms);
  if (refused) return refused;
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.glossaryEntry.findUnique({ where: { id }, select: entrySelect });
    if (!before) return { status: "not-found" } as const;
    const taken = await takenTerm(tx, terms, id);
    if (taken) return { status: "taken", term: taken } as const;
    await tx.glossaryTerm.deleteMany({ where: { entryId: id } });
    await tx.glossaryEntry.update({
      where: { id },
      data: { updatedAt: new Date(), terms: { create: termRows(terms) } },
    });
    await recordChange(tx, actor, {
      action: "update",
      id,
      detail: `${audit(present(before).terms)} → ${audit(terms)}`,
    });
    return { status: "saved", id } as const;
  });
  return result.status === "saved" ? finish(result.id) : result;
}

/** Deletes an entry (glossary:manage); "not-found" when it is gone already. */
export async function deleteGlossaryEntry(actor: Actor, id: number): Promise<GlossaryChangeResult> {
  if (!can(actor.role, "glossary:manage")) return { status: "forbidden" };
  const result = await prisma.$transaction(async (tx) => {
    const before = await tx.glossaryEntry.findUnique({ where: { id }, select: entrySelect });
    if (!before) return { status: "not-found" } as const;
    await tx.glossaryEntry.delete({ where: { id } });
    await recordChange(tx, actor, {
      action: "delete",
      id,
      detail: `${audit(present(before).terms)} →`,
    });
    return { status: "saved", id } as const;
  });
  return result.status === "saved" ? finish(result.id) : result;
}

/**
 * Loads entries into a glossary that was never filled nor edited (the seed file at every start,
 * so admins' edits and deletions are never overwritten). Returns how many it added; throws on an
 * entry the admin form would refuse.
 */
export async function seedGlossary(entries: string[][]): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      // A sync row means the glossary was seeded or edited before: an emptied glossary stays empty.
      if ((await tx.glossaryEntry.count()) || (await tx.glossarySync.count())) return 0;
      for (const terms of entries) {
        const problem = checkTerms(terms);
        if (problem) throw new Error(`Glossary entry "${terms.join(", ")}": ${problem}`);
      }
      // Two statements over JSON: row-by-row inserts (also createMany) took 2-7 s on first start.
      const now = new Date();
      const ids = entries.map((_, index) => index + 1);
      const rows = entries.flatMap((terms, index) =>
        termRows(terms).map((row) => ({ ...row, entryId: index + 1 })),
      );
      await tx.$executeRaw`INSERT INTO "GlossaryEntry" ("id", "createdAt", "updatedAt")
        SELECT value, ${now}, ${now} FROM json_each(${JSON.stringify(ids)})`;
      await tx.$executeRaw`INSERT INTO "GlossaryTerm" ("entryId", "position", "text", "key")
        SELECT value ->> 'entryId', value ->> 'position', value ->> 'text', value ->> 'key'
        FROM json_each(${JSON.stringify(rows)})`;
      await bumpVersion(tx);
      return entries.length;
    },
    { timeout: 30_000 },
  );
}
