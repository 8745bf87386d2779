import { markdownToContent } from "~/editor/content.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { markContentChanged } from "~/utils/content-version.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { queryHot } from "~/utils/hot-sqlite.server.ts";
import { publishIncidentEvent, type IncidentLiveEvent } from "~/utils/live-events.server.ts";

import type { Actor } from "./actor.ts";
import { getStaffArticle } from "./article-reads.server.ts";
import { createArticle } from "./article.server.ts";
import { recordAudit } from "./audit.server.ts";
import { can } from "./capabilities.ts";
import {
  activeStatuses,
  checkTransition,
  isStatementStale,
  transitionMessage,
  type IncidentStatus,
  type Severity,
  type StaleIntervals,
} from "./incident-status.ts";
import { formatArea, parseAreas, type Area } from "./postcode.ts";
import { enqueueIndexJob } from "./revision-writer.server.ts";

/** Limits shared by the forms and the model. */
export const IncidentLimits = {
  summary: 2000,
  statement: 2000,
  note: 500,
  howtos: 12,
  services: 20,
} as const;

type Tx = Prisma.TransactionClient;

/** The per-severity statement intervals from the environment. */
export function staleIntervals(): StaleIntervals {
  const env = getEnv();
  return {
    critical: env.INCIDENT_STALE_MINUTES_CRITICAL,
    major: env.INCIDENT_STALE_MINUTES_MAJOR,
    minor: env.INCIDENT_STALE_MINUTES_MINOR,
  };
}

/** Parses the stored areas column (written only by this module). */
export function readAreas(stored: string): Area[] {
  return JSON.parse(stored) as Area[];
}

// Every incident change passes here: cached public pages (/status, its feeds) start a new
// generation at once, and open pages learn of it through their event stream.
function incidentChanged(event: IncidentLiveEvent) {
  markContentChanged();
  publishIncidentEvent(event);
}

export type FieldErrors = Partial<Record<string, string[]>>;

export interface IncidentFields {
  severity: Severity;
  areas: string;
  serviceKeys: string[];
  summary: string;
  howtoSlugs: string[];
}

/** Validates areas, services and how-to links; returns the resolved values or field errors. */
async function resolveFields(
  db: Tx | typeof prisma,
  fields: IncidentFields,
): Promise<
  | { ok: true; areas: Area[]; serviceIds: string[]; howtoIds: string[] }
  | { ok: false; errors: FieldErrors }
> {
  const errors: FieldErrors = {};
  const areas = parseAreas(fields.areas);
  if (!areas.ok) errors.areas = areas.messages;
  const services = await db.service.findMany({
    where: { key: { in: fields.serviceKeys } },
    select: { id: true },
  });
  if (services.length !== new Set(fields.serviceKeys).size) {
    errors.services = ["Choose services from the list."];
  }
  const howtos = await db.article.findMany({
    where: { slug: { in: fields.howtoSlugs }, kind: { not: "incident" } },
    select: { id: true },
  });
  if (howtos.length !== new Set(fields.howtoSlugs).size) {
    errors.howtos = ["Link existing how-to or FAQ articles only."];
  }
  if (!areas.ok || Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    areas: areas.areas,
    serviceIds: services.map((s) => s.id),
    howtoIds: howtos.map((h) => h.id),
  };
}

export type CreateIncidentResult =
  | { status: "created"; slug: string }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "forbidden" };

/**
 * Creates an incident: its article (title, internal detail as Markdown) and the structured
 * incident with a "created" timeline entry. Engineers, comms and admins only; the statement
 * is set only when the actor may edit statements.
 */
export async function createIncident(
  actor: Actor,
  input: IncidentFields & {
    title: string;
    detail: string;
    startedAt: Date;
    statementDe?: string;
    statementEn?: string;
  },
): Promise<CreateIncidentResult> {
  if (!can(actor.role, "article:write")) return { status: "forbidden" };
  if (input.startedAt.getTime() > Date.now() + 5 * 60_000) {
    return { status: "invalid", errors: { startedAt: ["The start lies in the future."] } };
  }
  const resolved = await resolveFields(prisma, input);
  if (!resolved.ok) return { status: "invalid", errors: resolved.errors };
  const withStatement =
    can(actor.role, "incident:edit-statement") &&
    Boolean(input.statementDe?.trim() || input.statementEn?.trim());
  const created = await createArticle({
    title: input.title,
    kind: "incident",
    visibility: "internal",
    tags: ["incident"],
    content: markdownToContent(input.detail),
    actor,
  });
  if (created.status === "forbidden") return { status: "forbidden" };
  if (created.status === "invalid") {
    return { status: "invalid", errors: { [created.field]: [created.message] } };
  }
  const now = new Date();
  const statementVersion = withStatement ? 1 : 0;
  await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.create({
      data: {
        articleId: created.article.id,
        severity: input.severity,
        areas: JSON.stringify(resolved.areas),
        startedAt: input.startedAt,
        summary: input.summary.trim(),
        statementDe: withStatement ? (input.statementDe ?? "").trim() : "",
        statementEn: withStatement ? (input.statementEn ?? "").trim() : "",
        statementVersion,
        statementUpdatedAt: withStatement ? now : null,
        services: { connect: resolved.serviceIds.map((id) => ({ id })) },
        howtos: { connect: resolved.howtoIds.map((id) => ({ id })) },
      },
    });
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        version: 1,
        kind: "created",
        to: "investigating",
        actorId: actor.id,
      },
    });
    await recordAudit(
      { actorId: actor.id, action: "incident.create", target: created.article.slug },
      tx,
    );
    // The index carries the incident status (a search facet).
    await enqueueIndexJob(tx, created.article.id);
  });
  incidentChanged({
    incidentSlug: created.article.slug,
    kind: "created",
    version: 1,
    statementVersion,
  });
  return { status: "created", slug: created.article.slug };
}

export type UpdateIncidentResult =
  | { status: "saved"; changed: boolean }
  | { status: "invalid"; errors: FieldErrors }
  | { status: "conflict"; version: number }
  | { status: "forbidden" }
  | { status: "not-found" };

/**
 * Changes status, severity, areas, services, summary and how-to links of the incident as it was
 * at `baseVersion`. Each changed field of the timeline (status, severity, areas, services) gets
 * an entry with the note; a refused status transition is an "invalid" status field, and a
 * change by someone else since `baseVersion` is a "conflict". Nothing is written unless saved.
 */
export async function updateIncident(
  actor: Actor,
  slug: string,
  input: IncidentFields & { baseVersion: number; status: IncidentStatus; note: string },
): Promise<UpdateIncidentResult> {
  if (!can(actor.role, "article:write")) return { status: "forbidden" };
  let live: IncidentLiveEvent | undefined;
  return prisma
    .$transaction(async (tx): Promise<UpdateIncidentResult> => {
      const incident = await tx.incident.findFirst({
        where: { article: { slug } },
        include: {
          services: { select: { id: true, key: true } },
          howtos: { select: { id: true } },
        },
      });
      if (!incident) return { status: "not-found" };
      if (incident.version !== input.baseVersion) {
        return { status: "conflict", version: incident.version };
      }
      const from = incident.status as IncidentStatus;
      const errors: FieldErrors = {};
      if (input.status !== from) {
        const check = checkTransition(from, input.status);
        if (!check.ok) errors.status = [transitionMessage(from, input.status, check.reason)];
      }
      const resolved = await resolveFields(tx, input);
      if (!resolved.ok) Object.assign(errors, resolved.errors);
      if (Object.keys(errors).length || !resolved.ok) return { status: "invalid", errors };

      const areas = JSON.stringify(resolved.areas);
      const oldServiceKeys = incident.services.map((s) => s.key).sort();
      const newServiceKeys = [...new Set(input.serviceKeys)].sort();
      const events: { kind: string; from: string; to: string }[] = [];
      if (input.status !== from) events.push({ kind: "status", from, to: input.status });
      if (input.severity !== incident.severity) {
        events.push({ kind: "severity", from: incident.severity, to: input.severity });
      }
      if (areas !== incident.areas) events.push({ kind: "areas", from: incident.areas, to: areas });
      if (JSON.stringify(oldServiceKeys) !== JSON.stringify(newServiceKeys)) {
        events.push({
          kind: "services",
          from: JSON.stringify(oldServiceKeys),
          to: JSON.stringify(newServiceKeys),
        });
      }
      const summary = input.summary.trim();
      const sameHowtos =
        JSON.stringify(incident.howtos.map((h) => h.id).sort()) ===
        JSON.stringify([...resolved.howtoIds].sort());
      if (!events.length && summary === incident.summary && sameHowtos) {
        return { status: "saved", changed: false };
      }
      const version = incident.version + 1;
      const { count } = await tx.incident.updateMany({
        where: { id: incident.id, version: incident.version },
        data: {
          version,
          status: input.status,
          severity: input.severity,
          areas,
          summary,
          resolvedAt:
            input.status === "resolved" ? (incident.resolvedAt ?? new Date()) : incident.resolvedAt,
        },
      });
      if (count === 0) return { status: "conflict", version: incident.version };
      await tx.incident.update({
        where: { id: incident.id },
        data: {
          services: { set: resolved.serviceIds.map((id) => ({ id })) },
          howtos: { set: resolved.howtoIds.map((id) => ({ id })) },
        },
      });
      if (input.status !== from) await enqueueIndexJob(tx, incident.articleId);
      for (const event of events) {
        await tx.incidentEvent.create({
          data: {
            incidentId: incident.id,
            version,
            ...event,
            note: input.note.trim(),
            actorId: actor.id,
          },
        });
      }
      live = {
        incidentSlug: slug,
        kind: input.status === from ? "updated" : "status",
        version,
        statementVersion: incident.statementVersion,
      };
      return { status: "saved", changed: true };
    })
    .then((result) => {
      if (result.status === "saved" && result.changed && live) incidentChanged(live);
      return result;
    });
}

export type ReopenResult =
  | { status: "reopened" }
  | { status: "refused"; message: string }
  | { status: "forbidden" }
  | { status: "not-found" };

/** Reopens a resolved incident (back to investigating), recorded as its own timeline entry. */
export async function reopenIncident(
  actor: Actor,
  slug: string,
  note: string,
): Promise<ReopenResult> {
  if (!can(actor.role, "article:write")) return { status: "forbidden" };
  let live: IncidentLiveEvent | undefined;
  const result = await prisma.$transaction(async (tx): Promise<ReopenResult> => {
    const incident = await tx.incident.findFirst({ where: { article: { slug } } });
    if (!incident) return { status: "not-found" };
    const from = incident.status as IncidentStatus;
    const check = checkTransition(from, "investigating", { reopen: true });
    if (!check.ok) {
      return { status: "refused", message: transitionMessage(from, "investigating", check.reason) };
    }
    const version = incident.version + 1;
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, version: incident.version },
      data: { version, status: "investigating", resolvedAt: null },
    });
    if (count === 0) return { status: "refused", message: "The incident changed meanwhile." };
    await enqueueIndexJob(tx, incident.articleId);
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        version,
        kind: "reopen",
        from,
        to: "investigating",
        note: note.trim(),
        actorId: actor.id,
      },
    });
    live = {
      incidentSlug: slug,
      kind: "reopen",
      version,
      statementVersion: incident.statementVersion,
    };
    return { status: "reopened" };
  });
  if (result.status === "reopened" && live) incidentChanged(live);
  return result;
}

export interface Statement {
  de: string;
  en: string;
}

export type StatementResult =
  | { status: "saved"; version: number; changed: boolean }
  | {
      status: "conflict";
      current: Statement & { version: number; by: string | null; at: string | null };
      mine: Statement;
    }
  | { status: "forbidden" }
  | { status: "not-found" };

/**
 * Saves the customer-facing statement edited from `baseVersion`. Only comms and admins: anyone
 * else gets "forbidden", audited, nothing written. When someone saved another statement since
 * `baseVersion`, returns "conflict" with both texts and writes nothing.
 */
export async function updateStatement(
  actor: Actor,
  slug: string,
  input: Statement & { baseVersion: number; note: string },
): Promise<StatementResult> {
  if (!can(actor.role, "incident:edit-statement")) {
    await recordAudit({
      actorId: actor.id,
      action: "incident.statement-denied",
      target: slug,
      detail: `role ${actor.role}`,
    });
    return { status: "forbidden" };
  }
  const mine = { de: input.de.trim(), en: input.en.trim() };
  let live: IncidentLiveEvent | undefined;
  const result = await prisma.$transaction(async (tx): Promise<StatementResult> => {
    const incident = await tx.incident.findFirst({ where: { article: { slug } } });
    if (!incident) return { status: "not-found" };
    const conflict = async (): Promise<StatementResult> => {
      const current = await tx.incident.findUniqueOrThrow({ where: { id: incident.id } });
      const last = await tx.incidentEvent.findFirst({
        where: { incidentId: incident.id, kind: "statement" },
        orderBy: { id: "desc" },
        select: { actor: { select: { name: true } }, createdAt: true },
      });
      return {
        status: "conflict",
        current: {
          de: current.statementDe,
          en: current.statementEn,
          version: current.statementVersion,
          by: last?.actor?.name ?? null,
          at: last?.createdAt.toISOString() ?? null,
        },
        mine,
      };
    };
    if (incident.statementVersion !== input.baseVersion) return conflict();
    if (mine.de === incident.statementDe && mine.en === incident.statementEn) {
      return { status: "saved", version: incident.statementVersion, changed: false };
    }
    const statementVersion = incident.statementVersion + 1;
    const version = incident.version + 1;
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, statementVersion: input.baseVersion },
      data: {
        statementDe: mine.de,
        statementEn: mine.en,
        statementVersion,
        statementUpdatedAt: new Date(),
        version: { increment: 1 },
      },
    });
    if (count === 0) return conflict();
    await tx.incidentEvent.create({
      data: {
        incidentId: incident.id,
        version,
        kind: "statement",
        from: JSON.stringify({ de: incident.statementDe, en: incident.statementEn }),
        to: JSON.stringify(mine),
        note: input.note.trim(),
        actorId: actor.id,
      },
    });
    await recordAudit({ actorId: actor.id, action: "incident.statement", target: slug }, tx);
    live = { incidentSlug: slug, kind: "statement", version, statementVersion };
    return { status: "saved", version: statementVersion, changed: true };
  });
  if (result.status === "saved" && result.changed && live) incidentChanged(live);
  return result;
}

type ServiceNames = Map<string, { de: string; en: string }>;

function presentEvent(
  event: Prisma.IncidentEventGetPayload<{ include: { actor: { select: { name: true } } } }>,
  services: ServiceNames,
) {
  const decode = (value: string): string | Statement | (string | Statement)[] => {
    if (event.kind === "areas") return readAreas(value || "[]").map(formatArea);
    if (event.kind === "services") {
      return (JSON.parse(value || "[]") as string[]).map((key) => services.get(key) ?? key);
    }
    if (event.kind === "statement") return JSON.parse(value || '{"de":"","en":""}') as Statement;
    return value;
  };
  return {
    id: event.id,
    kind: event.kind,
    from: decode(event.from),
    to: decode(event.to),
    note: event.note,
    actor: event.actor?.name ?? null,
    at: event.createdAt.toISOString(),
  };
}

export type PresentedEvent = ReturnType<typeof presentEvent>;

/**
 * Everything the staff incident page shows, or null for an unknown slug. Marks the current
 * statement as seen by the user and says whether it changed since their previous visit.
 */
export async function getIncidentForStaff(slug: string, userId: string, now = new Date()) {
  const article = await getStaffArticle(slug);
  if (!article) return null;
  const incident = await prisma.incident.findUnique({
    where: { articleId: article.id },
    include: {
      services: { orderBy: { position: "asc" } },
      howtos: { select: { slug: true, title: true }, orderBy: { title: "asc" } },
      events: { orderBy: { id: "desc" }, include: { actor: { select: { name: true } } } },
      views: { where: { userId }, select: { statementVersion: true } },
      _count: { select: { reports: true } },
    },
  });
  if (!incident) return null;
  const services: ServiceNames = new Map(
    (await prisma.service.findMany()).map((s) => [s.key, { de: s.nameDe, en: s.nameEn }]),
  );
  const seen = incident.views[0]?.statementVersion;
  if (seen !== incident.statementVersion) {
    await prisma.incidentView.upsert({
      where: { userId_incidentId: { userId, incidentId: incident.id } },
      create: { userId, incidentId: incident.id, statementVersion: incident.statementVersion },
      update: { statementVersion: incident.statementVersion, seenAt: now },
    });
  }
  return {
    id: incident.id,
    slug,
    title: article.title,
    html: article.html,
    status: incident.status as IncidentStatus,
    severity: incident.severity as Severity,
    areas: readAreas(incident.areas).map(formatArea),
    services: incident.services.map((s) => ({ key: s.key, de: s.nameDe, en: s.nameEn })),
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    summary: incident.summary,
    statement: { de: incident.statementDe, en: incident.statementEn },
    statementVersion: incident.statementVersion,
    statementUpdatedAt: incident.statementUpdatedAt?.toISOString() ?? null,
    statementStale: isStatementStale(
      { ...incident, severity: incident.severity as Severity },
      staleIntervals(),
      now,
    ),
    // Only a change since an earlier visit counts: a first visit reads it fresh anyway.
    statementChanged: seen !== undefined && seen < incident.statementVersion,
    version: incident.version,
    howtos: incident.howtos,
    events: incident.events.map((event) => presentEvent(event, services)),
    reportCount: incident._count.reports,
    updatedAt: article.updatedAt,
  };
}

/** The incident's editable fields as the edit form shows them, or null for an unknown slug. */
export async function getIncidentForEditing(slug: string) {
  const incident = await prisma.incident.findFirst({
    where: { article: { slug } },
    include: {
      article: { select: { title: true } },
      services: { select: { key: true } },
      howtos: { select: { slug: true } },
    },
  });
  if (!incident) return null;
  return {
    slug,
    title: incident.article.title,
    status: incident.status as IncidentStatus,
    severity: incident.severity as Severity,
    areas: readAreas(incident.areas).map(formatArea).join("\n"),
    serviceKeys: incident.services.map((s) => s.key),
    howtoSlugs: incident.howtos.map((h) => h.slug),
    summary: incident.summary,
    version: incident.version,
    statement: { de: incident.statementDe, en: incident.statementEn },
    statementVersion: incident.statementVersion,
  };
}

/** Returns whether the article is the text of an incident (its page links to the incident view). */
export async function articleHasIncident(articleId: string): Promise<boolean> {
  return (await prisma.incident.count({ where: { articleId } })) > 0;
}

/** How-to and FAQ articles an incident may link to, for the form's choices. */
export function listLinkableArticles() {
  return prisma.article.findMany({
    where: { kind: { not: "incident" } },
    select: { slug: true, title: true },
    orderBy: { title: "asc" },
  });
}

/**
 * The active incidents for the banner on every staff page, in one indexed query: title, areas,
 * status, age of the statement, whether it is stale and whether the user has read its latest.
 */
export async function listActiveIncidentsBrief(userId: string, now = new Date()) {
  // One statement on the hot connection (Prisma would load the article and the view in separate
  // queries, at about a millisecond each): it runs on every staff page.
  const rows = await queryHot<{
    status: string;
    severity: string;
    areas: string;
    startedAt: Date | string;
    statementVersion: number;
    statementUpdatedAt: Date | string | null;
    slug: string;
    title: string;
    seenVersion: number | null;
  }>(ACTIVE_BRIEF, [userId]);
  const intervals = staleIntervals();
  return rows.map((row) => {
    const startedAt = new Date(row.startedAt);
    const statementUpdatedAt = row.statementUpdatedAt ? new Date(row.statementUpdatedAt) : null;
    const severity = row.severity as Severity;
    return {
      slug: row.slug,
      title: row.title,
      status: row.status as IncidentStatus,
      severity,
      areas: readAreas(row.areas).map(formatArea),
      statementUpdatedAt: statementUpdatedAt?.toISOString() ?? null,
      statementStale: isStatementStale(
        { status: row.status, severity, statementUpdatedAt, startedAt },
        intervals,
        now,
      ),
      statementUnread: (row.seenVersion ?? 0) < Number(row.statementVersion),
    };
  });
}

/** The active statuses as an SQL list, for the statements on the hot connection. */
const ACTIVE_STATUS_LIST = activeStatuses.map((status) => `'${status}'`).join(", ");

const ACTIVE_BRIEF = `
  SELECT i."status" AS "status", i."severity" AS "severity", i."areas" AS "areas",
         i."startedAt" AS "startedAt", i."statementVersion" AS "statementVersion",
         i."statementUpdatedAt" AS "statementUpdatedAt", a."slug" AS "slug", a."title" AS "title",
         v."statementVersion" AS "seenVersion"
  FROM "Incident" i
  JOIN "Article" a ON a."id" = i."articleId"
  LEFT JOIN "IncidentView" v ON v."incidentId" = i."id" AND v."userId" = ?
  WHERE i."status" IN (${ACTIVE_STATUS_LIST})
  ORDER BY i."startedAt" DESC`;

/**
 * Active incidents as the search's pins need them, most recently started first: one statement
 * on the hot connection, as every staff search runs it.
 */
export function listActiveIncidentPins() {
  return queryHot<{
    articleId: string;
    status: string;
    statementUpdatedAt: Date | string | null;
    slug: string;
    title: string;
  }>(ACTIVE_PINS, []);
}

const ACTIVE_PINS = `
  SELECT i."articleId" AS "articleId", i."status" AS "status",
         i."statementUpdatedAt" AS "statementUpdatedAt", a."slug" AS "slug", a."title" AS "title"
  FROM "Incident" i JOIN "Article" a ON a."id" = i."articleId"
  WHERE i."status" IN (${ACTIVE_STATUS_LIST})
  ORDER BY i."startedAt" DESC`;

export type ActiveIncidentBrief = Awaited<ReturnType<typeof listActiveIncidentsBrief>>[number];

const RECENT_RESOLVED = 10;

/**
 * Active incidents and the ten most recently resolved, newest first, with their report count
 * and the trend: reports in the last hour against the hour before.
 */
export async function listIncidents(now = new Date()) {
  const include = { article: { select: { slug: true, title: true } } } as const;
  const [active, resolved] = await Promise.all([
    prisma.incident.findMany({
      where: { status: { in: ["investigating", "identified", "monitoring"] } },
      orderBy: { startedAt: "desc" },
      include,
    }),
    prisma.incident.findMany({
      where: { status: "resolved" },
      orderBy: { resolvedAt: "desc" },
      take: RECENT_RESOLVED,
      include,
    }),
  ]);
  const rows = [...active, ...resolved];
  const ids = rows.map((row) => row.id);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const twoHoursAgo = new Date(now.getTime() - 7_200_000);
  const [totals, lastHour, previousHour] = await Promise.all(
    [
      {},
      { createdAt: { gt: hourAgo, lte: now } },
      { createdAt: { gt: twoHoursAgo, lte: hourAgo } },
    ].map((range) =>
      prisma.incidentReport.groupBy({
        by: ["incidentId"],
        where: { incidentId: { in: ids }, ...range },
        _count: { _all: true },
      }),
    ),
  );
  const countOf = (groups: typeof totals, id: string) =>
    groups?.find((g) => g.incidentId === id)?._count._all ?? 0;
  const intervals = staleIntervals();
  return rows.map((row) => {
    const last = countOf(lastHour, row.id);
    const previous = countOf(previousHour, row.id);
    return {
      slug: row.article.slug,
      title: row.article.title,
      status: row.status as IncidentStatus,
      severity: row.severity as Severity,
      areas: readAreas(row.areas).map(formatArea),
      startedAt: row.startedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      statementUpdatedAt: row.statementUpdatedAt?.toISOString() ?? null,
      statementStale: isStatementStale(
        { ...row, severity: row.severity as Severity },
        intervals,
        now,
      ),
      reports: countOf(totals, row.id),
      lastHour: last,
      previousHour: previous,
      trend: last > previous ? "rising" : last < previous ? "falling" : "steady",
    } as const;
  });
}
