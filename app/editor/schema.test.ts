/* eslint-disable no-script-url -- script URLs are what these tests feed in */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { $createCodeHighlightNode, $createCodeNode } from "@lexical/code";
import { createHeadlessEditor } from "@lexical/headless";
import { $createAutoLinkNode, $createLinkNode } from "@lexical/link";
import { $createListItemNode, $createListNode } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode } from "@lexical/rich-text";
import { $createTableNodeWithDimensions } from "@lexical/table";
import matter from "gray-matter";
import { Window } from "happy-dom";
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  $getRoot,
} from "lexical";
import { describe, expect, test } from "vitest";

import { InvalidContentError, markdownToContent, renderContent } from "./content.server.ts";
import { $createImageNode } from "./image-node.ts";
import { $createInternalNoteNode } from "./internal-note-node.ts";
import { articleNodes } from "./nodes.ts";
import { validateContentDocument, ContentLimits } from "./schema.ts";
import { isSafeLinkUrl } from "./urls.ts";

/** A document with one node of every kind the editor offers, as the browser would save it. */
function everyNodeDocument(compact = false): string {
  const editor = createHeadlessEditor({
    nodes: articleNodes,
    onError: (error) => {
      throw error;
    },
  });
  editor.update(
    () => {
      const heading = $createHeadingNode("h2").append($createTextNode("Heading"));
      const paragraph = $createParagraphNode().append(
        $createTextNode("bold").toggleFormat("bold"),
        $createTabNode(),
        $createLinkNode("/articles/apn-android").append($createTextNode("APN")),
        $createLineBreakNode(),
        $createAutoLinkNode("https://example.com").append($createTextNode("https://example.com")),
        $createImageNode({ src: "https://example.com/map.png", alt: "Coverage map" }),
      );
      const nested = $createListNode("number").append(
        $createListItemNode().append($createTextNode("inner")),
      );
      const list = $createListNode("bullet").append(
        $createListItemNode().append($createTextNode("outer")),
        $createListItemNode().append(nested),
      );
      const code = $createCodeNode("javascript").append(
        $createCodeHighlightNode("let", "keyword"),
        $createTextNode(" x = 1;"),
      );
      const note = $createInternalNoteNode().append(
        $createParagraphNode().append($createTextNode("NOC-4471")),
      );
      $getRoot().append(
        heading,
        paragraph,
        $createQuoteNode().append($createTextNode("quoted")),
        list,
        code,
        $createTableNodeWithDimensions(3, 3),
        note,
      );
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON(compact));
}

function documentWith(...blocks: unknown[]): string {
  return JSON.stringify({ root: { type: "root", version: 1, children: blocks } });
}
const text = (value: string) => ({ type: "text", version: 1, text: value });
const paragraph = (...children: unknown[]) => ({ type: "paragraph", version: 1, children });
const link = (url: string, type = "link") => ({
  type,
  version: 1,
  url,
  children: [text("click")],
});
const image = (src: string, alt = "") => ({ type: "image", version: 1, src, alt });

/** Fails when rendered HTML could run script: handlers, script-ish elements, unsafe URLs. */
function expectInert(html: string) {
  const window = new Window();
  window.document.body.innerHTML = html;
  for (const element of window.document.body.querySelectorAll("*")) {
    expect(["SCRIPT", "IFRAME", "OBJECT", "EMBED", "STYLE"]).not.toContain(element.tagName);
    for (const attribute of element.attributes) {
      expect(attribute.name).not.toMatch(/^on/i);
      if (["href", "src"].includes(attribute.name) && attribute.value) {
        expect(isSafeLinkUrl(attribute.value) || attribute.value === "about:blank").toBe(true);
      }
    }
  }
  return window.document.body;
}

describe("content the editor produces", () => {
  test("Every kind of node the editor offers passes the content check", () => {
    expect(validateContentDocument(everyNodeDocument())).toEqual({ ok: true });
    expect(validateContentDocument(everyNodeDocument(true))).toEqual({ ok: true });
    const { html } = renderContent(everyNodeDocument(), "staff");
    expect(html).toContain('<img src="https://example.com/map.png" alt="Coverage map"');
    expect(html).toContain("<table");
  });

  test("Every demo article passes the content check", async () => {
    const dir = path.resolve(import.meta.dirname, "../../prisma/seed-data");
    const files = (await readdir(dir)).filter((file) => file.endsWith(".md"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const content = markdownToContent(
        matter(await readFile(path.join(dir, file), "utf8")).content,
      );
      expect({ file, check: validateContentDocument(content) }).toEqual({
        file,
        check: { ok: true },
      });
    }
  });

  test("An image written in Markdown survives the round trip", () => {
    const content = markdownToContent(
      "See ![Coverage \\[map\\]](https://example.com/a%20b.png) here",
    );
    const { markdown, html } = renderContent(content, "staff");
    expect(markdown).toBe("See ![Coverage \\[map\\]](https://example.com/a%20b.png) here");
    expect(html).toContain('alt="Coverage [map]"');
  });
});

describe("script in content never runs", () => {
  test("Text with <script> is shown as text to staff and the public", () => {
    const content = documentWith(
      paragraph(text('<script>alert(1)</script><img src=x onerror="alert(2)">')),
    );
    for (const audience of ["staff", "public"] as const) {
      const body = expectInert(renderContent(content, audience).html);
      expect(body.textContent).toContain("<script>alert(1)</script>");
    }
  });

  test.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
    "//evil.example/phish",
    "/\\evil.example/phish",
    "file:///etc/passwd",
  ])("A link to %j is refused", (url) => {
    for (const type of ["link", "autolink"]) {
      const result = validateContentDocument(documentWith(paragraph(link(url, type))));
      expect(result).toMatchObject({
        ok: false,
        message: expect.stringMatching(/Link address not allowed/),
      });
    }
    expect(() => renderContent(documentWith(paragraph(link(url))), "staff")).toThrow(
      InvalidContentError,
    );
  });

  test.each([
    "https://example.com/a?b=1#c",
    "http://intranet/x",
    "mailto:noc@example.com",
    "tel:+49 30 1234",
    "/articles/apn-android",
  ])("A link to %j is kept", (url) => {
    expect(validateContentDocument(documentWith(paragraph(link(url))))).toEqual({ ok: true });
  });

  test.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "mailto:noc@example.com",
  ])("An image from %j is refused", (src) => {
    expect(validateContentDocument(documentWith(paragraph(image(src))))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Image address not allowed/),
    });
  });

  test("Quotes and event handlers in alt text, link title and URL stay inside their attribute", () => {
    const attack = '" onerror="alert(1)" x="';
    const content = documentWith(
      paragraph(image(`https://example.com/a.png?${encodeURIComponent(attack)}"`, attack), {
        ...link(`https://example.com/"onmouseover="alert(1)`),
        title: attack,
      }),
    );
    expect(validateContentDocument(content)).toEqual({ ok: true });
    const body = expectInert(renderContent(content, "staff").html);
    expect(body.querySelector("img")?.getAttribute("alt")).toBe(attack);
    expect(body.querySelector("a")?.getAttribute("title")).toBe(attack);
    expect(body.querySelector("a")?.getAttribute("href")).toBe(
      'https://example.com/"onmouseover="alert(1)',
    );
  });

  test("A code language that would break out of its attribute is refused", () => {
    const code = {
      type: "code",
      version: 1,
      language: 'js" onmouseover="alert(1)',
      children: [text("let x")],
    };
    expect(validateContentDocument(documentWith(code))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Code language/),
    });
  });

  test("Inline styles with url() and table cell colours with CSS are refused", () => {
    const styled = documentWith(
      paragraph({ ...text("x"), style: "background:url(https://evil.example/track)" }),
    );
    expect(validateContentDocument(styled).ok).toBe(false);
    const cell = {
      type: "tablecell",
      version: 1,
      backgroundColor: "red;background-image:url(https://evil.example)",
      children: [paragraph(text("x"))],
    };
    const table = { type: "table", version: 1, children: [{ type: "tablerow", children: [cell] }] };
    expect(validateContentDocument(documentWith(table))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Cell colour not allowed/),
    });
  });
});

describe("content that is not an article is refused with a clear message", () => {
  test("An unknown node type is named", () => {
    const result = validateContentDocument(documentWith(paragraph({ type: "script", version: 1 })));
    expect(result).toEqual({
      ok: false,
      message: 'root.children[0].children[0]: unknown node type "script"',
    });
  });

  test("An unknown field on a known node is named", () => {
    const result = validateContentDocument(
      documentWith(paragraph({ ...text("x"), onclick: "alert(1)" })),
    );
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('"onclick"') });
  });

  test("A node in the wrong place is refused", () => {
    const result = validateContentDocument(
      documentWith({ type: "listitem", version: 1, children: [] }),
    );
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining("not allowed here"),
    });
  });

  test("A document over 1 MB is refused", () => {
    const words = Array.from({ length: 20 }, () => paragraph(text("x".repeat(60_000))));
    const result = validateContentDocument(documentWith(...words));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/at most 1000 kB/) });
  });

  test("Nesting deeper than the limit is refused", () => {
    let list: unknown = { type: "list", listType: "bullet", children: [] };
    for (let level = 0; level < ContentLimits.depth; level++) {
      list = {
        type: "list",
        listType: "bullet",
        children: [{ type: "listitem", children: [list] }],
      };
    }
    expect(validateContentDocument(documentWith(list))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/nested more than 20 levels/),
    });
  });

  test("Text that is not JSON, or JSON without a root, is refused", () => {
    expect(validateContentDocument("{not json")).toEqual({
      ok: false,
      message: "The content is not valid JSON",
    });
    expect(validateContentDocument('{"children":[]}')).toEqual({
      ok: false,
      message: "The content has no root node",
    });
  });
});
