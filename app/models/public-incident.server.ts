/**
 * The public projection of incidents for /status and its feeds: status, severity, areas,
 * services, times and the customer statements, nothing else. Internal summary, detail, timeline
 * notes, reports and names of staff are never selected here.
 */
import { prisma } from "~/utils/db.server.ts";

import type { IncidentStatus, Severity } from "./incident-status.ts";
import { readAreas, type Statement } from "./incident.server.ts";
import { formatArea } from "./postcode.ts";

/** Resolved incidents stay on the status page this long after they were resolved. */
export const RECENTLY_RESOLVED_DAYS = 7;

const publicSelect = {
  status: true,
  severity: true,
  areas: true,
  startedAt: true,
  resolvedAt: true,
  createdAt: true,
  statementDe: true,
  statementEn: true,
  statementUpdatedAt: true,
  article: { select: { slug: true, title: true } },
  services: { select: { nameDe: true, nameEn: true }, orderBy: { position: "asc" } },
} as const;

function recentWhere(now: Date) {
  const since = new Date(now.getTime() - RECENTLY_RESOLVED_DAYS * 86_400_000);
  return {
    OR: [
      { status: { in: ["investigating", "identified", "monitoring"] } },
      { status: "resolved", resolvedAt: { gte: since } },
    ],
  };
}

type PublicRow = {
  status: string;
  severity: string;
  areas: string;
  startedAt: Date;
  resolvedAt: Date | null;
  statementDe: string;
  statementEn: string;
  statementUpdatedAt: Date | null;
  article: { slug: string; title: string };
  services: { nameDe: string; nameEn: string }[];
};

function presentPublic(row: PublicRow) {
  const hasStatement = Boolean(row.statementDe || row.statementEn);
  return {
    slug: row.article.slug,
    title: row.article.title,
    status: row.status as IncidentStatus,
    severity: row.severity as Severity,
    areas: readAreas(row.areas).map(formatArea),
    services: row.services.map((s) => ({ de: s.nameDe, en: s.nameEn })),
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    // No statement yet: the page shows a generic "we are investigating" line instead.
    statement: hasStatement ? { de: row.statementDe, en: row.statementEn } : null,
    statementUpdatedAt: row.statementUpdatedAt?.toISOString() ?? null,
  };
}

export type PublicIncident = ReturnType<typeof presentPublic>;

/** Active incidents (newest first), then those resolved in the last seven days. */
export async function listPublicIncidents(now = new Date()) {
  const rows = await prisma.incident.findMany({
    where: recentWhere(now),
    select: publicSelect,
    orderBy: { startedAt: "desc" },
  });
  const incidents = rows.map(presentPublic);
  return {
    active: incidents.filter((incident) => incident.status !== "resolved"),
    resolved: incidents
      .filter((incident) => incident.status === "resolved")
      .sort((a, b) => (b.resolvedAt ?? "").localeCompare(a.resolvedAt ?? "")),
  };
}

export interface PublicStatementEntry {
  at: string;
  statement: Statement;
}

/**
 * One incident for /status/:slug with the history of its customer statements (time and text,
 * newest first), or null when it is unknown or resolved longer ago than the status page shows.
 */
export async function getPublicIncident(slug: string, now = new Date()) {
  const row = await prisma.incident.findFirst({
    where: { article: { slug }, ...recentWhere(now) },
    select: {
      ...publicSelect,
      // Only the statement texts of the timeline: never its notes or who wrote them.
      events: {
        where: { kind: "statement" },
        select: { from: true, to: true, createdAt: true },
        orderBy: { id: "desc" },
      },
    },
  });
  if (!row) return null;
  const statements: PublicStatementEntry[] = row.events.map((event) => ({
    at: event.createdAt.toISOString(),
    statement: JSON.parse(event.to || '{"de":"","en":""}') as Statement,
  }));
  // A statement written with the new incident has no event of its own: it is the "from" of
  // the oldest statement event, or the current statement when there is none.
  const oldest = row.events.at(-1);
  const created = oldest
    ? (JSON.parse(oldest.from || '{"de":"","en":""}') as Statement)
    : { de: row.statementDe, en: row.statementEn };
  statements.push({
    at: (oldest ? row.createdAt : (row.statementUpdatedAt ?? row.createdAt)).toISOString(),
    statement: created,
  });
  return {
    ...presentPublic(row),
    statements: statements.filter((entry) => entry.statement.de || entry.statement.en),
  };
}

/** The incidents on /status, each with its statement history, for the status feed. */
export async function listPublicIncidentsWithStatements(now = new Date()) {
  const { active, resolved } = await listPublicIncidents(now);
  const found = await Promise.all(
    [...active, ...resolved].map((incident) => getPublicIncident(incident.slug, now)),
  );
  return found.filter((incident) => incident !== null);
}
