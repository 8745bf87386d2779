import { max } from "d3-array";
import { scaleLinear, scaleUtc } from "d3-scale";
import { stack } from "d3-shape";

import { prisma } from "~/utils/db.server.ts";
import { queryHot } from "~/utils/hot-sqlite.server.ts";

import type { Actor } from "./actor.ts";
import { can } from "./capabilities.ts";
import { readAreas } from "./incident.server.ts";
import { areaOfPostcode, formatArea, isPostcode } from "./postcode.ts";
import { NO_POSTCODE, OTHER_AREA, type ChartRange, type Symptom } from "./report-options.ts";

/** A second click by the same agent within this time is the same report. */
export const REPORT_DEDUPE_MS = 5_000;

export type LogReportResult =
  | { status: "logged"; count: number; postcodeError: string | null }
  | { status: "duplicate"; count: number; postcodeError: string | null }
  | { status: "resolved" }
  | { status: "forbidden" }
  | { status: "not-found" };

/**
 * Logs "another customer affected" on an active incident: time and agent, optionally a postcode
 * and a symptom. A malformed postcode is dropped and returned as `postcodeError`, the report
 * still counts. The same agent's second report within a few seconds is a "duplicate" (decided by
 * one atomic statement, so racing double clicks count once). Resolved incidents refuse reports.
 * One SQL statement for a counted click, no ORM query plans: this is the click agents make
 * hundreds of times a minute during an outage (decision note 014).
 */
export async function logReport(
  actor: Actor,
  slug: string,
  input: { postcode?: string; symptom?: Symptom },
  now = new Date(),
): Promise<LogReportResult> {
  if (!can(actor.role, "report:log")) return { status: "forbidden" };
  const typed = input.postcode?.trim() ?? "";
  const postcodeError =
    typed && !isPostcode(typed) ? "A German postcode has five digits, e.g. 80331." : null;
  const postcode = typed && !postcodeError ? typed : null;
  const symptom = input.symptom ?? "";
  const windowStart = new Date(now.getTime() - REPORT_DEDUPE_MS);
  // One statement: SQLite runs it under the write lock, so the check and the insert cannot be
  // split by a concurrent click, and a report never lands on an incident resolved meanwhile.
  // It returns the new count, so a counted click costs this one statement.
  const [inserted] = await queryHot<{ count: bigint | number }>(INSERT_REPORT, [
    actor.id,
    postcode,
    symptom,
    now,
    slug,
    actor.id,
    windowStart,
  ]);
  if (inserted) return { status: "logged", count: Number(inserted.count), postcodeError };
  // Not inserted: no such incident, a resolved one, or the same agent's double click.
  const [incident] = await prisma.$queryRaw<{ status: string; count: bigint | number }[]>`
    SELECT i."status" AS "status",
      (SELECT count(*) FROM "IncidentReport" r WHERE r."incidentId" = i."id") AS "count"
    FROM "Incident" i JOIN "Article" a ON a."id" = i."articleId"
    WHERE a."slug" = ${slug}`;
  if (!incident) return { status: "not-found" };
  if (incident.status === "resolved") return { status: "resolved" };
  return { status: "duplicate", count: Number(incident.count), postcodeError };
}

const INSERT_REPORT = `
  INSERT INTO "IncidentReport" ("incidentId", "agentId", "postcode", "symptom", "createdAt")
  SELECT i."id", ?, ?, ?, ?
  FROM "Incident" i JOIN "Article" a ON a."id" = i."articleId"
  WHERE a."slug" = ? AND i."status" != 'resolved'
    AND NOT EXISTS (
      SELECT 1 FROM "IncidentReport" r
      WHERE r."incidentId" = i."id" AND r."agentId" = ? AND r."createdAt" > ?
    )
  RETURNING (
    SELECT count(*) FROM "IncidentReport" r WHERE r."incidentId" = "IncidentReport"."incidentId"
  ) AS "count"`;

const rangeHours: Record<Exclude<ChartRange, "all">, number> = { "24h": 24, "48h": 48, "7d": 168 };

const HOUR = 3_600_000;

const chart = { width: 720, height: 220, top: 12, right: 12, bottom: 28, left: 40 };

/**
 * Reports per hour over the chosen window of the incident's life (ending now, or at its
 * resolution), split by the incident's areas (by postcode), with the total per area and the
 * geometry of a stacked bar chart computed here so the page draws plain SVG.
 */
export async function getReportChart(incidentId: string, range: ChartRange, now = new Date()) {
  const incident = await prisma.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { startedAt: true, resolvedAt: true, areas: true },
  });
  const areas = readAreas(incident.areas);
  const endTime = Math.min(now.getTime(), (incident.resolvedAt ?? now).getTime());
  const lifeStart = incident.startedAt.getTime();
  const from =
    range === "all" ? lifeStart : Math.max(lifeStart, endTime - rangeHours[range] * HOUR);
  const start = Math.floor(Math.min(from, endTime) / HOUR) * HOUR;
  const end = Math.max(start + HOUR, Math.ceil(endTime / HOUR) * HOUR);
  const reports = await prisma.incidentReport.findMany({
    where: { incidentId, createdAt: { gte: new Date(start), lte: new Date(endTime) } },
    select: { createdAt: true, postcode: true },
  });
  const keys = [...areas.map(formatArea), OTHER_AREA, NO_POSTCODE];
  const hours = Array.from({ length: (end - start) / HOUR }, (_, index) => ({
    start: start + index * HOUR,
    total: 0,
    byArea: Object.fromEntries(keys.map((key) => [key, 0])) as Record<string, number>,
  }));
  for (const report of reports) {
    const hour = hours[Math.floor((report.createdAt.getTime() - start) / HOUR)]!;
    const area = report.postcode ? areaOfPostcode(areas, report.postcode) : null;
    const key = !report.postcode ? NO_POSTCODE : area ? formatArea(area) : OTHER_AREA;
    hour.total++;
    hour.byArea[key] = (hour.byArea[key] ?? 0) + 1;
  }
  const areaTotals = keys
    .map((key) => ({ key, count: hours.reduce((sum, hour) => sum + (hour.byArea[key] ?? 0), 0) }))
    .filter((area) => area.count > 0 || !area.key.startsWith("__"));

  const x = scaleUtc()
    .domain([new Date(start), new Date(end)])
    .range([chart.left, chart.width - chart.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, max(hours, (hour) => hour.total) ?? 0)])
    .nice()
    .range([chart.height - chart.bottom, chart.top]);
  const barWidth = Math.max(1, x(new Date(start + HOUR)) - x(new Date(start)) - 1);
  const series = stack<(typeof hours)[number], string>()
    .keys(keys)
    .value((hour, key) => hour.byArea[key] ?? 0)(hours);
  const bars = series.flatMap((layer) =>
    layer.flatMap(([y0, y1], index) => {
      const hour = hours[index]!;
      if (y1 <= y0) return [];
      return [
        {
          key: layer.key,
          hour: new Date(hour.start).toISOString(),
          count: y1 - y0,
          x: x(new Date(hour.start)),
          y: y(y1),
          width: barWidth,
          height: y(y0) - y(y1),
        },
      ];
    }),
  );
  return {
    range,
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    total: reports.length,
    hours: hours.map((hour) => ({ ...hour, start: new Date(hour.start).toISOString() })),
    areaTotals,
    svg: {
      ...chart,
      bars,
      yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
      xTicks: x.ticks(6).map((date) => ({ at: date.toISOString(), x: x(date) })),
    },
  };
}

export type ReportChart = Awaited<ReturnType<typeof getReportChart>>;

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export type ReportsCsvResult =
  | { status: "ok"; filename: string; csv: string }
  | { status: "forbidden" }
  | { status: "not-found" };

/**
 * Every report of the incident as CSV (time in UTC, agent, postcode, area, symptom), for comms
 * and admins only: agent names are internal staff data.
 */
export async function exportReportsCsv(actor: Actor, slug: string): Promise<ReportsCsvResult> {
  if (!can(actor.role, "report:export")) return { status: "forbidden" };
  const incident = await prisma.incident.findFirst({
    where: { article: { slug } },
    select: { id: true, areas: true },
  });
  if (!incident) return { status: "not-found" };
  const areas = readAreas(incident.areas);
  const reports = await prisma.incidentReport.findMany({
    where: { incidentId: incident.id },
    orderBy: { id: "asc" },
    select: { createdAt: true, postcode: true, symptom: true, agent: { select: { name: true } } },
  });
  const lines = [["time", "agent", "postcode", "area", "symptom"].join(",")];
  for (const report of reports) {
    const area = report.postcode ? areaOfPostcode(areas, report.postcode) : null;
    lines.push(
      [
        report.createdAt.toISOString(),
        report.agent?.name ?? "",
        report.postcode ?? "",
        area ? formatArea(area) : "",
        report.symptom,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return { status: "ok", filename: `${slug}-reports.csv`, csv: `${lines.join("\r\n")}\r\n` };
}
