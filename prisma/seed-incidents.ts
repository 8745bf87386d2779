/**
 * Demo incidents on top of the seeded incident articles: the München VoLTE outage is going on
 * (a few hundred reports over two days in two areas, a statement older than its interval so the
 * "stale" warning shows), Hamburg/Berlin is resolved, every other incident article becomes a
 * resolved incident. Idempotent: articles that already have an incident are skipped.
 */
import { prisma } from "../app/utils/db.server.ts";

const HOUR = 3_600_000;

interface DemoEvent {
  at: number;
  kind: string;
  from?: string;
  to?: string;
  note?: string;
  actor: string;
}

interface DemoIncident {
  slug: string;
  status: string;
  severity: string;
  areas: { city?: string; from?: string; to?: string }[];
  services: string[];
  howtos: string[];
  startedAt: number;
  resolvedAt: number | null;
  summary: string;
  statement: { de: string; en: string; at: number } | null;
  events: DemoEvent[];
  reports: { count: number; areas: { weight: number; postcodes: [number, number] | null }[] };
}

// Deterministic, so every fresh install shows the same chart.
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function demoIncidents(now: number): DemoIncident[] {
  const munichStart = Math.floor((now - 47 * HOUR) / (10 * 60_000)) * 10 * 60_000;
  const statementDe =
    "Im Raum München brechen Telefonate über 4G (VoLTE) derzeit häufig ab. Unsere Technik hat die Ursache gefunden und arbeitet an der Behebung. Bis dahin hilft es, 4G-Telefonie (VoLTE) vorübergehend auszuschalten; mobile Daten und SMS funktionieren normal.";
  const statementEn =
    "In the Munich area, calls over 4G (VoLTE) are currently dropping frequently. Our engineers have found the cause and are working on a fix. Until then, switching off 4G calling (VoLTE) helps; mobile data and SMS work normally.";
  const hamburgStart = Date.parse("2026-10-14T04:18:00Z");
  return [
    {
      slug: "stoerung-muenchen-volte-anrufe",
      status: "identified",
      severity: "major",
      areas: [
        { city: "München", from: "80331", to: "81929" },
        { city: "Unterföhring", from: "85774", to: "85774" },
      ],
      services: ["volte", "wifi-calling"],
      howtos: ["volte-troubleshooting", "faq-wifi-calling-volte-agents"],
      startedAt: munichStart,
      resolvedAt: null,
      summary:
        "IMS node (P-CSCF) München-Riem faulty after the night's software patch; NOC-5307, P1. Rollback running. Book calls on CS-SAMMEL-5307.",
      statement: { de: statementDe, en: statementEn, at: now - 3 * HOUR },
      events: [
        { at: munichStart, kind: "created", to: "investigating", actor: "engineer" },
        {
          at: munichStart + 50 * 60_000,
          kind: "statement",
          from: JSON.stringify({ de: "", en: "" }),
          to: JSON.stringify({
            de: "Im Raum München kann es bei Telefonaten über 4G zu Abbrüchen kommen. Wir prüfen das.",
            en: "In the Munich area, calls over 4G may drop. We are looking into it.",
          }),
          actor: "comms",
        },
        {
          at: munichStart + 2 * HOUR,
          kind: "areas",
          from: JSON.stringify([{ city: "München", from: "80331", to: "81929" }]),
          to: JSON.stringify([
            { city: "München", from: "80331", to: "81929" },
            { city: "Unterföhring", from: "85774", to: "85774" },
          ]),
          note: "Callers from Unterföhring report the same.",
          actor: "engineer",
        },
        {
          at: munichStart + 3 * HOUR,
          kind: "status",
          from: "investigating",
          to: "identified",
          note: "P-CSCF München-Riem after the patch; rollback prepared.",
          actor: "engineer",
        },
        {
          at: now - 3 * HOUR,
          kind: "statement",
          from: JSON.stringify({
            de: "Im Raum München kann es bei Telefonaten über 4G zu Abbrüchen kommen. Wir prüfen das.",
            en: "In the Munich area, calls over 4G may drop. We are looking into it.",
          }),
          to: JSON.stringify({ de: statementDe, en: statementEn }),
          actor: "comms",
        },
      ],
      reports: {
        count: 340,
        areas: [
          { weight: 0.72, postcodes: [80331, 81929] },
          { weight: 0.16, postcodes: [85774, 85774] },
          { weight: 0.12, postcodes: null },
        ],
      },
    },
    {
      slug: "netzstoerung-hamburg-berlin-datenabbrueche",
      status: "resolved",
      severity: "critical",
      areas: [
        { city: "Hamburg", from: "20095", to: "22769" },
        { city: "Wedel", from: "22880", to: "22885" },
        { city: "Berlin", from: "10115", to: "10999" },
        { city: "Berlin", from: "12043", to: "12059" },
      ],
      services: ["mobile-data", "volte"],
      howtos: ["kein-internet-trotz-vollem-empfang"],
      startedAt: hamburgStart,
      resolvedAt: Date.parse("2026-10-14T11:52:00Z"),
      summary:
        "Faulty configuration change on a redundant pair of packet-core gateways in Hamburg-Billstedt (CHG-2291, NOC-5182); Berlin traffic ran via Hamburg during maintenance.",
      statement: {
        de: "Am 14. Oktober 2026 kam es zwischen ca. 06:20 und 13:50 Uhr in Teilen von Hamburg und Berlin zu einer Netzstörung. Mobile Datenverbindungen waren gestört. Die Ursache wurde behoben, das Netz läuft seitdem wieder stabil.",
        en: "On 14 October 2026, between about 06:20 and 13:50, parts of Hamburg and Berlin had a network disruption affecting mobile data. The cause has been fixed and the network has been stable since.",
        at: Date.parse("2026-10-14T12:05:00Z"),
      },
      events: [
        { at: hamburgStart, kind: "created", to: "investigating", actor: "engineer" },
        {
          at: Date.parse("2026-10-14T05:30:00Z"),
          kind: "severity",
          from: "major",
          to: "critical",
          note: "Berlin affected too.",
          actor: "engineer",
        },
        {
          at: Date.parse("2026-10-14T06:05:00Z"),
          kind: "status",
          from: "investigating",
          to: "identified",
          actor: "engineer",
        },
        {
          at: Date.parse("2026-10-14T09:30:00Z"),
          kind: "status",
          from: "identified",
          to: "monitoring",
          note: "Berlin stable again.",
          actor: "engineer",
        },
        {
          at: Date.parse("2026-10-14T11:52:00Z"),
          kind: "status",
          from: "monitoring",
          to: "resolved",
          actor: "engineer",
        },
        {
          at: Date.parse("2026-10-14T12:05:00Z"),
          kind: "statement",
          from: JSON.stringify({ de: "", en: "" }),
          to: "",
          actor: "comms",
        },
      ],
      reports: {
        count: 90,
        areas: [
          { weight: 0.6, postcodes: [20095, 22769] },
          { weight: 0.3, postcodes: [10115, 10999] },
          { weight: 0.1, postcodes: null },
        ],
      },
    },
  ];
}

const actors = {
  engineer: "engineer@lagebild.example",
  comms: "comms@lagebild.example",
} as const;
const reporters = [
  "agent@lagebild.example",
  "ben.berger@lagebild.example",
  "engineer@lagebild.example",
  "fatma.yilmaz@lagebild.example",
];

/** Seeds the demo incidents; returns how many incidents were created. */
export async function seedDemoIncidents(
  log: (line: string) => void = console.log,
  now = Date.now(),
): Promise<number> {
  const users = await prisma.user.findMany({
    where: { email: { in: [...Object.values(actors), ...reporters] } },
    select: { id: true, email: true },
  });
  const userId = (email: string) => users.find((user) => user.email === email)?.id ?? null;
  const services = await prisma.service.findMany({ select: { id: true, key: true } });
  const articles = await prisma.article.findMany({
    where: { kind: "incident", incident: null },
    select: { id: true, slug: true, createdAt: true },
  });
  const demos = demoIncidents(now);
  let created = 0;
  for (const article of articles) {
    const demo = demos.find((candidate) => candidate.slug === article.slug) ?? {
      slug: article.slug,
      status: "resolved",
      severity: "minor",
      areas: [],
      services: [],
      howtos: [],
      startedAt: article.createdAt.getTime() - 6 * HOUR,
      resolvedAt: article.createdAt.getTime(),
      summary: "",
      statement: null,
      events: [
        {
          at: article.createdAt.getTime() - 6 * HOUR,
          kind: "created",
          to: "investigating",
          actor: "engineer",
        },
        {
          at: article.createdAt.getTime(),
          kind: "status",
          from: "investigating",
          to: "resolved",
          actor: "engineer",
        },
      ],
      reports: { count: 0, areas: [] },
    };
    const howtos = await prisma.article.findMany({
      where: { slug: { in: demo.howtos } },
      select: { id: true },
    });
    const statementEvents = demo.events.filter((event) => event.kind === "statement").length;
    await prisma.$transaction(async (tx) => {
      const incident = await tx.incident.create({
        data: {
          articleId: article.id,
          status: demo.status,
          severity: demo.severity,
          areas: JSON.stringify(demo.areas),
          startedAt: new Date(demo.startedAt),
          resolvedAt: demo.resolvedAt === null ? null : new Date(demo.resolvedAt),
          summary: demo.summary,
          statementDe: demo.statement?.de ?? "",
          statementEn: demo.statement?.en ?? "",
          statementVersion: statementEvents,
          statementUpdatedAt: demo.statement ? new Date(demo.statement.at) : null,
          version: demo.events.length,
          services: {
            connect: services
              .filter((service) => demo.services.includes(service.key))
              .map((service) => ({ id: service.id })),
          },
          howtos: { connect: howtos },
        },
      });
      await tx.incidentEvent.createMany({
        data: demo.events.map((event, index) => ({
          incidentId: incident.id,
          version: index + 1,
          kind: event.kind,
          from: event.from ?? "",
          // A statement entry without its own text shows the statement as seeded.
          to:
            event.kind === "statement" && !event.to
              ? JSON.stringify({ de: demo.statement?.de ?? "", en: demo.statement?.en ?? "" })
              : (event.to ?? ""),
          note: event.note ?? "",
          actorId: userId(actors[event.actor as keyof typeof actors]),
          createdAt: new Date(event.at),
        })),
      });
      const next = random(demo.slug.length * 7919);
      const end = demo.resolvedAt ?? now;
      const reports = [];
      for (let i = 0; i < demo.reports.count; i++) {
        // More calls early in an outage and by day than by night.
        let at = demo.startedAt + Math.pow(next(), 1.3) * (end - demo.startedAt);
        const berlinHour = (new Date(at).getUTCHours() + 1) % 24;
        if (berlinHour < 7 && next() < 0.7) at = demo.startedAt + next() * (end - demo.startedAt);
        let pick = next();
        const area =
          demo.reports.areas.find((candidate) => (pick -= candidate.weight) < 0) ??
          demo.reports.areas[0]!;
        const postcode = area.postcodes
          ? String(
              area.postcodes[0] + Math.floor(next() * (area.postcodes[1] - area.postcodes[0] + 1)),
            ).padStart(5, "0")
          : null;
        reports.push({
          incidentId: incident.id,
          agentId: userId(reporters[Math.floor(next() * reporters.length)]!),
          postcode,
          symptom: demo.services.includes("mobile-data")
            ? "no-data"
            : next() < 0.8
              ? "calls-drop"
              : "no-calls",
          createdAt: new Date(Math.min(at, end - 1000)),
        });
      }
      if (reports.length) await tx.incidentReport.createMany({ data: reports });
    });
    created++;
  }
  if (created) log(`Seeded ${created} incidents.`);
  return created;
}
