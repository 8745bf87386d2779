import { $createCodeNode } from "@lexical/code";
import { createHeadlessEditor } from "@lexical/headless";
import { $createLinkNode } from "@lexical/link";
import { $createParagraphNode, $createTextNode, $getRoot } from "lexical";
import { describe, expect, test } from "vitest";

import { markdownToContent, renderContent } from "./content.server.ts";
import { $createInternalNoteNode } from "./internal-note-node.ts";
import { articleNodes } from "./nodes.ts";
import { validateContentDocument } from "./schema.ts";

/** Builds content as the browser editor saves it, from paragraphs and notes of plain lines. */
function document(blocks: ({ note: string[]; code?: string } | string)[]): string {
  const editor = createHeadlessEditor({
    nodes: articleNodes,
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const root = $getRoot();
      for (const block of blocks) {
        if (typeof block === "string") {
          root.append($createParagraphNode().append($createTextNode(block)));
          continue;
        }
        const note = $createInternalNoteNode();
        for (const line of block.note)
          note.append($createParagraphNode().append($createTextNode(line)));
        if (block.code) note.append($createCodeNode().append($createTextNode(block.code)));
        root.append(note);
      }
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

const publicText = (content: string) => renderContent(content, "public").text;
const roundTrip = (content: string) => markdownToContent(renderContent(content, "staff").markdown);

describe("internal notes in Markdown", () => {
  test("A ':::' line typed inside a note keeps the text after it internal through the Markdown form", () => {
    const content = document(["Öffentlich.", { note: ["Vorher", ":::", "GEHEIMNOTIZ danach"] }]);
    const again = roundTrip(content);
    expect(publicText(again)).not.toContain("GEHEIMNOTIZ");
    expect(renderContent(again, "staff").text).toContain("GEHEIMNOTIZ");
  });

  test("Fence-like lines inside a note, also in code, come back exactly as typed", () => {
    const content = document([
      ":::internal",
      { note: [":::", "\\:::", ":::internal", "GEHEIMNOTIZ"], code: ":::\n\\:::\n```" },
      "Ende.",
    ]);
    const again = roundTrip(content);
    expect(renderContent(again, "staff").text).toBe(renderContent(content, "staff").text);
    expect(publicText(again)).toBe(publicText(content));
    expect(roundTrip(again)).toBe(again);
  });

  test("A public paragraph ':::internal' stays public text after the Markdown form", () => {
    const content = document([":::internal", "Sichtbar für alle.", ":::"]);
    expect(publicText(roundTrip(content))).toBe(publicText(content));
  });
});

function styled(style: string): string {
  return JSON.stringify({
    root: {
      type: "root",
      children: [{ type: "paragraph", children: [{ type: "text", text: "Hallo", style }] }],
    },
  });
}

describe("inline styles", () => {
  test.each(["position:fixed;inset:0", "display: block", "width: 100vw", "z-index: 9"])(
    "A style that could lay text over the page (%s) is refused",
    (style) => {
      const check = validateContentDocument(styled(style));
      expect(check.ok).toBe(false);
      expect(!check.ok && check.message).toMatch(/style property not allowed/);
    },
  );

  test("Colour and emphasis styles are accepted", () => {
    expect(
      validateContentDocument(styled("color: #c00; background-color: yellow; font-weight: 700")).ok,
    ).toBe(true);
  });
});

function linked(url: string): string {
  const editor = createHeadlessEditor({
    nodes: articleNodes,
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const link = $createLinkNode(url).append($createTextNode("Mehr dazu"));
      $getRoot().append($createParagraphNode().append($createTextNode("Siehe "), link));
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe("links to internal articles", () => {
  test.each([
    "/articles/interne-planung#abschnitt",
    "/articles/interne-planung?tab=2",
    "/articles/interne-planung.md",
    "/articles/interne-planung/history",
    "/help/interne-planung#x",
    "/articles/%69nterne-planung",
  ])("A link to an internal article (%s) is plain text on public pages", (url) => {
    const content = linked(url);
    const { html } = renderContent(content, "public");
    expect(html).not.toContain("interne-planung");
    expect(html).not.toContain("nterne-planung");
    expect(html).toContain("Mehr dazu");
    expect(renderContent(content, "staff").linkedSlugs).toEqual(["interne-planung"]);
  });

  test("A link with an anchor to a public article points into the help centre, anchor kept", () => {
    const { html } = renderContent(linked("/articles/apn-android#schritt-2"), "public", {
      isPublicSlug: (slug) => slug === "apn-android",
    });
    expect(html).toContain('href="/help/apn-android#schritt-2"');
  });
});
