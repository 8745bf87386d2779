import { beforeAll, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { createArticle, saveArticle } from "~/models/article.server.ts";
import { checkSearchHealth, drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { upsertUser } from "~/models/user.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { reloadEnv } from "~/utils/env.server.ts";

import { closedPort } from "../setup/server-process.ts";

// The real engine this test file was given; put back to show the engine "coming back".
const realHost = process.env.MEILI_HOST!;

function commsUser() {
  return upsertUser({
    email: "c@test.example",
    name: "C",
    role: "comms",
    password: "x".repeat(12),
  });
}

beforeAll(async () => {
  // Point the app at a loopback port where nothing listens: the engine is "down".
  process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
  reloadEnv();
});

test("With the search engine down, search answers from the database and says so", async () => {
  const created = await createArticle({
    slug: "esim-transfer",
    title: "eSIM auf neues Handy übertragen",
    kind: "howto",
    visibility: "public",
    tags: [],
    content: markdownToContent("QR-Code im Kundenportal anfordern."),
    actor: { id: (await commsUser()).id, role: "comms" },
  });
  expect(created.status).toBe("created");
  const result = await searchArticles({ q: "eSIM", audience: "staff" });
  expect(result.status).toBe("unavailable");
  expect(result.hits.map((hit) => hit.slug)).toEqual(["esim-transfer"]);
  expect((await checkSearchHealth()).ok).toBe(false);
});

test("A save while search is down keeps its index job until the engine is back", async () => {
  await expect(drainSearchOutbox()).rejects.toThrow();
  const pending = await prisma.searchOutbox.findMany();
  expect(pending.length).toBeGreaterThan(0);
  expect(pending[0]?.attempts).toBeGreaterThanOrEqual(1);
});

test("An edit saved while search is down is searchable once the engine is back", async () => {
  const article = await prisma.article.findUniqueOrThrow({ where: { slug: "esim-transfer" } });
  const saved = await saveArticle({
    slug: "esim-transfer",
    actor: { id: (await commsUser()).id, role: "comms" },
    baseRevision: article.revision,
    title: "eSIM auf neues Handy übertragen",
    content: markdownToContent(
      "QR-Code im Kundenportal anfordern. Neu: Schnellwechsel per Bluetooth.",
    ),
    tags: [],
    kind: "howto",
  });
  expect(saved.status).toBe("saved");

  process.env.MEILI_HOST = realHost;
  reloadEnv();
  expect(await drainSearchOutbox()).toBeGreaterThanOrEqual(2);
  expect(await prisma.searchOutbox.count()).toBe(0);
  const result = await searchArticles({ q: "schnellwechsel bluetooth", audience: "staff" });
  expect(result.status).toBe("ok");
  expect(result.hits.map((hit) => hit.slug)).toEqual(["esim-transfer"]);
});
