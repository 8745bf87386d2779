/**
 * The hold on the search outbox while the indexes are rebuilt
 * (docs/decisions/017-reindex-beside-the-app.md). A rebuild reads every article into fresh indexes
 * and swaps them in. A change that another process indexes meanwhile lands in the old indexes and
 * is swapped away: an article made internal during `npm run reindex` could come back as a public
 * passage. While a rebuild holds this lease, every other process leaves its index jobs in the
 * outbox, and the rebuild applies them after its swap.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";

import { prisma } from "~/utils/db.server.ts";

/** A holder that stops renewing (killed mid-rebuild) frees the outbox after this long. */
const LEASE_MS = 2 * 60_000;
const RENEW_MS = 20_000;
const HOLDER = `${os.hostname()} pid ${process.pid} ${randomUUID()}`;

export class RebuildRunningError extends Error {
  override name = "RebuildRunningError";
}

/** Whether another process is rebuilding the indexes now, so this one's index jobs must wait. */
export async function rebuildRunningElsewhere(): Promise<boolean> {
  const lease = await prisma.searchRebuild.findUnique({ where: { id: 1 } });
  return lease !== null && lease.holder !== HOLDER && lease.expiresAt > new Date();
}

/**
 * Runs `task` holding the lease, renewed while it runs, and frees it after. Throws
 * RebuildRunningError, without running `task`, while another process holds it.
 */
export async function withRebuildLease<T>(task: () => Promise<T>): Promise<T> {
  await takeLease();
  const renew = setInterval(() => void extendLease().catch(() => {}), RENEW_MS);
  renew.unref();
  try {
    return await task();
  } finally {
    clearInterval(renew);
    await prisma.searchRebuild.deleteMany({ where: { id: 1, holder: HOLDER } });
  }
}

function leaseFrom(now: Date) {
  return { holder: HOLDER, startedAt: now, expiresAt: new Date(now.getTime() + LEASE_MS) };
}

async function takeLease() {
  const now = new Date();
  // Each statement is atomic: of two processes taking a free or lapsed lease, one updates or
  // creates the row and the other then finds it held.
  const { count } = await prisma.searchRebuild.updateMany({
    where: { id: 1, OR: [{ expiresAt: { lte: now } }, { holder: HOLDER }] },
    data: leaseFrom(now),
  });
  if (count) return;
  try {
    await prisma.searchRebuild.create({ data: { id: 1, ...leaseFrom(now) } });
  } catch (error) {
    const lease = await prisma.searchRebuild.findUnique({ where: { id: 1 } });
    if (!lease) throw error;
    throw new RebuildRunningError(
      `Another rebuild of the search indexes is running (${lease.holder}, since ${lease.startedAt.toISOString()}). Nothing was changed; try again once it has finished.`,
    );
  }
}

async function extendLease() {
  await prisma.searchRebuild.updateMany({
    where: { id: 1, holder: HOLDER },
    data: { expiresAt: new Date(Date.now() + LEASE_MS) },
  });
}
