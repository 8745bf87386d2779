import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { beforeEach, describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { searchArticles } from "~/models/search.server.ts";
import { reloadEnv } from "~/utils/env.server.ts";

import { repairArticleFts } from "../../prisma/article-fts.ts";
import { deployMigrations, pendingSchemaChanges } from "../../prisma/migrate.ts";
import { buildArticle, buildUser } from "../factories.ts";
import { resetDatabase } from "../setup/reset-database.ts";
import { closedPort } from "../setup/server-process.ts";

// Every test here runs with the engine "down": a loopback port where nothing listens.
beforeEach(async () => {
  await resetDatabase();
  process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
  reloadEnv();
});

const slugs = (result: Awaited<ReturnType<typeof searchArticles>>) =>
  result.hits.map((hit) => hit.slug);

const marked = (parts: { text: string; match: boolean }[]) =>
  parts.filter((part) => part.match).map((part) => part.text.toLowerCase());

describe("With the engine down, search answers from the database's full-text index", () => {
  test("An article with the word in its title ranks above one that only mentions it", async () => {
    await buildArticle({
      slug: "mentions",
      title: "Rechnung erklärt",
      markdown: "Einmal kurz: bei einer Netzstörung hilft ein Neustart des Routers.",
    });
    await buildArticle({
      slug: "about",
      title: "Netzstörung in Hamburg",
      markdown: "Seit 8 Uhr fallen Datenverbindungen aus.",
    });
    const result = await searchArticles({ q: "Netzstörung", audience: "staff" });
    expect(result.status).toBe("unavailable");
    expect(slugs(result)).toEqual(["about", "mentions"]);
    // The page shows why each result matched: the word marked in title and snippet.
    expect(marked(result.hits[0]!.title)).toEqual(["netzstörung"]);
    expect(marked(result.hits[1]!.snippet)).toEqual(["netzstörung"]);
  });

  test("Words typed without umlauts or ß still find the article", async () => {
    await buildArticle({
      slug: "strasse",
      title: "Baustelle Hauptstraße: Störung beim Festnetz",
      markdown: "Ansprechpartner ist Herr Müller.",
    });
    for (const q of ["storung", "stoerung", "hauptstrasse", "mueller", "Störung"]) {
      expect(slugs(await searchArticles({ q, audience: "staff" })), q).toEqual(["strasse"]);
    }
  });

  test("The last word matches as a prefix, the way an agent types", async () => {
    await buildArticle({ slug: "esim", title: "eSIM Aktivierung", markdown: "QR-Code scannen." });
    expect(slugs(await searchArticles({ q: "esim aktiv", audience: "staff" }))).toEqual(["esim"]);
    expect(slugs(await searchArticles({ q: "akt", audience: "staff" }))).toEqual(["esim"]);
  });

  test("When no article has every word, articles with some of them are shown", async () => {
    await buildArticle({ slug: "roaming", title: "Roaming in der Schweiz", markdown: "Kosten." });
    expect(slugs(await searchArticles({ q: "roaming kanada", audience: "staff" }))).toEqual([
      "roaming",
    ]);
  });

  test("A saved edit is found by its new words at once, and no longer by the old ones", async () => {
    const comms = await buildUser({ role: "comms" });
    const article = await buildArticle({
      slug: "router",
      title: "Router neu starten",
      markdown: "Stecker ziehen.",
      actor: comms.actor,
    });
    const saved = await saveArticle({
      slug: "router",
      actor: comms.actor,
      baseRevision: article.revision,
      title: "Router zurücksetzen",
      content: markdownToContent("Resetknopf zehn Sekunden drücken."),
      tags: [],
      kind: "howto",
    });
    expect(saved.status).toBe("saved");
    expect(slugs(await searchArticles({ q: "resetknopf", audience: "staff" }))).toEqual(["router"]);
    expect(slugs(await searchArticles({ q: "stecker", audience: "staff" }))).toEqual([]);
  });

  test("Anonymous visitors match only public text of public articles", async () => {
    await buildArticle({
      slug: "public-faq",
      title: "Rufumleitung einrichten",
      visibility: "public",
      markdown:
        "Im Kundenportal unter Einstellungen.\n\n:::internal\nGeheimtarif Zebra nennen.\n:::\n",
    });
    await buildArticle({
      slug: "internal-howto",
      title: "Rufumleitung intern",
      markdown: "Zebra Eskalation.",
    });
    const anonymous = (q: string) => searchArticles({ q, audience: "public" });
    expect(slugs(await anonymous("Rufumleitung"))).toEqual(["public-faq"]);
    expect(slugs(await anonymous("Zebra"))).toEqual([]);
    expect(slugs(await anonymous("Geheimtarif"))).toEqual([]);
    // Staff find both, the internal note's words included.
    expect(slugs(await searchArticles({ q: "Zebra", audience: "staff" })).sort()).toEqual([
      "internal-howto",
      "public-faq",
    ]);
    const mixed = await anonymous("rufumleitung zebra");
    expect(slugs(mixed)).toEqual(["public-faq"]);
    expect(JSON.stringify(mixed.hits)).not.toMatch(/zebra|geheimtarif/i);
  });

  test("An article's “also known as” terms find it like its title; visitors only a public one's", async () => {
    await buildArticle({
      slug: "mentions-roaming",
      title: "Auslandstarife",
      markdown: "Im Ausland gilt der EU-Tarif; Roaming ist inklusive.",
    });
    await buildArticle({
      slug: "abroad",
      title: "Telefonieren im Ausland",
      keywords: ["Roaming", "abroad"],
      visibility: "public",
      markdown: "Die EU-Regeln gelten automatisch.",
    });
    await buildArticle({
      slug: "internal-alias",
      title: "Kulanz intern",
      keywords: ["Goodwillgutschrift"],
      markdown: "Bis 20 Euro ohne Rückfrage.",
    });
    const staff = await searchArticles({ q: "roaming", audience: "staff" });
    expect(slugs(staff)).toEqual(["abroad", "mentions-roaming"]);
    expect(slugs(await searchArticles({ q: "abroad", audience: "public" }))).toEqual(["abroad"]);
    expect(slugs(await searchArticles({ q: "goodwillgutschrift", audience: "staff" }))).toEqual([
      "internal-alias",
    ]);
    expect(slugs(await searchArticles({ q: "goodwillgutschrift", audience: "public" }))).toEqual(
      [],
    );
  });

  test("The reduced search pages too: the next page continues, a full page offers one more", async () => {
    for (let n = 0; n < 12; n++) {
      await buildArticle({
        slug: `wombat-${n}`,
        title: `Wombat-Router ${n}`,
        markdown: "Neustart.",
      });
    }
    const first = await searchArticles({ q: "wombat router", audience: "staff", limit: 5 });
    const second = await searchArticles({
      q: "wombat router",
      audience: "staff",
      limit: 5,
      page: 2,
    });
    const third = await searchArticles({
      q: "wombat router",
      audience: "staff",
      limit: 5,
      page: 3,
    });
    expect([first, second, third].map((result) => result.status)).toEqual(
      Array(3).fill("unavailable"),
    );
    expect([first, second, third].map((result) => result.hits.length)).toEqual([5, 5, 2]);
    // Not counted: a full page may have a next one; the last page says it is the last.
    expect(first.paging.totalPages).toBe(2);
    expect(third.paging).toEqual({ page: 3, size: 5, totalPages: 3 });
    const all = [first, second, third].flatMap(slugs);
    expect(new Set(all)).toEqual(new Set(Array.from({ length: 12 }, (_, n) => `wombat-${n}`)));
    // Every word is in every article, so page 3 never falls back to articles with some words.
    const some = await searchArticles({ q: "wombat zebra", audience: "staff", limit: 5, page: 2 });
    expect(slugs(some)).toHaveLength(5);
  });

  test("Search syntax, control characters and huge queries are words, never an error", async () => {
    await buildArticle({
      slug: "near",
      title: "NEAR Field Communication",
      markdown: "NFC Bezahlen.",
    });
    const queries = [
      '"',
      '"near',
      "NEAR(near field, 2)",
      "near*",
      "*",
      "-near",
      "title:near",
      "{title bodyText}: near",
      "(near",
      "near)",
      "near AND OR NOT",
      "^near",
      "near\u0000field\u0007",
      "\u0000\u0001\u001f",
      "'; DROP TABLE Article; --",
      "\uE000near\uE001",
      "near ".repeat(2000),
      "x".repeat(10_000),
      "",
      "   ",
    ];
    for (const q of queries) {
      const result = await searchArticles({ q, audience: "staff" });
      expect(result.status, JSON.stringify(q.slice(0, 40))).toBe("unavailable");
    }
    // Operators are just words here: they find the article that contains them.
    expect(slugs(await searchArticles({ q: "NEAR(near field", audience: "staff" }))).toEqual([
      "near",
    ]);
    expect(slugs(await searchArticles({ q: "title:field", audience: "public" }))).toEqual([]);
  });
});

test("A migration that rebuilds the Article table keeps the full-text index working", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lb-fts-"));
  const file = path.join(dir, "db.sqlite");
  try {
    await deployMigrations(`file:${file}`);
    const db = new Database(file);
    const insert = db.prepare(
      `INSERT INTO "Article" (id, slug, title, body, bodyText, publicText, updatedAt) VALUES (?, ?, ?, '{}', ?, '', 0)`,
    );
    insert.run("a1", "a1", "Glasfaser Anschluss", "Termin vereinbaren");
    // What Prisma writes for a table it must rebuild (e.g. a new column): SQLite drops the
    // table's triggers with it and numbers the rows anew.
    const { sql } = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'Article'")
      .get() as { sql: string };
    db.exec(`
      PRAGMA foreign_keys = OFF;
      ${sql.replace('"Article"', '"new_Article"')};
      INSERT INTO "new_Article" SELECT * FROM "Article";
      DROP TABLE "Article";
      ALTER TABLE "new_Article" RENAME TO "Article";
    `);
    expect(repairArticleFts(db)).toBe(true);
    insert.run("a2", "a2", "Glasfaser Störung", "Techniker kommt");
    const match = (q: string) =>
      db
        .prepare(
          `SELECT a.id FROM ArticleFts JOIN Article a ON a.rowid = ArticleFts.rowid WHERE ArticleFts MATCH ? ORDER BY a.id`,
        )
        .all(q)
        .map((row) => (row as { id: string }).id);
    expect(match("glasfaser")).toEqual(["a1", "a2"]);
    expect(match("techniker")).toEqual(["a2"]);
    // FTS5's own check of the index against the Article rows.
    db.exec(`INSERT INTO ArticleFts (ArticleFts, rank) VALUES ('integrity-check', 1)`);
    expect(repairArticleFts(db)).toBe(false);
    db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("The next generated migration is empty: it would not drop the full-text tables", async () => {
  // Also fails when a schema change was committed without its migration.
  expect(await pendingSchemaChanges()).toBeNull();
});
