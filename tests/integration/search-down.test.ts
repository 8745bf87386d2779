import { beforeAll, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { createArticle } from "~/models/article.server.ts";
import { checkSearchHealth, drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { reloadEnv } from "~/utils/env.server.ts";

import { closedPort } from "../setup/server-process.ts";

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
    authorId: null,
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
