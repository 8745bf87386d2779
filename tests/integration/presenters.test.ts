import { describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import {
  presentPublicApiArticle,
  presentPublicApiListItem,
  publicListItemFromHit,
} from "~/models/article-presenters.server.ts";
import {
  getPublicArticle,
  getStaffArticle,
  listPublicArticles,
} from "~/models/article-reads.server.ts";
import { createArticle } from "~/models/article.server.ts";
import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { upsertUser } from "~/models/user.server.ts";
import { reloadEnv } from "~/utils/env.server.ts";

import { closedPort } from "../setup/server-process.ts";

// Words that exist only in the internal note and the internal article.
const SECRET = "Tresorcode";
const INTERNAL_TITLE = "Eskalationsliste Nachtschicht";

const comms = await upsertUser({
  email: "presenters@test.example",
  name: "Petra Presenter",
  role: "comms",
  password: "x".repeat(12),
});

const created = await createArticle({
  slug: "roaming-presenter",
  title: "Roaming in der EU",
  kind: "faq",
  visibility: "public",
  tags: ["roaming"],
  content: markdownToContent(
    `Roaming in der EU kostet nichts extra.\n\n:::internal\n${SECRET} 4711 für die Technik.\n:::\n\nSiehe [Liste](/articles/eskalation-presenter).\n`,
  ),
  actor: { id: comms.id, role: "comms" },
  ownerId: comms.id,
});
expect(created.status).toBe("created");
expect(
  (
    await createArticle({
      slug: "eskalation-presenter",
      title: INTERNAL_TITLE,
      kind: "howto",
      visibility: "internal",
      tags: [],
      content: markdownToContent(`Roaming intern: ${SECRET} 0815.`),
      actor: { id: comms.id, role: "comms" },
    })
  ).status,
).toBe("created");
await drainSearchOutbox();

/** Fails when the value, however nested, carries internal text or a database-only field. */
function expectNothingInternal(value: unknown) {
  const json = JSON.stringify(value);
  expect(json).not.toContain(SECRET);
  expect(json).not.toContain(INTERNAL_TITLE);
  for (const field of ["bodyText", "publicText", "body", "ownerId", "authorId", "id", "owner"]) {
    expect(json).not.toContain(`"${field}":`);
  }
}

describe("Presenters are the only shape article data leaves in", () => {
  test("The public article has exactly the public fields and no internal note text", async () => {
    const article = await getPublicArticle("roaming-presenter");
    expect(Object.keys(article!).sort()).toEqual(
      ["backlinks", "html", "kind", "slug", "tags", "title", "updatedAt"].sort(),
    );
    expect(article!.html).toContain("kostet nichts extra");
    expectNothingInternal(article);
    const api = presentPublicApiArticle(article!, "https://help.example/help/roaming-presenter");
    expect(Object.keys(api).sort()).toEqual(
      ["html", "kind", "slug", "tags", "title", "updatedAt", "url"].sort(),
    );
    expectNothingInternal(api);
  });

  test("Public listings and the public API list carry only the public summary", async () => {
    const items = await listPublicArticles();
    expect(items.map((item) => item.slug)).toEqual(["roaming-presenter"]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ["kind", "slug", "summary", "title", "updatedAt"].sort(),
      );
      expectNothingInternal(presentPublicApiListItem(item, "https://help.example/x"));
    }
  });

  test("A public search hit, from the engine or from SQLite, never shows internal text", async () => {
    const result = await searchArticles({ q: "roaming", audience: "public" });
    expect(result.status).toBe("ok");
    expect(result.hits.map((hit) => hit.slug)).toEqual(["roaming-presenter"]);
    const keys = [
      "heading",
      "incidentStatus",
      "kind",
      "lang",
      "reviewAt",
      "slug",
      "snippet",
      "tags",
      "title",
      "updatedAt",
      "visibility",
    ];
    expect(Object.keys(result.hits[0]!).sort()).toEqual(keys.sort());
    expectNothingInternal(result.hits);
    expectNothingInternal(result.hits.map(publicListItemFromHit));

    // The fallback reads whole rows, staff text included: the public snippet still may not.
    const realHost = process.env.MEILI_HOST;
    process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
    reloadEnv();
    try {
      for (const q of ["roaming", `roaming ${SECRET}`, SECRET]) {
        const fallback = await searchArticles({ q, audience: "public" });
        expect(fallback.status).toBe("unavailable");
        for (const hit of fallback.hits) expect(Object.keys(hit).sort()).toEqual(keys.sort());
        expectNothingInternal(fallback.hits);
      }
    } finally {
      process.env.MEILI_HOST = realHost;
      reloadEnv();
    }
  });

  test("The staff article shows the internal note but no stored body or database ids of people", async () => {
    const article = await getStaffArticle("roaming-presenter");
    expect(Object.keys(article!).sort()).toEqual(
      [
        "author",
        "backlinks",
        "html",
        "id",
        "kind",
        "owner",
        "reviewAt",
        "reviewOverdue",
        "revision",
        "slug",
        "tags",
        "title",
        "updatedAt",
        "visibility",
      ].sort(),
    );
    expect(article!.html).toContain(SECRET);
    expect(article!.owner).toBe("Petra Presenter");
    expect(JSON.stringify(article)).not.toMatch(/"(body|bodyText|publicText|ownerId|authorId)":/);
  });
});
