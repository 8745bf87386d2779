import { describe, expect, test } from "vitest";

import type { Visibility } from "~/models/article-limits.ts";
import { drainSearchOutbox, reindexAllArticles, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildArticle } from "../factories.ts";

/** A tagged article by comms (who may publish), as an editor would save it. */
const article = (slug: string, title: string, markdown: string, visibility: Visibility) =>
  buildArticle({ slug, title, markdown, visibility, tags: ["test"] });

describe("search against a real Meilisearch", () => {
  test("A misspelled word without umlaut still finds the article", async () => {
    await article("netz-hh", "Netzstörung Hamburg", "Datenabbrüche im Raum Hamburg.", "public");
    await drainSearchOutbox();
    const result = await searchArticles({ q: "netzstorung", audience: "staff" });
    expect(result.status).toBe("ok");
    expect(result.hits.map((hit) => hit.slug)).toContain("netz-hh");
  });

  test("A word typed with ss finds the article spelled with ß", async () => {
    await article(
      "strasse",
      "Baustelle Hauptstraße",
      "Der Mast in der Hauptstraße ist abgebaut.",
      "public",
    );
    await drainSearchOutbox();
    const result = await searchArticles({ q: "hauptstrasse", audience: "staff" });
    expect(result.hits.map((hit) => hit.slug)).toContain("strasse");
  });

  test("Matches come back as marked runs, never as HTML", async () => {
    await article(
      "xss",
      "Router <b>neu</b> starten",
      "Press <script>alert(1)</script> for ten seconds.",
      "public",
    );
    await drainSearchOutbox();
    const result = await searchArticles({ q: "router", audience: "staff" });
    const hit = result.hits.find((h) => h.slug === "xss");
    expect(hit?.title).toContainEqual({ text: "Router", match: true });
    expect(hit?.title.map((part) => part.text).join("")).toBe("Router <b>neu</b> starten");
  });

  test("Public search never returns an internal article or an internal note", async () => {
    await article(
      "secret",
      "Interne Eskalation Zebrafisch",
      "Nur intern: Zebrafisch-Verfahren.",
      "internal",
    );
    await article(
      "mixed",
      "Roaming Zebrafisch-Tarif",
      "Öffentlich.\n\n:::internal\nMondscheingeheimnis NOC-1\n:::",
      "public",
    );
    await drainSearchOutbox();
    const staff = await searchArticles({ q: "zebrafisch", audience: "staff" });
    expect(staff.hits.map((hit) => hit.slug).sort()).toEqual(["mixed", "secret"]);
    const pub = await searchArticles({ q: "zebrafisch", audience: "public" });
    expect(pub.hits.map((hit) => hit.slug)).toEqual(["mixed"]);
    // Neither the internal word nor a part of it (decompounded at index time) reaches the public.
    for (const q of ["mondscheingeheimnis", "geheimnis"]) {
      expect((await searchArticles({ q, audience: "public" })).hits).toEqual([]);
    }
    const staffSecret = await searchArticles({ q: "geheimnis", audience: "staff" });
    expect(staffSecret.hits.map((hit) => hit.slug)).toEqual(["mixed"]);
  });
});

test("A word that is only part of a German compound still finds the article", async () => {
  await article("netz-muc", "Netzstörung München", "Datenabbrüche im Raum München.", "public");
  await drainSearchOutbox();
  const result = await searchArticles({ q: "störung", audience: "staff" });
  expect(result.hits.map((hit) => hit.slug)).toContain("netz-muc");
  const abbruch = await searchArticles({ q: "abbrüche", audience: "staff" });
  expect(abbruch.hits.map((hit) => hit.slug)).toContain("netz-muc");
});

test("A full reindex rebuilds both indexes from the database and swaps them in", async () => {
  await article("reindex-me", "Rufnummernmitnahme Ablauf", "Portierung in fünf Tagen.", "public");
  // Written straight to the database, bypassing the outbox: only a full rebuild can find it.
  await prisma.article.update({ where: { slug: "reindex-me" }, data: { visibility: "internal" } });
  await prisma.searchOutbox.deleteMany();
  const progress: number[] = [];
  await reindexAllArticles((done) => progress.push(done));
  expect(progress.at(-1)).toBe(await prisma.article.count());
  const staff = await searchArticles({ q: "rufnummernmitnahme", audience: "staff" });
  expect(staff.hits.map((hit) => hit.slug)).toContain("reindex-me");
  const pub = await searchArticles({ q: "rufnummernmitnahme", audience: "public" });
  expect(pub.hits.map((hit) => hit.slug)).not.toContain("reindex-me");
});
