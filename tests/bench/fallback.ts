/**
 * The reduced search at 10k articles: searchArticles with the engine unreachable (SQLite FTS5,
 * ranked, marked), next to the LIKE query it replaced, on one synthetic database in one run.
 * Runs in its own process (`npm run bench -- fallback`): the app's modules read DATABASE_URL on
 * import.
 */
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";

import { deployMigrations } from "../../prisma/migrate.ts";

const support =
  "Netzstörung Router Vertrag Rechnung Tarif Roaming eSIM Kunde Anschluss Glasfaser Techniker Termin Mobilfunk Datenvolumen Handy SIM PUK PIN Mailbox Rufumleitung Kündigung Umzug Festnetz Störung Ausfall Hamburg Berlin München Straße Müller Einstellung APN Android iPhone VoLTE WLAN Passwort Portal Gutschrift Sperre Betrug Gerät Tausch".split(
    " ",
  );
const queries = [
  "netzstorung",
  "router passwort",
  "esim",
  "roaming kosten",
  "volte",
  "sim tausch",
  "glasfaser techniker termin",
  "mueller",
];

/** Deterministic text: made-up filler words with a Zipf-like spread, support words at 2%. */
function generator() {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const syllables = "ka be ro ti lu ne sa mo di fe gu pa ze wi ho".split(" ");
  const filler = Array.from(
    { length: 4000 },
    (_, i) =>
      `${syllables[i % 15]}${syllables[Math.floor(i / 15) % 15]}${syllables[Math.floor(i / 225) % 15]}${i % 7 ? "n" : "r"}`,
  );
  const word = () =>
    random() < 0.02
      ? support[Math.floor(random() * support.length)]!
      : filler[Math.floor(Math.exp(random() * Math.log(filler.length))) - 1]!;
  return (count: number) => Array.from({ length: count }, word).join(" ");
}

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Prints p50/p95 of the reduced search (staff and public) and of the former LIKE query. */
export async function benchFallback(articles = 10_000, rounds = 20) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lagebild-bench-fts-"));
  const file = path.join(dir, "bench.db");
  await deployMigrations(`file:${file}`);
  const db = new Database(file);
  const text = generator();
  const insert = db.prepare(
    `INSERT INTO "Article" (id, slug, title, visibility, body, bodyText, publicText, updatedAt) VALUES (?, ?, ?, ?, '{}', ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const body = text(300);
      const visibility = i % 2 ? "public" : "internal";
      insert.run(`a${i}`, `a${i}`, `${text(5)} ${i}`, visibility, body, body.slice(0, 1200), i);
    }
  })();
  db.close();

  process.env.DATABASE_URL = `file:${file}`;
  process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
  const { searchArticles } = await import("../../app/models/search.server.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  // The query this search replaced (every word in title or text, newest first).
  const like = (q: string) =>
    prisma.article.findMany({
      where: {
        AND: q
          .split(/\s+/)
          .slice(0, 5)
          .map((word) => ({
            OR: [{ title: { contains: word } }, { bodyText: { contains: word } }],
          })),
      },
      orderBy: { updatedAt: "desc" },
      take: 20,
      include: { tags: { select: { name: true } } },
    });
  const samples = { staff: [] as number[], public: [] as number[], like: [] as number[] };
  const time = async (run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      samples.staff.push(await time(() => searchArticles({ q, audience: "staff" })));
      samples.public.push(await time(() => searchArticles({ q, audience: "public" })));
      samples.like.push(await time(() => like(q)));
    }
  }
  const percentile = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.floor((p / 100) * (values.length - 1))]!;
  const row = (label: string, values: number[]) =>
    console.log(
      `  ${label.padEnd(40)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(values, 95).toFixed(2).padStart(7)} ms`,
    );
  console.log(
    `\nReduced search (engine down), ${articles} articles × 300 words, ${samples.like.length} queries each:`,
  );
  row("FTS5 fallback, staff (searchArticles)", samples.staff);
  row("FTS5 fallback, public (searchArticles)", samples.public);
  row("former LIKE query (baseline)", samples.like);
  await prisma.$disconnect();
  await rm(dir, { recursive: true, force: true });
}
