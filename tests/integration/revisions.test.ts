import { beforeAll, describe, expect, test } from "vitest";

import { markdownToContent, renderContent } from "~/editor/content.server.ts";
import type { Actor } from "~/models/actor.ts";
import { getPublicArticle } from "~/models/article-reads.server.ts";
import {
  createArticle,
  saveArticle,
  type ArticleChanges,
  type SaveResult,
} from "~/models/article.server.ts";
import { joinBlocks, splitBlocks } from "~/models/merge.ts";
import { retryWhileStale, STALE } from "~/models/revision-writer.server.ts";
import {
  diffRevisions,
  getRevision,
  listRevisions,
  restoreRevision,
} from "~/models/revision.server.ts";
import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildArticle, buildUser } from "../factories.ts";

let engineer: Actor;
let comms: Actor;

beforeAll(async () => {
  engineer = (await buildUser({ role: "engineer", name: "Emil Engineer" })).actor;
  comms = (await buildUser({ role: "comms", name: "Clara Comms" })).actor;
});

/** An internal how-to written by the engineer, one block per entry; returns its slug. */
async function newArticle(blocks: string[], title = "Router neu starten") {
  const article = await buildArticle({
    title,
    tags: ["router"],
    markdown: joinBlocks(blocks),
    actor: engineer,
  });
  return article.slug;
}

/** An edit as the editor would send it: the whole article with some blocks replaced. */
function edit(slug: string, baseRevision: number, markdown: string, actor: Actor = engineer) {
  return saveArticle({
    slug,
    actor,
    baseRevision,
    title: "Router neu starten",
    content: markdownToContent(markdown),
    tags: ["router"],
    kind: "howto",
  });
}

async function headMarkdown(slug: string) {
  const article = await prisma.article.findUniqueOrThrow({ where: { slug } });
  return renderContent(article.body, "staff").markdown;
}

function revisionCount(slug: string) {
  return prisma.articleRevision.count({ where: { article: { slug } } });
}

const steps = ["# Router neu starten", "Stecker ziehen.", "Zehn Sekunden warten.", "Einstecken."];
const original = joinBlocks(steps);

describe("saving while others save", () => {
  test("Two people saving different paragraphs of the same version both keep their edit", async () => {
    const slug = await newArticle(steps);
    const [first, second] = await Promise.all([
      edit(slug, 1, original.replace("Stecker ziehen.", "Netzstecker ziehen.")),
      edit(slug, 1, original.replace("Einstecken.", "Wieder einstecken.")),
    ]);
    expect(first.status).toBe("saved");
    expect(second.status).toBe("saved");
    expect([first, second].filter((r) => r.status === "saved" && r.merged)).toHaveLength(1);
    const head = await headMarkdown(slug);
    expect(head).toContain("Netzstecker ziehen.");
    expect(head).toContain("Wieder einstecken.");
    expect(await revisionCount(slug)).toBe(3);
  });

  test("Two people changing the same paragraph: the second gets a conflict and nothing is lost", async () => {
    const slug = await newArticle(steps);
    const mine = original.replace("Zehn Sekunden warten.", "Dreißig Sekunden warten.");
    const theirs = original.replace("Zehn Sekunden warten.", "Eine Minute warten.");
    const [a, b] = await Promise.all([edit(slug, 1, mine), edit(slug, 1, theirs)]);
    const saved = [a, b].filter((r) => r.status === "saved");
    const conflicts = [a, b].filter(
      (r): r is Extract<SaveResult, { status: "conflict" }> => r.status === "conflict",
    );
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0]!;
    const rejected = conflict.mine.markdown.includes("Dreißig") ? "Dreißig" : "Eine Minute";
    const accepted = rejected === "Dreißig" ? "Eine Minute" : "Dreißig";
    expect(await headMarkdown(slug)).toContain(accepted);
    expect(conflict.current).toMatchObject({
      revision: 2,
      title: "Router neu starten",
      authorName: "Emil Engineer",
    });
    expect(conflict.current.markdown).toContain(accepted);
    expect(conflict.mine.markdown).toContain(rejected);
    const added = conflict.diff.filter((part) => part.added).map((part) => part.value);
    expect(added.join(" ")).toContain(rejected.split(" ")[0]);
    expect(await revisionCount(slug)).toBe(2);
  });

  test("A different title from each person is a conflict, a title changed by one is kept", async () => {
    const slug = await newArticle(steps);
    const renamed = await saveArticle({
      slug,
      actor: engineer,
      baseRevision: 1,
      title: "Router richtig neu starten",
      content: markdownToContent(original),
      tags: ["router"],
      kind: "howto",
    });
    expect(renamed.status).toBe("saved");
    const stale = await edit(slug, 1, original.replace("Einstecken.", "Einstecken und warten."));
    expect(stale).toMatchObject({ status: "saved", merged: true });
    const article = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(article.title).toBe("Router richtig neu starten");
    const clash = await saveArticle({
      slug,
      actor: engineer,
      baseRevision: 1,
      title: "Modem neu starten",
      content: markdownToContent(original),
      tags: ["router"],
      kind: "howto",
    });
    expect(clash.status).toBe("conflict");
  });

  test("Saving an unchanged article writes no revision", async () => {
    const slug = await newArticle(steps);
    const result = await edit(slug, 1, original);
    expect(result).toMatchObject({ status: "saved", article: { revision: 1 }, merged: false });
    expect(await revisionCount(slug)).toBe(1);
  });

  test("Random concurrent saves from stale versions never lose an accepted edit", async () => {
    const random = mulberry32(20240611);
    const pick = (n: number) => Math.floor(random() * n);
    const blockCount = 6;
    for (let iteration = 0; iteration < 200; iteration++) {
      const slug = await newArticle(
        Array.from({ length: blockCount }, (_, block) => `Absatz ${block} Fassung null.`),
      );
      const accepted: { revision: number; edits: Map<number, string> }[] = [];
      for (let round = 0; round < 2; round++) {
        const head = (await prisma.article.findUniqueOrThrow({ where: { slug } })).revision;
        const saves = Array.from({ length: 2 + pick(3) }, async (_, save) => {
          const baseRevision = 1 + pick(head);
          const base = await getRevision({ slug, number: baseRevision });
          const blocks = splitBlocks(base!.markdown);
          const edits = new Map<number, string>();
          for (let n = 1 + pick(2); n > 0; n--) {
            const block = pick(blockCount);
            const text = `Absatz ${block} bearbeitet i${iteration}r${round}s${save}n${n}.`;
            blocks[block] = text;
            edits.set(block, text);
          }
          return { result: await edit(slug, baseRevision, joinBlocks(blocks)), edits };
        });
        for (const { result, edits } of await Promise.all(saves)) {
          if (result.status === "saved")
            accepted.push({ revision: result.article.revision, edits });
          else expect(result.status).toBe("conflict");
        }
      }
      const final = splitBlocks(await headMarkdown(slug));
      for (const save of accepted) {
        for (const [block, text] of save.edits) {
          const overwritten = accepted.some(
            (later) => later.revision > save.revision && later.edits.has(block),
          );
          if (!overwritten) expect(final[block], `${slug}, block ${block}`).toBe(text);
        }
      }
      expect(await revisionCount(slug)).toBe(1 + accepted.length);
    }
  }, 240_000);
});

describe("what a save writes", () => {
  test("Content that is not an editor document is refused and nothing is written", async () => {
    const slug = await newArticle(steps);
    const result = await saveArticle({
      slug,
      actor: engineer,
      baseRevision: 1,
      title: "Router neu starten",
      content: '{"root":{"type":"script"}}',
      tags: [],
      kind: "howto",
    });
    expect(result).toMatchObject({ status: "invalid", field: "content" });
    expect(await revisionCount(slug)).toBe(1);
  });

  test("An empty title is refused", async () => {
    const slug = await newArticle(steps);
    const result = await saveArticle({
      slug,
      actor: engineer,
      baseRevision: 1,
      title: "   ",
      content: markdownToContent(original),
      tags: [],
      kind: "howto",
    });
    expect(result).toMatchObject({ status: "invalid", field: "title" });
  });

  test("Saving an unknown article says it was not found", async () => {
    expect(await edit("gibt-es-nicht", 1, original)).toEqual({ status: "not-found" });
  });

  test("Publishing an article is recorded in the audit log with the save", async () => {
    const slug = await newArticle(steps);
    const result = await saveArticle({
      slug,
      actor: comms,
      baseRevision: 1,
      title: "Router neu starten",
      content: markdownToContent(original),
      tags: ["router", "kunden"],
      kind: "faq",
      visibility: "public",
      summary: "Für Kunden freigegeben",
    });
    expect(result).toMatchObject({ status: "saved", article: { revision: 2 } });
    const article = await prisma.article.findUniqueOrThrow({
      where: { slug },
      include: { tags: { orderBy: { name: "asc" } } },
    });
    expect(article).toMatchObject({ visibility: "public", kind: "faq" });
    expect(article.tags.map((tag) => tag.name)).toEqual(["kunden", "router"]);
    const events = await prisma.auditEvent.findMany({ where: { target: slug } });
    expect(events).toMatchObject([{ action: "article.publish", actorId: comms.id }]);
  });

  test("After a save, search finds the new wording and links point to the new target", async () => {
    const target = await newArticle(["Zielartikel."], "Zielartikel");
    const slug = await newArticle(steps);
    const result = await edit(
      slug,
      1,
      `${original}\n\nSiehe [Zielartikel](/articles/${target}). Stichwort Quokkafunk.`,
    );
    expect(result.status).toBe("saved");
    const links = await prisma.articleLink.findMany({
      where: { from: { slug } },
      select: { to: { select: { slug: true } } },
    });
    expect(links.map((link) => link.to.slug)).toEqual([target]);
    await drainSearchOutbox();
    const found = await searchArticles({ q: "quokkafunk", audience: "staff" });
    expect(found.hits.map((hit) => hit.slug)).toEqual([slug]);
  });
});

describe("history", () => {
  test("Restoring an old revision adds a new revision with the old content", async () => {
    const slug = await newArticle(steps);
    const changed = await edit(slug, 1, original.replace("Stecker ziehen.", "Kabel ziehen."));
    expect(changed.status).toBe("saved");
    const restored = await restoreRevision({
      slug,
      number: 1,
      actor: engineer,
    });
    expect(restored).toEqual({ status: "restored", article: { slug, revision: 3 } });
    expect(await revisionCount(slug)).toBe(3);
    const [first, second, third] = await Promise.all(
      [1, 2, 3].map((number) => getRevision({ slug, number })),
    );
    expect(third?.content).toBe(first?.content);
    expect(third?.title).toBe(first?.title);
    expect(third?.summary).toBe("Restored revision 1");
    expect(second?.markdown).toContain("Kabel ziehen.");
    expect(await headMarkdown(slug)).toContain("Stecker ziehen.");
  });

  test("Restoring a revision that does not exist changes nothing", async () => {
    const slug = await newArticle(steps);
    expect(await restoreRevision({ slug, number: 7, actor: engineer })).toEqual({
      status: "not-found",
    });
    expect(await revisionCount(slug)).toBe(1);
  });

  test("Comparing two revisions shows the changed words as added and removed", async () => {
    const slug = await newArticle(steps);
    await edit(slug, 1, original.replace("Zehn Sekunden warten.", "Zwanzig Sekunden warten."));
    const diff = await diffRevisions({ slug, from: 1, to: 2 });
    expect(diff?.body.filter((part) => part.removed).map((part) => part.value.trim())).toEqual([
      "Zehn",
    ]);
    expect(diff?.body.filter((part) => part.added).map((part) => part.value.trim())).toEqual([
      "Zwanzig",
    ]);
    expect(diff?.title).toEqual([{ value: "Router neu starten" }]);
  });

  test("The history lists revisions newest first with author and summary", async () => {
    const slug = await newArticle(steps);
    await saveArticle({
      slug,
      actor: comms,
      baseRevision: 1,
      title: "Router neu starten",
      content: markdownToContent(original.replace("Einstecken.", "Einstecken!")),
      tags: ["router"],
      kind: "howto",
      summary: "Ausrufezeichen",
    });
    const history = await listRevisions(slug);
    expect(history?.revisions).toMatchObject([
      { number: 2, authorName: "Clara Comms", summary: "Ausrufezeichen" },
      { number: 1, authorName: "Emil Engineer", summary: "" },
    ]);
  });
});

describe("creating", () => {
  test("An article with an address already in use is refused, not overwritten", async () => {
    const slug = await newArticle(steps);
    const result = await createArticle({
      slug,
      title: "Anderer Artikel",
      kind: "howto",
      visibility: "internal",
      tags: [],
      content: markdownToContent("Anders."),
      actor: engineer,
    });
    expect(result).toMatchObject({ status: "invalid", field: "slug" });
    expect(await headMarkdown(slug)).toBe(original);
  });
});

/** A small seeded PRNG, so a failing sequence can be replayed. */
function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("article fields on stale saves", () => {
  function save(
    slug: string,
    baseRevision: number,
    fields: { tags?: string[]; kind?: "howto" | "faq" | "incident" },
  ) {
    return saveArticle({
      slug,
      actor: engineer,
      baseRevision,
      title: "Router neu starten",
      content: markdownToContent(original),
      tags: fields.tags ?? ["router"],
      kind: fields.kind ?? "howto",
    });
  }

  test("A tag added by one person and a tag added by another on the same version are both kept", async () => {
    const slug = await newArticle(steps);
    expect((await save(slug, 1, { tags: ["router", "wlan"] })).status).toBe("saved");
    const second = await save(slug, 1, { tags: ["router", "homebox"] });
    expect(second).toMatchObject({ status: "saved", merged: true });
    const article = await prisma.article.findUniqueOrThrow({
      where: { slug },
      include: { tags: true },
    });
    expect(article.tags.map((tag) => tag.name).sort()).toEqual(["homebox", "router", "wlan"]);
  });

  test("A stale save that did not touch the kind keeps the kind someone else set", async () => {
    const slug = await newArticle(steps);
    await save(slug, 1, { kind: "faq" });
    const stale = await saveArticle({
      slug,
      actor: comms,
      baseRevision: 1,
      title: "Router neu starten",
      content: markdownToContent(joinBlocks([...steps.slice(0, 3), "Wieder einstecken."])),
      tags: ["router"],
      kind: "howto",
    });
    expect(stale).toMatchObject({ status: "saved", merged: true });
    const article = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(article.kind).toBe("faq");
    expect(await headMarkdown(slug)).toContain("Wieder einstecken.");
  });

  test("Two people setting the kind to different values get a conflict", async () => {
    const slug = await newArticle(steps);
    await save(slug, 1, { kind: "faq" });
    expect((await save(slug, 1, { kind: "incident" })).status).toBe("conflict");
  });
});

describe("owner, review date and visibility on stale saves", () => {
  /** A save from `baseRevision` that keeps title, tags and kind and sets the given fields. */
  function saveFields(
    slug: string,
    baseRevision: number,
    markdown: string,
    fields: Pick<ArticleChanges, "ownerId" | "reviewAt" | "visibility">,
    actor: Actor = engineer,
  ) {
    return saveArticle({
      slug,
      actor,
      baseRevision,
      title: "Router neu starten",
      content: markdownToContent(markdown),
      tags: ["router"],
      kind: "howto",
      ...fields,
    });
  }
  const changedBody = original.replace("Einstecken.", "Wieder einstecken.");

  test("A stale save handing the article to a new owner merges with someone's text edit", async () => {
    const slug = await newArticle(steps);
    const newOwner = await buildUser({ role: "engineer" });
    expect((await saveFields(slug, 1, changedBody, {}, comms)).status).toBe("saved");
    const stale = await saveFields(slug, 1, original, { ownerId: newOwner.id });
    expect(stale).toMatchObject({ status: "saved", merged: true });
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.ownerId).toBe(newOwner.id);
    expect(await headMarkdown(slug)).toContain("Wieder einstecken.");
  });

  test("Two people handing the same version to different owners: the second gets a conflict and nothing is written", async () => {
    const slug = await newArticle(steps);
    const first = await buildUser({ role: "engineer" });
    const second = await buildUser({ role: "comms" });
    expect((await saveFields(slug, 1, original, { ownerId: first.id })).status).toBe("saved");
    expect((await saveFields(slug, 1, original, { ownerId: second.id }, comms)).status).toBe(
      "conflict",
    );
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.ownerId).toBe(first.id);
    expect(head.revision).toBe(2);
    expect(await revisionCount(slug)).toBe(2);
  });

  test("A stale save moving the review date merges with someone's text edit", async () => {
    const slug = await newArticle(steps);
    const reviewAt = new Date("2027-03-01T00:00:00.000Z");
    expect((await saveFields(slug, 1, changedBody, {}, comms)).status).toBe("saved");
    expect(await saveFields(slug, 1, original, { reviewAt })).toMatchObject({
      status: "saved",
      merged: true,
    });
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.reviewAt?.toISOString()).toBe(reviewAt.toISOString());
    expect(await headMarkdown(slug)).toContain("Wieder einstecken.");
  });

  test("Two people setting different review dates on the same version: the second gets a conflict and nothing is written", async () => {
    const slug = await newArticle(steps);
    const march = new Date("2027-03-01T00:00:00.000Z");
    const april = new Date("2027-04-01T00:00:00.000Z");
    expect((await saveFields(slug, 1, original, { reviewAt: march })).status).toBe("saved");
    expect((await saveFields(slug, 1, original, { reviewAt: april }, comms)).status).toBe(
      "conflict",
    );
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.reviewAt?.toISOString()).toBe(march.toISOString());
    expect(await revisionCount(slug)).toBe(2);
  });

  test("Comms publishing a stale version keeps the engineer's newer internal note, and the note stays off the public page", async () => {
    const body = (note: string) =>
      joinBlocks(["Router neu starten: Stecker ziehen.", ":::internal\n" + note + "\n:::"]);
    const slug = await newArticle(splitBlocks(body("Ursache: Firmware 7.2.")));
    expect(
      (await saveFields(slug, 1, body("Ursache: Firmware 7.3, Ticket NOC-88."), {})).status,
    ).toBe("saved");
    const publish = await saveFields(
      slug,
      1,
      body("Ursache: Firmware 7.2."),
      { visibility: "public" },
      comms,
    );
    expect(publish).toMatchObject({ status: "saved", merged: true });
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.visibility).toBe("public");
    expect(await headMarkdown(slug)).toContain("Firmware 7.3, Ticket NOC-88.");
    const page = await getPublicArticle(slug);
    expect(page?.html).toContain("Stecker ziehen.");
    expect(page?.html).not.toContain("Firmware");
  });
});

describe("revisions written before snapshots of the article fields existed", () => {
  /** An article whose first revision has no snapshot, as revisions from before it were stored. */
  async function articleWithoutSnapshot() {
    const slug = await newArticle(steps);
    await prisma.articleRevision.updateMany({
      where: { article: { slug }, number: 1 },
      data: { meta: null },
    });
    // Someone else saves a text edit on top of it.
    const theirs = original.replace("Stecker ziehen.", "Netzstecker ziehen.");
    expect((await edit(slug, 1, theirs, comms)).status).toBe("saved");
    return slug;
  }

  test("A stale save on such a revision that changes a field is a conflict, and nothing is written", async () => {
    const slug = await articleWithoutSnapshot();
    const stale = await saveArticle({
      slug,
      actor: engineer,
      baseRevision: 1,
      title: "Router neu starten",
      content: markdownToContent(original.replace("Einstecken.", "Wieder einstecken.")),
      tags: ["router"],
      kind: "faq",
    });
    expect(stale.status).toBe("conflict");
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    expect(head.kind).toBe("howto");
    expect(await revisionCount(slug)).toBe(2);
    expect(await headMarkdown(slug)).not.toContain("Wieder einstecken.");
  });

  test("A stale save on such a revision that leaves the fields alone merges", async () => {
    const slug = await articleWithoutSnapshot();
    const stale = await edit(slug, 1, original.replace("Einstecken.", "Wieder einstecken."));
    expect(stale).toMatchObject({ status: "saved", merged: true });
    const markdown = await headMarkdown(slug);
    expect(markdown).toContain("Netzstecker ziehen.");
    expect(markdown).toContain("Wieder einstecken.");
  });
});

test("A save that keeps losing the race gives up after 5 attempts with a clear message", async () => {
  let attempts = 0;
  await expect(
    retryWhileStale(async () => {
      attempts++;
      return STALE;
    }),
  ).rejects.toThrow("Gave up after 5 attempts: other saves kept changing the article.");
  expect(attempts).toBe(5);
});

describe("links on public pages when the linked article is published or unpublished", () => {
  test("A public article links to another only while that one is public", async () => {
    const target = await buildArticle({
      title: "eSIM einrichten",
      markdown: "QR-Code scannen.",
      actor: comms,
    });
    const source = await buildArticle({
      visibility: "public",
      markdown: `Vorher lesen: [eSIM einrichten](/articles/${target.slug}).`,
      actor: comms,
    });
    const link = `href="/help/${target.slug}"`;
    const publicHtml = async () => (await getPublicArticle(source.slug))!.html;
    const setVisibility = async (visibility: "internal" | "public") => {
      const head = await prisma.article.findUniqueOrThrow({ where: { id: target.id } });
      const saved = await saveArticle({
        slug: target.slug,
        actor: comms,
        baseRevision: head.revision,
        title: head.title,
        content: head.body,
        tags: [],
        kind: "howto",
        visibility,
      });
      expect(saved.status).toBe("saved");
    };

    const internal = await publicHtml();
    expect(internal).toContain("eSIM einrichten");
    expect(internal).not.toContain(link);
    expect(internal).not.toContain(`/articles/${target.slug}`);

    await setVisibility("public");
    expect(await publicHtml()).toContain(link);

    await setVisibility("internal");
    const again = await publicHtml();
    expect(again).toContain("eSIM einrichten");
    expect(again).not.toContain(link);
  });
});

describe("new articles", () => {
  test("A second article with the same title gets its own address", async () => {
    const input = {
      title: "WLAN Call einrichten",
      kind: "howto" as const,
      visibility: "internal" as const,
      tags: [],
      content: markdownToContent("Erster Schritt."),
      actor: engineer,
    };
    const first = await createArticle(input);
    const second = await createArticle(input);
    expect(first.status === "created" && first.article.slug).toBe("wlan-call-einrichten");
    expect(second.status === "created" && second.article.slug).toBe("wlan-call-einrichten-2");
  });

  test("The address of the new-article page cannot be taken by an article", async () => {
    const result = await createArticle({
      slug: "new",
      title: "New",
      kind: "howto",
      visibility: "internal",
      tags: [],
      content: markdownToContent("x"),
      actor: engineer,
    });
    expect(result.status).toBe("invalid");
  });
});
