import { describe, expect, test } from "vitest";

import { InvalidContentError, markdownToContent, renderContent } from "./content.server.ts";

const markdown = [
  "## Kundeninformation",
  "",
  "Wir arbeiten an der **Störung**. Siehe [APN](/articles/apn-android).",
  "",
  ":::internal",
  "Root cause NOC-4471, Line card.",
  ":::",
  "",
  "- Neustart",
  "- Flugmodus",
].join("\n");

describe("article content", () => {
  test("Staff see the internal note, highlighted as an aside", () => {
    const { html, text } = renderContent(markdownToContent(markdown), "staff");
    expect(html).toContain('<aside class="internal-note"');
    expect(html).toContain("NOC-4471");
    expect(text).toContain("NOC-4471");
  });

  test("The public rendering drops internal notes entirely", () => {
    const { html, text, markdown: md } = renderContent(markdownToContent(markdown), "public");
    expect(html).not.toContain("NOC-4471");
    expect(html).not.toContain("internal-note");
    expect(text).not.toContain("NOC-4471");
    expect(md).not.toContain(":::internal");
    expect(html).toContain("Störung");
  });

  test("Markdown survives a round trip through the editor state", () => {
    const first = renderContent(markdownToContent(markdown), "staff").markdown;
    const second = renderContent(markdownToContent(first), "staff").markdown;
    expect(second).toBe(first);
    expect(first).toContain(":::internal\nRoot cause NOC-4471, Line card.\n:::");
  });

  test("Links to other articles are collected for backlinks", () => {
    expect(renderContent(markdownToContent(markdown), "staff").linkedSlugs).toEqual([
      "apn-android",
    ]);
  });

  test("Typed HTML is shown as text and javascript: links are refused", () => {
    const { html } = renderContent(markdownToContent('<img src=x onerror="alert(1)">'), "public");
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&lt;img");
    const link = markdownToContent("[click](javascript:alert(1))");
    expect(() => renderContent(link, "public")).toThrow(/Link address not allowed/);
  });

  test("Content that is not an editor document is refused with a clear error", () => {
    expect(() => renderContent("{not json", "staff")).toThrow(InvalidContentError);
    const unknownNode = JSON.stringify({
      root: { type: "root", version: 1, children: [{ type: "script", version: 1 }] },
    });
    expect(() => renderContent(unknownNode, "staff")).toThrow(InvalidContentError);
  });
});

test("Public pages link public articles into the help centre and unwrap links to internal ones", () => {
  const content = markdownToContent(
    "See [APN](/articles/apn-android) and [fraud](/articles/sim-fraud-checks).",
  );
  const { html } = renderContent(content, "public", {
    isPublicSlug: (slug) => slug === "apn-android",
  });
  expect(html).toContain('href="/help/apn-android"');
  expect(html).not.toContain("sim-fraud-checks");
  expect(html).toContain("fraud");
});
