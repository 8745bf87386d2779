import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { markdownToContent, renderContent } from "~/editor/content.server.ts";
import type { Actor } from "~/models/actor.ts";
import { getArticleForEditing, getPublicArticle } from "~/models/article-reads.server.ts";
import { createArticle, saveArticle } from "~/models/article.server.ts";
import { importMarkdownDirectory } from "~/models/markdown-io.server.ts";
import { restoreRevision } from "~/models/revision.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildArticle, buildUser } from "../factories.ts";

let engineer: Actor;
let comms: Actor;
let root: string;

beforeAll(async () => {
  engineer = (await buildUser({ role: "engineer" })).actor;
  comms = (await buildUser({ role: "comms" })).actor;
  root = await mkdtemp(path.join(os.tmpdir(), "lagebild-rules-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const incidentMarkdown = [
  "Mobilfunk in Hamburg gestört, wir arbeiten daran.",
  "",
  ":::internal",
  "Ursache ist die Linecard im Knoten HH-7, Ticket NOC-4471 beim Hersteller offen.",
  ":::",
].join("\n");

/** A public incident article by comms, with an internal note unless told otherwise. */
async function publicIncident(markdown = incidentMarkdown) {
  const article = await buildArticle({
    title: "Störung Hamburg",
    kind: "incident",
    visibility: "public",
    markdown,
    actor: comms,
  });
  return article.slug;
}

function save(
  slug: string,
  actor: Actor,
  markdown: string,
  extra: { visibility?: "internal" | "public"; title?: string } = {},
) {
  return prisma.article.findUniqueOrThrow({ where: { slug } }).then((head) =>
    saveArticle({
      slug,
      actor,
      baseRevision: head.revision,
      title: extra.title ?? head.title,
      content: markdownToContent(markdown),
      tags: [],
      kind: "incident",
      visibility: extra.visibility,
    }),
  );
}

const audits = (slug: string, action: string) =>
  prisma.auditEvent.findMany({ where: { target: slug, action } });

describe("public text of public articles", () => {
  test("An engineer's edit of a public article's text is refused, audited, and /help is unchanged", async () => {
    const slug = await publicIncident();
    const result = await save(slug, engineer, incidentMarkdown.replace("gestört", "wieder ok"));
    expect(result).toMatchObject({ status: "forbidden" });
    expect((await getPublicArticle(slug))?.html).toContain("gestört");
    expect(await prisma.articleRevision.count({ where: { article: { slug } } })).toBe(1);
    expect(await audits(slug, "article.public-change-refused")).toHaveLength(1);
  });

  test("An engineer may still edit the internal note of a public article", async () => {
    const slug = await publicIncident();
    const result = await save(slug, engineer, incidentMarkdown.replace("NOC-4471", "NOC-4472"));
    expect(result).toMatchObject({ status: "saved" });
    expect(await audits(slug, "article.public-change")).toHaveLength(0);
  });

  test("An engineer cannot make an article internal or public, whatever the form sends", async () => {
    const slug = await publicIncident();
    expect(await save(slug, engineer, incidentMarkdown, { visibility: "internal" })).toMatchObject({
      status: "forbidden",
    });
    const created = await createArticle({
      title: "Heimlich veröffentlicht",
      kind: "howto",
      visibility: "public",
      tags: [],
      content: markdownToContent("Text."),
      actor: engineer,
    });
    expect(created.status).toBe("forbidden");
    expect(await prisma.article.count({ where: { title: "Heimlich veröffentlicht" } })).toBe(0);
  });

  test("A comms edit of the public text is saved and audited as a public change", async () => {
    const slug = await publicIncident();
    const result = await save(slug, comms, incidentMarkdown.replace("gestört", "wieder ok"), {
      title: "Störung Hamburg behoben",
    });
    expect(result).toMatchObject({ status: "saved" });
    expect((await getPublicArticle(slug))?.html).toContain("wieder ok");
    expect(await audits(slug, "article.public-change")).toHaveLength(1);
  });

  test("An engineer restoring an older public text of a public article is refused", async () => {
    const slug = await publicIncident();
    await save(slug, comms, incidentMarkdown.replace("gestört", "wieder ok"));
    const restored = await restoreRevision({ slug, number: 1, actor: engineer });
    expect(restored.status).toBe("forbidden");
    expect((await getPublicArticle(slug))?.html).toContain("wieder ok");
  });

  test("An engineer's import cannot change the text of a public article", async () => {
    const slug = await publicIncident();
    const dir = path.join(root, `import-${slug}`);
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "a.md"),
      `---\ntitle: Störung Hamburg\nslug: ${slug}\nkind: incident\n---\n${incidentMarkdown.replace("gestört", "behoben")}\n`,
    );
    const summary = await importMarkdownDirectory(dir, { actor: engineer });
    expect(summary.failed).toEqual([
      { file: "a.md", message: expect.stringMatching(/right to publish/) },
    ]);
    expect((await getPublicArticle(slug))?.html).toContain("gestört");
  });
});

describe("internal notes never become public in a save", () => {
  test("Re-submitting the Markdown form unchanged keeps a note with a ':::' line internal", async () => {
    const slug = await publicIncident(
      "Öffentlich.\n\n:::internal\nVorher\n\n\\:::\n\nGeheime Zugangsdaten stehen im Tresor.\n:::",
    );
    const form = await getArticleForEditing(slug);
    const result = await save(slug, comms, form!.markdown);
    expect(result.status).toBe("saved");
    expect((await getPublicArticle(slug))?.html).not.toContain("Tresor");
    expect((await prisma.article.findUniqueOrThrow({ where: { slug } })).publicText).not.toContain(
      "Tresor",
    );
  });

  test("Moving a sentence out of an internal note is refused and nothing is written", async () => {
    const slug = await publicIncident();
    const moved = [
      "Mobilfunk in Hamburg gestört, wir arbeiten daran.",
      "",
      "Ursache ist die Linecard im Knoten HH-7, Ticket NOC-4471 beim Hersteller offen.",
    ].join("\n");
    const result = await save(slug, comms, moved);
    expect(result).toMatchObject({ status: "invalid", field: "content" });
    expect(result.status === "invalid" && result.message).toMatch(/internal note/);
    expect((await getPublicArticle(slug))?.html).not.toContain("NOC-4471");
  });

  test("Two concurrent saves that merge keep a note with a ':::' line internal", async () => {
    const slug = await publicIncident(
      "Erster Absatz.\n\nZweiter Absatz.\n\n:::internal\nVorher\n\n\\:::\n\nGeheime Zugangsdaten stehen im Tresor.\n:::",
    );
    const head = await prisma.article.findUniqueOrThrow({ where: { slug } });
    const markdown = renderContent(head.body, "staff").markdown;
    const edit = (from: string, to: string) =>
      saveArticle({
        slug,
        actor: comms,
        baseRevision: head.revision,
        title: head.title,
        content: markdownToContent(markdown.replace(from, to)),
        tags: [],
        kind: "incident",
      });
    expect((await edit("Erster Absatz.", "Erster Absatz, neu.")).status).toBe("saved");
    expect(await edit("Zweiter Absatz.", "Zweiter Absatz, neu.")).toMatchObject({
      status: "saved",
      merged: true,
    });
    const after = await getPublicArticle(slug);
    expect(after?.html).toContain("Zweiter Absatz, neu.");
    expect(after?.html).not.toContain("Tresor");
  });

  test("Unrelated edits next to a note are not mistaken for moving it", async () => {
    const slug = await publicIncident();
    const result = await save(
      slug,
      comms,
      incidentMarkdown.replace("wir arbeiten daran.", "Ursache ist bekannt, wir arbeiten daran."),
    );
    expect(result.status).toBe("saved");
  });
});

describe("front matter", () => {
  test.each(["js", "javascript", "coffee"])(
    "A file with ---%s front matter is refused and its code never runs",
    async (language) => {
      const dir = path.join(root, `engine-${language}`);
      await mkdir(dir, { recursive: true });
      const marker = path.join(dir, "ran");
      const code =
        language === "coffee"
          ? `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")\n{title: "x"}`
          : `require("fs").writeFileSync(${JSON.stringify(marker)}, "x"); ({ title: "x" })`;
      await writeFile(path.join(dir, "evil.md"), `---${language}\n${code}\n---\nText.\n`);
      const summary = await importMarkdownDirectory(dir, { actor: comms });
      expect(summary.failed).toEqual([
        { file: "evil.md", message: `front matter in "${language}" is not accepted, only YAML` },
      ]);
      expect(existsSync(marker)).toBe(false);
    },
  );
});
