import { beforeAll, describe, expect, test } from "vitest";

import type { Actor } from "~/models/actor.ts";
import {
  getIncidentForStaff,
  listActiveIncidentsBrief,
  listIncidents,
  reopenIncident,
  updateIncident,
  updateStatement,
} from "~/models/incident.server.ts";
import { exportReportsCsv, getReportChart, logReport } from "~/models/report.server.ts";
import type { Role } from "~/models/roles.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildIncident, buildUser } from "../factories.ts";

const users: Record<Role, Actor> = {} as Record<Role, Actor>;

beforeAll(async () => {
  for (const role of ["agent", "engineer", "comms", "admin"] as const) {
    users[role] = (await buildUser({ role, name: `Test ${role}` })).actor;
  }
});

const fields = {
  severity: "major" as const,
  areas: "München 80331-81929\nUnterföhring 85774",
  serviceKeys: ["volte"],
  howtoSlugs: [],
  summary: "P-CSCF",
  note: "",
};

async function version(id: string) {
  return (await prisma.incident.findUniqueOrThrow({ where: { id } })).version;
}

function events(id: string) {
  return prisma.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { id: "asc" } });
}

describe("lifecycle", () => {
  test("Each status change, severity change and area change is a timeline entry, newest first", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const steps = [
      { status: "identified", severity: "major", areas: fields.areas },
      { status: "identified", severity: "critical", areas: fields.areas },
      { status: "monitoring", severity: "critical", areas: `${fields.areas}\nGarching 85748` },
      { status: "resolved", severity: "critical", areas: `${fields.areas}\nGarching 85748` },
    ] as const;
    for (const step of steps) {
      const saved = await updateIncident(users.engineer, slug, {
        ...fields,
        ...step,
        baseVersion: await version(id),
        note: `to ${step.status}`,
      });
      expect(saved).toEqual({ status: "saved", changed: true });
    }
    expect((await events(id)).map((e) => [e.kind, e.from, e.to])).toEqual([
      ["created", "", "investigating"],
      ["status", "investigating", "identified"],
      ["severity", "major", "critical"],
      ["status", "identified", "monitoring"],
      ["areas", expect.not.stringContaining("Garching"), expect.stringContaining("85748")],
      ["status", "monitoring", "resolved"],
    ]);
    const page = await getIncidentForStaff(slug, users.agent.id);
    expect(page?.events.map((e) => e.kind)).toEqual([
      "status",
      "areas",
      "status",
      "severity",
      "status",
      "created",
    ]);
    expect(page?.events[0]).toMatchObject({ actor: "Test engineer", note: "to resolved" });
    expect(page?.resolvedAt).not.toBeNull();
  });

  test("A resolved incident cannot go back to identified without reopening; the reopen is recorded", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    await updateIncident(users.engineer, slug, {
      ...fields,
      status: "resolved",
      baseVersion: await version(id),
    });
    const before = await events(id);
    const refused = await updateIncident(users.engineer, slug, {
      ...fields,
      status: "identified",
      baseVersion: await version(id),
    });
    expect(refused).toEqual({
      status: "invalid",
      errors: { status: [expect.stringMatching(/reopen it first/)] },
    });
    expect(await events(id)).toEqual(before);

    expect(await reopenIncident(users.engineer, slug, "Problem is back")).toEqual({
      status: "reopened",
    });
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({ status: "investigating", resolvedAt: null });
    expect((await events(id)).at(-1)).toMatchObject({
      kind: "reopen",
      from: "resolved",
      to: "investigating",
      note: "Problem is back",
    });
    expect(await reopenIncident(users.engineer, slug, "")).toMatchObject({ status: "refused" });
  });

  test("Going back from identified to investigating is refused with a message, nothing written", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    await updateIncident(users.engineer, slug, {
      ...fields,
      status: "identified",
      baseVersion: await version(id),
    });
    const refused = await updateIncident(users.engineer, slug, {
      ...fields,
      severity: "critical",
      status: "investigating",
      baseVersion: await version(id),
    });
    expect(refused).toMatchObject({ status: "invalid", errors: { status: [/back to/] } });
    expect(await prisma.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "identified",
      severity: "major",
    });
  });

  test("A malformed area is a field error and changes nothing", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const result = await updateIncident(users.engineer, slug, {
      ...fields,
      status: "identified",
      areas: "München 8033",
      baseVersion: await version(id),
    });
    expect(result).toMatchObject({ status: "invalid", errors: { areas: [/8033/] } });
    expect((await prisma.incident.findUniqueOrThrow({ where: { id } })).status).toBe(
      "investigating",
    );
  });

  test("Agents cannot create or change incidents", async () => {
    const { slug } = await buildIncident(users.engineer);
    expect(
      await updateIncident(users.agent, slug, { ...fields, status: "resolved", baseVersion: 1 }),
    ).toEqual({ status: "forbidden" });
    expect(await reopenIncident(users.agent, slug, "")).toEqual({ status: "forbidden" });
  });

  test("An update made on an old version is a conflict", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const base = await version(id);
    await updateIncident(users.engineer, slug, {
      ...fields,
      status: "identified",
      baseVersion: base,
    });
    expect(
      await updateIncident(users.engineer, slug, {
        ...fields,
        status: "monitoring",
        baseVersion: base,
      }),
    ).toEqual({ status: "conflict", version: base + 1 });
  });
});

describe("customer statement", () => {
  test("An agent or engineer editing the statement is refused, nothing written, and it is audited", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    for (const role of ["agent", "engineer"] as const) {
      const result = await updateStatement(users[role], slug, {
        de: "Alles gut",
        en: "All fine",
        baseVersion: 0,
        note: "",
      });
      expect(result).toEqual({ status: "forbidden" });
    }
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id } });
    expect(incident).toMatchObject({ statementDe: "", statementEn: "", statementVersion: 0 });
    expect(await prisma.incidentEvent.count({ where: { incidentId: id, kind: "statement" } })).toBe(
      0,
    );
    const audit = await prisma.auditEvent.findMany({
      where: { action: "incident.statement-denied", target: slug },
    });
    expect(audit.map((event) => event.actorId).sort()).toEqual(
      [users.agent.id, users.engineer.id].sort(),
    );
  });

  test("Two comms saving the statement at once: one is saved, the other gets a conflict with both texts", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const [a, b] = await Promise.all([
      updateStatement(users.comms, slug, {
        de: "Text A",
        en: "Text A en",
        baseVersion: 0,
        note: "",
      }),
      updateStatement(users.admin, slug, {
        de: "Text B",
        en: "Text B en",
        baseVersion: 0,
        note: "",
      }),
    ]);
    const saved = [a, b].filter((r) => r.status === "saved");
    const conflicts = [a, b].filter((r) => r.status === "conflict");
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    if (conflict.status !== "conflict") throw new Error("unreachable");
    const incident = await prisma.incident.findUniqueOrThrow({ where: { id } });
    // Theirs is what is stored; mine comes back untouched so nothing is lost.
    expect(conflict.current).toMatchObject({
      de: incident.statementDe,
      en: incident.statementEn,
      version: 1,
    });
    expect(conflict.current.by).toMatch(/^Test (comms|admin)$/);
    expect([incident.statementDe, conflict.mine.de].sort()).toEqual(["Text A", "Text B"]);
    expect(await prisma.incidentEvent.count({ where: { incidentId: id, kind: "statement" } })).toBe(
      1,
    );
    // Saving again on the version now current succeeds.
    const retry = await updateStatement(users.comms, slug, {
      ...conflict.mine,
      baseVersion: conflict.current.version,
      note: "merged",
    });
    expect(retry).toMatchObject({ status: "saved", version: 2 });
  });

  test("After a statement change an agent sees 'changed' until they open the incident", async () => {
    const { slug } = await buildIncident(users.engineer);
    await updateStatement(users.comms, slug, {
      de: "Erste",
      en: "First",
      baseVersion: 0,
      note: "",
    });
    const first = await getIncidentForStaff(slug, users.agent.id);
    expect(first?.statementChanged).toBe(false);
    await updateStatement(users.comms, slug, {
      de: "Zweite",
      en: "Second",
      baseVersion: 1,
      note: "",
    });
    const banner = (await listActiveIncidentsBrief(users.agent.id)).find((i) => i.slug === slug);
    expect(banner?.statementUnread).toBe(true);
    const opened = await getIncidentForStaff(slug, users.agent.id);
    expect(opened).toMatchObject({ statementChanged: true, statement: { de: "Zweite" } });
    expect((await getIncidentForStaff(slug, users.agent.id))?.statementChanged).toBe(false);
    const after = (await listActiveIncidentsBrief(users.agent.id)).find((i) => i.slug === slug);
    expect(after?.statementUnread).toBe(false);
  });

  test("A statement older than the severity's interval is stale on the incident and in the banner", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    await updateStatement(users.comms, slug, { de: "Text", en: "Text", baseVersion: 0, note: "" });
    expect((await getIncidentForStaff(slug, users.comms.id))?.statementStale).toBe(false);
    await prisma.incident.update({
      where: { id },
      data: { statementUpdatedAt: new Date(Date.now() - 61 * 60_000) },
    });
    expect((await getIncidentForStaff(slug, users.comms.id))?.statementStale).toBe(true);
    const banner = (await listActiveIncidentsBrief(users.comms.id)).find((i) => i.slug === slug);
    expect(banner?.statementStale).toBe(true);
  });
});

describe("customer reports", () => {
  test("A double click by the same agent counts once, even when both arrive together", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const [first, second] = await Promise.all([
      logReport(users.agent, slug, {}),
      logReport(users.agent, slug, {}),
    ]);
    expect([first.status, second.status].sort()).toEqual(["duplicate", "logged"]);
    expect(await logReport(users.agent, slug, {})).toMatchObject({ status: "duplicate", count: 1 });
    // A different agent at the same moment is a different caller.
    expect(await logReport(users.engineer, slug, {})).toMatchObject({
      status: "logged",
      count: 2,
    });
    // Later than the window, the same agent's next caller counts.
    expect(await logReport(users.agent, slug, {}, new Date(Date.now() + 6_000))).toMatchObject({
      status: "logged",
      count: 3,
    });
    expect(await prisma.incidentReport.count({ where: { incidentId: id } })).toBe(3);
  });

  test("50 agents reporting at the same moment are all counted exactly once", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    // Rows without a password: fifty argon2 hashes would only slow the test down.
    const agents = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        prisma.user.create({
          data: { email: `agent-${n}-${slug}@incidents.test`, name: `Agent ${n}`, role: "agent" },
        }),
      ),
    );
    // Every agent double-clicks: 100 requests, 50 callers.
    const results = await Promise.all(
      agents.flatMap((agent) => [
        logReport({ id: agent.id, role: "agent" }, slug, {}),
        logReport({ id: agent.id, role: "agent" }, slug, {}),
      ]),
    );
    expect(results.filter((r) => r.status === "logged")).toHaveLength(50);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(50);
    const rows = await prisma.incidentReport.findMany({ where: { incidentId: id } });
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((row) => row.agentId)).size).toBe(50);
  });

  test("While another connection holds the write lock, reports still count, deduplicated", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    // An open Prisma transaction with a write holds SQLite's write lock: the plain connection
    // answers "busy", and the report takes the Prisma path with the same statement.
    const [first, second, windowEnd] = await prisma.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { action: "test.lock", target: slug } });
      return [
        await logReport(users.agent, slug, {}),
        await logReport(users.agent, slug, {}),
        await logReport(users.agent, slug, {}, new Date(Date.now() + 6_000)),
      ];
    });
    expect([first.status, second.status, windowEnd.status]).toEqual([
      "logged",
      "duplicate",
      "logged",
    ]);
    expect(windowEnd).toMatchObject({ count: 2 });
    // Without the lock, the plain connection sees the rows written through Prisma.
    expect(await logReport(users.agent, slug, {})).toMatchObject({ status: "duplicate", count: 2 });
    expect(await prisma.incidentReport.count({ where: { incidentId: id } })).toBe(2);
  });

  test("A malformed postcode is a field error while the report still counts", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const result = await logReport(users.comms, slug, { postcode: "8033", symptom: "calls-drop" });
    expect(result).toMatchObject({ status: "logged", count: 1, postcodeError: /five digits/ });
    expect(await prisma.incidentReport.findFirst({ where: { incidentId: id } })).toMatchObject({
      postcode: null,
      symptom: "calls-drop",
    });
  });

  test("A report on a resolved incident is refused and not stored", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    await updateIncident(users.engineer, slug, {
      ...fields,
      status: "resolved",
      baseVersion: await version(id),
    });
    expect(await logReport(users.agent, slug, {})).toEqual({ status: "resolved" });
    expect(await prisma.incidentReport.count({ where: { incidentId: id } })).toBe(0);
  });

  test("The chart counts reports per hour and per area over the chosen window", async () => {
    const startedAt = new Date("2026-11-30T07:40:00Z");
    const now = new Date("2026-11-30T12:10:00Z");
    const { id } = await buildIncident(users.engineer, { startedAt });
    const at = (time: string, postcode: string | null) => ({
      incidentId: id,
      agentId: users.agent.id,
      postcode,
      createdAt: new Date(`2026-11-30T${time}Z`),
    });
    await prisma.incidentReport.createMany({
      data: [
        at("07:45:00", "80331"),
        at("07:59:59", "81929"),
        at("08:00:00", "85774"),
        at("08:30:00", null),
        at("08:31:00", "10115"),
        at("10:15:00", "80999"),
        at("12:05:00", "80331"),
        // After the moment the chart is drawn for: not counted.
        at("12:30:00", "80331"),
      ],
    });
    const chart = await getReportChart(id, "24h", now);
    expect(chart.from).toBe("2026-11-30T07:00:00.000Z");
    expect(chart.to).toBe("2026-11-30T13:00:00.000Z");
    expect(chart.total).toBe(7);
    expect(chart.hours.map((hour) => [hour.start.slice(11, 16), hour.total])).toEqual([
      ["07:00", 2],
      ["08:00", 3],
      ["09:00", 0],
      ["10:00", 1],
      ["11:00", 0],
      ["12:00", 1],
    ]);
    expect(chart.hours[1]!.byArea).toEqual({
      "München 80331-81929": 0,
      "Unterföhring 85774": 1,
      __other: 1,
      __none: 1,
    });
    expect(chart.areaTotals).toEqual([
      { key: "München 80331-81929", count: 4 },
      { key: "Unterföhring 85774", count: 1 },
      { key: "__other", count: 1 },
      { key: "__none", count: 1 },
    ]);
    // The bars stack to the hour's total.
    const eight = chart.svg.bars.filter((bar) => bar.hour === "2026-11-30T08:00:00.000Z");
    expect(eight.reduce((sum, bar) => sum + bar.count, 0)).toBe(3);

    const lastTwoHours = await getReportChart(id, "24h", new Date("2026-11-30T09:30:00Z"));
    expect(lastTwoHours.total).toBe(5);
  });

  test("The incident list shows report counts and whether reports are rising", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await prisma.incidentReport.createMany({
      data: [90, 80, 30, 20, 10].map((minutes) => ({
        incidentId: id,
        agentId: users.agent.id,
        createdAt: minutesAgo(minutes),
      })),
    });
    const listed = (await listIncidents()).find((incident) => incident.slug === slug);
    expect(listed).toMatchObject({ reports: 5, lastHour: 3, previousHour: 2, trend: "rising" });
  });

  test("The CSV holds every report, escaped, for comms and admins only", async () => {
    const { slug, id } = await buildIncident(users.engineer);
    const sneaky = await buildUser({ role: "agent", name: '=HYPERLINK("x"), "Ben"' });
    await prisma.incidentReport.createMany({
      data: [
        {
          incidentId: id,
          agentId: users.agent.id,
          postcode: "80331",
          symptom: "calls-drop",
          createdAt: new Date("2026-11-30T08:00:00Z"),
        },
        { incidentId: id, agentId: sneaky.id, createdAt: new Date("2026-11-30T09:00:00Z") },
      ],
    });
    expect(await exportReportsCsv(users.agent, slug)).toEqual({ status: "forbidden" });
    expect(await exportReportsCsv(users.engineer, slug)).toEqual({ status: "forbidden" });
    const exported = await exportReportsCsv(users.comms, slug);
    if (exported.status !== "ok") throw new Error(exported.status);
    expect(exported.csv.split("\r\n")).toEqual([
      "time,agent,postcode,area,symptom",
      "2026-11-30T08:00:00.000Z,Test agent,80331,München 80331-81929,calls-drop",
      `2026-11-30T09:00:00.000Z,"'=HYPERLINK(""x""), ""Ben""",,,`,
      "",
    ]);
  });
});
