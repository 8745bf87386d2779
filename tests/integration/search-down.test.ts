import { beforeEach, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import type { Actor } from "~/models/actor.ts";
import { saveArticle } from "~/models/article.server.ts";
import { checkSearchHealth, drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { reloadEnv } from "~/utils/env.server.ts";

import { buildArticle, buildUser } from "../factories.ts";
import { resetDatabase } from "../setup/reset-database.ts";
import { closedPort } from "../setup/server-process.ts";

// The real engine this test file was given; put back to show the engine "coming back".
const realHost = process.env.MEILI_HOST!;

// Each test starts from an empty database with the app pointed at a loopback port where nothing
// listens: the engine is "down".
beforeEach(async () => {
  await resetDatabase();
  process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
  reloadEnv();
});

/** The article every test here writes while the engine is down. */
const esimTransfer = (actor?: Actor) =>
  buildArticle({
    actor,
    slug: "esim-transfer",
    title: "eSIM auf neues Handy übertragen",
    visibility: "public",
    markdown: "QR-Code im Kundenportal anfordern.",
  });

test("With the search engine down, search answers from the database and says so", async () => {
  await esimTransfer();
  const result = await searchArticles({ q: "eSIM", audience: "staff" });
  expect(result.status).toBe("unavailable");
  expect(result.hits.map((hit) => hit.slug)).toEqual(["esim-transfer"]);
  expect((await checkSearchHealth()).ok).toBe(false);
});

test("A save while search is down keeps its index job until the engine is back", async () => {
  const article = await esimTransfer();
  await expect(drainSearchOutbox()).rejects.toThrow();
  const pending = await prisma.searchOutbox.findMany();
  expect(pending.map((job) => job.articleId)).toEqual([article.id]);
  expect(pending[0]?.attempts).toBeGreaterThanOrEqual(1);
});

test("An edit saved while search is down is searchable once the engine is back", async () => {
  const comms = await buildUser({ role: "comms" });
  const article = await esimTransfer(comms.actor);
  const saved = await saveArticle({
    slug: article.slug,
    actor: comms.actor,
    baseRevision: article.revision,
    title: article.title,
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
