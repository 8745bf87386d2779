/**
 * Property: whatever a note holds (fence lines, headings, HTML, Markdown syntax, blank lines,
 * unicode) and whichever path a document takes (editor JSON, the Markdown form, a merge of two
 * concurrent saves, export and import), no word of an internal note reaches the public text, the
 * public index, /help, the feed data or the public API projection.
 */
import { createHeadlessEditor } from "@lexical/headless";
import { $createListItemNode, $createListNode } from "@lexical/list";
import { $createHeadingNode } from "@lexical/rich-text";
import fc from "fast-check";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import { beforeAll, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { $createInternalNoteNode } from "~/editor/internal-note-node.ts";
import { articleNodes } from "~/editor/nodes.ts";
import type { Actor } from "~/models/actor.ts";
import {
  getArticleForEditing,
  getPublicArticle,
  listPublicArticles,
} from "~/models/article-reads.server.ts";
import { createArticle, saveArticle } from "~/models/article.server.ts";
import { buildMarkdownFile, parseMarkdownFile } from "~/models/markdown-file.server.ts";
import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";

import { buildUser } from "../factories.ts";

type Block =
  | { kind: "paragraph" | "heading"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "note"; lines: string[] };

const adversarialLine = fc.oneof(
  fc.constantFrom(
    ":::",
    ":::internal",
    "::: ",
    "\\:::",
    "\\\\:::",
    "```",
    "~~~",
    "# Überschrift",
    "## ",
    "<b>fett</b> <script>x</script>",
    "**fett** _kursiv_",
    "[x](/articles/y) ![b](https://example.com/b.png)",
    "`code` ``",
    "- punkt",
    "1. eins",
    "> zitat",
    "",
    "   ",
    "Ünïcødé ✓ 日本語 \u200b",
    "|a|b|",
  ),
  fc.string({ maxLength: 20 }),
);
const publicWords = fc.constantFrom("Router", "Neustart", "Kunden", "Störung", "behoben", "WLAN");
const publicText = fc.array(publicWords, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));

let runs = 0;
/** A word found nowhere else: letters only, so the search engine indexes it as one token. */
function markerWord(): string {
  const n = ++runs;
  return `geheimmarker${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + (((n / 26) | 0) % 26))}q`;
}

const documentShape = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constantFrom("paragraph" as const, "heading" as const),
      text: publicText,
    }),
    fc.record({
      kind: fc.constant("list" as const),
      items: fc.array(publicText, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant("note" as const),
      lines: fc.array(adversarialLine, { minLength: 1, maxLength: 6 }),
    }),
  ),
  { minLength: 1, maxLength: 6 },
);

/** The editor JSON of the blocks between "Anfang." and "Ende.", each note carrying a marker. */
function buildDocument(blocks: Block[], markers: string[]): string {
  const editor = createHeadlessEditor({
    nodes: articleNodes,
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const root = $getRoot();
      const paragraph = (text: string) => $createParagraphNode().append($createTextNode(text));
      root.append(paragraph("Anfang."));
      for (const block of blocks) {
        if (block.kind === "paragraph") root.append(paragraph(block.text));
        else if (block.kind === "heading") {
          root.append($createHeadingNode("h2").append($createTextNode(block.text)));
        } else if (block.kind === "list") {
          const list = $createListNode("bullet");
          for (const item of block.items)
            list.append($createListItemNode().append($createTextNode(item)));
          root.append(list);
        } else if (block.kind === "note") {
          const marker = markerWord();
          markers.push(marker);
          const note = $createInternalNoteNode();
          // The marker sits after every fence-like line, where a broken fence would publish it.
          for (const line of [...block.lines, `Intern ${marker} bleibt intern.`, ...block.lines]) {
            note.append(line ? paragraph(line) : $createParagraphNode());
          }
          root.append(note);
        }
      }
      root.append(paragraph("Ende."));
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

let comms: Actor;

beforeAll(async () => {
  comms = (await buildUser({ role: "comms" })).actor;
});

async function markdownSave(slug: string, markdown: string, baseRevision: number) {
  return saveArticle({
    slug,
    actor: comms,
    baseRevision,
    title: "Eigenschaft",
    content: markdownToContent(markdown),
    tags: [],
    kind: "howto",
  });
}

async function assertNothingPublic(slugs: string[], markers: string[]) {
  await drainSearchOutbox();
  const rows = await prisma.article.findMany({ where: { slug: { in: slugs } } });
  const pages = await Promise.all(slugs.map((slug) => getPublicArticle(slug)));
  const feed = JSON.stringify(await listPublicArticles(200));
  for (const marker of markers) {
    for (const row of rows) expect(row.publicText).not.toContain(marker);
    for (const page of pages) expect(JSON.stringify(page)).not.toContain(marker);
    expect(feed).not.toContain(marker);
    const found = await searchArticles({ q: marker, audience: "public" });
    expect(found.status).toBe("ok");
    expect(found.hits).toEqual([]);
  }
  // The markers are there for staff: the checks above look at text that exists.
  const staff = await searchArticles({ q: markers[0]!, audience: "staff" });
  expect(staff.hits.map((hit) => hit.slug)).toContain(slugs[0]);
}

test("No note text reaches any public projection, whichever path a document takes", async () => {
  await fc.assert(
    fc.asyncProperty(documentShape, async (blocks) => {
      const markers: string[] = [];
      const content = buildDocument(
        blocks.some((block) => block.kind === "note")
          ? blocks
          : [...blocks, { kind: "note", lines: [":::"] }],
        markers,
      );
      // 1. Editor JSON.
      const created = await createArticle({
        title: "Eigenschaft",
        kind: "howto",
        visibility: "public",
        tags: [],
        content,
        actor: comms,
      });
      expect(created.status).toBe("created");
      if (created.status !== "created") return;
      const { slug } = created.article;
      // 2. The Markdown form re-submitted unchanged.
      const form = (await getArticleForEditing(slug))!;
      expect(await markdownSave(slug, form.markdown, form.revision)).toMatchObject({
        status: "saved",
      });
      // 3. Two concurrent saves of different paragraphs, merged through Markdown.
      const base = (await getArticleForEditing(slug))!;
      const first = await markdownSave(
        slug,
        base.markdown.replace("Anfang.", "Anfang neu."),
        base.revision,
      );
      const second = await markdownSave(
        slug,
        base.markdown.replace("Ende.", "Ende neu."),
        base.revision,
      );
      expect(first.status).toBe("saved");
      expect(second).toMatchObject({ status: "saved", merged: true });
      // 4. Export, then import as a new article.
      const row = await prisma.article.findUniqueOrThrow({ where: { slug } });
      const file = buildMarkdownFile({ ...row, tags: [], keywords: [], ownerEmail: null }).replace(
        `slug: ${slug}`,
        `slug: ${slug}-kopie`,
      );
      const parsed = parseMarkdownFile(file);
      expect(parsed.status).toBe("ok");
      if (parsed.status !== "ok") return;
      // What the import does with a new file, without relinking every article each run.
      const copy = await createArticle({
        slug: parsed.slug,
        title: parsed.front.title,
        kind: "howto",
        visibility: "public",
        tags: [],
        content: markdownToContent(parsed.markdown),
        actor: comms,
      });
      expect(copy.status).toBe("created");
      await assertNothingPublic([slug, `${slug}-kopie`], markers);
    }),
    { numRuns: 20 },
  );
}, 120_000);
