import { afterEach, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { RebuildRunningError } from "~/models/search-rebuild-lease.server.ts";
import { drainSearchOutbox, reindexAllArticles, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildArticle, buildUser } from "../factories.ts";

/** The row another process (`npm run reindex`) writes while it rebuilds the indexes. */
function otherProcessRebuilds(expiresInMs = 60_000) {
  const now = Date.now();
  return prisma.searchRebuild.create({
    data: {
      id: 1,
      holder: "other-host pid 4242 rebuild",
      startedAt: new Date(now - 1000),
      expiresAt: new Date(now + expiresInMs),
    },
  });
}

afterEach(() => prisma.searchRebuild.deleteMany());

/** A public article with its own word, indexed; and the comms user who may change it. */
async function publicArticle(word: string) {
  const { actor } = await buildUser({ role: "comms" });
  const article = await buildArticle({
    title: `Tarifwechsel ${word}`,
    markdown: `Der Tarif ${word} lässt sich monatlich wechseln.`,
    visibility: "public",
    actor,
  });
  await drainSearchOutbox();
  return { actor, article };
}

function makeInternal(actor: Awaited<ReturnType<typeof buildUser>>["actor"], slug: string) {
  return saveArticle({
    slug,
    actor,
    baseRevision: 1,
    title: "Tarifwechsel intern",
    content: markdownToContent("Nur noch intern."),
    tags: [],
    kind: "howto",
    visibility: "internal",
  });
}

const publicSlugs = async (q: string) =>
  (await searchArticles({ q, audience: "public" })).hits.map((hit) => hit.slug);

test("While another process rebuilds, index jobs wait in the outbox and follow once it is done", async () => {
  const { actor, article } = await publicArticle("wombattarif");
  expect(await publicSlugs("wombattarif")).toEqual([article.slug]);

  await otherProcessRebuilds();
  expect((await makeInternal(actor, article.slug)).status).toBe("saved");
  expect(await drainSearchOutbox()).toBe(0);
  // Not written to indexes the rebuild is about to replace: the job waits for the new ones.
  expect(await prisma.searchOutbox.count({ where: { articleId: article.id } })).toBe(1);

  await prisma.searchRebuild.deleteMany();
  expect(await drainSearchOutbox()).toBeGreaterThan(0);
  expect(await publicSlugs("wombattarif")).toEqual([]);
  expect(await prisma.searchOutbox.count()).toBe(0);
});

test("A rebuild that stopped renewing its lease no longer holds the outbox", async () => {
  const { actor, article } = await publicArticle("lemurtarif");
  await otherProcessRebuilds(-1000);
  await makeInternal(actor, article.slug);
  await drainSearchOutbox();
  expect(await publicSlugs("lemurtarif")).toEqual([]);
});

test("A reindex refuses to run beside another one and changes nothing", async () => {
  const { article } = await publicArticle("okapitarif");
  await otherProcessRebuilds();
  await expect(reindexAllArticles()).rejects.toThrow(RebuildRunningError);
  await expect(reindexAllArticles()).rejects.toThrow(/Another rebuild .* is running/);
  expect(await prisma.searchRebuild.findUnique({ where: { id: 1 } })).toMatchObject({
    holder: "other-host pid 4242 rebuild",
  });
  expect(await publicSlugs("okapitarif")).toEqual([article.slug]);
});

test("A reindex frees its lease, and a change saved while it ran reaches the new indexes", async () => {
  const { actor, article } = await publicArticle("tapirtarif");
  let saving: ReturnType<typeof makeInternal> | undefined;
  await reindexAllArticles(() => {
    // After a batch was read with the article still public.
    saving ??= makeInternal(actor, article.slug);
  });
  expect((await saving)?.status).toBe("saved");
  expect(await prisma.searchRebuild.count()).toBe(0);
  await drainSearchOutbox();
  expect(await publicSlugs("tapirtarif")).toEqual([]);
  const staff = await searchArticles({ q: "tarifwechsel intern", audience: "staff" });
  expect(staff.hits.map((hit) => hit.slug)).toContain(article.slug);
  expect(await prisma.searchOutbox.count()).toBe(0);
});
